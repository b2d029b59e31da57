"""Work on captured documents without the network: OCR of scans, re-extraction.

Both read each document's bytes from its WARC record (``documents.warc_file`` and
``warc_offset``), so they need no portal, and write the text back with its index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .archive import TEXT_STATUSES, Archive
from .textnorm import nfc
from .warc import read_capture


@dataclass
class DocumentWork:
    """What a pass over documents did: statuses reached, and the ones it could not read."""

    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)

    @property
    def done(self) -> int:
        return sum(self.statuses.values())

    def summary(self) -> str:
        return ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items())) or "none"


def _captured(archive: Archive, row: dict[str, Any]) -> tuple[bytes, str | None]:
    return read_capture(archive.capture_path(row["warc_file"]), row["warc_offset"])


def _store(archive: Archive, row: dict[str, Any], result: Any) -> None:
    archive.update_document_text(
        row["id"], text_status=result.text_status,
        text=nfc(result.text) if result.text else None, reason=result.reason or None,
        engine=result.engine or None, pages=result.pages, media_type=result.media_type)


def _each(archive: Archive, rows: list[dict[str, Any]],
          work: Callable[[bytes, str | None, dict[str, Any]], Any],
          should_stop: Callable[[], bool],
          on_done: Callable[[dict[str, Any], Any], None] | None) -> DocumentWork:
    done = DocumentWork()
    for row in rows:
        if should_stop():
            break
        try:
            data, content_type = _captured(archive, row)
        except (OSError, ValueError) as exc:
            done.failures.append((row["url"], f"cannot read its capture: {exc}"))
            continue
        result = work(data, content_type, row)
        _store(archive, row, result)
        done.statuses[result.text_status] += 1
        if on_done is not None:
            on_done(row, result)
    return done


def ocr_documents(archive: Archive, site: str | None = None, *, timeout: float = 600.0,
                  limit: int | None = None, should_stop: Callable[[], bool] = lambda: False,
                  on_done: Callable[[dict[str, Any], Any], None] | None = None
                  ) -> DocumentWork:
    """OCR every captured ``needs_ocr`` document (of ``site``) with Tesseract's
    Vietnamese model; its text becomes searchable (status ``ocr``)."""
    from .documents import ocr_document

    rows = list(archive.document_captures(site, ["needs_ocr"]))[:limit]
    return _each(archive, rows, lambda data, _type, _row: ocr_document(data, timeout=timeout),
                 should_stop, on_done)


def reextract_documents(archive: Archive, site: str | None = None, *,
                        timeout: float = 60.0,
                        should_stop: Callable[[], bool] = lambda: False,
                        on_done: Callable[[dict[str, Any], Any], None] | None = None
                        ) -> DocumentWork:
    """Run the current text engines again over every captured document (of ``site``)
    but the OCR'd ones (their text came from ``pressarchive ocr``; run it again for
    them)."""
    from .docfetch import declared_type, extract, file_name

    rows = list(archive.document_captures(site, [s for s in TEXT_STATUSES if s != "ocr"]))

    def work(data: bytes, content_type: str | None, row: dict[str, Any]) -> Any:
        return extract(data, declared=declared_type(content_type),
                       filename=file_name(row["url"]), timeout=timeout)

    return _each(archive, rows, work, should_stop, on_done)
