"""WACZ export: the archive's WARC captures with their CDXJ index and a page list.

The package is made by Webrecorder's own ``wacz`` tool (py-wacz: it writes the CDXJ
index, ``datapackage.json`` and its digest); we hand it the WARC files and a
``pages.jsonl`` of the articles (title, URL, capture time), so ReplayWeb.page lists the
articles by headline. The whole archive goes in as its WARC files, whole (list pages and
robots.txt included: the crawl as it was recorded); a selection (``--site``, ``--since``)
goes in as one new WARC file holding only the selected articles' response records and
the request records that go with them, each copied byte for byte (digests kept).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from . import __version__
from .warc import read_capture_header


class WaczError(Exception):
    """Nothing to package, or a capture that cannot be read: one line for the user."""


@dataclass(frozen=True)
class Capture:
    """One article's capture: where its response record is and what it says."""

    article_url: str
    title: str | None
    warc_file: str  # relative to the archive's folder
    offset: int
    target_uri: str  # WARC-Target-URI: the URL the page was fetched from
    warc_date: str  # WARC-Date


def captures(rows: Iterable[dict[str, Any]], folder: Path) -> list[Capture]:
    """The captures of ``rows`` (``page_captures`` rows), their headers read."""
    found = []
    for row in rows:
        path = folder / row["warc_file"]
        try:
            target, date, _ = read_capture_header(path, row["warc_offset"])
        except OSError as exc:
            raise WaczError(f"cannot read WARC file {path}: {exc.strerror or exc}") from exc
        except ValueError as exc:
            raise WaczError(str(exc)) from exc
        found.append(Capture(row["url"], row["title"], row["warc_file"], row["warc_offset"],
                             target, date))
    return found


def record_spans(fh: Any, offset: int) -> list[tuple[int, int]]:
    """(start, length) of the response record at ``offset`` and of the request record
    written with it (``WARC-Concurrent-To`` it, right after it), if there is one (warcio
    counts offsets from the start of the file, whatever the file position it began at)."""
    fh.seek(offset)
    iterator = ArchiveIterator(fh)
    spans: list[tuple[int, int]] = []
    response_id = None
    for record in iterator:
        if response_id is None:
            response_id = record.rec_headers.get_header("WARC-Record-ID")
        elif (record.rec_type != "request"
              or record.rec_headers.get_header("WARC-Concurrent-To") != response_id):
            break
        iterator.read_to_end(record)
        spans.append((iterator.get_record_offset(), iterator.get_record_length()))
        if len(spans) == 2:
            break
    return spans


def write_selection(chosen: Sequence[Capture], folder: Path, out: Path,
                    description: str) -> None:
    """One gzip WARC of the chosen captures' records (a ``warcinfo`` record first)."""
    with out.open("wb") as dest:
        writer = WARCWriter(dest, gzip=True)
        writer.write_record(writer.create_warcinfo_record(out.name, {
            "software": f"pressarchive/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "description": description}))
        for capture in chosen:
            with (folder / capture.warc_file).open("rb") as src:
                for start, length in record_spans(src, capture.offset):
                    src.seek(start)
                    data = src.read(length)
                    if data[:2] != b"\x1f\x8b":  # an uncompressed WARC: one gzip member
                        data = gzip.compress(data)
                    dest.write(data)


def pages_jsonl(chosen: Sequence[Capture], out: Path) -> None:
    """The page list: a header line, then one line per capture (url as fetched, the
    capture's time, the article's headline)."""
    with out.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"format": "json-pages-1.0", "id": "pages",
                             "title": "Articles"}) + "\n")
        for capture in chosen:
            page = {"url": capture.target_uri, "ts": capture.warc_date,
                    "title": capture.title or capture.article_url}
            fh.write(json.dumps(page, ensure_ascii=False) + "\n")


def build(chosen: Sequence[Capture], folder: Path, whole_files: Sequence[str] | None,
          out: Path, title: str, description: str) -> None:
    """Write the WACZ to ``out``: ``whole_files`` (names relative to ``folder``) if given,
    else a WARC of the chosen captures' records; with their pages."""
    from wacz.main import main as wacz_main

    with tempfile.TemporaryDirectory(prefix="pressarchive-wacz-") as tmp:
        work = Path(tmp)
        inputs: list[str] = []
        if whole_files is None:
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
            selection = work / f"pressarchive-{stamp}.warc.gz"
            write_selection(chosen, folder, selection, description)
            inputs.append(str(selection))
        else:
            for n, name in enumerate(sorted(whole_files)):
                link = work / "warc" / f"{n:05d}-{Path(name).name}"  # one name in archive/
                link.parent.mkdir(exist_ok=True)
                os.symlink((folder / name).resolve(), link)
                inputs.append(str(link))
        pages = work / "pages.jsonl"
        pages_jsonl(chosen, pages)
        log = io.StringIO()
        with contextlib.redirect_stdout(log):
            try:
                code = wacz_main(["create", "-o", str(out), "-p", str(pages), "--title",
                                  title, "--desc", description, *inputs])
            except OSError:
                raise
            except Exception as exc:  # warcio, inside the tool: a damaged WARC file
                raise WaczError(f"the wacz tool could not read the WARC files: {exc}"[:300]
                                + " (see `pressarchive verify`)") from exc
        if code:
            raise WaczError(f"the wacz tool failed: {log.getvalue().strip().splitlines()[-1:]}")
