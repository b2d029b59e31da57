"""A distributed worker's Scrapy components, switched on by ``PRESSARCHIVE_REDIS_URL``.

:class:`DistributedAddon` (called by the add-on in ``ADDONS``, :mod:`pressarchive.addons`,
when the setting is set) swaps the scheduler for the shared frontier, the archive pipeline
for the hand-off pipeline, and adds the worker extension, the acknowledging spider
middleware and the shared politeness middleware. ``scrapy crawl portal -a site=X -s
PRESSARCHIVE_REDIS_URL=redis://…`` (scrapyd) and ``pressarchive crawl X --redis …`` both
come here.

Life of a run: the first worker of a site creates the run (``run_start``); others join it
and share its queue and seen-set; a worker stays while the frontier has requests or any
worker has requests in flight, and the worker that finds both empty ends the run
(``run_end``) and clears the seen-set, so the next run fetches list pages again.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from twisted.internet import task
from twisted.python.failure import Failure

from ..pipelines import run_options
from . import messages
from .frontier import ENTRY, reclaim_dead_workers, requeue
from .keys import Keys, connect, default_worker_name, member

_START_OR_JOIN = """
local current = redis.call('GET', KEYS[1])
if current then return {0, current} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[3], KEYS[4])
return {1, ARGV[1]}
"""
# KEYS: run, requests, seen, options, ingest, walked; ARGV: run id, run_end message,
# walked flag, in-flight key pattern. 1 = this call ended the run, 0 = work remains,
# -1 = the run had already ended.
_END_IF_DONE = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('LLEN', KEYS[2]) > 0 then return 0 end
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[4], 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    if redis.call('HLEN', key) > 0 then return 0 end
  end
until cursor == '0'
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4])
redis.call('LPUSH', KEYS[5], ARGV[2])
redis.call('SET', KEYS[6], ARGV[3])
return 1
"""


class DistributedAddon:
    """Scrapy add-on: turns this crawl into a worker when PRESSARCHIVE_REDIS_URL is set."""

    def update_settings(self, settings: Any) -> None:
        url = settings.get("PRESSARCHIVE_REDIS_URL")
        if not url:
            return
        settings.set("REDIS_URL", url, priority="addon")
        if not settings.get("PRESSARCHIVE_WORKER"):
            settings.set("PRESSARCHIVE_WORKER", default_worker_name(), priority="addon")
        settings.set("SCHEDULER", "pressarchive.distributed.frontier.SiteScheduler",
                     priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter",
                     priority="addon")
        from ..pipelines import ArchivePipeline
        from .politeness import SharedPoliteness

        settings.replace_in_component_priority_dict(
            "ITEM_PIPELINES", ArchivePipeline, HandoffPipeline)
        settings.set_in_component_priority_dict("EXTENSIONS", Worker, 100)
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", AckMiddleware, 10)
        # Nearest the downloader but before the WARC capture (950): the shared spacing
        # applies to the real fetch, robots.txt included.
        settings.set_in_component_priority_dict(
            "DOWNLOADER_MIDDLEWARES", SharedPoliteness, 940)


def frontier_memory(settings: Any, site: str
                    ) -> tuple[set[str], bool, list[tuple[str, str | None]]]:
    """What a worker knows of the archive without opening it: the article URLs the writer
    has stored (for incremental runs), whether the last run walked every list page, and
    the pages that failed before, (URL, section), to retry first."""
    client = connect(settings.get("PRESSARCHIVE_REDIS_URL"))
    keys = Keys(settings.get("PRESSARCHIVE_REDIS_PREFIX") or Keys.prefix)
    known = {u.decode() for u in client.sscan_iter(keys.known(site), count=10_000)}
    pending = [(u.decode(), c.decode() or None)
               for u, c in client.hgetall(keys.pending(site)).items()]
    return known, client.get(keys.walked(site)) == b"1", sorted(pending)


