"""Live crawl progress on a terminal (a Scrapy extension, on when PRESSARCHIVE_PROGRESS)."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from twisted.internet.task import LoopingCall


def progress_line(site: str, stats: dict[str, Any], elapsed: float) -> str:
    pages = stats.get("response_received_count", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (
        f"[{site}] {pages} pages · {stats.get('item_scraped_count', 0)} items · "
        f"{stats.get('pressarchive/new', 0)} new · {stats.get('pressarchive/changed', 0)} changed"
        f" · {stats.get('pressarchive/unchanged', 0)} unchanged · "
        f"{stats.get('pressarchive/failed', 0)} errors · {rate:.1f} pages/s"
    )


class Progress:
    """Rewrites one status line on stderr every second while a crawl runs."""

    def __init__(self, crawler: Any, stream: TextIO = sys.stderr, interval: float = 1.0) -> None:
        self.crawler = crawler
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.loop: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        ext = cls(crawler)
        if crawler.settings.getbool("PRESSARCHIVE_PROGRESS"):
            crawler.signals.connect(ext.opened, signal=signals.spider_opened)
            crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.loop = LoopingCall(self.tick)
        self.loop.start(self.interval, now=False)

    def tick(self) -> None:
        site = getattr(self.crawler.spider, "site", "crawl")
        line = progress_line(site, self.crawler.stats.get_stats(), time.monotonic() - self.started)
        self.stream.write("\r\033[K" + line)
        self.stream.flush()

    def closed(self, spider: Any) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.stream.write("\r\033[K")
        self.stream.flush()
