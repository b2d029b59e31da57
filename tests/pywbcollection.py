"""Web archives on loopback for the backfill tests: WARC files of fixture portals, a real
pywb collection (``wb-manager`` + ``wayback``) standing in for the Wayback Machine, and a
Common Crawl shaped server (a CDX index of filename/offset/length, WARC files by range)."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import _free_port
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pressarchive.replay import find_pywb


@dataclass
class Capture:
    """One archived response: URL, WARC-Date (``2023-01-05T10:00:00Z``), status, type, body."""

    url: str
    date: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200


def portal_captures(portal: Any, base: str, paths: list[str], date: str) -> list[Capture]:
    """Captures of ``paths`` of a sample portal rendered as if served at ``base``."""
    out = []
    for target in paths:
        path, _, query = target.partition("?")
        status, headers, body = portal.render(path, query, base)
        out.append(Capture(base + target, date, body,
                           headers.get("Content-Type", "text/html"), status))
    return out


def list_targets(portal: Any) -> list[str]:
    """Every page of every section list of the Liferay sample portal (``?<cur>=N``)."""
    from pressarchive.sampleportal.render import cur_param

    targets = []
    for section in portal.sections:
        pages = max(1, -(-len(portal.section_articles(section)) // portal.per_page))
        targets += [section.path] + [f"{section.path}?{cur_param(section)}={n}"
                                     for n in range(2, pages + 1)]
    return targets


def write_warc(path: Path, captures: list[Capture]) -> Path:
    """A gzip WARC of response records, as a crawler of the web archive made it."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for c in captures:
            http = StatusAndHeaders(f"{c.status} OK", [("Content-Type", c.content_type)],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                c.url, "response", payload=io.BytesIO(c.body), length=len(c.body),
                http_headers=http, warc_headers_dict={"WARC-Date": c.date}))
    return path


def pywb_bin(name: str) -> str:
    """A pywb command, where `pressarchive replay` finds pywb (the .venv/pywb setup.sh
    makes, the virtualenv $PRESSARCHIVE_PYWB names, or PATH)."""
    found = find_pywb(name)
    if found is None:
        pytest.fail(f"pywb's {name} is not installed: run ./setup.sh")
    return found


