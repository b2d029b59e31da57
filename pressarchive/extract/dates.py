"""Publication dates as Vietnamese portals print them.

Order (DESIGN.md pitfalls): profile strptime patterns, ISO 8601, fast regexes for the
common numeric and "Ngày … tháng … năm" forms, and only then dateparser (≈1 ms a call,
imported lazily) — whose answer is kept only when the input's own year and day digits
are in it. Day-first always; times are Vietnam time unless the string carries an offset.
No function here raises on bad input: junk gives ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from ..textnorm import clean_inline

VN_TZ = timezone(timedelta(hours=7))
MIN_YEAR = 1990
MAX_LINE = 200  # a date line is short; longer text belongs to find_date


@dataclass(frozen=True)
class ParsedDate:
    """A publication time: ``value`` is tz-aware (midnight local for day precision)."""

    value: datetime
    precision: str  # "day" | "minute" | "second"

    def isoformat(self) -> str:
        """``2023-02-01`` for day precision, else ``2023-02-01T08:15:00+07:00``."""
        if self.precision == "day":
            return self.value.date().isoformat()
        return self.value.replace(microsecond=0).isoformat()


# --- decorations stripped from a date line -------------------------------------------
_LABELS = re.compile(
    r"(?<!\w)(?:"
    r"ngày\s+đăng(?:\s+tin)?|ngày\s+xuất\s+bản|ngày\s+cập\s+nhật|ngày\s+ban\s+hành|"
    r"cập\s+nhật(?:\s+lúc|\s+ngày)?|xuất\s+bản(?:\s+lúc|\s+ngày)?|"
    r"đăng(?:\s+lúc|\s+ngày|(?=\s*:))|thời\s+gian(?:\s+đăng)?|ngày(?=\s*:)|"
    r"published|posted|updated|date|"
    r"sáng|trưa|chiều|tối|đêm"
    r")(?!\w)\s*[:：]?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"(?<!\w)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|"
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)(?!\w)\s*[,:\-–]?",
    re.IGNORECASE,
)
_GMT = re.compile(r"\|?\s*\(?\s*(?:GMT|UTC)\s*\+\s*0?7(?::?00)?\s*\)?", re.IGNORECASE)
_DECOR = " ()[],|-–:"
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# --- the fast paths ------------------------------------------------------------------
# Day first; a numeric date uses one separator twice. The pattern starts with a digit
# so that scanning long text is fast; _boundary() then rejects a date that continues a
# number or a range ("131/01/2023", "22-23/7/2023"). Dotted forms ("29.12.2023") only
# where a whole line is the date: in prose they are events ("ngày 29.12.2023", "18.6").
_DATE = (r"(?P<d>\d{1,2})(?:(?P<sep>SEPS)(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
         r"|\s+tháng\s+(?P<wm>\d{1,2})\s*,?\s*(?:năm\s+)?(?P<wy>\d{4}))(?!\d)")
_DATE_LINE = re.compile(_DATE.replace("SEPS", "[/.-]"), re.IGNORECASE)
_DATE_PROSE = re.compile(_DATE.replace("SEPS", "[/-]"), re.IGNORECASE)
_LEADING_NGAY = re.compile(r"^ngày\s*(?=\d)", re.IGNORECASE)

# "15:30", "15:30:45", "3:12:00 CH", "15h30", "15h", "15 giờ 30 phút"; h/giờ not before a
# letter ("15 học sinh"). Hour-only forms get minute precision (HH:00).
_TIME = (
    r"(?<![\d:])(?P<H>\d{1,2})(?:"
    r":(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"|\s*(?:h|giờ)(?![^\W\d])(?:\s*(?P<M2>\d{2})(?:\s*phút)?(?:\s*(?P<S2>\d{2})\s*giây)?)?"
    r")(?!\d)(?:\s*(?P<ap>SA|CH|AM|PM)(?!\w))?"
)
_TIME_AFTER = re.compile(r"\s*(?:[-–|,]\s*)?(?:lúc\s*)?" + _TIME, re.IGNORECASE)
_TIME_BEFORE = re.compile(_TIME + r"\s*(?:[-–|,]\s*)?(?:ngày\s*)?$", re.IGNORECASE)
_LOOKBACK = 40  # characters before a date searched for a leading time

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(
    r"(?<![\d+-])\d{1,2}\s*(?::|h|giờ)\s*\d{0,2}|\b(?:am|pm|sa|ch)\b", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= date.today().year + 1


def _make(
    year: int, month: int, day: int, tz: tzinfo, time: re.Match[str] | None = None
) -> ParsedDate | None:
    """A checked ParsedDate; None for impossible dates, times or out-of-range years."""
    if not _year_ok(year):
        return None
    try:
        if time is None:
            return ParsedDate(datetime(year, month, day, tzinfo=tz), "day")
        hour = int(time["H"])
        minute = time["M"] or time["M2"]
        second = time["S"] or time["S2"]
        ampm = (time["ap"] or "").upper()
        if ampm in ("SA", "AM") and hour > 12:
            return None  # "15:12 SA" contradicts itself; "15:12 CH" is merely redundant
        if ampm in ("CH", "PM") and hour < 12:
            hour += 12
        elif ampm in ("SA", "AM") and hour == 12:
            hour = 0
        value = datetime(year, month, day, hour, int(minute or 0), int(second or 0), tzinfo=tz)
    except ValueError:
        return None
    return ParsedDate(value, "second" if second else "minute")


def _date_parts(match: re.Match[str]) -> tuple[int, int, int]:
    if match["y"]:
        return int(match["y"]), int(match["m"]), int(match["d"])
    return int(match["wy"]), int(match["wm"]), int(match["d"])


def _boundary(text: str, start: int) -> bool:
    """A date may not continue a number or a range: "131/01/2023", "22-23/7/2023"."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isdigit():
        return False
    return not (before in "/.-&" and start >= 2 and text[start - 2].isdigit())


