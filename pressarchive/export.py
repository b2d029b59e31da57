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


def write_csv(rows: Iterable[dict[str, Any]], path: Path, *, bom: bool = False) -> int:
    """RFC 4180 CSV in UTF-8 (with a BOM for spreadsheet tools if asked)."""
    count = 0
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: row.get(k) for k in COLUMNS}, ensure_ascii=False))
            fh.write("\n")
            count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, *, batch: int = 20_000) -> int:
    """Parquet via pyarrow, one row group a batch so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.int64() if c in ("id", "word_count") else pa.string())
                        for c in COLUMNS])
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        buffer: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        for row in rows:
            for c in COLUMNS:
                buffer[c].append(row.get(c))
            count += 1
            if count % batch == 0:
                writer.write_table(pa.table(buffer, schema=schema))
                buffer = {c: [] for c in COLUMNS}
        if buffer["id"] or count == 0:
            writer.write_table(pa.table(buffer, schema=schema))
    return count


def export(rows: Iterable[dict[str, Any]], path: Path, fmt: str, *, bom: bool = False) -> int:
    """Write ``rows`` to ``path`` in ``fmt``; returns the number of rows written."""
    if fmt == "csv":
        return write_csv(rows, path, bom=bom)
    if fmt == "jsonl":
        return write_jsonl(rows, path)
    if fmt == "parquet":
        return write_parquet(rows, path)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
