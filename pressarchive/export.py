"""Streamed exports of article rows: CSV, JSON Lines, Parquet (for pandas, R, spreadsheets).

Every format has the same columns (COLUMNS) with the same types: integers as integers,
times as timestamps. The archive's ``published`` text (as the portal printed it: a
date, or a time with its +07:00 offset) becomes four columns:

- ``published_date``: the local calendar date, always set when the date is known;
- ``published_local``: the local wall-clock time, without an offset (a date-only value is
  its midnight, with ``published_precision`` = ``day``);
- ``published_offset``: the offset the portal gave, e.g. ``+07:00`` (empty for a date);
- ``published_utc``: the UTC instant, only when the portal gave a time: a date-only value
  has none, so converting to UTC never moves an article to the day before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any

# The archive columns an export reads, in order (``articles`` minus internal ones).
SOURCE_COLUMNS = [
    "id", "url", "site", "title", "published", "published_precision", "published_source",
    "author", "source", "lead", "body", "category", "language", "word_count", "first_seen",
    "last_seen", "last_changed", "status", "content_hash",
    # provenance (schema 7): live, import, or the web archive it was recovered from
    "capture_source", "capture_time", "capture_url",
]
PUBLISHED = ["published_date", "published_local", "published_offset", "published_utc"]
INSTANTS = ("first_seen", "last_seen", "last_changed", "capture_time")  # exported in UTC
# The columns researchers get, in order: ``published`` split into the four above.
COLUMNS = [c for name in SOURCE_COLUMNS for c in (PUBLISHED if name == "published" else [name])]
FORMATS = ("csv", "jsonl", "parquet")
EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".jsonl": "jsonl",
              ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}

Row = tuple[Any, ...]  # an archive row: values in SOURCE_COLUMNS order
Sink = Path | IO[bytes]  # a file to create, or an open binary stream (stdout)


def format_for(path: Path) -> str | None:
    """The format a file name's extension asks for (``.csv``, ``.jsonl``, ``.parquet``…)."""
    return EXTENSIONS.get(path.suffix.lower())


def typed_rows(rows: Iterable[tuple[Any, ...]]) -> Iterator[Row]:
    """Archive rows (SOURCE_COLUMNS order) as export rows (COLUMNS order, typed values),
    one at a time in Python: what :func:`typed_batch` falls back to."""
    at = SOURCE_COLUMNS.index("published")
    instants = [SOURCE_COLUMNS.index(c) for c in INSTANTS]
    for row in rows:
        values = list(row)
        for i in instants:
            values[i] = _instant(values[i])
        yield (*values[:at], *split_published(values[at]), *values[at + 1:])


# What the archive stores: a date, or a time to the second with its offset.
_ISO = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$"


def typed_batch(chunk: list[tuple[Any, ...]]) -> Any:
    """Archive rows (SOURCE_COLUMNS order) as one Arrow record batch of COLUMNS, the
    times parsed by Arrow's vectorised casts (several times faster than Python); a
    batch holding any other shape of time goes through :func:`typed_rows` instead."""
    import pyarrow as pa
    import pyarrow.compute as pc

    schema = arrow_schema()
    source = dict(zip(SOURCE_COLUMNS, zip(*chunk, strict=True), strict=True))
    try:
        arrays = {}
        for name in ("published", *INSTANTS):
            text = pa.array(source[name], pa.string())
            if pc.all(pc.match_substring_regex(text, _ISO)).as_py() is False or (
                    name in INSTANTS
                    and pc.all(pc.equal(pc.utf8_length(text), 25)).as_py() is False):
                raise ValueError(f"{name}: not a date or a time with its offset")
            if name == "published":
                arrays.update(_published_arrays(text))
            else:
                arrays[name] = text.cast(schema.field(name).type)
    except (ValueError, pa.ArrowInvalid):  # an invalid date (2023-02-30) or another shape
        return _record_batch(list(typed_rows(chunk)), schema)
    return pa.RecordBatch.from_arrays(
        [arrays[c] if c in arrays else pa.array(source[c], schema.field(c).type)
         for c in COLUMNS], schema=schema)


