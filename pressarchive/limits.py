"""How much pressarchive reads at most: the crawler's caps, shared by ``extract`` and
``probe`` so that a saved page or a single fetch is bounded exactly as a crawl is."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from . import settings
from .extract.document import MAX_BYTES as EXTRACT_MAX_BYTES

DOWNLOAD_MAXSIZE: int = settings.DOWNLOAD_MAXSIZE  # bytes on the wire, and decompressed
DOWNLOAD_TIMEOUT: float = float(settings.DOWNLOAD_TIMEOUT)  # seconds for a whole download
REDIRECT_MAX_TIMES: int = settings.REDIRECT_MAX_TIMES
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB of a robots.txt are parsed

__all__ = ["DOWNLOAD_MAXSIZE", "DOWNLOAD_TIMEOUT", "EXTRACT_MAX_BYTES", "REDIRECT_MAX_TIMES",
           "ROBOTS_MAX_BYTES", "TooLarge", "mib", "read_page"]


class TooLarge(ValueError):
    """An input is larger than its cap; nothing beyond the cap was read."""


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:g} MiB"


def read_page(path: Path, cap: int = EXTRACT_MAX_BYTES) -> bytes:
    """The bytes of a saved page, reading at most ``cap`` + 1 of them (a device such as
    ``/dev/zero`` or a pipe has no size to check first). Raises :class:`TooLarge`, or
    ``OSError`` when the file cannot be read."""
    with path.open("rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > cap:
            raise TooLarge(f"{path}: {info.st_size} bytes, more than the {mib(cap)} "
                           "extraction cap: not read")
        data = handle.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(f"{path}: more than the {mib(cap)} extraction cap: not read further")
    return data
