"""Publication dates in the forms Vietnamese portals print (portal-markup.md, DESIGN.md)."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest

from pressarchive.extract.dates import VN_TZ, ParsedDate, find_date, parse_date, parse_iso

# (input, isoformat(), precision): every one is a fast path (no dateparser).
FAST_CASES = [
    ("31/01/2023", "2023-01-31", "day"),
    ("1/2/2023", "2023-02-01", "day"),
    ("01/02/2023", "2023-02-01", "day"),  # day first, always
    ("31-01-2023", "2023-01-31", "day"),
    ("31/01/2023 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("31/01/2023 15:30:45", "2023-01-31T15:30:45+07:00", "second"),
    ("31/1/2023 3:12:00 CH", "2023-01-31T15:12:00+07:00", "second"),
    ("31/1/2023 9:05:00 SA", "2023-01-31T09:05:00+07:00", "second"),
    ("31/1/2023 12:05:00 SA", "2023-01-31T00:05:00+07:00", "second"),
    ("31/1/2023 12:05:00 CH", "2023-01-31T12:05:00+07:00", "second"),
    ("31/01/2023 - 15:30", "2023-01-31T15:30:00+07:00", "minute"),
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
    ("31 tháng 01 năm 2023", "2023-01-31", "day"),
    ("Thứ Ba, 31/01/2023 - 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("Thứ ba - 31/01/2023 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("THỨ HAI, 19/04/2021", "2021-04-19", "day"),
    ("Thứ 2, 19/04/2021", "2021-04-19", "day"),
    ("Thứ Ba, ngày 31/01/2023", "2023-01-31", "day"),
    ("Thứ sáu: 15:00 ngày 09/02/2024", "2024-02-09T15:00:00+07:00", "minute"),
    ("Chủ Nhật, 18/01/2026, 21:21 (GMT+7)", "2026-01-18T21:21:00+07:00", "minute"),
    ("Cập nhật ngày: 24/04/2015 05:21:36", "2015-04-24T05:21:36+07:00", "second"),
    ("Cập nhật: 01/02/2023 08:15", "2023-02-01T08:15:00+07:00", "minute"),
    ("Cập nhật lúc 15:30 ngày 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("Ngày đăng: 01/02/2023", "2023-02-01", "day"),
    ("Ngày đăng tin: 01/02/2023", "2023-02-01", "day"),
    ("Ngày xuất bản: 01/02/2023", "2023-02-01", "day"),
    ("Đăng lúc 15:30 31/01/2023", "2023-01-31T15:30:00+07:00", "minute"),
    ("Thời gian: 31/01/2023", "2023-01-31", "day"),
    ("Đăng: 31/01/2023 08:15", "2023-01-31T08:15:00+07:00", "minute"),
    ("Xuất bản 01/02/2023 08:15", "2023-02-01T08:15:00+07:00", "minute"),
    ("(Thứ hai, 19/04/2021 15:17)", "2021-04-19T15:17:00+07:00", "minute"),
    ("Tue, 31/01/2023 15:05 | GMT +7", "2023-01-31T15:05:00+07:00", "minute"),
    ("08/01/2026 - 18:21", "2026-01-08T18:21:00+07:00", "minute"),
    ("Ngày 31 tháng 01 năm 2023 lúc 15:30", "2023-01-31T15:30:00+07:00", "minute"),
    ("15h ngày 31/01/2023", "2023-01-31T15:00:00+07:00", "minute"),
    ("31.01.2023", "2023-01-31", "day"),  # a whole date line may use dots
    ("sáng 31/01/2023", "2023-01-31", "day"),
    ("  Ngày\u00a0đăng:\u200b 01/02/2023 ", "2023-02-01", "day"),
    # ISO 8601
    ("2021-04-17 16:39:00", "2021-04-17T16:39:00+07:00", "second"),
    ("2023-02-01T08:15:00+07:00", "2023-02-01T08:15:00+07:00", "second"),
    ("2025-06-17T13:43:02+0700", "2025-06-17T13:43:02+07:00", "second"),
    ("2023-02-01T01:15:00Z", "2023-02-01T01:15:00+00:00", "second"),
    ("2023-02-01", "2023-02-01", "day"),
]


class SpyDateparser:
    """Stands in for the dateparser module: records calls, returns a fixed answer."""

    def __init__(self, answer: datetime | None = None) -> None:
        self.calls: list[str] = []
        self.answer = answer

    def parse(self, text: str, *args: object, **kwargs: object) -> datetime | None:
        self.calls.append(text)
        return self.answer


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> SpyDateparser:
    fake = SpyDateparser()
    monkeypatch.setitem(sys.modules, "dateparser", fake)
    return fake


@pytest.mark.parametrize(("text", "iso", "precision"), FAST_CASES)
def test_date_forms(text: str, iso: str, precision: str, spy: SpyDateparser) -> None:
    parsed = parse_date(text)
    assert parsed is not None, text
    assert (parsed.isoformat(), parsed.precision) == (iso, precision)
    assert parsed.value.tzinfo is not None
    assert spy.calls == [], f"dateparser called for a common form: {text!r}"


@pytest.mark.parametrize(("text", "iso", "precision"), FAST_CASES)
def test_nfd_input_parses_the_same(text: str, iso: str, precision: str) -> None:
    parsed = parse_date(unicodedata.normalize("NFD", text))
    assert parsed is not None and (parsed.isoformat(), parsed.precision) == (iso, precision)


def test_value_and_isoformat() -> None:
    parsed = parse_date("31/01/2023")
    assert parsed == ParsedDate(datetime(2023, 1, 31, tzinfo=VN_TZ), "day")
    assert ParsedDate(datetime(2023, 2, 1, 8, 15, tzinfo=VN_TZ), "minute").isoformat() == (
        "2023-02-01T08:15:00+07:00")


def test_tz_argument_is_the_default_offset() -> None:
    utc = UTC
    assert parse_date("31/01/2023 15:30", tz=utc).isoformat() == "2023-01-31T15:30:00+00:00"
    # An offset in the string wins over tz.
    assert parse_date("2023-01-31T15:30:00+07:00", tz=utc).isoformat() == (
        "2023-01-31T15:30:00+07:00")


@pytest.mark.parametrize(
    ("text", "formats", "iso", "precision"),
    [
        ("31.01.2023 - 15g30", ["%d.%m.%Y - %Hg%M"], "2023-01-31T15:30:00+07:00", "minute"),
        ("Ngày đăng: 31.01.2023", ["%d.%m.%Y"], "2023-01-31", "day"),  # after label stripping
        ("31/01/2023 03:12 CH", ["%d/%m/%Y %I:%M %p"], "2023-01-31T15:12:00+07:00", "minute"),
        ("2023|01|31 15:30:45", ["%Y|%m|%d %H:%M:%S"], "2023-01-31T15:30:45+07:00", "second"),
        ("01/02/2023", ["%m/%d/%Y"], "2023-01-02", "day"),  # a profile may say otherwise
    ],
)
def test_profile_formats_come_first(text: str, formats: list[str], iso: str, precision: str,
                                    spy: SpyDateparser) -> None:
    parsed = parse_date(text, formats=formats)
    assert parsed is not None and (parsed.isoformat(), parsed.precision) == (iso, precision)
    assert spy.calls == []


NEXT_YEAR = date.today().year + 1


@pytest.mark.parametrize(
    "junk",
    [None, "", "   ", "abc", "99/99/9999", "32/01/2023", "29/02/2023", "31/04/2023",
     "00/01/2023", "31/13/2023", "01/01/1850", "01/01/1989", f"01/01/{NEXT_YEAR + 1}",
     "\x00\xff\xfe", "\ud800", "\x1b[31m",
     "15 giờ 30 phút", "Ý kiến của bạn", "null", "2023", "31/01", "dd/mm/yyyy",
     "Ngày 32 tháng 13 năm 2023", "2023-02-30", "2023-02-01T08:15:00+25:00", "x" * 500],
)
def test_rejects_without_raising(junk: str | None) -> None:
    assert parse_date(junk) is None
    assert find_date(junk) is None
    assert parse_iso(junk) is None


@pytest.mark.parametrize(
    "line",
    ["31/01/2023 25:10", "31/01/2023 15:61", "15:12 SA 31/01/2023", "31/01/2023 15:30 15:40",
     "32/01/2023 15:30", "29/02/2023 - 08:00"],
)
def test_impossible_date_lines_are_not_rescued_by_dateparser(line: str) -> None:
    assert parse_date(line) is None  # the real dateparser: it would guess some of these


@pytest.mark.parametrize("junk", [b"31/01/2023", 20230131, ["31/01/2023"]])
def test_non_strings_are_not_dates(junk: object) -> None:
    assert parse_date(junk) is None  # type: ignore[arg-type]
    assert find_date(junk) is None  # type: ignore[arg-type]
    assert parse_iso(junk) is None  # type: ignore[arg-type]


def test_leap_day_and_year_bounds() -> None:
    assert parse_date("29/02/2024").isoformat() == "2024-02-29"
    assert parse_date("01/01/1990").isoformat() == "1990-01-01"
    assert parse_date(f"31/12/{NEXT_YEAR}").isoformat() == f"{NEXT_YEAR}-12-31"


def test_dateparser_runs_last_and_only_when_allowed(spy: SpyDateparser) -> None:
    spy.answer = datetime(2023, 1, 31)
    assert parse_date("31 January 2023", use_dateparser=False) is None
    assert spy.calls == []
    parsed = parse_date("Cập nhật: 31 January 2023")
    assert parsed is not None and parsed.isoformat() == "2023-01-31"
    assert spy.calls == ["31 January 2023"]  # labels stripped before the fallback


def test_dateparser_time_gives_minute_precision(spy: SpyDateparser) -> None:
    spy.answer = datetime(2023, 1, 31, 15, 15)
    parsed = parse_date("January 31, 2023 3:15 PM")
    assert parsed is not None
    assert (parsed.isoformat(), parsed.precision) == ("2023-01-31T15:15:00+07:00", "minute")


def test_dateparser_answer_must_be_anchored_in_the_input(spy: SpyDateparser) -> None:
    # dateparser's "now minus 15h30" for a time without a date: day 17 is not in the input.
    spy.answer = datetime(2023, 5, 17, 0, 30)
    assert parse_date("Họp lúc 15 giờ 30 phút năm 2023") is None
    # Year not in the input: rejected too.
    spy.answer = datetime(2024, 1, 31)
    assert parse_date("31 January 2023") is None
    # No four-digit year at all: dateparser is not even asked.
    spy.calls.clear()
    assert parse_date("15 giờ 30 phút") is None
    assert spy.calls == []


def test_dateparser_junk_errors_are_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    class Exploding:
        @staticmethod
        def parse(*args: object, **kwargs: object) -> None:
            raise RuntimeError("dateparser blew up")

    monkeypatch.setitem(sys.modules, "dateparser", Exploding)
    assert parse_date("31 January 2023") is None


def test_real_dateparser_fallback() -> None:
    parsed = parse_date("31 January 2023")
    assert parsed is not None and (parsed.isoformat(), parsed.precision) == ("2023-01-31", "day")
    assert parse_date("15 giờ 30 phút") is None  # dateparser alone gives now - 15h30
    assert parse_date("tháng 1 năm 2023") is None  # no day: not a publication date


def test_importing_the_module_does_not_import_dateparser() -> None:
    code = ("import sys, pressarchive.extract.dates as d; d.parse_date('31/01/2023 15:30'); "
            "d.find_date('Cập nhật: 31/01/2023'); print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


# --- find_date ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("(Thứ hai, 19/04/2021 15:17) Chiều nay, ngày 29.12.2023, tỉnh đã họp",
         "2021-04-19T15:17:00+07:00"),
        ("Lượt xem: 120 | Cập nhật: 01/02/2023 08:15", "2023-02-01T08:15:00+07:00"),
        ("Tin tức sự kiện Thứ sáu: 15:00 ngày 09/02/2024 Lượt xem 35",
         "2024-02-09T15:00:00+07:00"),
        ("Họp tổng kết (29/06/2026, 14:49)", "2026-06-29T14:49:00+07:00"),
        ("Chủ Nhật, 18/01/2026, 21:21 (GMT+7) | Văn hóa", "2026-01-18T21:21:00+07:00"),
        ("Đồng Tháp, ngày 31 tháng 01 năm 2023", "2023-01-31"),
        ("Ban hành 01/02/2023. Hiệu lực 15/02/2023 08:00", "2023-02-01"),  # the first one
        ("Ngày 31 tháng 01 năm 2023 … 15:30 01/02/2023", "2023-01-31"),
        ("Số 99/99/2023 rồi ngày 01/02/2023", "2023-02-01"),  # skips the impossible one
        ("Cập nhật 01/02/2023 25:10", "2023-02-01"),  # a bad time does not lose the date
        ("Tin 24h 31/01/2023", "2023-01-31"),
        ("31/01/2023, 15 học sinh nhận thưởng", "2023-01-31"),
        ("lúc 9h, ngày 31/01/2023 tại hội trường", "2023-01-31T09:00:00+07:00"),
        ("Cập nhật: 31/1/2023 3:12:00 CH", "2023-01-31T15:12:00+07:00"),
    ],
)
def test_find_date(text: str, iso: str, spy: SpyDateparser) -> None:
    found = find_date(text)
    assert found is not None and found.isoformat() == iso
    assert spy.calls == []


@pytest.mark.parametrize(
    "text",
    ["Dự kiến hoàn thành ngày 29.12.2023.", "Ngày 18.6, đoàn công tác đến thăm",
     "Trong 2 ngày 22 & 23.7, tỉnh tổ chức", "Giai đoạn 22-23/7/2023 và 2021-2025",
     "Mã số 131/01/2023", "Hết hạn ngày 18 tháng 6", "Văn bản số 12/2023/QĐ-UBND"],
)
def test_find_date_ignores_prose_forms(text: str, spy: SpyDateparser) -> None:
    assert find_date(text) is None
    assert spy.calls == []


def test_find_date_profile_formats() -> None:
    found = find_date("31.01.2023 - 15g30", formats=["%d.%m.%Y - %Hg%M"])
    assert found is not None and found.isoformat() == "2023-01-31T15:30:00+07:00"


# --- parse_iso ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2025-06-17T13:43:02+0700", "2025-06-17T13:43:02+07:00", "second"),
        ("2023-02-01T08:15:00+07:00", "2023-02-01T08:15:00+07:00", "second"),
        ("2023-02-01T08:15:00+05:30", "2023-02-01T08:15:00+05:30", "second"),  # not converted
        ("2023-02-01T01:15:00Z", "2023-02-01T01:15:00+00:00", "second"),
        ("2023-02-01T08:15:00.123+07:00", "2023-02-01T08:15:00+07:00", "second"),
        ("2023-02-01T08:15", "2023-02-01T08:15:00+07:00", "minute"),
        ("2021-04-17 16:39:00", "2021-04-17T16:39:00+07:00", "second"),
        ("2023-02-01", "2023-02-01", "day"),
        (" 2023-02-01T08:15:00+07:00\n", "2023-02-01T08:15:00+07:00", "second"),
    ],
)
def test_parse_iso(text: str, iso: str, precision: str) -> None:
    parsed = parse_iso(text)
    assert parsed is not None and (parsed.isoformat(), parsed.precision) == (iso, precision)


def test_parse_iso_keeps_the_offset_and_assumes_tz() -> None:
    assert parse_iso("2025-06-17T13:43:02+0700").value.utcoffset() == timedelta(hours=7)
    utc = UTC
    assert parse_iso("2023-02-01T08:15", tz=utc).isoformat() == "2023-02-01T08:15:00+00:00"


@pytest.mark.parametrize("text", ["01/02/2023", "Cập nhật: 2023-02-01",
                                  "1970-01-01T00:00:00Z", "2023-02-01T25:00:00", "2023-2-1"])
def test_parse_iso_rejects_non_iso(text: str) -> None:
    assert parse_iso(text) is None


# -- publication date from the best evidence (extract_article, generic mode) ----------------

_PROSE = ("<p>Từ ngày 24/3/2021, tỉnh đã triển khai chương trình hỗ trợ nông dân chuyển đổi "
          "cây trồng trên diện rộng, đạt nhiều kết quả tích cực.</p>")


def _page(before_body: str, url: str = "https://portal.example.gov.vn/tin-tuc/bai-1.html",
          lang: str = "vi") -> object:
    from pressarchive.extract import extract_article

    html = (f"<html lang='{lang}'><head><title>Tiêu đề bài viết</title></head><body>"
            f"<h1>Tiêu đề bài viết</h1>{before_body}<div class='news-content'>{_PROSE}"
            f"{_PROSE}</div></body></html>")
    return extract_article(html, url)


def test_author_date_line_beats_a_prose_date() -> None:
    art = _page("<p class='info'>Nguyên Minh - 07/03/2026 08:47</p>")
    assert (art.published, art.published_source) == ("2026-03-07T08:47:00+07:00", "page")


def test_day_month_year_with_am_pm_after_a_bar() -> None:
    art = _page("<div class='date'>21/12/2012 | 03:15 PM</div>")
    assert art.published == "2012-12-21T15:15:00+07:00"
    assert parse_date("21/12/2012 | 12:00 AM").isoformat() == "2012-12-21T00:00:00+07:00"


def test_a_dated_url_overrides_a_date_outside_its_period() -> None:
    html_date = "<div class='date'>01/06/2010</div>"
    art = _page(html_date + "<p>Cập nhật 03/12/2011</p>",
                url="https://portal.example.gov.vn/2011/12/bai-viet.html")
    assert art.published.startswith("2011-12")
    art = _page(html_date, url="https://portal.example.gov.vn/tin-tuc/bai-viet.html")
    assert art.published == "2010-06-01"


def test_prose_date_only_when_nothing_else_exists() -> None:
    art = _page("")
    assert (art.published, art.published_source) == ("2021-03-24", "prose")