def _dates(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    pos = 0
    while match := pattern.search(text, pos):
        if _boundary(text, match.start()):
            yield match
        pos = match.start() + 1


def _times(text: str, match: re.Match[str]) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The time right after the date, and the time right before it (either may be None)."""
    after = _TIME_AFTER.match(text, match.end())
    before = _TIME_BEFORE.search(text, max(0, match.start() - _LOOKBACK), match.start())
    return after, before


def _scan_line(text: str, tz: tzinfo) -> tuple[bool, ParsedDate | None]:
    """(matched, parsed): the whole of ``text`` is one date with an optional time before
    or after it. ``matched`` with ``parsed`` None means the shape fits but the values are
    impossible ("31/01/2023 25:10"): then no fallback may guess."""
    for match in _dates(_DATE_LINE, text):
        after, before = _times(text, match)
        time: re.Match[str] | None
        if match.start() == 0 and match.end() == len(text):
            time = None
        elif match.start() == 0 and after and after.end() == len(text):
            time = after
        elif before and before.start() == 0 and match.end() == len(text):
            time = before
        else:
            continue
        return True, _make(*_date_parts(match), tz, time)
    return False, None


def _scan_prose(text: str, tz: tzinfo) -> ParsedDate | None:
    """The first valid date in ``text``, with its adjacent time when that is valid."""
    for match in _dates(_DATE_PROSE, text):
        after, before = _times(text, match)
        parts = _date_parts(match)
        for time in (after, before):
            if time is not None:
                parsed = _make(*parts, tz, time)
                if parsed:
                    return parsed
        parsed = _make(*parts, tz)
        if parsed:
            return parsed
    return None


def _offset(zone: str | None, default: tzinfo) -> tzinfo:
    if not zone:
        return default
    if zone.upper() == "Z":
        return UTC
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0)))


def parse_iso(text: str | None, tz: tzinfo = VN_TZ) -> ParsedDate | None:
    """ISO 8601 only (meta tags, JSON-LD, ``<time datetime>``): keeps the given offset,
    assumes ``tz`` when there is none, day precision for a date-only value."""
    if not text or not isinstance(text, str):
        return None
    match = _ISO.fullmatch(text.strip())
    if not match:
        return None
    try:
        zone = _offset(match["tz"], tz)
    except ValueError:  # "+25:00"
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if match["H"] is None:
        return _make(year, month, day, zone)
    if not _year_ok(year):
        return None
    try:
        value = datetime(year, month, day, int(match["H"]), int(match["M"]),
                         int(match["S"] or 0), tzinfo=zone)
    except ValueError:
        return None
    return ParsedDate(value, "second" if match["S"] else "minute")


def _strptime(text: str, formats: Sequence[str], tz: tzinfo) -> ParsedDate | None:
    """Profile patterns; SA/CH are read as AM/PM for ``%p``."""
    for fmt in formats:
        candidate = text
        if "%p" in fmt:
            candidate = re.sub(r"(?<!\w)SA(?!\w)", "AM", candidate)
            candidate = re.sub(r"(?<!\w)CH(?!\w)", "PM", candidate)
        try:
            value = datetime.strptime(candidate, fmt)
        except (ValueError, TypeError):
            continue
        if not _year_ok(value.year):
            continue
        if "%S" in fmt or "%T" in fmt:
            precision = "second"
        elif any(d in fmt for d in ("%M", "%H", "%I", "%R")):
            precision = "minute"
        else:
            precision = "day"
            value = value.replace(hour=0, minute=0, second=0, microsecond=0)
        return ParsedDate(value if value.tzinfo else value.replace(tzinfo=tz), precision)
    return None


def _clean(text: str) -> str:
    """Drop labels, weekday names, "(GMT+7)" and surrounding punctuation."""
    text = _strip_gmt(text)
    text = _LABELS.sub(" ", text)
    text = _WEEKDAY.sub(" ", text)
    text = " ".join(text.split()).strip(_DECOR)
    return _LEADING_NGAY.sub("", text)


def _strip_gmt(text: str) -> str:
    upper = text.upper()
    return _GMT.sub(" ", text) if "GMT" in upper or "UTC" in upper else text


def _anchored(value: datetime, text: str) -> bool:
    """True when the year and the day of ``value`` occur as numbers in ``text``."""
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    return value.year in numbers and value.day in numbers


def parse_date(
    text: str | None,
    *,
    formats: Sequence[str] = (),
    tz: tzinfo = VN_TZ,
    use_dateparser: bool = True,
) -> ParsedDate | None:
    """Parse a date line ("Cập nhật: 01/02/2023 08:15", "31/1/2023 3:12:00 CH", …).

    The whole line (after labels and weekday names are stripped) must be the date;
    use :func:`find_date` for a date inside longer text.
    """
    if not text or not isinstance(text, str):
        return None
    raw = clean_inline(text)
    if not raw or len(raw) > MAX_LINE:
        return None
    parsed = _strptime(raw, formats, tz)
    if parsed:
        return parsed
    cleaned = _clean(raw)
    if not cleaned:
        return None
    parsed = (_strptime(cleaned, formats, tz) if cleaned != raw else None) or parse_iso(
        cleaned, tz)
    if parsed:
        return parsed
    matched, parsed = _scan_line(cleaned, tz)
    if matched or not use_dateparser or not _YEAR.search(cleaned):
        return parsed
    return _dateparser(cleaned, tz)


def _dateparser(text: str, tz: tzinfo) -> ParsedDate | None:
    """Last resort; kept only when anchored in the input's own digits."""
    try:
        import dateparser  # lazy: ~70 ms to import, ~1 ms a call

        value = dateparser.parse(
            text,
            languages=["vi", "en"],
            settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past",
                      "PREFER_DAY_OF_MONTH": "first",
                      "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # dateparser raises a zoo of errors on junk
        return None
    if not isinstance(value, datetime) or not _anchored(value, text):
        return None
    if not _year_ok(value.year):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    if not (value.hour or value.minute or value.second or _HAS_TIME.search(text)):
        return ParsedDate(value.replace(hour=0, minute=0, second=0, microsecond=0), "day")
    has_seconds = value.second or re.search(r"\d:\d{2}:\d{2}", text)
    return ParsedDate(value.replace(microsecond=0), "second" if has_seconds else "minute")


def find_date(
    text: str | None, *, formats: Sequence[str] = (), tz: tzinfo = VN_TZ
) -> ParsedDate | None:
    """The first numeric or "Ngày … tháng … năm" date in a longer text, with the time
    next to it (before or after) if any. ``formats`` are tried on the whole text first.
    Never calls dateparser; dotted prose dates ("ngày 29.12.2023", "18.6") never match."""
    if not text or not isinstance(text, str):
        return None
    if formats and len(text) <= MAX_LINE:
        parsed = _strptime(clean_inline(text), formats, tz)
        if parsed:
            return parsed
    return _scan_prose(_strip_gmt(_light_nfc(text)), tz)


def _light_nfc(text: str) -> str:
    """NFC without zero-width marks: textnorm.nfc's effect on dates, cheaper on long text."""
    text = _INVISIBLE.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
