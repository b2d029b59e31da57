"""The shared frontier: scrapy-redis's scheduler and duplicate filter, one per site, over
a reliable queue.

scrapy-redis pops a request and forgets it; a worker killed mid-fetch would lose it. Here
a pop moves the request into the worker's *in-flight* hash in the same Lua call, and the
entry is deleted only when the request's outcome has been handed off (see
:mod:`.worker`). Entries of a worker whose heartbeat has expired go back to the front of
the queue (:func:`reclaim_dead_workers`).
"""

from __future__ import annotations

import uuid
from typing import Any

import redis
from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from .keys import Keys, split_member

ENTRY = "pressarchive_inflight"  # request.meta: the in-flight entry the request came from

_POP = """
local data = redis.call('LPOP', KEYS[1])
if not data then return false end
redis.call('HSET', KEYS[2], ARGV[1], data)
return data
"""
_PUSH = """
redis.call('RPUSH', KEYS[1], ARGV[1])
if ARGV[2] ~= '' then redis.call('HDEL', KEYS[2], ARGV[2]) end
return 1
"""
_REQUEUE = """
local items = redis.call('HVALS', KEYS[2])
for i = #items, 1, -1 do redis.call('LPUSH', KEYS[1], items[i]) end
redis.call('DEL', KEYS[2])
return #items
"""


class ReliableQueue(Base):
    """FIFO list of serialized requests; a pop is recorded in the worker's in-flight hash."""

    def __init__(self, server: redis.Redis, spider: Spider, key: str, inflight_key: str,
                 serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.inflight_key = inflight_key
        self._pop = server.register_script(_POP)
        self._push = server.register_script(_PUSH)

    def __len__(self) -> int:
        return int(self.server.llen(self.key))

    def push(self, request: Request, replaces: str | None = None) -> None:
        """Append ``request``; if it continues an in-flight one (a retry or redirect),
        that entry is released in the same call."""
        self._push(keys=[self.key, self.inflight_key],
                   args=[self._encode_request(request), replaces or ""])

    def pop(self, timeout: int = 0) -> Request | None:
        entry = uuid.uuid4().hex
        data = self._pop(keys=[self.key, self.inflight_key], args=[entry])
        if not data:
            return None
        request = self._decode_request(data)
        request.meta[ENTRY] = entry
        return request

    def ack(self, entry: str) -> None:
        self.server.hdel(self.inflight_key, entry)


class SiteScheduler(Scheduler):
    """scrapy-redis Scheduler keyed by the spider's site, persistent across workers.

    The queue and the seen-set belong to the site's run, not to one worker: closing a
    worker leaves them for the others (the run's end clears them, see :mod:`.worker`).
    """

    def open(self, spider: Spider) -> None:
        self.spider = spider
        settings = spider.settings
        keys = Keys(settings.get("PRESSARCHIVE_REDIS_PREFIX") or Keys.prefix)
        worker = settings.get("PRESSARCHIVE_WORKER")
        site = spider.site  # type: ignore[attr-defined]
        self.queue = ReliableQueue(self.server, spider, keys.requests(site),
                                   keys.inflight(site, worker), serializer=self.serializer)
        self.df = RFPDupeFilter(self.server, key=keys.seen(site),
                                debug=settings.getbool("DUPEFILTER_DEBUG"))
        if len(self.queue):
            spider.logger.info("joining the shared frontier: %d requests queued",
                               len(self.queue))

    def close(self, reason: str) -> None:
        """Nothing to flush: the frontier outlives this worker."""

    def enqueue_request(self, request: Request) -> bool:
        replaces = request.meta.pop(ENTRY, None)
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            if replaces:
                self.queue.ack(replaces)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request, replaces=replaces)
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def ack(self, request: Request) -> None:
        """The request's outcome is safe (handed off, or there was none to hand off)."""
        entry = request.meta.pop(ENTRY, None)
        if entry:
            self.queue.ack(entry)


def requeue(client: redis.Redis, keys: Keys, site: str, worker: str) -> int:
    """Put ``worker``'s in-flight requests for ``site`` back at the front of the queue."""
    script = client.register_script(_REQUEUE)
    return int(script(keys=[keys.requests(site), keys.inflight(site, worker)]))


def reclaim_dead_workers(client: redis.Redis, keys: Keys) -> dict[str, int]:
    """Members whose heartbeat expired: requeue their in-flight requests and forget them.
    Returns {member: requests put back}. Safe to run from every worker at once."""
    reclaimed: dict[str, int] = {}
    for raw in client.hkeys(keys.workers):
        name = raw.decode()
        if client.exists(keys.alive(name)):
            continue
        worker, site = split_member(name)
        reclaimed[name] = requeue(client, keys, site, worker)
        client.hdel(keys.workers, name)
    return reclaimed
