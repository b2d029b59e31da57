"""The sample portal: its articles and list pages, rendered on request, with faults."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..textnorm import clean_inline
from . import render
from .spec import ArticleSpec, SectionSpec, generate

HTML = {"Content-Type": "text/html; charset=utf-8"}
DOCUMENTS = {  # extension -> (Content-Type, a tiny body of that kind)
    "jpg": ("image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
                          b"\xff\xd9"),
    "pdf": ("application/pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>"
                               b"\n%%EOF\n"),
    "doc": ("application/msword", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             b"PK\x05\x06" + b"\x00" * 18),
}

Response = tuple[int, dict[str, str], bytes]


@dataclass
class Fault:
    """Overrides one path: an HTTP status, a delay before answering, a replacement body, or
    a broken transfer. ``times`` > 0 makes the fault happen that many times only."""

    status: int = 200
    delay: float = 0.0
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)  # e.g. Retry-After
    reset: bool = False  # close the connection without answering
    truncate: bool = False  # announce the full length, send half, close
    redirect: str | None = None  # 302 to this path (a loop if it points back)
    times: int = 0


class Portal:
    """A Liferay-style provincial portal held in memory (see spec.py for its content).

    ``articles`` is newest first; list pages show each section's articles in that order, so
    a test may insert new ones at the front (and add them to ``_by_path``).
    """

    def __init__(self, sections: list[SectionSpec], articles: list[ArticleSpec],
                 per_page: int) -> None:
        self.sections = sections
        self.articles = articles
        self.per_page = per_page
        self.faults: dict[str, Fault] = {}
        # Documents served at their paths: (media type, bytes or a lazy body with
        # ``size`` and ``chunks()``), see attachments.py.
        self.files: dict[str, tuple[str, Any]] = {}
        self.robots_disallow: list[str] = ["/c/portal/", "/web/guest/tim-kiem"]
        self._by_path = {a.path: a for a in articles}
        self._lock = threading.Lock()
        self._cache: tuple[tuple[int, int], dict[str, list[ArticleSpec]], dict[int, int]] | None
        self._cache = None

    def _index(self) -> tuple[dict[str, list[ArticleSpec]], dict[int, int]]:
        """Articles by section, and each article's position there (rebuilt on changes)."""
        key = (len(self.articles), id(self.articles[0]) if self.articles else 0)
        cache = self._cache
        if cache is None or cache[0] != key:
            by_section: dict[str, list[ArticleSpec]] = {s.name: [] for s in self.sections}
            for a in self.articles:
                by_section.setdefault(a.section, []).append(a)
            where = {id(a): n for items in by_section.values() for n, a in enumerate(items)}
            cache = self._cache = (key, by_section, where)
        return cache[1], cache[2]

    def section_articles(self, section: SectionSpec) -> list[ArticleSpec]:
        """The section's articles, newest first."""
        return list(self._index()[0].get(section.name, []))

    def article(self, title_or_path: str) -> ArticleSpec:
        """An article by title, path or full URL (KeyError if there is none)."""
        path = urlsplit(title_or_path).path if "://" in title_or_path else title_or_path
        found = self._by_path.get(path) or next(
            (a for a in self.articles if a.title == title_or_path), None)
        if found is None:
            raise KeyError(title_or_path)
        return found

    def replace_article(self, old: ArticleSpec, new: ArticleSpec) -> None:
        """``new`` in the place of ``old`` (same path), from the next request on."""
        with self._lock:
            self._by_path[new.path] = new
            self.articles[next(n for n, a in enumerate(self.articles) if a is old)] = new
            self._cache = None

    def edit_article(self, path: str, paragraphs: list[str]) -> None:
        """The portal silently edits an article: new paragraphs from the next request on."""
        with self._lock:
            old = self._by_path[path]
            new = replace(old, paragraphs=[clean_inline(p) for p in paragraphs],
                          list_after=None, list_len=0)
            self._by_path[path] = new
            self.articles[next(n for n, a in enumerate(self.articles) if a is old)] = new
            self._cache = None

    def render(self, path: str, query: str, base_url: str) -> Response:
        """(status, headers, body) for one GET of ``path?query``."""
        if path == "/robots.txt":
            rules = "".join(f"Disallow: {p}\n" for p in self.robots_disallow)
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, (
                f"User-agent: *\n{rules}".encode())
        if path in ("/", ""):
            html = render.home_html(base_url, self.sections, self.articles[:8], self._popular())
            return 200, HTML, html.encode("utf-8")
        for section in self.sections:
            if path.rstrip("/") == section.path:
                return self._list(section, query, base_url)
        spec = self._by_path.get(path)
        if spec is not None:
            html = render.article_html(spec, base_url, self.sections, self._related(spec),
                                       self._popular(spec), self.articles[:4])
            return 200, HTML, html.encode("utf-8")
        return self._document(path) or self.not_found(path)

    def not_found(self, path: str) -> Response:
        return 404, HTML, render.not_found_html(path, self.sections).encode("utf-8")

    def _popular(self, exclude: ArticleSpec | None = None) -> list[ArticleSpec]:
        """"Tin xem nhiều": five articles spread over the archive."""
        step = max(len(self.articles) // 7, 1)
        return [a for a in self.articles[1::step] if a is not exclude][:5]

    def _related(self, spec: ArticleSpec, k: int = 5) -> list[ArticleSpec]:
        """"Các tin đã đưa": the next older articles of the same section."""
        by_section, where = self._index()
        same, at = by_section.get(spec.section, []), where.get(id(spec), -1)
        return (same[at + 1:at + 1 + k] + same[:max(at, 0)])[:k]

    def _document(self, path: str) -> Response | None:
        """An image or attachment some article links to (a few bytes of the right type)."""
        if path in self.files:
            media_type, body = self.files[path]
            return 200, {"Content-Type": media_type}, body
        parts = path.split("/")
        if len(parts) != 6 or parts[1] != "documents":
            return None
        kind = DOCUMENTS.get(parts[4].rsplit(".", 1)[-1].lower())
        if kind is None or not any(path == p for a in self.articles
                                   for p, _ in [*a.images, *a.attachments]):
            return None
        return 200, {"Content-Type": kind[0]}, kind[1]

    def _list(self, section: SectionSpec, query: str, base_url: str) -> Response:
        items = self.section_articles(section)
        pages = max(1, -(-len(items) // self.per_page))
        values = parse_qs(query).get(render.cur_param(section), ["1"])
        try:
            page_no = max(int(values[0]), 1)
        except ValueError:
            page_no = 1
        chunk = items[(page_no - 1) * self.per_page: page_no * self.per_page]
        html = render.list_html(section, chunk, page_no, pages, len(items), self.per_page,
                                base_url, self.sections, self._popular(), self.articles[:4])
        return 200, HTML, html.encode("utf-8")


def build_portal(n_articles: int = 36, *, per_page: int = 4, n_sections: int = 3,
                 seed: int = 2023) -> Portal:
    """A portal of ``n_articles`` (the reference article included) over ``n_sections``."""
    sections, articles = generate(n_articles, n_sections, seed)
    return Portal(sections, articles, per_page)
