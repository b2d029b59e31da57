"""A full disk stops a crawl cleanly: one line naming the path, the run ``failed``.

The archive (SQLite rolls the batch back) and the WARC files (a record cut short is
truncated away) stay intact; what was not written is fetched again by the next run.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

STOP_REASON = "disk full"
STAT = "pressarchive/stopped"


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def describe(path: str | Path, needed: int) -> str:
    """"disk full: cannot write PATH (N MB free there, about M MB more needed) …"."""
    where = Path(path)
    try:
        free = shutil.disk_usage(where if where.is_dir() else where.parent).free
    except OSError:
        free = 0
    return (f"disk full: cannot write {where} ({_mb(free)} free there, about "
            f"{_mb(max(needed, 1))} more needed); the run stopped: free space and run again")


def stop_crawl(crawler: Any, message: str) -> None:
    """Say it once, abandon what is queued and close the spider with ``STOP_REASON``."""
    from scrapy.utils.defer import deferred_from_coro

    from .shutdown import abandon_queued

    if crawler.stats.get_value(STAT):
        return
    crawler.stats.set_value(STAT, message)
    logger.error(message)
    abandon_queued(crawler)
    engine = getattr(crawler, "engine", None)
    if engine is not None and engine.spider is not None:
        deferred_from_coro(engine.close_spider_async(reason=STOP_REASON))


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"
