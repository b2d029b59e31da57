"""A real HTTP server for the sample portal on a loopback port."""

from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .portal import Portal
from .render import error_html


class PortalServer:
    """Serves ``portal`` on ``host:port`` (0 = a free port) from a daemon thread.

    ``hits`` counts GET requests by request target (the path, plus ``?query`` if any),
    ``user_agents`` the User-Agent headers seen, ``statuses`` the statuses answered,
    ``arrivals`` (monotonic time, request target) of every GET in order.
    """

    def __init__(self, portal: Portal, host: str = "127.0.0.1", port: int = 0) -> None:
        self.portal = portal
        self.hits: Counter[str] = Counter()
        self.user_agents: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.arrivals: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer((host, port), self._handler())
        self._httpd.daemon_threads = True
        bound_host, bound_port = self._httpd.server_address[:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        self._thread: threading.Thread | None = None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"
            server_version = "Apache-Coyote/1.1"  # what a Liferay bundle's Tomcat says
            sys_version = ""

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                with server._lock:
                    server.hits[self.path] += 1
                    server.arrivals.append((time.monotonic(), self.path))
                    server.user_agents[self.headers.get("User-Agent", "")] += 1
                fault = server.portal.faults.get(parts.path)
                if fault and fault.times:
                    with server._lock:
                        fault.times -= 1
                        if fault.times == 0:
                            server.portal.faults.pop(parts.path, None)
                if fault and fault.delay:
                    time.sleep(fault.delay)
                status, headers, body = server.portal.render(parts.path, parts.query,
                                                             server.base_url)
                headers = dict(headers)
                if fault and fault.reset:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    self.close_connection = True
                    return  # RST instead of an answer
                if fault and fault.redirect:
                    status, body = 302, b""
                    headers["Location"] = fault.redirect
                if fault and fault.status != 200:
                    status, body = fault.status, error_html(fault.status).encode("utf-8")
                    headers["Content-Type"] = "text/html; charset=utf-8"
                if fault and fault.body is not None:
                    body = fault.body
                    if fault.status == 200:  # a page the portal did not have until now
                        status = 200
                if fault:
                    headers.update(fault.headers)
                lazy = None if isinstance(body, bytes) else body  # made while sent
                if lazy is not None:
                    body = b""
                if status == 200 and not fault and lazy is None:  # validators, for re-checks
                    headers["ETag"] = f'"{zlib.crc32(body):08x}"'
                    if self.headers.get("If-None-Match") == headers["ETag"]:
                        status, body = 304, b""
                with server._lock:
                    server.statuses[status] += 1
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length",
                                     str(lazy.size if lazy is not None else len(body)))
                    self.end_headers()
                    for chunk in lazy.chunks() if lazy is not None else ():
                        self.wfile.write(chunk)
                    self.wfile.write(body[: len(body) // 2] if fault and fault.truncate
                                     else body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler

    def start(self) -> PortalServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        kwargs={"poll_interval": 0.05}, name="sample-portal")
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:  # shutdown() would wait forever for a loop never run
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
