"""Polite HTTP for web archives: a request rate per host, 429/503 with Retry-After
honoured, bounded retries, and every failure as one line."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from .. import __version__
from ..fetchpolicy import retry_after_seconds
from ..limits import DOWNLOAD_MAXSIZE, mib

RETRY_STATUSES = {429, 500, 502, 503, 504, 509}


class FetchError(Exception):
    """A request that failed for good: ``status`` (None: no answer) and why."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class PoliteClient:
    """GETs spaced ``1 / max_rps`` seconds apart per host (0: no spacing); a 429 or 5xx
    waits its Retry-After (else a doubling back-off) and is tried ``retries`` more times;
    a wait longer than ``max_wait`` gives up at once. Each request has a connection of
    its own (``Connection: close``): at the archives' pace (one request every 0.5–6 s) a
    kept-alive one sits idle and is closed by the server anyway, and pywb answers on a
    kept-alive connection ~40 ms late (6 ms closed; see benchmarks/backfill.py) and drops
    idle ones as they are reused."""

    max_rps: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 300.0
    timeout: float = 60.0
    max_bytes: int = DOWNLOAD_MAXSIZE  # an answer larger than the crawl's cap is a failure
    contact: str = ""
    requests_made: int = 0
    waited: float = 0.0  # seconds slept for the rate and for Retry-After
    _next: dict[str, float] = field(default_factory=dict)
    _session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        agent = f"pressarchive/{__version__} backfill"
        self._session.headers["User-Agent"] = f"{agent} (+{self.contact})" if self.contact \
            else agent
        self._session.headers["Connection"] = "close"

    def _pace(self, host: str) -> None:
        if self.max_rps <= 0:
            return
        delay = self._next.get(host, 0.0) - time.monotonic()
        if delay > 0:
            self.sleep(delay)
        self._next[host] = time.monotonic() + 1.0 / self.max_rps

    def sleep(self, seconds: float) -> None:
        self.waited += seconds
        time.sleep(seconds)

    def _read(self, resp: requests.Response) -> None:
        """Read the body into ``resp`` (its ``content``), at most ``max_bytes`` of it."""
        chunks, size = [], 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.max_bytes:
                resp.close()
                raise FetchError(f"answer larger than {mib(self.max_bytes)}: not read",
                                 resp.status_code)
            chunks.append(chunk)
        resp._content = b"".join(chunks)  # noqa: SLF001 - what requests itself sets

    def get(self, url: str, *, params: dict | None = None,
            headers: dict[str, str] | None = None, ok: tuple[int, ...] = (200,)
            ) -> requests.Response:
        """The answer, whose status is in ``ok`` (or 206 for a range request); anything
        else, after the retries, raises :class:`FetchError`."""
        host = urlsplit(url).netloc
        wait = self.backoff
        for attempt in range(self.retries + 1):
            self._pace(host)
            self.requests_made += 1
            try:
                resp = self._session.get(url, params=params, headers=headers,
                                         timeout=self.timeout, allow_redirects=False,
                                         stream=True)
                self._read(resp)  # all of it here: a cut transfer fails here
            except requests.RequestException as exc:
                if attempt == self.retries:
                    raise FetchError(f"no answer: {type(exc).__name__}: {exc}") from None
                self.sleep(wait)
                wait *= 2
                continue
            if resp.status_code in ok or (headers and "Range" in headers
                                          and resp.status_code == 206):
                return resp
            if resp.status_code not in RETRY_STATUSES or attempt == self.retries:
                raise FetchError(f"HTTP {resp.status_code}", resp.status_code)
            told = retry_after_seconds(resp.headers.get("Retry-After"))  # the crawl's reading
            pause = wait if told is None else told
            if pause > self.max_wait:
                raise FetchError(f"HTTP {resp.status_code}, Retry-After {pause:.0f} s is"
                                 f" longer than {self.max_wait:.0f} s", resp.status_code)
            self.sleep(pause)
            wait *= 2
        raise AssertionError("unreachable")
