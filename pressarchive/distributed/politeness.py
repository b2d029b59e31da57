"""Per-domain politeness shared by every worker: one Redis slot reservation a request.

Each worker's own DOWNLOAD_DELAY only spaces *its* requests; with N workers a portal
would see N times the rate. Before each fetch this middleware reserves the next start
time for the domain in Redis (a Lua call: ``max(now, next)``, then ``next += delay``) and
waits until then, so all workers together keep one request per ``delay`` seconds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import task

from .keys import Keys, connect

_RESERVE = """
local now = redis.call('TIME')
local t = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local at = math.max(t, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 60000)
return at - t
"""


class SharedPoliteness:
    """Downloader middleware: waits for this domain's next shared slot."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        if not settings.get("PRESSARCHIVE_REDIS_URL"):
            raise NotConfigured
        self.crawler = crawler
        self.client = connect(settings.get("PRESSARCHIVE_REDIS_URL"))
        self.keys = Keys(settings.get("PRESSARCHIVE_REDIS_PREFIX") or Keys.prefix)
        self._reserve = self.client.register_script(_RESERVE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedPoliteness:
        return cls(crawler)

    @property
    def delay_ms(self) -> int:
        """The spacing: PRESSARCHIVE_SHARED_DELAY, else DOWNLOAD_DELAY (after the profile's
        ``[politeness]`` has been applied)."""
        settings = self.crawler.settings
        shared = settings.get("PRESSARCHIVE_SHARED_DELAY")
        delay = float(shared) if shared not in (None, "") else settings.getfloat(
            "DOWNLOAD_DELAY")
        return int(delay * 1000)

    async def process_request(self, request: Request) -> None:
        delay = self.delay_ms
        if delay <= 0:
            return None
        domain = urlsplit(request.url).hostname or ""
        wait_ms = int(self._reserve(keys=[self.keys.polite(domain)], args=[delay]))
        if wait_ms > 0:
            from twisted.internet import reactor  # the one Scrapy installed

            self.crawler.stats.inc_value("pressarchive/politeness_waits")
            await maybe_deferred_to_future(task.deferLater(reactor, wait_ms / 1000))
        return None
