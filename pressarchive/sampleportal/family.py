"""Shared machinery of the non-Liferay fixture portals (``aspnet.py``, ``wordpress.py``).

Each family portal takes the articles that :func:`.spec.generate` writes from the Vietnamese
text pools (the reference article, whose text comes from a real page, is left out), gives
them the family's URLs, file paths and date lines, and renders them in the family's markup
(../shared/portal-markup.md). The truth of every article (title, published, author, source,
lead, body, images, attachments, section) stays on its :class:`~.spec.ArticleSpec`, so
tests can compare every stored field. The object has the interface ``PortalServer`` uses:
``render(path, query, base_url)``, ``faults`` and ``robots_disallow``.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from .portal import DOCUMENTS, HTML, Fault, Response
from .spec import REFERENCE_TITLE, WEEKDAYS, ArticleSpec, SectionSpec, generate

# (section name as generated, URL alias) — the names are the expected ``category``.
ALIASES = {"Chính trị - Xây dựng Đảng": "chinh-tri", "Kinh tế": "kinh-te",
           "Văn hóa - Xã hội": "van-hoa-xa-hoi"}


def weekday(when: datetime, *, capital: bool = False) -> str:
    """"Thứ ba" (NukeViet) or "Thứ Ba" (WordPress themes)."""
    name = WEEKDAYS[when.weekday()]
    return name.title() if capital else name


def file_name(path: str) -> str:
    """``dsc_1234.jpg`` out of a generated ``/documents/34223/0/dsc_1234.jpg/<uuid>``."""
    parts = path.split("/")
    return parts[4] if len(parts) == 6 and parts[1] == "documents" else parts[-1]


def generated_articles(n_articles: int, n_sections: int, seed: int
                       ) -> tuple[list[SectionSpec], list[ArticleSpec]]:
    """``n_articles`` generated articles (newest first), without the reference article."""
    sections, articles = generate(n_articles + 1, n_sections, seed)
    return sections, [a for a in articles if a.title != REFERENCE_TITLE][:n_articles]


def text(spec: ArticleSpec, value: str) -> str:
    """Escaped text; on ``nbsp`` pages with the &nbsp; and zero-width spaces editors leave."""
    out = escape(value, quote=False)
    if spec.nbsp:
        out = out.replace(", ", ",&nbsp;", 1).replace(" ", "\u200b ", 1) + "&nbsp;"
    return out


def image_html(path: str, caption: str | None, style: str, alt: str) -> str:
    """A photo as editors of these portals insert one: figure, centred <em> line, or table."""
    img = (f'<img alt="{escape(alt)}" src="{escape(path)}" '
           'style="width: 600px; height: 400px;" />')
    if caption is None:
        return f'<p style="text-align: center;">{img}</p>'
    cap = escape(caption, quote=False)
    if style == "figure":
        return f'<figure class="image">{img}<figcaption>{cap}</figcaption></figure>'
    if style == "wp":
        return (f'<figure class="wp-block-image size-large">{img}'
                f'<figcaption class="wp-element-caption">{cap}</figcaption></figure>')
    if style == "em":
        return (f'<p style="text-align: center;">{img}</p>\n'
                f'<p style="text-align: center;"><em>{cap}</em></p>')
    return ('<table align="center" border="0" cellpadding="1" cellspacing="1" class="image">'
            f'<tbody><tr><td>{img}</td></tr><tr><td class="image_desc">{cap}</td></tr>'
            "</tbody></table>")


def body_html(spec: ArticleSpec, *, p_attrs: str = "", figure: str = "figure",
              attachment: Callable[[str, str], str] | None = None) -> str:
    """The article's own prose: paragraphs, a numbered list, photos, attachment links."""
    parts: list[str] = []
    images = list(spec.images)
    style = figure if spec.caption_style == "figure" else spec.caption_style
    if images:
        path, caption = images.pop(0)
        parts.append(image_html(path, caption, style, spec.title if caption else ""))
    paragraphs, i = spec.paragraphs, 0
    while i < len(paragraphs):
        if i == spec.list_after and spec.list_len:
            items = "".join(f"<li>{text(spec, t)}</li>" for t in paragraphs[i:i + spec.list_len])
            parts.append(f"<ol>{items}</ol>")
            i += spec.list_len
        else:
            parts.append(f"<p{p_attrs}>{text(spec, paragraphs[i])}</p>")
            if i == 0 and spec.empty_paragraph:
                parts.append("<p>&nbsp;</p>")
            i += 1
        if i >= 2 and images:  # a second photo further down
            parts.append(image_html(*images.pop(0), style, ""))
    link = attachment or (lambda path, name: f'<p><a href="{escape(path)}" target="_blank">'
                                             f"{escape(name)}</a></p>")
    parts.extend(link(path, name) for path, name in spec.attachments)
    return "\n".join(parts)


