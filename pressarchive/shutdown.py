"""PromptShutdown: Ctrl-C and SIGTERM end a crawl within seconds, recorded as interrupted.

Scrapy's graceful stop waits for every request already handed to the downloader, including
those queued behind a download delay (a host slowed to 120 s by ``Retry-After`` kept a
stopped crawl alive for minutes: past systemd's 90 s, which then kills it). This extension
runs first when the signal arrives:

- requests queued in the downloader are abandoned (they fail with ``ABANDONED``, which the
  spider does not record as a fetch error: the next run walks every list page again,
  because this one ends ``interrupted``);
- after ``PRESSARCHIVE_SHUTDOWN_GRACE`` seconds, if downloads in flight still hold the
  spider open, the archive pipeline is finished (its buffered articles written, the run
  marked ``interrupted``) and the reactor is stopped.

Scrapy's own handler still runs (a second signal still stops at once).
"""

from __future__ import annotations

import logging
import signal
from typing import Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

ABANDONED = "abandoned at shutdown"
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class PromptShutdown:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.grace = crawler.settings.getfloat("PRESSARCHIVE_SHUTDOWN_GRACE", 8.0)
        self.requested: str | None = None
        self.closed = False
        crawler.signals.connect(self._wrap_handlers, signal=signals.engine_started)
        crawler.signals.connect(self._on_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PromptShutdown:
        return cls(crawler)

    def _wrap_handlers(self) -> None:
        """Chain in front of whatever handler is installed (Scrapy's, once the reactor runs)."""
        from twisted.internet import reactor

        def wrap() -> None:
            for signum in _SIGNALS:
                previous = signal.getsignal(signum)
                if getattr(previous, "_pressarchive", False):
                    continue

                def handler(num: int, frame: Any, previous: Any = previous) -> None:
                    reactor.callFromThread(self.request_stop, signal.Signals(num).name)
                    if callable(previous):
                        previous(num, frame)
                    elif previous == signal.SIG_DFL:
                        raise KeyboardInterrupt

                handler._pressarchive = True  # type: ignore[attr-defined]
                try:
                    signal.signal(signum, handler)
                except ValueError:  # not the main thread (an embedding program's choice)
                    return

        wrap()
        reactor.callLater(0, wrap)  # after Scrapy installs its handlers on startup

    def request_stop(self, reason: str = "shutdown") -> None:
        """Abandon queued downloads now; force the end after the grace period."""
        from twisted.internet import reactor

        if self.requested is not None:
            return
        self.requested = reason
        self.crawler.stats.set_value("pressarchive/interrupted_by", reason)
        abandoned = abandon_queued(self.crawler)
        logger.info("%s: abandoned %d queued requests (fetched again next run)", reason,
                    abandoned)
        if self.grace >= 0:
            reactor.callLater(self.grace, self._force)

    def _force(self) -> None:
        from twisted.internet import reactor

        if self.closed:
            return
        logger.warning("downloads still in flight %.0f s after %s: stopping now", self.grace,
                       self.requested)
        for pipe in _pipelines(self.crawler):
            finish = getattr(pipe, "finish", None)
            if finish is not None:
                finish("shutdown")
        if reactor.running:
            reactor.stop()

    def _on_closed(self, spider: Any = None, reason: str = "") -> None:
        self.closed = True


def abandon_queued(crawler: Any) -> int:
    """Fail every request waiting in a downloader slot's queue; returns how many."""
    engine = getattr(crawler, "engine", None)
    downloader = getattr(engine, "downloader", None)
    count = 0
    for slot in list(getattr(downloader, "slots", {}).values()):
        while slot.queue:
            _request, deferred = slot.queue.popleft()
            deferred.errback(Failure(IgnoreRequest(ABANDONED)))
            count += 1
    return count


def _pipelines(crawler: Any) -> list[Any]:
    scraper = getattr(getattr(crawler, "engine", None), "scraper", None)
    manager = getattr(scraper, "itemproc", None)
    return list(getattr(manager, "middlewares", ()))
