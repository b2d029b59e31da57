"""Publication dates in the forms Vietnamese portals print (portal-markup.md)."""

from __future__ import annotations

import sys

import pytest

from pressarchive.extract.dates import find_date, parse_date, parse_iso

CASES = [
    ("31/01/2023", "2023-01-31", "day"),
    ("1/2/2023", "2023-02-01", "day"),
    ("31-01-2023", "2023-01-31", "day"),
    ("31/01/2023 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("31/01/2023 15:30:45", "2023-01-31T15:30:45+07:00", "second"),
    ("31/1/2023 3:12:00 CH", "2023-01-31T15:12:00+07:00", "second"),
    ("31/1/2023 9:05:00 SA", "2023-01-31T09:05:00+07:00", "second"),
    ("31/1/2023 12:05:00 SA", "2023-01-31T00:05:00+07:00", "second"),
    ("31/1/2023 12:05:00 CH", "2023-01-31T12:05:00+07:00", "second"),
    ("Thứ Ba, 31/01/2023 - 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("31/01/2023 | 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("31/01/2023, 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("15:30 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("04:35 15/03/2016", "2016-03-15T04:35:00+07:00", "minute"),
    ("15:30 ngày 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("15h30 ngày 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("15h30, 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("15 giờ 30 phút ngày 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("Ngày 31 tháng 01 năm 2023", "2023-01-31", "day"),
    ("Ngày 1 tháng 9 năm 2023", "2023-09-01", "day"),
    ("Ngày 01 tháng 09 năm 2023", "2023-09-01", "day"),
    ("Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00", "minute"),
    ("Chủ Nhật, 18/01/2026, 21:21 (GMT+7)", "2026-01-18T21:21:00+07:00", "minute"),
    ("Cập nhật ngày: 24/04/2015 05:21:36", "2015-04-24T05:21:36+07:00", "second"),
    ("Cập nhật: 01/02/2023 08:15", "2023-02-01T08:15:00+07:00", "minute"),
    ("Cập nhật lúc 15:30 ngày 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("Ngày đăng: 01/02/2023", "2023-02-01", "day"),
    ("Xuất bản 01/02/2023 08:15", "2023-02-01T08:15:00+07:00", "minute"),
    ("(Thứ hai, 19/04/2021 15:17)", "2021-04-19T15:17:00+07:00", "minute"),
    ("Tue, 31/01/2023 15:05 | GMT +7", "2023-01-31T15:05:00+07:00", "minute"),
    ("08/01/2026 - 18:21", "2026-01-08T18:21:00+07:00", "minute"),
    ("sáng 31/01/2023", "2023-01-31", "day"),
    ("2021-04-17 16:39:00", "2021-04-17T16:39:00+07:00", "second"),
    ("2025-06-17T13:43:02+0700", "2025-06-17T13:43:02+07:00", "second"),
    ("2023-02-01T01:15:00Z", "2023-02-01T01:15:00+00:00", "second"),
    ("  Ngày\u00a0đăng:\u200b 01/02/2023 ", "2023-02-01", "day"),
]


@pytest.mark.parametrize(("text", "iso", "precision"), CASES)
def test_date_forms(text: str, iso: str, precision: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None, text
    assert (parsed.isoformat(), parsed.precision) == (iso, precision)


@pytest.mark.parametrize(("text", "iso", "precision"), CASES[:32])
def test_fast_paths_never_call_dateparser(text: str, iso: str, precision: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    class Exploding:
        @staticmethod
        def parse(*args: object, **kwargs: object) -> None:
            raise AssertionError("dateparser called for a common form")

    monkeypatch.setitem(sys.modules, "dateparser", Exploding)
    assert parse_date(text).isoformat() == iso


def test_nfd_input() -> None:
    import unicodedata
    assert parse_date(unicodedata.normalize("NFD", "Thứ Ba, 31/01/2023 - 15:30")) is not None


@pytest.mark.parametrize("junk", [None, "", "abc", "99/99/9999", "32/01/2023", "29/02/2023",
                                  "31/01/2023 25:10", "01/01/1850", "\x00\xff\xfe",
                                  "15 giờ 30 phút", "Ý kiến của bạn"])
def test_rejects_without_raising(junk: str | None) -> None:
    assert parse_date(junk) is None


def test_dateparser_fallback_is_anchored_in_input_digits() -> None:
    parsed = parse_date("31 January 2023")  # not a fast path: dateparser handles it
    assert parsed is not None and parsed.isoformat() == "2023-01-31"


def test_find_date_in_longer_text_but_not_dotted_prose() -> None:
    found = find_date("(Thứ hai, 19/04/2021 15:17) Chiều nay, ngày 29.12.2023, tỉnh đã họp")
    assert found is not None and found.isoformat() == "2021-04-19T15:17:00+07:00"
    assert find_date("Dự kiến hoàn thành ngày 29.12.2023. Ngày 18.6 và 22 & 23.7") is None
    found = find_date("Lượt xem: 120 | Cập nhật: 01/02/2023 08:15")
    assert found is not None and found.isoformat() == "2023-02-01T08:15:00+07:00"


def test_parse_iso_keeps_offset_and_precision() -> None:
    assert parse_iso("2025-06-17T13:43:02+0700").isoformat() == "2025-06-17T13:43:02+07:00"
    assert parse_iso("2023-02-01").precision == "day"
    assert parse_iso("2023-02-01T08:15").isoformat() == "2023-02-01T08:15:00+07:00"
    assert parse_iso("01/02/2023") is None