@contextmanager
def pywb_collection(folder: Path, warcs: list[Path], name: str = "web") -> Iterator[str]:
    """A real pywb collection of ``warcs`` served by ``wayback`` on a free loopback port;
    yields the collection's URL (its CDX API is ``<url>/cdx``, raw captures
    ``<url>/<timestamp>id_/<original URL>``)."""
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([pywb_bin("wb-manager"), "init", name], cwd=folder, check=True,
                   capture_output=True, env=env)
    subprocess.run([pywb_bin("wb-manager"), "add", name, *map(str, warcs)], cwd=folder,
                   check=True, capture_output=True, env=env)
    port = _free_port()
    log = (folder / "wayback.log").open("wb")
    proc = subprocess.Popen([pywb_bin("wayback"), "-p", str(port), "-b", "127.0.0.1"],
                            cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/{name}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"wayback did not start: {(folder / 'wayback.log').read_text()}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def cc_index_lines(warc: Path, filename: str) -> list[dict[str, Any]]:
    """Common Crawl's CDX JSON for every response record of ``warc`` (as its index server
    answers ``output=json``: url, timestamp, status, mime, digest, length, offset,
    filename)."""
    lines = []
    with warc.open("rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            if record.rec_type != "response":
                continue
            date = record.rec_headers.get_header("WARC-Date")
            stamp = "".join(ch for ch in date if ch.isdigit())[:14]
            mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
            record.content_stream().read()
            offset = it.get_record_offset()
            lines.append({"urlkey": record.rec_headers.get_header("WARC-Target-URI"),
                          "timestamp": stamp,
                          "url": record.rec_headers.get_header("WARC-Target-URI"),
                          "mime": mime, "mime-detected": mime,
                          "status": record.http_headers.get_statuscode(),
                          "digest": digest.removeprefix("sha1:"), "offset": str(offset),
                          "filename": filename})
        ends = [int(x["offset"]) for x in lines[1:]] + [warc.stat().st_size]
    for line, end in zip(lines, ends, strict=True):
        line["length"] = str(end - int(line["offset"]))
    return lines


@dataclass
class CommonCrawlServer:
    """A CDX index in Common Crawl's JSON shape at ``/<crawl>-index`` and its WARC files
    under ``/crawl-data/`` with HTTP range support. ``ranges`` counts range GETs by
    (file, offset); ``cdx_hits`` the index requests. Faults, set by tests: ``cdx_status``
    (answer the index with it), ``cdx_429`` (429 + Retry-After this many times first),
    ``ignore_page`` (every page the same), ``garbage_page`` (that page is not CDX),
    ``delay`` (seconds before each range answer), ``range_429`` (so many 429s first)."""

    files: dict[str, bytes]
    lines: list[dict[str, Any]]
    crawl: str = "CC-MAIN-2024-10"
    page_size: int = 5
    ranges: Counter[tuple[str, int]] = field(default_factory=Counter)
    cdx_hits: int = 0
    cdx_status: int = 200
    cdx_429: int = 0
    range_429: int = 0
    retry_after: str = "1"
    ignore_page: bool = False
    garbage_page: int | None = None
    delay: float = 0.0
    arrivals: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the backfill was killed mid-answer

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                with server._lock:
                    server.arrivals.append(time.monotonic())
                if parts.path == f"/{server.crawl}-index":
                    self._send(*server.index(parse_qs(parts.query)))
                elif parts.path.startswith("/crawl-data/"):
                    self._send(*server.data(parts.path[len("/crawl-data/"):],
                                            self.headers.get("Range", "")))
                else:
                    self._send(404, b"not found", {})

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    @property
    def index_url(self) -> str:
        return f"{self.base_url}/{self.crawl}-index"

    def index(self, query: dict[str, list[str]]) -> tuple[int, bytes, dict[str, str]]:
        with self._lock:
            self.cdx_hits += 1
            if self.cdx_429 > 0:
                self.cdx_429 -= 1
                return 429, b"slow down", {"Retry-After": self.retry_after}
        if self.cdx_status != 200:
            return self.cdx_status, b"internal error", {"Retry-After": self.retry_after}
        page = int(query.get("page", ["0"])[0])
        if page == self.garbage_page:
            return 200, b"<html>Gateway timeout</html>", {"Content-Type": "text/html"}
        domain = query["url"][0]
        mine = [x for x in self.lines if (urlsplit(x["url"]).hostname or "").endswith(domain)]
        chunk = mine if self.ignore_page else mine[page * self.page_size:
                                                   (page + 1) * self.page_size]
        if not chunk:  # past the last page: pywb (Common Crawl's server) answers 400
            return 400, b'{"message": "Page out of range"}', {}
        body = "".join(json.dumps(x) + "\n" for x in chunk).encode()
        return 200, body, {"Content-Type": "text/x-ndjson"}

    def data(self, name: str, span: str) -> tuple[int, bytes, dict[str, str]]:
        if name not in self.files:
            return 404, b"no such file", {}
        start, _, end = span.removeprefix("bytes=").partition("-")
        with self._lock:
            if self.range_429 > 0:
                self.range_429 -= 1
                return 429, b"slow down", {"Retry-After": self.retry_after}
            self.ranges[(name, int(start))] += 1
        if self.delay:
            time.sleep(self.delay)
        blob = self.files[name]
        return 206, blob[int(start):int(end) + 1], {
            "Content-Range": f"bytes {start}-{end}/{len(blob)}"}

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@dataclass
class WaybackServer:
    """The Wayback Machine's shapes: ``/cdx/search/cdx`` answering ``output=json`` as a list
    of lists under a header row (an empty answer past the last page) and raw captures at
    ``/web/<timestamp>id_/<url>``. ``queries`` keeps every CDX query's parameters."""

    captures: list[Capture]
    page_size: int = 5
    queries: list[dict[str, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                status, body, kind = server.answer(parts.path, parse_qs(parts.query))
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def _stamp(self, capture: Capture) -> str:
        return "".join(ch for ch in capture.date if ch.isdigit())[:14]

    def answer(self, path: str, query: dict[str, list[str]]) -> tuple[int, bytes, str]:
        if path == "/cdx/search/cdx":
            self.queries.append(query)
            domain, page = query["url"][0], int(query.get("page", ["0"])[0])
            mine = [c for c in self.captures
                    if (urlsplit(c.url).hostname or "").endswith(domain)]
            chunk = mine[page * self.page_size:(page + 1) * self.page_size]
            if not chunk:
                return 200, b"", "text/plain"
            header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest",
                      "length"]
            rows = [header] + [[c.url, self._stamp(c), c.url, c.content_type.split(";")[0],
                                str(c.status), f"D{n}", str(len(c.body))]
                               for n, c in enumerate(chunk)]
            return 200, json.dumps(rows).encode(), "application/json"
        stamp, _, original = path.removeprefix("/web/").partition("id_/")
        for c in self.captures:
            if c.url == original and self._stamp(c) == stamp:
                return c.status, c.body, c.content_type
        return 404, b"not in the archive", "text/plain"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
