"""The WARC writer's records are the ones warcio's WARCWriter writes, byte for byte once
inflated (only the random record ids and the times differ between runs; libdeflate
compresses them, not zlib), and a failed write is cut back."""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder
from warcioref import varied, warcio_copy, warcio_info, warcio_pair, warcio_writer

from pressarchive import warcrecord
from pressarchive.warc import WarcWriterFiles

INFO = {"software": "pressarchive/0.1 (Scrapy, warcio)", "operator": "archive@example.org",
        "http-header-user-agent": "pressarchive/0.1", "robots": "obey",
        "isPartOf": "dongthap", "worker": "", "format": "WARC File Format 1.1"}
COPY = {"WARC-Date": "2019-03-01T02:00:00Z", "WARC-Refers-To-Target-URI": "http://x.vn/a",
        "WARC-Refers-To-Date": "2019-03-01T02:00:00Z", "WARC-Source-URI":
        "https://web.archive.org/web/20190301020000id_/http://x.vn/a",
        "WARC-Capture-Source": "wayback", "WARC-Capture-Digest": "sha1:ABC"}
GIVEN = {"warc-type": "resource", "WARC-Target-URI": "http://old.vn/c", "content-type":
         "application/http;msgtype=response", "WARC-Payload-Digest":
         "sha1:" + base64.b32encode(hashlib.sha1(b"<p>c</p>").digest()).decode()}
DATE = "2026-12-02T05:00:00Z"
PAGE = (Path(__file__).resolve().parents[2] / "shared" / "vn_html"
        / "news_baolaocai-vn_article.html")


def _page() -> bytes:
    return PAGE.read_bytes() if PAGE.exists() else "<p>Tin tức Đồng Tháp</p>".encode() * 900


def _fixed_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same record ids, in order, and the same time for warcio's writer and ours."""
    ours, theirs = itertools.count(1), itertools.count(1)
    ident = "<urn:uuid:{:08d}-0000-4000-8000-000000000000>".format
    monkeypatch.setattr(warcrecord, "record_id", lambda: ident(next(ours)))
    monkeypatch.setattr(warcrecord, "warc_date", lambda: DATE)
    monkeypatch.setattr(RecordBuilder, "_make_warc_id", classmethod(
        lambda cls: ident(next(theirs))))
    monkeypatch.setattr(RecordBuilder, "curr_warc_date", lambda self: DATE)


def _members(data: bytes) -> list[bytes]:
    """Each gzip member of ``data``, inflated."""
    members = []
    while data:
        inflater = zlib.decompressobj(31)
        members.append(inflater.decompress(data))
        assert inflater.eof
        data = inflater.unused_data
    return members


def test_records_are_warcios_byte_for_byte_one_gzip_member_each(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _fixed_ids(monkeypatch)
    exchanges = varied(_page())
    files = WarcWriterFiles(tmp_path / "warc", "dongthap", 10**9, INFO, relative_to=tmp_path)
    offsets = [files.write(request, response) for request, response in exchanges]
    copy_headers = [("Content-Type", "text/html"), ("X-Archive-Orig-Server", "Apache")]
    offsets.append(files.write_copy("http://x.vn/a", 200, copy_headers, _page(), COPY))
    offsets.append(files.write_copy("http://x.vn/b", 404, [("Content-Type", "text/html")],
                                    b"", {**COPY, "WARC-Record-ID": "<urn:uuid:given>"}))
    offsets.append(files.write_copy("http://x.vn/c", 200, [], b"<p>c</p>", GIVEN))
    files.close()
    ours = tmp_path / offsets[0][0]

    reference = tmp_path / "warcio.warc.gz"
    with reference.open("wb") as fh:
        writer = warcio_writer(fh)
        warcio_info(writer, files.name, INFO)
        for request, response in exchanges:
            warcio_pair(writer, request, response)
        warcio_copy(writer, "http://x.vn/a", 200, copy_headers, _page(), dict(COPY))
        warcio_copy(writer, "http://x.vn/b", 404, [("Content-Type", "text/html")], b"",
                    {**COPY, "WARC-Record-ID": "<urn:uuid:given>"})
        warcio_copy(writer, "http://x.vn/c", 200, [], b"<p>c</p>", dict(GIVEN))

    records = 1 + 2 * len(exchanges) + 3
    theirs = _members(reference.read_bytes())
    assert len(theirs) == records
    assert _members(ours.read_bytes()) == theirs  # the same bytes, one gzip member a record
    with ours.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        starts = {iterator.get_record_offset(): record.rec_type for record in iterator}
    assert all(starts[offset] == "response" for _, offset in offsets)
    check = subprocess.run([sys.executable, "-c", "import sys; from warcio.cli import main;"
                            " sys.exit(main())", "check", "-v", str(ours)],
                           capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count("digest pass") == records
    assert "fail" not in check.stdout


def test_ids_and_dates_are_warcios() -> None:
    made = {warcrecord.record_id() for _ in range(100)}
    assert len(made) == 100
    assert all(re.fullmatch(r"<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}"
                            r"-[0-9a-f]{12}>", one) for one in made)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", warcrecord.warc_date())
    assert warcrecord.warc_date()[:15] == RecordBuilder().curr_warc_date()[:15]


class _FailingFile:
    """A file that takes half of the next write, then fails (a full disk)."""

    def __init__(self, fh) -> None:  # noqa: ANN001
        self.fh = fh

    def write(self, data: bytes) -> int:
        self.fh.write(data[:len(data) // 2])
        self.fh.flush()
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.fh, name)


def test_a_failed_write_is_cut_back_to_the_last_whole_pair(tmp_path: Path) -> None:
    exchanges = varied(_page())
    files = WarcWriterFiles(tmp_path / "warc", "dongthap", 10**9, INFO, relative_to=tmp_path)
    names = set()
    for write in (lambda: files.write(*exchanges[1]),
                  lambda: files.write_copy("http://x.vn/a", 200, [], b"<p>a</p>", COPY)):
        name, _ = files.write(*exchanges[0])
        whole = (tmp_path / name).stat().st_size
        files.fh = _FailingFile(files.fh)
        with pytest.raises(OSError):
            write()
        assert (tmp_path / name).stat().st_size == whole
        with (tmp_path / name).open("rb") as fh:
            assert [r.rec_type for r in ArchiveIterator(fh)] == ["warcinfo", "response",
                                                                 "request"]
        names.add(name)
    assert len(names) == 2  # the write after a failure starts a new file
