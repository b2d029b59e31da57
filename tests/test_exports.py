"""Exports as a researcher loads them: pandas dtypes, dates that parse, UTC that keeps the
day, CSV for a Vietnamese Excel, streaming to stdout, the format from the file name."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

from pressarchive.archive import Archive
from pressarchive.extract.model import Article

BASE = "https://dongthap.gov.vn/tin/"
# (published as the portal printed it, precision): an early-morning minute, a date-only
# page, a second, and no date at all.
DATES = [("2024-03-05T06:30:00+07:00", "minute"), ("2024-03-06", "day"),
         ("2023-12-31T23:59:59+07:00", "second"), (None, None)]
DTYPES = {"id": "int64", "word_count": "int64", "published_local": "datetime64",
          "published_utc": "datetime64", "first_seen": "datetime64"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "archive.db"
    articles = [
        Article(url=f"{BASE}bai-{n}", title=f"Đồng Tháp: bài {n}; “trích dẫn”, dấu phẩy",
                body="Đoạn một của bài.\n\nĐoạn hai, có dấu chấm phẩy; và \"ngoặc\".",
                site="dongthap", published=published, published_precision=precision,
                published_source="page" if published else None, author="Văn Khương")
        for n, (published, precision) in enumerate(DATES, 1)]
    with Archive(path) as archive:
        archive.store_articles(articles)
    return path


def export(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("export", "--db", str(db), *args)
    assert result.returncode == 0, result.stderr
    return result


def assert_typed(frame: pd.DataFrame) -> None:
    """What every format must give pandas: the same columns, ints, real times, the UTC
    instant only where the portal gave a time, and the local day kept."""
    for column, kind in DTYPES.items():
        assert str(frame[column].dtype).startswith(kind), (column, frame[column].dtype)
    assert str(frame["published_utc"].dtype).endswith("UTC]")
    early, day_only, second, undated = (frame.iloc[i] for i in range(4))
    assert early.published_utc == pd.Timestamp("2024-03-04T23:30:00Z")  # the real instant
    assert str(pd.Timestamp(early.published_date).date()) == "2024-03-05"  # the local day
    assert early.published_local == pd.Timestamp("2024-03-05T06:30:00")
    assert early.published_offset == "+07:00" and early.published_precision == "minute"
    assert pd.isna(day_only.published_utc)  # a date has no instant: nothing moves a day
    assert day_only.published_local == pd.Timestamp("2024-03-06")
    assert day_only.published_precision == "day" and pd.isna(day_only.published_offset)
    assert second.published_local == pd.Timestamp("2023-12-31T23:59:59")
    assert pd.isna(undated.published_date) and pd.isna(undated.published_local)
    for column in ("published_date", "published_local", "published_utc", "last_changed"):
        assert str(pd.to_datetime(frame[column]).dtype).startswith("datetime64")
    assert frame.word_count.tolist() == [12] * 4
    assert frame.title.iloc[0] == "Đồng Tháp: bài 1; “trích dẫn”, dấu phẩy"


def test_parquet_has_timestamps_and_ints(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"  # format from the extension
    assert "4 articles written" in export(db, "-o", str(out)).stderr
    frame = pd.read_parquet(out)
    assert_typed(frame)
    import pyarrow.parquet as pq

    schema = pq.read_schema(out)
    assert str(schema.field("published_date").type) == "date32[day]"  # R reads a Date
    assert str(schema.field("published_utc").type) == "timestamp[ms, tz=UTC]"  # Parquet: ms


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_same_columns_delimiter_and_bom(db: Path, tmp_path: Path, delimiter: str) -> None:
    out = tmp_path / "a.csv"
    export(db, "-o", str(out), "--delimiter", delimiter, "--bom")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b'"id"' + delimiter.encode())
    frame = pd.read_csv(out, sep=delimiter, encoding="utf-8-sig",
                        parse_dates=["published_local", "published_utc", "first_seen"])
    assert_typed(frame)
    parquet = tmp_path / "a.parquet"
    export(db, "-o", str(parquet))
    assert list(frame.columns) == list(pd.read_parquet(parquet).columns)


def test_jsonl_to_stdout_same_columns(db: Path, tmp_path: Path) -> None:
    result = export(db, "--format", "jsonl", "-o", "-")
    assert "4 articles written to standard output" in result.stderr
    assert not Path("-").exists()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["published_utc"] == "2024-03-04T23:30:00Z"
    assert records[1]["published_date"] == "2024-03-06" and records[1]["published_utc"] is None
    frame = pd.read_json(io.StringIO(result.stdout), lines=True, dtype=False)
    for column in ("published_local", "published_utc", "first_seen"):
        frame[column] = pd.to_datetime(frame[column])
    assert_typed(frame)
    parquet = tmp_path / "a.parquet"
    export(db, "-o", str(parquet))
    assert list(frame.columns) == list(pd.read_parquet(parquet).columns)


def test_csv_and_parquet_stream_to_stdout(db: Path) -> None:
    csv_out = export(db, "--format", "csv", "-o", "-", "--delimiter", ";")
    frame = pd.read_csv(io.StringIO(csv_out.stdout), sep=";", parse_dates=["published_utc"])
    assert len(frame) == 4
    done = subprocess.run([sys.executable, "-m", "pressarchive.cli", "export", "--db", str(db),
                           "--format", "parquet", "-o", "-"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert_typed(pd.read_parquet(io.BytesIO(done.stdout)))


def test_a_reader_that_stops_early_ends_the_export_quietly(db: Path) -> None:
    done = subprocess.run(f"{sys.executable} -m pressarchive.cli export --db {db}"
                          " --format jsonl -o - | head -c 10", shell=True, capture_output=True,
                          text=True, timeout=60)
    assert len(done.stdout) == 10 and "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "out.xlsx"], "out.xlsx'; pass --format csv, jsonl or parquet"),
    (["-o", "-"], "cannot tell the format from -o -"),
    (["-o", "out.parquet", "--bom"], "--bom and --delimiter are for CSV only"),
    (["-o", "out.csv", "--delimiter", ":"], "Invalid value for '--delimiter'"),
])
def test_export_usage_mistakes_are_one_line(db: Path, tmp_path: Path, args: list[str],
                                            message: str) -> None:
    result = run_cli("export", "--db", str(db), *[str(tmp_path / a) if a.startswith("out")
                                                  else a for a in args])
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_tsv_extension_means_tabs(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.tsv"
    export(db, "-o", str(out))
    assert out.read_text("utf-8").startswith('"id"\t"url"\t')


def test_arrow_and_python_conversions_agree() -> None:
    """The vectorised batch equals the row-by-row conversion; a time of another shape
    (no offset, a fraction, an impossible date) sends its batch the Python way."""
    from pressarchive.export import (
        SOURCE_COLUMNS,
        _record_batch,
        arrow_schema,
        typed_batch,
        typed_rows,
    )

    def rows(*published: str | None) -> list[tuple]:
        base = dict.fromkeys(SOURCE_COLUMNS)
        out = []
        for n, value in enumerate(published):
            base.update(id=n, published=value, first_seen="2026-12-02T07:15:11+07:00")
            out.append(tuple(base.values()))
        return out

    usual = rows(*[d for d, _ in DATES])
    assert typed_batch(usual).equals(_record_batch(list(typed_rows(usual)), arrow_schema()))
    odd = typed_batch(rows("2024-03-05T06:30:00", "2024-03-05T06:30:00.5+07:00",
                           "2023-02-30", "2024-03-05T06:30:00+07:00")).to_pylist()
    assert [r["published_utc"] is None for r in odd] == [True, False, True, False]
    assert str(odd[0]["published_local"]) == "2024-03-05 06:30:00"
    assert odd[2]["published_date"] is None  # not a date: nothing made up
