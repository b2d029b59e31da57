"""Streamed exports of article rows: CSV, JSON Lines, Parquet (for pandas and R)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The columns researchers get, in order (the ``articles`` table minus internal ones).
COLUMNS = [
    "id", "url", "site", "title", "published", "published_precision", "published_source",
    "author", "source", "lead", "body", "category", "language", "word_count", "first_seen",
    "last_seen", "last_changed", "status", "content_hash",
]
FORMATS = ("csv", "jsonl", "parquet")


Row = tuple[Any, ...]  # values in COLUMNS order


def write_csv(rows: Iterable[Row], path: Path, *, bom: bool = False) -> int:
    """RFC 4180 CSV in UTF-8 (with a BOM for spreadsheet tools if asked)."""
    counter = _Counter(rows)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(counter)
    return counter.count


def write_jsonl(rows: Iterable[Row], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


class _Counter:
    """Counts the rows an iterator hands to a C-level consumer (csv.writerows)."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = iter(rows)
        self.count = 0

    def __iter__(self) -> _Counter:
        return self

    def __next__(self) -> Row:
        row = next(self.rows)
        self.count += 1
        return row


def write_parquet(rows: Iterable[Row], path: Path, *, batch: int = 20_000) -> int:
    """Parquet via pyarrow, one row group a batch so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in ("id", "word_count") else pa.string())
                        for c in COLUMNS])
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        buffer: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        for row in rows:
            for c, value in zip(COLUMNS, row, strict=True):
                buffer[c].append(value)
            count += 1
            if count % batch == 0:
                writer.write_table(pa.table(buffer, schema=schema))
                buffer = {c: [] for c in COLUMNS}
        if buffer["id"] or count == 0:
            writer.write_table(pa.table(buffer, schema=schema))
    return count


def export(rows: Iterable[Row], path: Path, fmt: str, *, bom: bool = False) -> int:
    """Write ``rows`` (tuples in COLUMNS order) to ``path`` in ``fmt``; returns the count."""
    if fmt == "csv":
        return write_csv(rows, path, bom=bom)
    if fmt == "jsonl":
        return write_jsonl(rows, path)
    if fmt == "parquet":
        return write_parquet(rows, path)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
