"""PortalSpider: one profile-driven spider for every portal.

It walks each section's list pages (newest first) and hands every article page to the
pure extractors in :mod:`pressarchive.extract`. Everything it yields is an
:class:`~pressarchive.items.Article` or a :class:`~pressarchive.items.FetchFailure`;
the pipelines normalise, validate and archive them.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from .. import __version__
from ..archive import Archive
from ..discovery import (
    Found,
    feed_entries,
    feed_links,
    join_url,
    list_matches,
    node_text,
    numbered_next_page,
    read_sitemap,
    robots_sitemaps,
)
from ..extract import ExtractionError, extract_article
from ..extract.dates import parse_date
from ..extract.urls import clean_url
from ..items import Document, FetchFailure, NotModified
from ..profiles import Profile, Section, load_profile, profile_names, url_profile
from ..shutdown import ABANDONED
from ..warc import META_KEY as WARC_META

# Links that look like articles on portals with no profile (slug-id, dated or Liferay paths).
GENERIC_ARTICLE_URL = (
    r"(/-/asset_publisher/[^/]+/content/|/-/[a-z0-9-]{12,}|-[a-z]?\d{4,}\.(html?|aspx)"
    r"|/\d{4}[-/]\d{2}[-/]\d{2}/|[?&](id|ItemID|nid|dinhdanh)=\d+)"
)
MAX_SITEMAP_DEPTH = 3  # sitemap index -> sitemap -> (a flat urlset listing more) sitemaps
GENERIC_NEXT_PAGE = [
    "//a[@rel='next']/@href",
    "//ul[contains(@class,'pager') or contains(@class,'pagination')]"
    "//li[not(contains(@class,'disabled'))]"
    "/a[normalize-space()='Tiếp' or normalize-space()='Sau' or normalize-space()='›'"
    " or normalize-space()='»' or normalize-space()='Trang sau']/@href",
]


class PortalSpider(scrapy.Spider):
    """``scrapy crawl portal -a site=NAME`` (or ``-a url=URL`` for generic mode)."""

    name = "portal"

    def __init__(
        self,
        site: str | None = None,
        url: str | None = None,
        base_url: str | None = None,
        since: str | None = None,
        max_articles: str | int | None = None,
        full: str | bool = False,
        recheck: str | int | None = None,
        documents: str | bool = True,
        ocr: str | bool = False,
        refetch_documents: str | bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if site:
            try:
                profile = load_profile(site)
            except KeyError:
                known = ", ".join(profile_names())
                raise ValueError(f"unknown site {site!r}; known sites: {known}") from None
        elif url:
            profile = url_profile(url)
        else:
            raise ValueError("give a site (-a site=NAME) or a start URL (-a url=URL)")
        self.profile: Profile = profile.rebased(base_url) if base_url else profile
        self.site = self.profile.name
        self.allowed_domains = list(self.profile.allowed_domains)
        self.since: date | None = date.fromisoformat(since) if since else None
        self.max_articles = int(max_articles) if max_articles not in (None, "") else None
        self.full = _flag(full)
        self.recheck_days = int(recheck) if recheck not in (None, "") else None
        self.documents = _flag(documents)  # fetch each article's attachments on the site
        self.ocr = _flag(ocr)  # OCR scans during the crawl (else they are needs_ocr)
        self.refetch_documents = _flag(refetch_documents)
        self.known_documents: set[str] = set()  # document URLs already fetched
        self.scheduled = 0
        self.known: set[str] = set()  # article URLs already in the archive
        self.known_streak: dict[str, int] = {}  # section -> consecutive known links
        self.stop_after_known = 20
        pattern = self.profile.discovery.get("article_url_pattern") or GENERIC_ARTICLE_URL
        self.article_pattern = re.compile(pattern)
        self._on_site: dict[str, bool] = {}  # URL origin -> on the profile's domains

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        polite = spider.profile.politeness
        if "download_delay" in polite:
            settings.set("DOWNLOAD_DELAY", float(polite["download_delay"]), priority="spider")
        if "concurrency" in polite:
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", int(polite["concurrency"]),
                         priority="spider")
        if "autothrottle" in polite:
            settings.set("AUTOTHROTTLE_ENABLED", bool(polite["autothrottle"]), priority="spider")
        spider.stop_after_known = settings.getint("PRESSARCHIVE_STOP_AFTER_KNOWN", 20)
        spider.documents = spider.documents and settings.getbool("PRESSARCHIVE_DOCUMENTS", True)
        spider.ocr = spider.ocr or settings.getbool("PRESSARCHIVE_DOCUMENT_OCR")
        spider.refetch_documents = (spider.refetch_documents
                                    or settings.getbool("PRESSARCHIVE_REFETCH_DOCUMENTS"))
        if settings.getpriority("USER_AGENT") <= settings.getpriority("PRESSARCHIVE_CONTACT"):
            contact = settings.get("PRESSARCHIVE_CONTACT")
            settings.set("USER_AGENT", f"pressarchive/{__version__} (+{contact})",
                         priority=settings.getpriority("PRESSARCHIVE_CONTACT"))
        return spider

    # -- discovery --------------------------------------------------------------

    def _budget_left(self) -> bool:
        return self.max_articles is None or self.scheduled < self.max_articles

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Retries of earlier failures and --recheck revisits first, then the sections."""
        retries: list[tuple[str, str | None]] = []
        recheck: list[dict[str, Any]] = []
        document_retries: list[str] = []
        if self.settings.get("PRESSARCHIVE_REDIS_URL"):  # a distributed worker: no archive
            from ..distributed.worker import frontier_memory

            self.known, walked, retries = frontier_memory(self.settings, self.site)
            if not walked:
                self.stop_after_known = 0
            self.documents = False  # documents are fetched by local crawls only
        else:
            with Archive(self.settings.get("PRESSARCHIVE_DB")) as archive:
                self.known = archive.known_urls(self.site)
                if not archive.walk_complete(self.site):
                    self.stop_after_known = 0  # resume: walk every list page, skip known ones
                retries = archive.pending_failures(self.site)
                if self.recheck_days is not None:
                    since = (date.today() - timedelta(days=self.recheck_days)).isoformat()
                    recheck = archive.known_since(self.site, since)
                if self.documents:
                    if not self.refetch_documents:
                        self.known_documents = archive.known_document_urls(self.site)
                    document_retries = archive.pending_document_failures(self.site)
        for url in document_retries:  # documents whose last fetch failed
            yield self._document_request(self.profile.fetch_url(url), None)
        for url, category in dict(retries).items():
            if self._budget_left():
                self.scheduled += 1
                yield self._article_request(self.profile.fetch_url(url),
                                            Section(category or "", ""))
        for row in recheck:  # conditional: an unchanged page costs a 304
            headers = {"If-None-Match": row["etag"], "If-Modified-Since": row["last_modified"]}
            request = self._article_request(self.profile.fetch_url(row["url"]),
                                            Section(row["category"] or "", ""))
            request.headers.update({k: v for k, v in headers.items() if v})
            request.meta["handle_httpstatus_list"] = [304]
            request.dont_filter = True
            yield request
        for section, url in self.profile.section_urls():
            yield scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                 cb_kwargs={"section": section, "page": 1})
        discovery = self.profile.discovery
        for ref in discovery.get("feeds", []):
            yield self._discovery_request(ref, self.parse_feed)
        sitemaps = list(discovery.get("sitemaps", []))
        if discovery.get("use_sitemaps"):
            yield self._discovery_request("/robots.txt", self.parse_robots)
            sitemaps.append("/sitemap.xml")
        for ref in sitemaps:
            yield self._discovery_request(ref, self.parse_sitemap, depth=0)

    def _discovery_request(self, ref: str, callback: Any, **cb_kwargs: Any) -> scrapy.Request:
        """A feed, sitemap or robots.txt fetch: a 404 there is normal, not a failure."""
        return scrapy.Request(urljoin(self.profile.base_url + "/", ref), callback=callback,
                              errback=self.on_error, cb_kwargs=cb_kwargs,
                              meta={"handle_httpstatus_list": [404, 410]})

    def _article_request(self, url: str, section: Section) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                              cb_kwargs={"section": section})

    def _is_article(self, url: str) -> bool:
        if not self.article_pattern.search(url):
            return False
        origin = "/".join(url.split("/", 3)[:3])  # scheme://host[:port]: all matches_url reads
        on_site = self._on_site.get(origin)
        if on_site is None:
            on_site = self._on_site[origin] = self.profile.matches_url(origin + "/")
        return on_site

    def _first_matching(self, response: Response, rules: list[str]) -> list[str]:
        """Values of the first rule that matches (rules are alternatives, best first)."""
        for rule in rules:
            values = [node_text(n) for n in list_matches(response.selector, rule)]
            if values:
                return values
        return []

    def _list_items(self, response: Response) -> list[tuple[str, date | None]]:
        hrefs = self._first_matching(
            response, self.profile.discovery.get("article_links") or ["//a/@href"])
        dates: list[date | None] = []
        days: dict[str, date | None] = {}  # a list repeats its dates: parse each once
        for text in self._first_matching(response, self.profile.discovery.get("list_dates", [])):
            if text not in days:
                parsed = parse_date(text, formats=self.profile.date_formats)
                days[text] = parsed.value.date() if parsed else None
            dates.append(days[text])
        if len(dates) != len(hrefs):  # dates cannot be paired with links: don't use them
            dates = [None] * len(hrefs)
        items, seen, joined = [], set(), {}
        for href, day in zip(hrefs, dates, strict=True):
            url = joined.get(href)
            if url is None:  # a list links each article twice or more (title, "Xem thêm")
                url = joined[href] = clean_url(join_url(response.url, href))
            if url not in seen and self._is_article(url):
                seen.add(url)
                items.append((url, day))
        return items

    def parse_list(self, response: Response, section: Section, page: int
                   ) -> Iterator[scrapy.Request | FetchFailure]:
        self.crawler.stats.inc_value("pressarchive/pages_ok")
        if self.profile.discovery.get("find_feeds") and hasattr(response, "text"):
            for feed in feed_links(response.text, response.url):
                if self.profile.matches_url(feed):
                    yield self._discovery_request(feed, self.parse_feed)
        reached_since = caught_up = False
        for url, day in self._list_items(response):
            if self.since and day and day < self.since:
                reached_since = True
                continue
            if not self._budget_left():
                break
            if self.profile.canonical_url(url) in self.known and not self.full:
                # Incremental: a run of K known articles means the rest is archived too.
                streak = self.known_streak[section.name] = (
                    self.known_streak.get(section.name, 0) + 1)
                caught_up = caught_up or 0 < self.stop_after_known <= streak
                continue
            self.known_streak[section.name] = 0
            self.scheduled += 1
            yield self._article_request(url, section)
        max_pages = self.profile.discovery.get("max_list_pages")
        if (reached_since or caught_up or not self._budget_left()
                or (max_pages and page >= max_pages)):
            return
        rules = self.profile.discovery.get("next_page") or GENERIC_NEXT_PAGE
        pages = [urljoin(response.url, h) for h in self._first_matching(response, rules)
                 if h and not h.startswith("#")]
        if not pages and not self.profile.discovery.get("next_page"):  # by URL shape
            numbered = numbered_next_page(response.url, response.xpath("//a/@href").getall())
            pages = [urljoin(response.url, numbered)] if numbered else []
        pages = [u for u in pages if self.profile.matches_url(u)]  # http(s), on-site only
        if pages:
            yield scrapy.Request(pages[0], callback=self.parse_list, errback=self.on_error,
                                 cb_kwargs={"section": section, "page": page + 1})

    # -- feeds and sitemaps -------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 200:
            for found in feed_entries(response.body, response.url):
                yield from self._discovered(found)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 200:
            for url in robots_sitemaps(response.body, response.url):
                if self.profile.matches_url(url):
                    yield self._discovery_request(url, self.parse_sitemap, depth=0)

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        children, pages = read_sitemap(response.body, response.url)
        if depth < MAX_SITEMAP_DEPTH:
            for url in children:
                if self.profile.matches_url(url):
                    yield self._discovery_request(url, self.parse_sitemap, depth=depth + 1)
        for found in pages:
            yield from self._discovered(found)

    def _discovered(self, found: Found) -> Iterator[scrapy.Request]:
        """An article URL from a feed or sitemap: the same rules as a list entry (known,
        --since, budget), minus the stop-after-known streak (their order is unknown)."""
        url = clean_url(found.url)
        known = self.profile.canonical_url(url) in self.known
        if not self._is_article(url) or (known and not self.full):
            return
        if self.since and found.day and found.day < self.since.isoformat():
            return
        if self._budget_left():
            self.scheduled += 1
            yield self._article_request(url, Section("", ""))

    # -- articles ---------------------------------------------------------------

    def parse_article(self, response: Response, section: Section
                      ) -> Iterator[Any]:
        self.crawler.stats.inc_value("pressarchive/pages_ok")
        if response.status == 304:
            yield NotModified(response.url)
            return
        if not hasattr(response, "text"):
            yield FetchFailure(response.url, "not an HTML page", response.status, self.site)
            return
        try:
            article = extract_article(
                response.body, response.url, profile=self.profile,
                category=section.name or None,
                content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            )
        except ExtractionError as exc:
            yield FetchFailure(response.url, exc.reason, response.status, self.site,
                               category=section.name or None)
            return
        article.site = self.site
        article.fetched_url = response.url  # the pipeline stores it under the canonical host
        article.warc_file, article.warc_offset = response.meta.get(WARC_META, (None, None))
        article.etag = _header(response, b"ETag")
        article.last_modified = _header(response, b"Last-Modified")
        if self.since and article.published and article.published[:10] < self.since.isoformat():
            return  # older than the cut-off: lists were not dated, so the page told us
        yield article
        if self.documents:
            for attachment in article.attachments:
                if (self.profile.matches_url(attachment.url)
                        and self.profile.canonical_url(attachment.url)
                        not in self.known_documents):
                    yield self._document_request(attachment.url, attachment.name)

    # -- documents (attachments) ------------------------------------------------

    def _document_request(self, url: str, name: str | None) -> scrapy.Request:
        """An attachment: fetched once a run (Scrapy's duplicate filter) and capped at
        MAX_DOCUMENT_BYTES; politeness, robots and the WARC apply as to any page."""
        from ..documents import MAX_DOCUMENT_BYTES

        cap = self.settings.getint("PRESSARCHIVE_DOCUMENT_MAXSIZE") or MAX_DOCUMENT_BYTES
        return scrapy.Request(url, callback=self.parse_document, errback=self.on_error,
                              cb_kwargs={"name": name}, priority=-1,
                              meta={"download_maxsize": cap, "download_warnsize": 0})

    async def parse_document(self, response: Response, name: str | None
                             ) -> AsyncIterator[Document]:
        """Check and extract the file off the reactor thread (a slow or hostile file
        never stalls the crawl), and hand the Document to the pipelines."""
        from twisted.internet.threads import deferToThread

        from ..docfetch import document_record, file_name

        timeout = self.settings.getfloat("PRESSARCHIVE_DOCUMENT_TIMEOUT", 60.0)
        document = await maybe_deferred_to_future(deferToThread(
            document_record, response.body, url=response.url, site=self.site,
            content_type=_header(response, b"Content-Type"),
            filename=file_name(response.url, name), ocr=self.ocr, timeout=timeout,
            ocr_timeout=timeout * 10,
            warc=response.meta.get(WARC_META, (None, None))))
        yield document

    def on_error(self, failure: Failure) -> Iterator[FetchFailure]:
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
            reason = "timed out"
        elif failure.check(CannotResolveHostError, DNSLookupError):
            reason = "DNS lookup failed"
        elif failure.check(DownloadConnectionRefusedError):
            reason = "connection refused"
        elif failure.check(ResponseDataLossError):
            reason = "truncated response"
        elif failure.check(DownloadFailedError):
            reason = "connection closed before a response"
        elif failure.check(DownloadCancelledError):
            cap = request.meta.get("download_maxsize") or self.settings.getint(
                "DOWNLOAD_MAXSIZE")
            reason = (f"download stopped at {_mib(cap)}: larger than DOWNLOAD_MAXSIZE"
                      if cap else f"download cancelled {failure.getErrorMessage()}".strip())
            if cap and request.callback == self.parse_document:
                self.logger.warning("document refused: %s (larger than %s)", request.url,
                                    _mib(cap))
                yield Document(request.url, None, 0, "too_large", site=self.site,
                               reason=f"larger than the {_mib(cap)} document cap;"
                                      " download stopped", fetched_url=request.url)
                return
        elif failure.check(IgnoreRequest):
            if str(failure.value) == ABANDONED:
                return  # queued when the run was stopped: the next run fetches it
            reason = str(failure.value) or "request ignored"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.logger.warning("fetch failed: %s (%s)", request.url, reason)
        is_article = request.callback == self.parse_article
        section = request.cb_kwargs.get("section")
        kind = ("article" if is_article else "document"
                if request.callback == self.parse_document else "list")
        yield FetchFailure(request.url, reason, status, self.site, kind=kind,
                           category=section.name or None if section else None)


def _flag(value: str | bool | None) -> bool:
    return str(value).lower() in ("1", "true", "yes", "on")


def _mib(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.4g} MiB"
    return f"{size / 1024:.4g} KiB"


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
