"""WARC records serialised as warcio 1.8's WARCWriter writes them, without its per-record
objects: the same WARC headers in the same order, the same HTTP header block, the same
digests; one gzip member a record, compressed by libdeflate (level 9: smaller than
zlib's level 9, for 60 % of its CPU).

Pure functions, bytes in, bytes out; :mod:`pressarchive.warc` writes them to files and
warcio reads them. tests/test_warc_records.py checks them, inflated, byte for byte
against warcio's writer.
"""

from __future__ import annotations

import base64
import hashlib
import time
import uuid
from collections.abc import Iterable
from functools import cache
from http import HTTPStatus

import deflate
from warcio.statusandheaders import StatusAndHeaders

Fields = list[tuple[str, str]]  # WARC headers, in order, names as written

CONTENT_TYPES = {"warcinfo": "application/warc-fields",
                 "response": "application/http; msgtype=response",
                 "request": "application/http; msgtype=request"}
_NO_PAYLOAD_DIGEST = ("warcinfo", "revisit")
LEVEL = 9  # libdeflate's: smaller members than zlib's level 9, in 60 % of its time


def record_id() -> str:
    """A new WARC-Record-ID (a random UUID URN, as warcio makes)."""
    return f"<urn:uuid:{uuid.uuid4()}>"


def warc_date() -> str:
    """Now as a WARC/1.0 WARC-Date (whole seconds, UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@cache
def status_line(status: int) -> str:
    """``HTTP/1.1 <code> <reason>`` as the archive records every response."""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    return f"HTTP/1.1 {status} {reason}"


def sha1_digest(*parts: bytes) -> str:
    """``sha1:<base32>`` of the parts joined, as WARC digests are written."""
    digest = hashlib.sha1(parts[0])
    for part in parts[1:]:
        digest.update(part)
    return "sha1:" + base64.b32encode(digest.digest()).decode("ascii")


def http_block(start_line: str, headers: Iterable[tuple[str, str]]) -> bytes:
    """The HTTP start line and headers, ending in the blank line: ASCII, or a header with
    other characters %-encoded as warcio does it (RFC 8187)."""
    headers = list(headers)
    text = start_line + "\r\n" + "".join([k + ": " + v + "\r\n" for k, v in headers])
    try:
        return text.encode("ascii") + b"\r\n"
    except UnicodeEncodeError:
        return StatusAndHeaders(start_line, headers).to_ascii_bytes()


def http_block_raw(start_line: str, headers: dict[bytes, list[bytes]]) -> bytes:
    """:func:`http_block` of headers held as bytes, name to values (a Scrapy ``Headers``
    read as the dict it is), each byte a Latin-1 character."""
    items = dict.items(headers)
    lines = b"".join([k + b": " + v + b"\r\n" for k, values in items for v in values])
    if lines.isascii() and start_line.isascii():
        return start_line.encode("ascii") + b"\r\n" + lines + b"\r\n"
    return http_block(start_line, [(k.decode("latin-1"), v.decode("latin-1"))
                                   for k, values in items for v in values])


def _first(fields: Fields) -> dict[str, str]:
    """Each field name (lower case) to the value of its first field."""
    return {k.lower(): v for k, v in reversed(fields)}


def _set(fields: Fields, present: dict[str, str], name: str, value: str) -> None:
    """Replace the last field of that name (any case) in place, or add it (warcio's
    ``replace_header``); ``present`` is :func:`_first` of the fields."""
    lower = name.lower()
    if lower in present:
        for index in range(len(fields) - 1, -1, -1):
            if fields[index][0].lower() == lower:
                fields[index] = (fields[index][0], value)
                return
    fields.append((name, value))


def init_fields(record_type: str, uri: str, given: Iterable[tuple[str, str]] = (),
                rid: str | None = None, date: str | None = None) -> Fields:
    """A record's first WARC headers as warcio starts them: the ``given`` ones in their
    order, then (or replacing one given) WARC-Type, WARC-Record-ID, WARC-Target-URI
    (when there is a URI) and WARC-Date, a new id and now unless given."""
    fields = list(given)
    present = _first(fields)
    _set(fields, present, "WARC-Type", record_type)
    if not present.get("warc-record-id"):
        fields.append(("WARC-Record-ID", rid or record_id()))
    if uri:
        _set(fields, present, "WARC-Target-URI", uri)
    if not present.get("warc-date"):
        fields.append(("WARC-Date", date or warc_date()))
    return fields


def gzip_record(fields: Fields, record_type: str, http: bytes | None, payload: bytes) -> bytes:
    """One gzip member: the record of ``fields`` (completed by the digests, Content-Type
    and Content-Length as warcio completes them), the HTTP block and the payload."""
    fields, present, http = list(fields), _first(fields), http or b""
    if record_type not in _NO_PAYLOAD_DIGEST and not present.get("warc-payload-digest"):
        fields.append(("WARC-Payload-Digest", sha1_digest(payload)))
    if not present.get("warc-block-digest"):
        fields.append(("WARC-Block-Digest", sha1_digest(http, payload)))
    _set(fields, present, "Content-Type", present.get("content-type")
         or CONTENT_TYPES.get(record_type, "application/warc-record"))
    _set(fields, present, "Content-Length", str(len(http) + len(payload)))
    head = ("WARC/1.0\r\n" + "".join([k + ": " + v + "\r\n" for k, v in fields])
            + "\r\n").encode("utf-8")
    return deflate.gzip_compress(b"".join((head, http, payload, b"\r\n\r\n")), LEVEL)


def warcinfo_record(filename: str, info: dict[str, str]) -> bytes:
    """The gzip member of a file's ``warcinfo`` record: ``name: value`` lines of the
    ``info`` that have a value."""
    payload = "".join([f"{k}: {v}\r\n" for k, v in info.items() if v]).encode("utf-8")
    fields = [("WARC-Type", "warcinfo"), ("WARC-Record-ID", record_id()),
              *([("WARC-Filename", filename)] if filename else []),
              ("WARC-Date", warc_date())]
    return gzip_record(fields, "warcinfo", None, payload)


def exchange_records(url: str, http: bytes, body: bytes, request_url: str,
                     request_http: bytes, request_body: bytes) -> bytes:
    """The gzip members of a response record and of its request record (WARC-Concurrent-To
    the response, the same WARC-Date), in that order, joined."""
    rid, date = record_id(), warc_date()
    response = gzip_record(init_fields("response", url, rid=rid, date=date), "response",
                           http, body)
    request = gzip_record(init_fields("request", request_url, [("WARC-Concurrent-To", rid)],
                                      date=date), "request", request_http, request_body)
    return response + request
