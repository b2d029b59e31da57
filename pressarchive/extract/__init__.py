"""HTML in, article fields out: pure functions, no Scrapy.

``extract_article(html, url, profile=...)`` is the one entry point used by the spider, the
``extract`` command and the tests. Each field has its own module; generic rules are data
in :mod:`.rules`; a site profile's selectors are tried before them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.html import HtmlElement
from parsel import Selector

from ..textnorm import clean_inline
from .author import metadata_author
from .content import extract_content
from .document import PARSER_MAX_DEPTH, parse_document, too_deep
from .language import page_language
from .model import Article, Attachment, ExtractionError, Image
from .published import extract_published
from .rules import CATEGORY_RULES, WEAK_TITLE_RULE
from .select import texts
from .title import extract_title
from .urls import canonical_url, clean_url

if TYPE_CHECKING:
    from ..profiles import Profile

__all__ = [
    "Article", "Attachment", "ExtractionError", "Image", "extract_article", "clean_url",
]


SAMPLE_CHARS = 1500


def _body_sample(doc: Selector) -> str:
    body = doc.root.find("body") if isinstance(doc.root, HtmlElement) else None
    return body.text_content()[:SAMPLE_CHARS] if body is not None else ""


def extract_article(
    html: bytes | str,
    url: str,
    *,
    profile: Profile | None = None,
    category: str | None = None,
    content_type: str | None = None,
    trace: dict[str, str] | None = None,
) -> Article:
    """Extract one article page. Raises :class:`ExtractionError` (with a reason) when the
    page has no title or no body text. ``trace``, if given, receives the rule behind each
    field (for ``probe``-style debugging)."""
    trace = trace if trace is not None else {}
    doc = parse_document(html, url, content_type)
    fields = profile.fields if profile else {}
    cleanup = profile.cleanup if profile else {}
    domains = profile.allowed_domains if profile else []
    site_title = profile.title if profile else None

    article_url = canonical_url(doc, url, domains)
    found_title = extract_title(
        doc, fields.get("title", []), reject=cleanup.get("title_reject", []),
        site_title=site_title, url=url,
    )
    if found_title is None:
        raise ExtractionError("no title found", url)
    title, trace["title"] = found_title

    sample = " ".join(filter(None, [title, *doc.css("meta[name='description']::attr(content)")
                                            .getall()[:1], _body_sample(doc)]))
    # Undeclared and not Vietnamese: the verified profile's language, else undetermined.
    language = page_language(doc, sample,
                             profile.language if profile and profile.verified else "und")
    content = extract_content(
        doc, url, title=title,
        body_rules=fields.get("body", []), lead_rules=fields.get("lead", []),
        remove=cleanup.get("remove", []), byline_rules=fields.get("byline", []),
        extra_chrome=cleanup.get("chrome_phrases", []),
        # <title> alone is weak evidence: on old portals it holds only the site name.
        weak_title=trace["title"] == WEAK_TITLE_RULE,
        # The trailing byline line is a Vietnamese convention; elsewhere it is prose.
        trailing_byline=language == "vi",
    )
    if content.heading:
        title, trace["title"] = content.heading, "heading at the top of the body"
    if not content.lead:
        if too_deep(doc):
            raise ExtractionError("no body text found (markup nested deeper than "
                                  f"{PARSER_MAX_DEPTH} levels is dropped by the parser)", url)
        raise ExtractionError("no body text found", url)
    trace["body"] = content.container_rule or ""
    trace["lead"] = content.lead_rule or "first paragraph"
    body = "\n\n".join([content.lead, *content.paragraphs])

    author, source = content.author, content.source
    if author:
        trace["author"] = "byline line of the body"
    for text, rule in texts(doc, fields.get("author", [])):
        author, trace["author"] = text, rule
        break
    if not author and isinstance(doc.root, HtmlElement):
        # A profile describing the page (its author or body rule) knows where a byline is
        # printed: metadata only, then (the byline-element search costs ~3 ms a page).
        author = metadata_author(doc.root,
                                 elements=not (fields.get("author") or fields.get("body")))
        if author:
            trace["author"] = "metadata or byline element"

    published = extract_published(
        doc, fields.get("published", []),
        formats=profile.date_formats if profile else (), prose=body,
        date_line=content.date_line, url=url,
        # No date rule of the site's own: htmldate is a candidate (see extract_published).
        library="" if fields.get("published") else ("last" if language == "vi" else "first"),
    )
    date_value = precision = date_source = None
    if published:
        parsed, date_source, trace["published"] = published
        date_value, precision = parsed.isoformat(), parsed.precision

    # The profile's rule, else the section the spider found the link in, else metadata.
    rules = [*fields.get("category", [])] + ([] if category else CATEGORY_RULES)
    for text, rule in texts(doc, rules):
        category, trace["category"] = text, rule
        break

    return Article(
        url=article_url,
        site=profile.name if profile else None,
        title=title,
        body=body,
        lead=content.lead,
        published=date_value,
        published_precision=precision,
        published_source=date_source,
        author=clean_inline(author) or None,
        source=clean_inline(source) or None,
        category=clean_inline(category) or None,
        language=language,
        images=content.images,
        attachments=content.attachments,
    )