class FamilyPortal:
    """A fixture portal of one platform family; subclasses give URLs and markup.

    ``articles`` is newest first; ``sections`` are :class:`SectionSpec` whose ``path`` is
    the first list page. Subclasses implement :meth:`list_target` (which list page a
    request is), :meth:`article_page`, :meth:`list_page`, :meth:`home_page`,
    :meth:`not_found_page`.
    """

    site_title = "Cổng thông tin điện tử"
    robots: tuple[str, ...] = ()

    def __init__(self, sections: list[SectionSpec], articles: list[ArticleSpec],
                 per_page: int) -> None:
        self.sections = sections
        self.articles = articles
        self.per_page = per_page
        self.faults: dict[str, Fault] = {}
        self.robots_disallow: list[str] = list(self.robots)
        self._by_target = {a.path: a for a in articles}
        self._files = {p for a in articles for p, _ in [*a.images, *a.attachments]}

    # -- content ------------------------------------------------------------------

    def section_articles(self, section: SectionSpec) -> list[ArticleSpec]:
        return [a for a in self.articles if a.section == section.name]

    def pages(self, section: SectionSpec) -> int:
        return max(1, -(-len(self.section_articles(section)) // self.per_page))

    def article(self, title_or_path: str) -> ArticleSpec:
        """An article by title, path (with its query, if the URL has one) or full URL."""
        if "://" in title_or_path:
            parts = urlsplit(title_or_path)
            title_or_path = parts.path + (f"?{parts.query}" if parts.query else "")
        found = self._by_target.get(title_or_path) or next(
            (a for a in self.articles if a.title == title_or_path), None)
        if found is None:
            raise KeyError(title_or_path)
        return found

    def section_of(self, spec: ArticleSpec) -> SectionSpec:
        return next((s for s in self.sections if s.name == spec.section), self.sections[0])

    def popular(self, exclude: ArticleSpec | None = None) -> list[ArticleSpec]:
        """"Tin xem nhiều": five articles spread over the archive."""
        step = max(len(self.articles) // 7, 1)
        return [a for a in self.articles[1::step] if a is not exclude][:5]

    def related(self, spec: ArticleSpec, k: int = 4) -> list[ArticleSpec]:
        """"Tin khác": the next older articles of the same section."""
        same = self.section_articles(self.section_of(spec))
        at = next((n for n, a in enumerate(same) if a is spec), -1)
        return (same[at + 1:at + 1 + k] + same[:max(at, 0)])[:k]

    # -- HTTP ---------------------------------------------------------------------

    def render(self, path: str, query: str, base_url: str) -> Response:
        """(status, headers, body) for one GET of ``path?query``."""
        if path == "/robots.txt":
            rules = "".join(f"Disallow: {p}\n" for p in self.robots_disallow)
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, (
                f"User-agent: *\n{rules}".encode())
        target = path + (f"?{query}" if query else "")
        spec = self._by_target.get(target) or self._by_target.get(path)
        if spec is not None:
            html = self.article_page(spec, base_url)
            if spec.nfd:
                html = unicodedata.normalize("NFD", html)
            return 200, HTML, html.encode("utf-8")
        found = self.list_target(path, query)
        if found is not None:
            section, page_no = found
            items = self.section_articles(section)
            chunk = items[(page_no - 1) * self.per_page: page_no * self.per_page]
            html = self.list_page(section, chunk, page_no, self.pages(section), base_url)
            return 200, HTML, html.encode("utf-8")
        if path in ("/", "") or path.lower() in self.home_paths():
            return 200, HTML, self.home_page(base_url).encode("utf-8")
        if path in self._files:
            kind = DOCUMENTS.get(path.rsplit(".", 1)[-1].lower())
            if kind is not None:
                return 200, {"Content-Type": kind[0]}, kind[1]
        return 404, HTML, self.not_found_page(path).encode("utf-8")

    def home_paths(self) -> tuple[str, ...]:
        return ()

    # -- subclass hooks -------------------------------------------------------------

    def list_target(self, path: str, query: str) -> tuple[SectionSpec, int] | None:
        raise NotImplementedError

    def article_page(self, spec: ArticleSpec, base_url: str) -> str:
        raise NotImplementedError

    def list_page(self, section: SectionSpec, items: list[ArticleSpec], page_no: int,
                  pages: int, base_url: str) -> str:
        raise NotImplementedError

    def home_page(self, base_url: str) -> str:
        raise NotImplementedError

    def not_found_page(self, path: str) -> str:
        raise NotImplementedError


def restyle(articles: list[ArticleSpec], seed: int,
            remake: Callable[[int, ArticleSpec, random.Random], ArticleSpec]
            ) -> list[ArticleSpec]:
    """Each article remade for a family (new path, files, date style and its truth)."""
    rng = random.Random(seed)
    return [remake(i, a, rng) for i, a in enumerate(articles)]


def with_truth(spec: ArticleSpec, *, path: str, section: str, published: str, precision: str,
               date_style: str, images: list[tuple[str, str | None]],
               attachments: list[tuple[str, str]]) -> ArticleSpec:
    return replace(spec, path=path, section=section, published=published,
                   published_precision=precision, date_style=date_style, images=images,
                   attachments=attachments, redirect_link=False, entity_og_title=False)
