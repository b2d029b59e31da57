"""Fetch policies Scrapy lacks (DESIGN.md), as downloader middlewares.

- :class:`RetryAfterBackoff`: 429/503 with ``Retry-After`` raises that host's download
  delay to the announced wait (capped by ``PRESSARCHIVE_MAX_RETRY_AFTER``, 120 s) before
  Scrapy's RetryMiddleware retries; AutoThrottle has no notion of it.
- :class:`RedirectLoopGuard`: a redirect back to a URL of its own chain is a failure with
  a reason (Scrapy's duplicate filter would drop it silently and nothing would be recorded).
- :class:`StrictRobotsTxt`: RFC 9309 robots.txt status rules. Scrapy parses any answer's
  body as rules, so a 5xx error page meant "allow everything"; here a 5xx (after Scrapy's
  retries) means "disallow everything" for that run, and a 4xx means "no rules".
"""

from __future__ import annotations

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


class RetryAfterBackoff:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("PRESSARCHIVE_MAX_RETRY_AFTER", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterBackoff:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After", b"").decode(
                "latin-1"))
            downloader = self.crawler.engine.downloader
            key = request.meta.get("download_slot") or downloader.get_slot_key(request)
            slot = downloader.slots.get(key)
            if wait is not None and slot is not None:
                slot.delay = max(slot.delay, min(wait, self.cap))
                self.crawler.stats.inc_value("pressarchive/retry_after")
        return response


class RedirectLoopGuard:
    """Runs before RedirectMiddleware sees a 3xx (priority above 600)."""

    def process_response(self, request: Request, response: Response) -> Response:
        if 300 <= response.status < 400 and b"Location" in response.headers:
            target = urljoin(request.url, response.headers[b"Location"].decode("latin-1"))
            chain = {request.url, *request.meta.get("redirect_urls", [])}
            if target in chain:
                raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response


class StrictRobotsTxt(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with the status rules of RFC 9309.

    Also mends a slip seen with Scrapy 2.19: when robots.txt disallows the requests that
    wait for it, the request that fetched it can lose its parser to the ensuing error and
    go through unchecked; it is checked against the parser that did get stored.
    """

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
