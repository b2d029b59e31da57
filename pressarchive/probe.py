"""``pressarchive probe``: one article page, every field beside the rule that produced it,
and selector suggestions for what is missing, so a profile is written or mended in minutes.

The page comes from the live site (one polite GET that honours robots.txt, with the
crawler's limits: see :mod:`.probefetch`) or from a saved file. Suggestions are
candidates to paste into a profile's ``[fields]``, not answers: elements whose whole text
reads as a date, short byline-like lines near the end of the text, and the elements
holding the most paragraph text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from . import __version__
from .extract import ExtractionError, extract_article
from .extract.dates import parse_date
from .extract.document import parse_document
from .limits import DOWNLOAD_TIMEOUT
from .probefetch import Fetcher, ProbeError
from .profiles import Profile
from .textnorm import clean_inline

FIELDS = ("title", "published", "author", "source", "lead", "body", "category")
__all__ = ["ProbeError", "ProbeReport", "fetch", "format_report", "probe"]
USER_AGENT = f"pressarchive/{__version__} (probe; +https://github.com/pressarchive/pressarchive)"


@dataclass
class Suggestion:
    selector: str
    text: str
    note: str = ""


@dataclass
class ProbeReport:
    url: str
    profile: str
    values: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # profile | generic
    error: str | None = None
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)


def fetch(url: str, allowed: list[str] | None = None, timeout: float = DOWNLOAD_TIMEOUT,
          user_agent: str = USER_AGENT) -> tuple[bytes, str]:
    """One GET of ``url`` after checking robots.txt, with the crawler's limits (see
    :mod:`.probefetch`); ``allowed`` domains (default: the URL's own) may be redirected to.
    Returns (body, Content-Type); raises :class:`ProbeError` with the reason."""
    host = (urlsplit(url).hostname or "").lower()
    domains = sorted({host.removeprefix("www."), *(allowed or [])})
    return Fetcher(user_agent, domains, timeout=timeout).get(url)


def probe(html: bytes | str, url: str, profile: Profile,
          content_type: str | None = None) -> ProbeReport:
    """Extract with a trace and suggest selectors for the fields that came out empty."""
    report = ProbeReport(url=url, profile=profile.name)
    trace: dict[str, str] = {}
    try:
        article = extract_article(html, url, profile=profile, content_type=content_type,
                                  trace=trace)
        report.values = {name: getattr(article, name) for name in FIELDS}
        report.values["published_source"] = article.published_source
        report.values["images"] = len(article.images)
        report.values["attachments"] = len(article.attachments)
    except ExtractionError as exc:
        report.error = exc.reason
    report.rules = dict(trace)
    for name in ("author", "source"):  # found by the byline reader, not by a rule
        if report.values.get(name) and name not in report.rules:
            report.rules[name] = "byline/credit line of the body"
    for name, rule in report.rules.items():
        report.origins[name] = "profile" if rule in profile.fields.get(name, []) else "generic"
    try:
        doc = parse_document(html, url, content_type)
    except ExtractionError:  # the page itself is refused (undecodable, binary, too large)
        return report
    missing = [n for n in ("title", "published", "author", "body")
               if not report.values.get(n)]
    if report.values.get("published_source") == "prose":  # a date from the text: weak
        missing.insert(1, "published")
    for name in missing:
        report.suggestions[name] = SUGGESTERS[name](doc)
    return report


# -- suggestions ----------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "head", "title", "meta", "link", "nav", "footer"}


def css_path(node: Selector, depth: int = 3) -> str:
    """A readable CSS selector for ``node``: tag#id or tag.class, up to ``depth`` levels
    (stopping at an id, which is specific enough)."""
    parts: list[str] = []
    current: Selector | None = node
    while current is not None and len(parts) < depth:
        root = current.root
        tag = getattr(root, "tag", None)
        if not isinstance(tag, str) or tag in ("html", "body"):
            break
        ident = root.get("id")
        classes = [c for c in (root.get("class") or "").split() if c.isascii()][:2]
        if ident and ident.isascii() and not any(ch.isdigit() for ch in ident[-4:]):
            parts.append(f"{tag}#{ident}")
            break
        parts.append(tag + "".join(f".{c}" for c in classes))
        parent = root.getparent()
        current = Selector(root=parent) if parent is not None else None
    return " ".join(reversed(parts)) or "body"


def _own_text(node: Selector) -> str:
    return clean_inline(" ".join(node.xpath(".//text()").getall()))


def suggest_published(doc: Selector, limit: int = 5) -> list[Suggestion]:
    """Elements whose whole (short) text parses as a date."""
    out: list[Suggestion] = []
    seen: set[str] = set()
    for node in doc.xpath("//body//*[not(self::script or self::style)]"):
        text = _own_text(node)
        if not text or len(text) > 80 or node.xpath("./*[string-length(normalize-space()) > 80]"):
            continue
        parsed = parse_date(text, use_dateparser=False)
        selector = css_path(node)
        if parsed and selector not in seen and not node.xpath("./*[normalize-space()]"):
            seen.add(selector)
            out.append(Suggestion(selector, text, f"→ {parsed.isoformat()}"))
        if len(out) >= limit:
            break
    meta = doc.xpath("//meta[contains(@property,'published_time') or @itemprop='datePublished'"
                     " or @name='pubdate']/@content").get()
    if meta:
        out.insert(0, Suggestion("meta[property='article:published_time']::attr(content)",
                                 meta, "machine-readable"))
    return out


def suggest_author(doc: Selector, limit: int = 5) -> list[Suggestion]:
    """Classes that say author/byline, and short bold or right-aligned closing lines."""
    out: list[Suggestion] = []
    xpath = (
        "//*[contains(@class,'author') or contains(@class,'tac-gia') or contains(@class,"
        "'byline') or @itemprop='author' or @rel='author']"
        " | //p[contains(translate(@style,' ',''),'text-align:right')]"
        " | //p[(strong or b or em) and string-length(normalize-space()) < 60]"
    )
    seen: set[str] = set()
    for node in reversed(doc.xpath(xpath)):
        text = _own_text(node)
        words = text.split()
        if not text or not 1 <= len(words) <= 8:
            continue
        selector = css_path(node)
        if selector in seen:
            continue
        seen.add(selector)
        out.append(Suggestion(selector, text))
        if len(out) >= limit:
            break
    return out


def suggest_title(doc: Selector, limit: int = 3) -> list[Suggestion]:
    out = [Suggestion(css_path(n), _own_text(n)) for n in doc.xpath("//h1 | //h2")
           if 3 <= len(_own_text(n).split()) <= 40][:limit]
    og = doc.xpath("//meta[@property='og:title']/@content").get()
    if og:
        out.append(Suggestion("meta[property='og:title']::attr(content)", og))
    return out


def suggest_body(doc: Selector, limit: int = 3) -> list[Suggestion]:
    """Elements with the most text in their own <p> children."""
    scored = []
    for node in doc.xpath("//body//*[p]"):
        tag = getattr(node.root, "tag", "")
        if tag in _SKIP:
            continue
        text = " ".join(_own_text(p) for p in node.xpath("./p"))
        if len(text) > 200:
            scored.append((len(text), css_path(node), text))
    scored.sort(reverse=True)
    return [Suggestion(sel, text[:120] + "…", f"{size} characters in <p>")
            for size, sel, text in scored[:limit]]


SUGGESTERS = {"title": suggest_title, "published": suggest_published,
              "author": suggest_author, "body": suggest_body}


def format_report(report: ProbeReport, width: int = 70) -> str:
    lines = [f"probe {report.url}", f"profile: {report.profile}"]
    if report.error:
        lines.append(f"extraction refused the page: {report.error}")
    lines.append(f"{'field':<16} {'value':<{width}} rule")
    for name in (*FIELDS[:2], "published_source", *FIELDS[2:], "images", "attachments"):
        value = report.values.get(name)
        shown = "—" if value in (None, "") else str(value).replace("\n", " ⏎ ")
        if len(shown) > width:
            shown = shown[: width - 1] + "…"
        rule = report.rules.get(name, "")
        origin = f" [{report.origins[name]}]" if name in report.origins else ""
        lines.append(f"{name:<16} {shown:<{width}} {rule}{origin}".rstrip())
    for name, suggestions in report.suggestions.items():
        lines.append("")
        why = "only found in the text (prose)" if report.values.get(name) else "missing"
        lines.append(f"{name} is {why}; candidates for the profile's [fields] {name} = [...]:")
        if not suggestions:
            lines.append("  (none found)")
        for s in suggestions:
            note = f"  {s.note}" if s.note else ""
            text = s.text if len(s.text) <= 60 else s.text[:59] + "…"
            lines.append(f'  "{s.selector}"   {text}{note}')
    return "\n".join(lines)
