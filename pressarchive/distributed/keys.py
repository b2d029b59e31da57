"""Redis key names (one place), the connection, and worker names."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

import redis

PREFIX = "pressarchive"


@dataclass(frozen=True)
class Keys:
    """Every key under one prefix (``pressarchive`` unless told otherwise)."""

    prefix: str = PREFIX

    # -- whole system ---------------------------------------------------------------
    @property
    def workers(self) -> str:
        """hash: member (``<worker>@<site>``, one per crawl a worker runs) -> JSON (host,
        pid, site, started)."""
        return f"{self.prefix}:workers"

    def alive(self, member: str) -> str:
        """string with a TTL, refreshed by the member's heartbeat."""
        return f"{self.prefix}:worker:{member}:alive"

    @property
    def sites(self) -> str:
        """set: every site that has had a distributed run."""
        return f"{self.prefix}:sites"

    @property
    def ingest(self) -> str:
        """list: JSON messages waiting for the writer (oldest at the right end)."""
        return f"{self.prefix}:ingest"

    @property
    def ingest_processing(self) -> str:
        """list: the messages the writer has taken but not yet committed."""
        return f"{self.prefix}:ingest:processing"

    def polite(self, domain: str) -> str:
        """string: the earliest time (ms) the next request to ``domain`` may start."""
        return f"{self.prefix}:polite:{domain}"

    # -- per site -------------------------------------------------------------------
    def run(self, site: str) -> str:
        """string: the current run's id (absent between runs)."""
        return f"{self.prefix}:site:{site}:run"

    def run_options(self, site: str) -> str:
        """string: JSON options of the current run."""
        return f"{self.prefix}:site:{site}:options"

    def requests(self, site: str) -> str:
        """list: the shared frontier (serialized requests, FIFO)."""
        return f"{self.prefix}:site:{site}:requests"

    def seen(self, site: str) -> str:
        """set: request fingerprints of the current run (scrapy-redis dupefilter)."""
        return f"{self.prefix}:site:{site}:seen"

    def inflight(self, site: str, worker: str) -> str:
        """hash: entry id -> serialized request popped by ``worker``, not yet done."""
        return f"{self.prefix}:site:{site}:inflight:{worker}"

    def inflight_pattern(self, site: str) -> str:
        return f"{self.prefix}:site:{site}:inflight:*"

    def known(self, site: str) -> str:
        """set: article URLs in the archive (kept by the writer, for incremental runs)."""
        return f"{self.prefix}:site:{site}:known"

    def pending(self, site: str) -> str:
        """hash: article URL -> section, pages that failed and are still to be retried
        (kept by the writer from ``fetch_errors``)."""
        return f"{self.prefix}:site:{site}:pending"

    def walked(self, site: str) -> str:
        """string "1" when the last finished run walked every list page."""
        return f"{self.prefix}:site:{site}:walked"


def member(worker: str, site: str) -> str:
    """One crawl of a worker process (``crawl a b --redis`` runs one per site)."""
    return f"{worker}@{site}"


def split_member(name: str) -> tuple[str, str]:
    """(worker, site) of a member name."""
    worker, _, site = name.rpartition("@")
    return worker, site


def connect(url: str) -> redis.Redis:
    """A client for ``redis://HOST:PORT/DB``; raises ``redis.ConnectionError`` early."""
    client = redis.Redis.from_url(url, socket_connect_timeout=10, socket_timeout=30,
                                  health_check_interval=30)
    client.ping()
    return client


def default_worker_name() -> str:
    """``<host>-<pid>``: unique on one machine, readable in ``pressarchive workers``."""
    return f"{socket.gethostname()}-{os.getpid()}"
