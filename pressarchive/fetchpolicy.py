"""Fetch policies Scrapy lacks (DESIGN.md), as downloader middlewares.

- :class:`WebSchemesOnly`: only http(s) requests reach a download handler.
- :class:`RetryAfterBackoff`: 429/503 with ``Retry-After`` raises that host's download
  delay to the announced wait (capped by ``PRESSARCHIVE_MAX_RETRY_AFTER``, 120 s) before
  Scrapy's RetryMiddleware retries, then decays back; AutoThrottle has no notion of it.
- :class:`RedirectGuard`: a redirect loop, a redirect to a non-http(s) URL and one to
  another site are failures with a reason (Scrapy would drop them silently).
- :class:`StrictRobotsTxt`: RFC 9309 robots.txt status rules. Scrapy parses any answer's
  body as rules, so a 5xx error page meant "allow everything"; here a 5xx (after Scrapy's
  retries) means "disallow everything" for that run, and a 4xx means "no rules".
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


WEB_SCHEMES = ("http", "https")


def is_web_url(url: str) -> bool:
    """Only ``http:`` and ``https:`` URLs are ever fetched (never file:, ftp:, data:, s3:)."""
    return url.split(":", 1)[0].strip().lower() in WEB_SCHEMES and "://" in url


class WebSchemesOnly:
    """Refuses, with a reason, every request that is not http(s): articles, lists,
    pagination, feeds, sitemaps, robots.txt and redirects alike (the last line of defence:
    the spider never yields such links, and the download handlers for other schemes are
    off in settings)."""

    def process_request(self, request: Request) -> None:
        if not is_web_url(request.url):
            raise IgnoreRequest(f"not an http(s) URL, refused: {request.url[:200]}")


class RetryAfterBackoff:
    """``Retry-After`` on a 429/503 delays that host's next request by the announced wait
    (capped); each later good answer from the host halves the extra delay again, back to
    the delay the host had before (AutoThrottle-like), so one throttled URL does not slow
    the rest of the run."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("PRESSARCHIVE_MAX_RETRY_AFTER", 120.0)
        self.usual: dict[str, float] = {}  # slot key -> its delay before a Retry-After

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterBackoff:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        downloader = self.crawler.engine.downloader
        key = request.meta.get("download_slot") or downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return response
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After", b"").decode(
                "latin-1"))
            if wait is not None:
                self.usual.setdefault(key, slot.delay)
                slot.delay = max(slot.delay, min(wait, self.cap))
                self.crawler.stats.inc_value("pressarchive/retry_after")
        elif key in self.usual:
            usual = self.usual[key]
            slot.delay = max(usual, usual + (slot.delay - usual) / 2)
            if slot.delay - usual < 0.05:
                slot.delay = usual
                del self.usual[key]
        return response


class RedirectGuard:
    """Runs before RedirectMiddleware sees a 3xx (priority above 600). A redirect that
    would not be followed safely becomes a failure with its reason instead of vanishing:
    a loop, a target that is not http(s), or another site's host (an article moved to a new
    portal: the target is in the reason, so an archivist sees where it went)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectGuard:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not (300 <= response.status < 400 and b"Location" in response.headers):
            return response
        location = response.headers[b"Location"].decode("latin-1").strip()
        target = urljoin(request.url, location)
        chain = {request.url, *request.meta.get("redirect_urls", [])}
        if target in chain:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        if not is_web_url(target):
            raise IgnoreRequest(f"redirect to a non-http(s) URL refused: {target[:200]}")
        profile = getattr(self.crawler.spider, "profile", None)
        if (profile is not None and not request.meta.get("dont_obey_robotstxt")
                and not profile.matches_url(target)):
            raise IgnoreRequest(f"redirected off-site to {target[:300]}")
        return response


class StrictRobotsTxt(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with the status rules of RFC 9309.

    Also mends a slip seen with Scrapy 2.19: when robots.txt disallows the requests that
    wait for it, the request that fetched it can lose its parser to the ensuing error and
    go through unchecked; it is checked against the parser that did get stored.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        logging.getLogger(RobotsTxtMiddleware.__module__).addFilter(_one_line)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(
                ("data:", "file:")):
            return
        parser = await self.robot_parser(request)
        settled = self._parsers.get(urlparse_cached(request).netloc)
        if parser is None and settled is not None and not isinstance(settled, Deferred):
            parser = settled
        self.process_request_2(parser, request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            response = response.replace(body=b"User-agent: *\nDisallow: /\n")
        elif response.status >= 400:
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)


def _one_line(record: logging.LogRecord) -> bool:
    """An unreachable robots.txt is one log line (the page's own failure is recorded),
    not a traceback: Scrapy logs it with the exception's stack."""
    record.exc_info = None
    record.exc_text = None
    return True
