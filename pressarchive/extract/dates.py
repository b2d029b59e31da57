"""Publication dates as Vietnamese portals print them.

Order (DESIGN.md pitfalls): profile strptime patterns, ISO 8601, fast regexes for the
common numeric forms, and only then dateparser (≈1 ms a call) — whose answer is kept only
when the input's own year and day digits are in it. Times are Vietnam time unless the
string carries an offset.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

from ..textnorm import clean_inline

VN_TZ = timezone(timedelta(hours=7))
MIN_YEAR = 1990


@dataclass(frozen=True)
class ParsedDate:
    value: datetime  # tz-aware; day precision => midnight local time
    precision: str  # day | minute | second

    def isoformat(self) -> str:
        if self.precision == "day":
            return self.value.date().isoformat()
        return self.value.replace(microsecond=0).isoformat()


_WEEKDAY = (
    r"(?:th[ứư]\s*(?:hai|ba|t[ưư]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu]\s*nh[ậa]t|"
    r"mon|tue|wed|thu|fri|sat|sun)[a-z]*"
)
_LABELS = re.compile(
    r"(?<!\w)(?:ng[àa]y\s+[đd][ăa]ng\s+tin|ng[àa]y\s+[đd][ăa]ng|ng[àa]y\s+xu[ấa]t\s+b[ảa]n|"
    r"c[ậa]p\s+nh[ậa]t(?:\s+l[úu]c|\s+ng[àa]y)?|xu[ấa]t\s+b[ảa]n(?:\s+l[úu]c)?|"
    r"[đd][ăa]ng\s+l[úu]c|[đd][ăa]ng\s+ng[àa]y|th[ờo]i\s+gian|ng[àa]y\s+c[ậa]p\s+nh[ậa]t|"
    r"published|posted|updated|s[áa]ng|tr[ưu]a|chi[ềe]u|t[ốo]i|[đd][êe]m)\s*[:：]?\s*",
    re.IGNORECASE,
)
_GMT = re.compile(r"\|?\s*\(?\s*GMT\s*\+?\s*0?7(?::?00)?\s*\)?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b" + _WEEKDAY + r"\s*[,:\-–]?\s*", re.IGNORECASE)

_D = r"(?P<d>\d{1,2})[/\-](?P<m>\d{1,2})[/\-](?P<y>\d{4})"
_T = (r"(?P<H>\d{1,2})\s*(?::|h|giờ)\s*(?P<M>\d{2})(?:\s*(?::|phút)\s*(?P<S>\d{2})(?:\s*giây)?)?"
      r"(?:\s*phút)?(?:\s*(?P<ampm>SA|CH|AM|PM)\b)?")
_DATE_THEN_TIME = re.compile(_D + r"(?:\s*[-|,–]?\s*(?:lúc\s*)?" + _T + r")?", re.IGNORECASE)
_TIME_THEN_DATE = re.compile(_T + r"\s*[,\-–|]?\s*(?:ngày\s*)?" + _D, re.IGNORECASE)
_WORDY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE
)
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)


def _clean(text: str) -> str:
    text = clean_inline(text)
    text = _GMT.sub(" ", text)
    text = _LABELS.sub(" ", text)
    text = _WEEKDAY_RE.sub(" ", text)
    return " ".join(text.split()).strip(" ()[],|-–:")


def _build(groups: dict[str, str | None], tz: tzinfo) -> ParsedDate | None:
    try:
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        if not MIN_YEAR <= year <= date.today().year + 1:
            return None
        if groups.get("H") is None:
            return ParsedDate(datetime(year, month, day, tzinfo=tz), "day")
        hour, minute = int(groups["H"]), int(groups["M"] or 0)
        ampm = (groups.get("ampm") or "").upper()
        if ampm in ("CH", "PM") and hour < 12:
            hour += 12
        elif ampm in ("SA", "AM") and hour == 12:
            hour = 0
        second = groups.get("S")
        value = datetime(year, month, day, hour, minute, int(second or 0), tzinfo=tz)
        return ParsedDate(value, "second" if second is not None else "minute")
    except (ValueError, TypeError):
        return None


def parse_iso(text: str | None, tz: tzinfo = VN_TZ) -> ParsedDate | None:
    """ISO 8601 only (meta tags, JSON-LD, ``<time datetime>``); keeps the given offset."""
    if not text:
        return None
    match = _ISO.match(text.strip())
    if not match:
        return None
    groups = match.groupdict()
    zone = groups.get("tz")
    if zone:
        if zone == "Z":
            tz = UTC
        else:
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return _build(groups, tz)


def _strptime(text: str, formats: Sequence[str], tz: tzinfo) -> ParsedDate | None:
    for fmt in formats:
        try:
            value = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if not MIN_YEAR <= value.year <= date.today().year + 1:
            continue
        precision = "second" if "%S" in fmt else "minute" if "%M" in fmt else "day"
        return ParsedDate(value.replace(tzinfo=value.tzinfo or tz), precision)
    return None


def _fast(text: str, tz: tzinfo, *, whole: bool) -> ParsedDate | None:
    for pattern in (_TIME_THEN_DATE, _DATE_THEN_TIME, _WORDY):
        match = pattern.fullmatch(text) if whole else pattern.search(text)
        if match:
            return _build(match.groupdict(), tz)
    return None


def _anchored(value: datetime, text: str) -> bool:
    numbers = {int(n) for n in re.findall(r"\d+", text)}
    return value.year in numbers and value.day in numbers


def parse_date(
    text: str | None,
    *,
    formats: Sequence[str] = (),
    tz: tzinfo = VN_TZ,
    use_dateparser: bool = True,
) -> ParsedDate | None:
    """Parse a date line ("Cập nhật: 01/02/2023 08:15", "31/1/2023 3:12:00 CH", …)."""
    if not text or not isinstance(text, str):
        return None
    raw = clean_inline(text)
    if not raw or len(raw) > 200:
        return None
    parsed = _strptime(raw, formats, tz) or parse_iso(raw, tz)
    if parsed:
        return parsed
    cleaned = _clean(raw)
    if not cleaned:
        return None
    parsed = _strptime(cleaned, formats, tz) or parse_iso(cleaned, tz) or _fast(
        cleaned, tz, whole=True)
    if parsed or not use_dateparser or not re.search(r"\d{4}", cleaned):
        return parsed
    return _dateparser(cleaned, tz)


def _dateparser(text: str, tz: tzinfo) -> ParsedDate | None:
    import dateparser  # lazy: ~70 ms to import, ~1 ms a call

    try:
        value = dateparser.parse(
            text, languages=["vi", "en"],
            settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past",
                      "RETURN_AS_TIMEZONE_AWARE": False},
        )
    except Exception:  # dateparser raises a zoo of errors on junk
        return None
    if value is None or not _anchored(value, text):
        return None
    if not MIN_YEAR <= value.year <= date.today().year + 1:
        return None
    has_time = bool(re.search(r"\d{1,2}\s*(?::|h|giờ)\s*\d{2}", text))
    if not has_time:
        return ParsedDate(datetime(value.year, value.month, value.day, tzinfo=tz), "day")
    precision = "second" if re.search(r"\d{1,2}:\d{2}:\d{2}", text) else "minute"
    return ParsedDate(value.replace(tzinfo=tz), precision)


def find_date(
    text: str | None, *, formats: Sequence[str] = (), tz: tzinfo = VN_TZ
) -> ParsedDate | None:
    """The first date (with an adjacent time, if any) inside a longer text. Never
    dateparser; dotted prose dates ("ngày 29.12.2023") are not publication dates."""
    if not text or not isinstance(text, str):
        return None
    cleaned = _GMT.sub(" ", clean_inline(text))
    return _fast(cleaned, tz, whole=False)
