"""The sample portal: its articles and list pages, rendered on request, with faults."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs

from . import render
from .spec import ArticleSpec, SectionSpec, generate

HTML = {"Content-Type": "text/html; charset=utf-8"}


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
    """A Liferay-style provincial portal held in memory (see spec.py for its content)."""

    def __init__(self, sections: list[SectionSpec], articles: list[ArticleSpec],
                 per_page: int) -> None:
        self.sections = sections
        self.articles = articles
        self.per_page = per_page
        self.faults: dict[str, Fault] = {}
        self.robots_disallow: list[str] = ["/c/portal/", "/web/guest/tim-kiem"]
        self._by_path = {a.path: a for a in articles}
        self._lock = threading.Lock()

    def section_articles(self, section: SectionSpec) -> list[ArticleSpec]:
        return [a for a in self.articles if a.section == section.name]

    def article(self, title_or_path: str) -> ArticleSpec:
        found = self._by_path.get(title_or_path) or next(
            (a for a in self.articles if a.title == title_or_path), None)
        if found is None:
            raise KeyError(title_or_path)
        return found

    def edit_article(self, path: str, paragraphs: list[str]) -> None:
        """The portal silently edits an article: new paragraphs from the next request on."""
        with self._lock:
            old = self._by_path[path]
            new = replace(old, paragraphs=list(paragraphs), list_after=None, list_len=0)
            self._by_path[path] = new
            self.articles[self.articles.index(old)] = new

    def _related(self, spec: ArticleSpec | None, k: int = 5) -> list[ArticleSpec]:
        return [a for a in self.articles if a is not spec][:k]

    def render(self, path: str, query: str, base_url: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) for one GET."""
        if path == "/robots.txt":
            rules = "".join(f"Disallow: {p}\n" for p in self.robots_disallow)
            return 200, {"Content-Type": "text/plain; charset=utf-8"}, (
                f"User-agent: *\n{rules}".encode())
        if path in ("/", ""):
            html = render.home_html(self.sections, self._related(None))
            return 200, HTML, html.encode("utf-8")
        for section in self.sections:
            if path.rstrip("/") == section.path:
                return self._list(section, query, base_url)
        spec = self._by_path.get(path)
        if spec is not None:
            html = render.article_html(spec, base_url, self.sections, self._related(spec))
            return 200, HTML, html.encode("utf-8")
        return 404, HTML, render.not_found_html(self.sections).encode("utf-8")

    def _list(self, section: SectionSpec, query: str, base_url: str
              ) -> tuple[int, dict[str, str], bytes]:
        items = self.section_articles(section)
        pages = max(1, -(-len(items) // self.per_page))
        values = parse_qs(query).get(render.cur_param(section), ["1"])
        try:
            page_no = int(values[0])
        except ValueError:
            page_no = 1
        if not 1 <= page_no <= pages:
            return 404, HTML, render.not_found_html(self.sections).encode("utf-8")
        chunk = items[(page_no - 1) * self.per_page: page_no * self.per_page]
        html = render.list_html(section, chunk, page_no, pages, base_url, self.sections,
                                self._related(None))
        return 200, HTML, html.encode("utf-8")


def build_portal(n_articles: int = 36, *, per_page: int = 4, n_sections: int = 3,
                 seed: int = 2023) -> Portal:
    """A portal of ``n_articles`` (the reference article included) over ``n_sections``."""
    sections, articles = generate(n_articles, n_sections, seed)
    return Portal(sections, articles, per_page)
