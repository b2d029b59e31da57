"""The one GET ``probe`` makes, with the crawler's limits.

Only ``http``/``https``; robots.txt of every host it touches is read first (RFC 9309: a
5xx or an unreachable host disallows); redirects are followed, up to the crawler's
``REDIRECT_MAX_TIMES``, only to the allowed hosts (the URL's own domain and the
profile's ``allowed_domains``); the body is streamed and stopped at ``DOWNLOAD_MAXSIZE``,
on the wire and once decompressed (a gzip bomb is refused), and the whole fetch has the
crawler's ``DOWNLOAD_TIMEOUT``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from protego import Protego

from . import limits

REDIRECTS = (301, 302, 303, 307, 308)


class ProbeError(RuntimeError):
    """The page could not be fetched (HTTP error, robots.txt, limits, network)."""


@dataclass
class Fetcher:
    """Fetches pages for one probe; ``allowed`` are domains (each with its subdomains)."""

    user_agent: str
    allowed: list[str]
    timeout: float = limits.DOWNLOAD_TIMEOUT
    max_bytes: int = limits.DOWNLOAD_MAXSIZE
    max_redirects: int = limits.REDIRECT_MAX_TIMES
    robots: dict[str, Protego] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.timeout
        self.pool = urllib3.PoolManager(retries=False)

    def get(self, url: str) -> tuple[bytes, str]:
        """(body, Content-Type) of ``url``, following allowed redirects."""
        for _ in range(self.max_redirects + 1):
            self.check(url)
            self.check_robots(url)
            status, headers, body = self.request(url, self.max_bytes)
            location = headers.get("Location")
            if status in REDIRECTS and location:
                url = self.redirect(url, location)
                continue
            if status >= 400:
                raise ProbeError(f"{url}: HTTP {status}")
            return body, headers.get("Content-Type", "")
        raise ProbeError(f"{url}: more than {self.max_redirects} redirects (the crawler's "
                         "REDIRECT_MAX_TIMES): not followed")

    def check(self, url: str) -> None:
        why = self.refusal(url)
        if why:
            raise ProbeError(f"{url}: {why}: not fetched")

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched (scheme, host), or None."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return "only http and https URLs are fetched"
        host = (parts.hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in self.allowed):
            return (f"{host or 'no host'} is not an allowed host of this probe "
                    f"({', '.join(self.allowed)})")
        return None

    def redirect(self, url: str, location: str) -> str:
        target = urljoin(url, location)
        why = self.refusal(target)
        if why:
            raise ProbeError(f"{url} redirects to {target}, which is not followed: {why}. "
                             "Probe that URL itself if it is the right page")
        return target

    def check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            self.robots[origin] = self.fetch_robots(origin)
        if not self.robots[origin].can_fetch(url, self.user_agent):
            raise ProbeError(f"robots.txt of {parts.netloc} disallows {url}")

    def fetch_robots(self, origin: str) -> Protego:
        """RFC 9309: 2xx rules (the first 500 KiB), 4xx none, 5xx or unreachable: refuse."""
        url = origin + "/robots.txt"
        for _ in range(self.max_redirects + 1):
            status, headers, body = self.request(url, limits.ROBOTS_MAX_BYTES, cut=True)
            if status in REDIRECTS and headers.get("Location"):
                url = self.redirect(url, headers["Location"])
                continue
            if status >= 500:
                raise ProbeError(f"robots.txt of {urlsplit(origin).netloc} answered HTTP "
                                 f"{status}: not fetching")
            if 200 <= status < 300:
                return Protego.parse(body.decode("utf-8", "replace"))
            break
        return Protego.parse("")

    def request(self, url: str, cap: int, cut: bool = False) -> tuple[int, dict[str, str], bytes]:
        """One GET without redirects; the body stops at ``cap`` bytes (``cut``: keep the
        first ``cap``, else refuse)."""
        netloc = urlsplit(url).netloc
        try:
            answer = self.pool.request(
                "GET", url, redirect=False, preload_content=False, decode_content=True,
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=urllib3.Timeout(connect=self.remaining(url), read=self.remaining(url)))
        except urllib3.exceptions.HTTPError as exc:
            raise ProbeError(f"cannot reach {netloc}: {_why(exc)}") from None
        try:
            body = self.read(answer, url, cap, cut)
        except BaseException:
            answer.close()  # the rest of an endless or refused body is never read
            raise
        if len(body) >= cap:
            answer.close()  # cut short: unread bytes must not reach the next request
        else:
            answer.release_conn()
        return answer.status, dict(answer.headers.items()), body

    def read(self, answer: urllib3.BaseHTTPResponse, url: str, cap: int, cut: bool) -> bytes:
        declared = answer.headers.get("Content-Length", "")
        if not cut and declared.isdigit() and int(declared) > cap:
            raise ProbeError(f"{url}: {declared} bytes, more than {limits.mib(cap)} "
                             "(the crawler's DOWNLOAD_MAXSIZE): not fetched")
        body = bytearray()
        encoding = answer.headers.get("Content-Encoding", "identity").lower()
        try:
            while chunk := answer.read1(65536):
                body += chunk
                if len(body) > cap or answer.tell() > cap:
                    if cut:
                        return bytes(body[:cap])
                    raise ProbeError(_too_large(url, cap, encoding, len(body), answer.tell()))
                self.remaining(url)
        except urllib3.exceptions.DecodeError as exc:
            raise ProbeError(f"{url}: cannot decompress the body (Content-Encoding: "
                             f"{encoding}): {_why(exc)}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise ProbeError(f"{url}: {_why(exc)}") from None
        return bytes(body)

    def remaining(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise ProbeError(f"{url}: timed out after {self.timeout:g} s (the crawler's "
                             "DOWNLOAD_TIMEOUT)")
        return left


def _too_large(url: str, cap: int, encoding: str, decoded: int, wire: int) -> str:
    if encoding != "identity" and decoded > cap and wire <= cap:
        return (f"{url}: decompresses ({encoding}) to more than {limits.mib(cap)}, the "
                f"crawler's DOWNLOAD_MAXSIZE, from {wire} bytes (a compression bomb?): "
                "refused")
    return (f"{url}: more than {limits.mib(cap)} (the crawler's DOWNLOAD_MAXSIZE): "
            "stopped reading")


def _why(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    if isinstance(reason, urllib3.exceptions.ReadTimeoutError) or "timed out" in text:
        return "timed out"
    if text.startswith(("HTTPConnection(", "HTTPSConnection(", "<")):
        return text.split("): ", 1)[-1].split(">: ", 1)[-1]
    return text
