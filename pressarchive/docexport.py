"""``export --documents``: one row per article ↔ document link, with the document's text.

CSV, JSON Lines or Parquet like the articles' export; the columns are
:data:`~pressarchive.archive.documents.DOCUMENT_LINK_COLUMNS` (integers as integers).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import IO, Any

from .archive.documents import DOCUMENT_LINK_COLUMNS

_INTEGERS = ("article_id", "position", "size", "pages")


def export_documents(rows: Iterable[tuple[Any, ...]], sink: Path | IO[bytes], fmt: str, *,
                     bom: bool = False, delimiter: str = ",") -> int:
    """Write link rows (DOCUMENT_LINK_COLUMNS order) to ``sink``; returns the count."""
    if fmt == "parquet":
        return _parquet(rows, sink)
    fh = sink.open("wb") if isinstance(sink, Path) else sink
    count = 0
    try:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig" if bom else "utf-8", newline="",
                                write_through=True)
        if fmt == "csv":
            writer = csv.writer(text, delimiter=delimiter)
            writer.writerow(DOCUMENT_LINK_COLUMNS)
        for row in rows:
            if fmt == "csv":
                writer.writerow(["" if v is None else v for v in row])
            else:
                text.write(json.dumps(dict(zip(DOCUMENT_LINK_COLUMNS, row, strict=True)),
                                      ensure_ascii=False) + "\n")
            count += 1
        text.flush()
        text.detach()
    finally:
        if isinstance(sink, Path):
            fh.close()
    return count


def _parquet(rows: Iterable[tuple[Any, ...]], sink: Path | IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in _INTEGERS else pa.string())
                        for c in DOCUMENT_LINK_COLUMNS])
    count = 0
    iterator = iter(rows)
    with pq.ParquetWriter(sink, schema) as writer:
        while chunk := list(islice(iterator, 1000)):
            columns = list(zip(*chunk, strict=True))
            writer.write_table(pa.table(
                {c: pa.array(v, schema.field(c).type) for c, v in zip(
                    DOCUMENT_LINK_COLUMNS, columns, strict=True)}, schema=schema))
            count += len(chunk)
    return count