class Worker:
    """Extension: registers the worker, keeps its heartbeat, starts/joins/ends the run,
    acknowledges requests whose outcome has been handed off."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        url = settings.get("PRESSARCHIVE_REDIS_URL")
        if not url:
            raise NotConfigured
        self.crawler = crawler
        self.client = connect(url)
        self.keys = Keys(settings.get("PRESSARCHIVE_REDIS_PREFIX") or Keys.prefix)
        self.name: str = settings.get("PRESSARCHIVE_WORKER")
        self.interval = settings.getfloat("PRESSARCHIVE_REDIS_HEARTBEAT", 5.0)
        self.site = ""
        self.member = ""  # <worker>@<site>: its heartbeat and registry entry
        self.run = ""
        self.started_run = False
        self.loop: task.LoopingCall | None = None
        self._end = self.client.register_script(_END_IF_DONE)
        self._start = self.client.register_script(_START_OR_JOIN)
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_done, signal=signals.item_scraped)
        crawler.signals.connect(self.item_done, signal=signals.item_dropped)
        crawler.signals.connect(self.item_done, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Worker:
        return cls(crawler)

    # -- life of the worker -------------------------------------------------------

    def opened(self, spider: Any) -> None:
        self.site = spider.site
        self.member = member(self.name, self.site)
        self.beat()
        info = {"host": socket.gethostname(), "pid": os.getpid(), "site": self.site,
                "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        self.client.hset(self.keys.workers, self.member, json.dumps(info))
        self.client.sadd(self.keys.sites, self.site)
        options = json.dumps(run_options(spider))
        run_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        started, run = self._start(
            keys=[self.keys.run(self.site), self.keys.run_options(self.site),
                  self.keys.requests(self.site), self.keys.seen(self.site)],
            args=[run_id, options])
        self.run, self.started_run = run.decode(), bool(started)
        if self.started_run:
            self.client.lpush(self.keys.ingest, messages.encode(
                "run_start", self.site, self.run, self.name, json.loads(options)))
        spider.logger.info("worker %s %s run %s of %s", self.name,
                           "started" if self.started_run else "joined", self.run, self.site)
        self.loop = task.LoopingCall(self.beat)
        self.loop.start(self.interval, now=False)
        # Look at the shared queue twice a second when idle (Scrapy's default is 5 s).
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = 0.5

    def beat(self) -> None:
        """Heartbeat (expires after three missed beats) and reclaim of dead workers."""
        ttl_ms = int(self.interval * 3000)
        self.client.set(self.keys.alive(self.member), str(time.time()), px=ttl_ms)
        for dead, count in reclaim_dead_workers(self.client, self.keys).items():
            self.crawler.spider.logger.warning(
                "worker %s stopped beating: %d in-flight requests put back", dead, count)

    def idle(self, spider: Any) -> None:
        """Stay while the run has work anywhere; the last one out ends the run."""
        if self.end_if_done() == 0:
            raise DontCloseSpider

    def end_if_done(self) -> int:
        options = json.loads(self.client.get(self.keys.run_options(self.site)) or "{}")
        walked = "0" if options.get("since") or options.get("max_articles") else "1"
        end = messages.encode("run_end", self.site, self.run, self.name)
        result = int(self._end(
            keys=[self.keys.run(self.site), self.keys.requests(self.site),
                  self.keys.seen(self.site), self.keys.run_options(self.site),
                  self.keys.ingest, self.keys.walked(self.site)],
            args=[self.run, end, walked, self.keys.inflight_pattern(self.site)]))
        if result == 1:
            self.crawler.spider.logger.info("worker %s ended run %s of %s",
                                            self.name, self.run, self.site)
        return result

    def closed(self, spider: Any, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if reason != "finished":  # stopped early: give the in-flight work back
            requeue(self.client, self.keys, self.site, self.name)
        pages = self.crawler.stats.get_value("response_received_count", 0)
        self.client.lpush(self.keys.ingest, messages.encode(
            "pages", self.site, self.run, self.name, {"pages": pages}))
        self.client.hdel(self.keys.workers, self.member)
        self.client.delete(self.keys.alive(self.member))

    # -- acknowledgements ---------------------------------------------------------

    def ack(self, request: Request | None) -> None:
        """The request's outcome is safe in the hand-off queue (or it had none)."""
        entry = request.meta.pop(ENTRY, None) if request is not None else None
        if entry:
            self.client.hdel(self.keys.inflight(self.site, self.name), entry)

    def item_done(self, item: Any, response: Response | Failure | None = None,
                  **kwargs: Any) -> None:
        if isinstance(response, Response):
            self.ack(response.request)
        elif isinstance(response, Failure):
            self.ack(getattr(response, "request", None))


class AckMiddleware:
    """Spider middleware: a response whose callback yields no item (list pages, pages
    skipped by --since) is acknowledged once all its requests are in the frontier."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> AckMiddleware:
        return cls(crawler)

    def _ack(self, response: Response) -> None:
        worker = self.crawler.get_extension(Worker)
        if worker is not None:
            worker.ack(response.request)

    def process_spider_output(self, response: Response, result: Iterable[Any]
                              ) -> Iterator[Any]:
        items = False
        try:
            for out in result:
                items = items or not isinstance(out, Request)
                yield out
        finally:
            if not items:
                self._ack(response)

    async def process_spider_output_async(self, response: Response,
                                          result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        items = False
        try:
            async for out in result:
                items = items or not isinstance(out, Request)
                yield out
        finally:
            if not items:
                self._ack(response)


class HandoffPipeline:
    """Instead of the archive: each item becomes a JSON message on the ingest list."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.worker: Worker | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> HandoffPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.worker = self.crawler.get_extension(Worker)

    def process_item(self, item: Any) -> Any:
        worker = self.worker
        assert worker is not None, "HandoffPipeline needs the Worker extension"
        if getattr(item, "warc_file", None):
            item.warc_worker = worker.name
        worker.client.lpush(worker.keys.ingest,
                            messages.encode_item(item, worker.site, worker.run, worker.name))
        self.crawler.stats.inc_value("pressarchive/handed_off")
        return item