def _published_arrays(text: Any) -> dict[str, Any]:
    """The four published_* columns of ISO ``published`` strings (checked by _ISO)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    timed = pc.equal(pc.utf8_length(text), 25)
    none = pa.scalar(None, pa.string())
    return {
        "published_date": pc.utf8_slice_codeunits(text, 0, 10).cast(pa.date32()),
        "published_local": pc.utf8_slice_codeunits(text, 0, 19).cast(pa.timestamp("s")),
        "published_offset": pc.if_else(timed, pc.utf8_slice_codeunits(text, 19, 25), none),
        "published_utc": pc.if_else(timed, text, none).cast(pa.timestamp("s", "UTC")),
    }


def split_published(text: str | None) -> tuple[date | None, datetime | None, str | None,
                                                datetime | None]:
    """``published`` as (local date, local wall-clock time, offset, UTC instant); see the
    module docstring. Text that is not ISO 8601 gives four Nones."""
    if not text:
        return None, None, None, None
    try:
        if len(text) == 10:  # date only: no time, so no instant
            day = date.fromisoformat(text)
            return day, datetime(day.year, day.month, day.day), None, None
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, None, None, None
    local = moment.replace(tzinfo=None)
    if moment.tzinfo is None:  # a time without an offset: local, instant unknown
        return local.date(), local, None, None
    offset = moment.strftime("%z")
    return (local.date(), local, f"{offset[:3]}:{offset[3:5]}",
            moment.astimezone(UTC).replace(tzinfo=None))


def _instant(text: str | None) -> datetime | None:
    """An archive time (ISO 8601 with offset) as a naive UTC datetime."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def arrow_schema() -> Any:
    """COLUMNS as an Arrow schema: int64 for ``id``/``word_count``, date32 for
    ``published_date``, timestamps (seconds; UTC ones marked UTC) for the times."""
    import pyarrow as pa

    kinds = {"id": pa.int64(), "word_count": pa.int64(), "published_date": pa.date32(),
             "published_local": pa.timestamp("s"), "published_utc": pa.timestamp("s", "UTC"),
             **{c: pa.timestamp("s", "UTC") for c in INSTANTS}}
    return pa.schema([(c, kinds.get(c, pa.string())) for c in COLUMNS])


def write_csv(rows: Iterable[Row], path: Sink, *, bom: bool = False, delimiter: str = ",",
              batch: int = 5_000) -> int:
    """RFC 4180 CSV in UTF-8 (with a BOM for spreadsheet tools if asked): text quoted when
    needed, quotes doubled, CRLF line ends, NULL as an empty field; times as
    ``2023-02-01 08:15:00`` (UTC ones ending in ``Z``), dates as ``2023-02-01``.

    Written by pyarrow's multithreaded C++ CSV writer, a batch at a time: about twice as
    fast as Python's csv module on long article rows, with memory still flat.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    schema = arrow_schema()
    options = pacsv.WriteOptions(quoting_style="needed", eol="\r\n", delimiter=delimiter)
    count = 0
    with _arrow_sink(path) as sink:
        if bom:
            sink.write(b"\xef\xbb\xbf")
        with pacsv.CSVWriter(sink, schema, write_options=options) as writer:
            for chunk in _chunks(rows, batch):
                writer.write_batch(typed_batch(chunk))
                count += len(chunk)
        if isinstance(sink, pa.PythonFile):
            sink.flush()
    return count


def write_jsonl(rows: Iterable[Row], path: Sink, *, batch: int = 5_000) -> int:
    """One JSON object a line; times as ISO 8601 (``…Z`` for UTC), dates as YYYY-MM-DD."""
    count = 0
    fh = path.open("wb") if isinstance(path, Path) else path
    try:
        for chunk in _chunks(rows, batch):
            lines = [json.dumps(record, ensure_ascii=False)
                     for record in _as_text(typed_batch(chunk)).to_pylist()]
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))
            count += len(chunk)
    finally:
        if isinstance(path, Path):
            fh.close()
        else:
            fh.flush()
    return count


def _as_text(batch: Any) -> Any:
    """``batch`` with its dates and times as ISO 8601 text (``…Z`` for UTC ones)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field, column in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_timestamp(field.type):
            zone = "Z" if field.type.tz else ""
            column = pc.strftime(column, format=f"%Y-%m-%dT%H:%M:%S{zone}")
        elif pa.types.is_date(field.type):
            column = column.cast(pa.string())
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def write_parquet(rows: Iterable[Row], path: Sink, *, batch: int = 20_000) -> int:
    """Parquet via pyarrow (zstd), one row group a batch so memory stays flat."""
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with _arrow_sink(path) as sink, pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for chunk in _chunks(rows, batch):
            writer.write_batch(typed_batch(chunk))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def _arrow_sink(path: Sink) -> Any:
    import pyarrow as pa

    return pa.OSFile(str(path), "wb") if isinstance(path, Path) else pa.PythonFile(path, "w")


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _record_batch(chunk: list[Row], schema: Any) -> Any:
    import pyarrow as pa

    columns = zip(*chunk, strict=True)
    return pa.RecordBatch.from_arrays(
        [pa.array(values, type=f.type) for values, f in zip(columns, schema, strict=True)],
        schema=schema)


def export(rows: Iterable[Row], path: Sink, fmt: str, *, bom: bool = False,
           delimiter: str = ",") -> int:
    """Write archive ``rows`` (tuples in SOURCE_COLUMNS order) to ``path`` in ``fmt``, as
    COLUMNS; returns the count."""
    if fmt == "csv":
        return write_csv(rows, path, bom=bom, delimiter=delimiter)
    if fmt == "jsonl":
        return write_jsonl(rows, path)
    if fmt == "parquet":
        return write_parquet(rows, path)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
