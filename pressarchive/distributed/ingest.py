"""The single writer: moves handed-off items from Redis into the SQLite archive.

Reliable-queue pattern: a batch is moved (``BLMOVE``/``LMOVE``) from the ingest list to a
processing list, applied to the archive with the same rules as a local crawl
(:class:`~pressarchive.recording.RunRecorder`), and only after the archive has committed
it is the processing list deleted. A writer killed in between finds the batch there on
restart and applies it again; the upsert is idempotent (same content: only ``last_seen``
moves, no revision), so nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import redis

from ..archive import Archive
from ..extract.model import Article
from ..profiles import ProfileError, load_profile
from ..recording import RunRecorder
from . import messages
from .keys import Keys


@dataclass
class IngestStats:
    messages: int = 0
    articles: int = 0
    batches: int = 0
    runs_ended: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


class Ingester:
    """``pressarchive ingest``: one per archive (the caller holds the archive's lock)."""

    def __init__(self, client: redis.Redis, keys: Keys, archive: Archive, *,
                 batch: int = 500) -> None:
        self.client = client
        self.keys = keys
        self.archive = archive
        self.batch = batch
        self.recorders: dict[tuple[str, str], RunRecorder] = {}
        self.workers: dict[tuple[str, str], set[str]] = {}
        self.finished: set[tuple[str, str]] = set()
        self.stats = IngestStats()

    def seed_known(self) -> None:
        """Publish the archive's article URLs per site (workers skip known articles) and
        its pages still to be retried (workers fetch them first)."""
        sites = {s.decode() for s in self.client.smembers(self.keys.sites)}
        for site in sites:
            urls = list(self.archive.known_urls(site))
            for start in range(0, len(urls), 10_000):
                self.client.sadd(self.keys.known(site), *urls[start:start + 10_000])
            self.publish_pending(site)

    def publish_pending(self, site: str) -> None:
        """Replace the site's retry list in Redis with the archive's unresolved failures."""
        pending = dict(self.archive.pending_failures(site))
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(self.keys.pending(site))
            if pending:
                pipe.hset(self.keys.pending(site),
                          mapping={url: section or "" for url, section in pending.items()})
            pipe.execute()

    def run(self, *, idle_exit: float | None = None,
            should_stop: Callable[[], bool] = lambda: False) -> IngestStats:
        """Apply batches until ``should_stop()``, or until nothing arrived for
        ``idle_exit`` seconds (None: run until stopped)."""
        started = time.perf_counter()
        self.recover()
        idle_since = time.monotonic()
        while not should_stop():
            taken = self.take(timeout=1.0)
            if taken:
                self.apply(taken)
                idle_since = time.monotonic()
            elif idle_exit is not None and time.monotonic() - idle_since >= idle_exit:
                break
        self.stats.seconds = time.perf_counter() - started
        return self.stats

    def recover(self) -> int:
        """A batch left by a writer that died before committing: apply it again."""
        left = self.client.lrange(self.keys.ingest_processing, 0, -1)
        if left:
            self.apply(list(reversed(left)))
        return len(left)

    def take(self, timeout: float) -> list[bytes]:
        """Up to ``batch`` messages, oldest first, moved to the processing list."""
        source, target = self.keys.ingest, self.keys.ingest_processing
        first = self.client.blmove(source, target, timeout, "RIGHT", "LEFT")
        if first is None:
            return []
        taken = [first]
        while len(taken) < self.batch:
            more = self.client.lmove(source, target, "RIGHT", "LEFT")
            if more is None:
                break
            taken.append(more)
        return taken

    def apply(self, raw_messages: list[bytes]) -> None:
        """Apply messages in order, commit, then release them from Redis."""
        ended: list[tuple[str, str]] = []
        for raw in raw_messages:
            try:
                message = messages.decode(raw)
            except (ValueError, TypeError, KeyError) as exc:
                raise ValueError(f"unreadable ingest message {raw[:200]!r}: {exc}") from exc
            key = (message["site"], message["run"])
            kind = message["kind"]
            recorder = self.recorder(key, message)
            workers = self.workers.setdefault(key, set())
            if message["worker"] not in workers:
                workers.add(message["worker"])
                self.archive.set_run_option(recorder.run_id, "workers", sorted(workers))
            if kind == "pages":
                recorder.counts.pages += int(message["data"].get("pages", 0))
            elif kind == "run_end":
                ended.append(key)
            elif "item" in message:
                recorder.add(message["item"])
        known: dict[str, list[str]] = {}
        for (site, _), recorder in list(self.recorders.items()):
            articles: list[Article] = recorder.flush()
            known.setdefault(site, []).extend(a.url for a in articles)
            self.stats.articles += len(articles)
        for key in ended:
            recorder = self.recorders.pop(key)
            recorder.finish()
            self.stats.runs_ended.append(recorder.run_id)
            self.finished.add(key)
        for key in self.finished & self.recorders.keys():  # late news of an ended run
            self.recorders.pop(key)
        # Committed: only now do the messages leave Redis.
        self.client.delete(self.keys.ingest_processing)
        for site, urls in known.items():
            if urls:
                self.client.sadd(self.keys.known(site), *urls)
            self.publish_pending(site)
        self.stats.messages += len(raw_messages)
        self.stats.batches += 1

    def recorder(self, key: tuple[str, str], message: dict[str, Any]) -> RunRecorder:
        """The run a message belongs to: known, adopted from the archive, or new."""
        if key in self.recorders:
            return self.recorders[key]
        site, run = key
        adopted = self.archive.adopt_run(site, "redis_run", run)
        if adopted is not None:
            run_id, counts = adopted
            recorder = RunRecorder(self.archive, run_id)
            recorder.counts = counts
        else:
            self._register_site(site)
            options = dict(message["data"]) if message["kind"] == "run_start" else {}
            options.update(redis_run=run, distributed=True)
            recorder = RunRecorder(self.archive, self.archive.start_run(site, options))
        self.recorders[key] = recorder
        return recorder

    def _register_site(self, site: str) -> None:
        from ..pipelines import register_site

        try:
            register_site(self.archive, load_profile(site))
        except (KeyError, ProfileError):
            self.archive.register_site(site)
