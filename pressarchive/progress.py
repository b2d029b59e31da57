"""Live crawl progress on a terminal (a Scrapy extension, on when PRESSARCHIVE_PROGRESS)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Any, TextIO

from scrapy import signals
from twisted.internet.task import LoopingCall


def progress_line(site: str, stats: dict[str, Any], elapsed: float,
                  width: int | None = None) -> str:
    """The status line; with ``width``, fitted into ``width - 1`` columns (so the terminal
    never wraps it and ``\\r`` rewrites it in place): short labels first, then the least
    telling counts dropped, then cut."""
    pages = stats.get("response_received_count", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    counts = [(pages, "pages", "pages"), (stats.get("item_scraped_count", 0), "items", None),
              (stats.get("pressarchive/new", 0), "new", "new"),
              (stats.get("pressarchive/changed", 0), "changed", "chg"),
              (stats.get("pressarchive/unchanged", 0), "unchanged", "same"),
              (stats.get("pressarchive/failed", 0), "errors", "err")]
    full = [f"{n} {label}" for n, label, _ in counts] + [f"{rate:.1f} pages/s"]
    line = f"[{site}] " + " · ".join(full)
    if width is None or len(line) < width:
        return line
    short = {label: f"{n} {label}" for n, _, label in counts if label}
    short["rate"] = f"{rate:.1f}/s"
    for least in ("same", "rate", "chg", "err"):  # pages and new stay
        line = f"[{site}] " + " · ".join(short.values())
        if len(line) < width:
            return line
        del short[least]
    line = f"[{site}] " + " · ".join(short.values())
    limit = max(width - 1, 1)
    return line if len(line) <= limit else line[:limit - 1] + "…"


def terminal_columns(stream: TextIO) -> int:
    """The width of the terminal ``stream`` writes to ($COLUMNS first; 80 if unknown)."""
    fallback = shutil.get_terminal_size((80, 24)).columns  # $COLUMNS, else stdout's
    if os.environ.get("COLUMNS"):
        return fallback
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return fallback


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
        width = terminal_columns(self.stream)  # asked each time: windows get resized
        line = progress_line(site, self.crawler.stats.get_stats(),
                             time.monotonic() - self.started, width)
        self.stream.write("\r\033[K" + line)
        self.stream.flush()

    def closed(self, spider: Any) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.stream.write("\r\033[K")
        self.stream.flush()
