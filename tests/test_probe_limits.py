"""`probe URL` fetches with the crawler's limits, against a hostile portal on loopback."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_cli
from legacybytes import to_cp1258
from test_encodings import BASE, _peak_rss_mb, page_text, reference

from pressarchive.sampleportal import REFERENCE_TITLE, Portal

ROBOTS = b"User-agent: *\nDisallow: /private\n"
BOMB = gzip.compress(b"\0" * (40 * 1024 * 1024), compresslevel=9)  # 40 MiB from ~40 KB


class Hostile:
    """A portal that answers with endless, compressed, redirected or trickling bodies."""

    def __init__(self, article: bytes) -> None:
        self.article = article
        self.hits: list[tuple[str, str]] = []  # (Host header, path)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append((self.headers.get("Host", ""), self.path))
                try:
                    outer.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def answer(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path == "/robots.txt":
            return self.send(h, 200, ROBOTS, "text/plain")
        if path == "/article":  # windows-1258 bytes under the server's default utf-8
            return self.send(h, 200, self.article, "text/html; charset=utf-8")
        if path == "/bomb":
            return self.send(h, 200, BOMB, "text/html", {"Content-Encoding": "gzip"})
        if path == "/cross":
            return self.send(h, 302, b"", "text/html",
                             {"Location": f"http://localhost:{self.port}/article"})
        if path == "/to-private":
            return self.send(h, 302, b"", "text/html", {"Location": "/private/article"})
        if path == "/endless":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            chunk = "<p>Quyết tâm mới</p>".encode() * 4096
            while True:
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        if path == "/slow":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.end_headers()
            h.wfile.write(b"<html>")
            for _ in range(600):
                time.sleep(0.2)
                h.wfile.write(b" ")
                h.wfile.flush()
            return None
        return self.send(h, 404, b"not here", "text/plain")

    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes, kind: str,
             headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        h.send_header("Content-Type", kind)
        h.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)


@pytest.fixture
def hostile(portal: Portal) -> Iterator[Hostile]:
    server = Hostile(to_cp1258(page_text(portal, reference(portal))))
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def one_line_error(result) -> str:  # noqa: ANN001
    assert result.returncode == 1, result.stdout[-500:] + result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    return result.stderr


def test_endless_page_stops_at_the_size_cap_with_bounded_memory(hostile: Hostile) -> None:
    started = time.monotonic()
    result, peak = _peak_rss_mb("probe", hostile.url + "/endless")
    assert "more than 32 MiB (the crawler's DOWNLOAD_MAXSIZE): stopped reading" in \
        one_line_error(result)
    assert peak < 200, f"{peak:.0f} MB"  # the 32 MiB cap + Python, not gigabytes
    assert time.monotonic() - started < 30


def test_gzip_bomb_is_refused_with_a_reason(hostile: Hostile) -> None:
    result, peak = _peak_rss_mb("probe", hostile.url + "/bomb")
    error = one_line_error(result)
    assert "decompresses (gzip) to more than 32 MiB" in error and "bomb" in error
    assert peak < 200, f"{peak:.0f} MB"


def test_redirect_to_another_host_is_not_followed(hostile: Hostile) -> None:
    error = one_line_error(run_cli("probe", hostile.url + "/cross"))
    assert f"redirects to http://localhost:{hostile.port}/article, which is not followed" \
        in error and "localhost is not an allowed host" in error
    assert all(host.startswith("127.0.0.1") for host, _ in hostile.hits)  # never touched


def test_redirect_within_the_allowed_hosts_checks_each_hosts_robots(hostile: Hostile,
                                                                     tmp_path: Path) -> None:
    (tmp_path / "hostile-fixture.toml").write_text(f"""
name = "hostile-fixture"
title = "Cổng thông tin thử nghiệm"
platform = "liferay"
base_url = "{hostile.url}"
allowed_domains = ["127.0.0.1", "localhost"]
sections = [{{ name = "Tin tức", path = "/tin-tuc" }}]
""", encoding="utf-8")
    result = run_cli("probe", hostile.url + "/cross", "--site", "hostile-fixture",
                     "--url", BASE + "/-/x", env={"PRESSARCHIVE_SITES": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert REFERENCE_TITLE in result.stdout  # windows-1258 under charset=utf-8, decoded
    local = f"localhost:{hostile.port}"
    assert hostile.hits == [(f"127.0.0.1:{hostile.port}", "/robots.txt"),
                            (f"127.0.0.1:{hostile.port}", "/cross"),
                            (local, "/robots.txt"), (local, "/article")]
    blocked = one_line_error(run_cli("probe", hostile.url + "/to-private"))
    assert f"robots.txt of 127.0.0.1:{hostile.port} disallows" in blocked
    assert ("127.0.0.1:" + str(hostile.port), "/private/article") not in hostile.hits


def test_a_trickling_page_times_out(hostile: Hostile) -> None:
    started = time.monotonic()
    error = one_line_error(run_cli("probe", hostile.url + "/slow", "--timeout", "2"))
    assert "timed out after 2 s" in error
    assert time.monotonic() - started < 15


def test_only_http_and_https(hostile: Hostile) -> None:
    for url in ("ftp://127.0.0.1/article", "file:///etc/passwd", "data:text/html,<p>x</p>"):
        result = run_cli("probe", url)
        assert result.returncode == 2, url
        assert "only http and https" in result.stderr or "no such file" in result.stderr
        assert "Traceback" not in result.stderr
    assert hostile.hits == []
