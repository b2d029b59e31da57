"""warcio's own WARCWriter writing what pressarchive's WARC writer writes, as the writer
did before it serialised records itself: the reference for tests/test_warc_records.py and
benchmarks/warc_write.py. Also the varied exchanges both use.
"""

from __future__ import annotations

import gzip
import io
from http import HTTPStatus
from typing import BinaryIO

from legacybytes import to_cp1258
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _latin1(headers: dict[bytes, list[bytes]]) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1"))
            for k, values in headers.items() for v in values]


def warcio_writer(fh: BinaryIO) -> WARCWriter:
    return WARCWriter(fh, gzip=True)


def warcio_info(writer: WARCWriter, name: str, info: dict[str, str]) -> None:
    writer.write_record(writer.create_warcinfo_record(name, info))


def warcio_pair(writer: WARCWriter, request: Request, response: Response) -> None:
    """The response record, then its request record."""
    http = StatusAndHeaders(f"{response.status} {_reason(response.status)}",
                            _latin1(response.headers), protocol="HTTP/1.1")
    record = writer.create_warc_record(
        response.url, "response", payload=io.BytesIO(response.body),
        length=len(response.body), http_headers=http)
    writer.write_record(record)
    path = request.url.split("://", 1)[-1].partition("/")[2]
    req_http = StatusAndHeaders(f"{request.method} /{path} HTTP/1.1",
                                _latin1(request.headers), is_http_request=True)
    writer.write_record(writer.create_warc_record(
        request.url, "request", payload=io.BytesIO(request.body or b""),
        http_headers=req_http,
        warc_headers_dict={"WARC-Concurrent-To": record.rec_headers.get_header(
            "WARC-Record-ID")}))


def warcio_copy(writer: WARCWriter, url: str, status: int, headers: list[tuple[str, str]],
                body: bytes, warc_headers: dict[str, str]) -> None:
    http = StatusAndHeaders(f"{status} {_reason(status)}", headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
        warc_headers_dict=warc_headers))


UA = "pressarchive/0.1 (+mailto:archive@example.org)"
ASKED = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
         "Accept-Language": "vi,en;q=0.5", "User-Agent": UA,
         "Accept-Encoding": "gzip, deflate, br, zstd"}
SERVED = {"Server": "nginx", "Date": "Wed, 02 Dec 2026 05:00:00 GMT",
          "Content-Type": "text/html; charset=utf-8"}


def exchange(url: str, body: bytes, status: int = 200, headers: dict | None = None,
             method: str = "GET", request_body: bytes = b"", asked: dict | None = None,
             protocol: str | None = None) -> tuple[Request, Response]:
    request = Request(url, method=method, body=request_body, headers={**ASKED, **(asked or {})})
    response = Response(url, status=status, body=body, request=request,
                        headers={**SERVED, **(headers or {})}, protocol=protocol)
    return request, response


def varied(page: bytes) -> list[tuple[Request, Response]]:
    """Exchanges a crawl meets, around one HTML ``page``."""
    site = "https://dongthap.gov.vn"
    cp1258 = to_cp1258("<p>Ủy ban nhân dân tỉnh Đồng Tháp</p>") * 200
    return [
        exchange(f"{site}/tin-tuc/bai-1", page, headers={
            "Content-Length": str(len(page)), "Set-Cookie": ["JSESSIONID=ab12; Path=/",
                                                           "GUEST_LANGUAGE_ID=vi_VN"]}),
        exchange(f"{site}/tin-tuc/bai-2?p_p_id=101&_101_struts_action=%2Fview", gzip.compress(
            page), headers={"Content-Encoding": "gzip", "Transfer-Encoding": "chunked",
                            "Vary": "Accept-Encoding"}),
        exchange(f"{site}/cu/bai-3.aspx", cp1258,
                 headers={"Content-Type": "text/html; charset=windows-1258"},
                 protocol="HTTP/1.0"),
        exchange(f"{site}/tin-tuc", b"", status=301,
                 headers={"Location": f"{site}/tin-tuc/", "Content-Length": "0"}),
        exchange(f"{site}/khong-co", b"<h1>404</h1>", status=404),
        exchange(f"{site}/lon", page, headers={"X-Trace": "x" * 70_000},
                 asked={"Cookie": "a=" + "b" * 9_000}),
        exchange(f"{site}/tim-kiem", page, method="POST",
                 request_body="q=nông+dân&page=2".encode(),
                 asked={"Content-Type": "application/x-www-form-urlencoded"}),
        exchange(f"{site}/van-ban/quyet-dinh.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 300,
                 headers={"Content-Type": "application/pdf",  # Latin-1 bytes in headers
                          "Content-Disposition": "attachment; filename=\"Quyết định.pdf\""
                          .encode(), "X-Title": "Tổng kết".encode()}),
        exchange(f"{site}/robots.txt", b"User-agent: *\nDisallow: /c/\n",
                 headers={"Content-Type": "text/plain"}),
        exchange(f"{site}/loi", b"busy", status=599, headers={"Retry-After": "120"}),
        exchange(f"{site}/trong", b"", status=204, headers={"Content-Type": ""}),
    ]
