"""One crawl per archive and site at a time: an advisory lock file beside the archive.

The lock is ``flock`` on ``<archive>.<site>.lock``: the kernel releases it when the holder
dies, even by SIGKILL, so a killed run never blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TextIO

_HELD: dict[Path, TextIO] = {}  # lock files this process holds (re-entrant per process)


class LockedError(RuntimeError):
    """Another process is crawling this site into this archive."""


def lock_path(db_path: str | os.PathLike[str], site: str) -> Path:
    db = Path(db_path)
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in site)
    return db.with_name(f"{db.name}.{safe}.lock")


def acquire(db_path: str | os.PathLike[str], site: str) -> Path:
    """Take the lock for (archive, site) or raise :class:`LockedError` at once."""
    path = lock_path(db_path, site).resolve()
    if path in _HELD:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise LockedError(
            f"another crawl of {site!r} into {db_path} is running (pid {holder}); "
            "wait for it to finish"
        ) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
    except OSError:  # a full disk: let go rather than hold a lock naming no one
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
        raise
    _HELD[path] = handle
    return path


def release(db_path: str | os.PathLike[str], site: str) -> None:
    path = lock_path(db_path, site).resolve()
    handle = _HELD.pop(path, None)
    if handle is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
