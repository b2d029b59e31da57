"""Publication time: machine-readable metadata first, then the page's date line.

A date found only in the article's prose is returned with source ``prose`` (flagged):
"chiều 31/01/2023" in a sentence is the event, not the publication.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from datetime import date
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from .blocks import json_ld_objects
from .dates import ParsedDate, find_date, parse_date, parse_iso
from .library import quiet_logs
from .rules import DATE_LINE_RULES, DESCRIPTION_RULES, META_DATE_RULES
from .select import texts

HTMLDATE_RULE = "htmldate find_date"
# All machine-readable date sources in one pass over the page (any of them will do).
META_DATE_XPATH = "(" + " | ".join(
    HTMLTranslator().css_to_xpath(rule.split("::attr(")[0]) + "/@" + rule.split("::attr(")[1][:-1]
    for rule in META_DATE_RULES
) + ")"


def _json_ld_dates(doc: Selector) -> Iterator[str]:
    if not isinstance(doc.root, HtmlElement):
        return
    for item in json_ld_objects(doc.root):
        value = item.get("datePublished")
        if isinstance(value, str):
            yield value


def _page_dates(
    doc: Selector, rules: Sequence[str], formats: Sequence[str], date_line: str | None
) -> Iterator[tuple[ParsedDate, str]]:
    """Printed dates, best first: the profile's rules, the date line standing above the
    prose in the body container, then the generic date-line rules."""

    def parse(text: str) -> ParsedDate | None:
        if len(text) > 120:
            return find_date(text, formats=formats)
        return parse_date(text, formats=formats) or find_date(text, formats=formats)

    for text, rule in texts(doc, rules):
        parsed = parse(text)
        if parsed:
            yield parsed, rule
    if date_line:
        parsed = parse(date_line)
        if parsed:
            yield parsed, "date line above the body"
    for text, rule in texts(doc, DATE_LINE_RULES):
        parsed = parse(text)
        if parsed:
            yield parsed, rule


def _meta_date(doc: Selector, formats: Sequence[str]) -> tuple[ParsedDate, str] | None:
    for text, rule in texts(doc, [META_DATE_XPATH]):
        parsed = parse_iso(text) or parse_date(text, formats=formats, use_dateparser=False)
        if parsed:
            return parsed, rule
    for text in _json_ld_dates(doc):
        parsed = parse_iso(text)
        if parsed:
            return parsed, "json-ld datePublished"
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")


def url_period(url: str | None) -> tuple[date, date] | None:
    """The first and last day a dated URL ("/2011/12/…", "/2020/01/14/…") allows."""
    match = _URL_DATE.search(urlsplit(url or "").path)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if match[3]:
        try:
            day = date(year, month, int(match[3]))
        except ValueError:
            return None
        return day, day
    # A month in the path is often when the draft was made: the next month is allowed too.
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, 1), date(next_year, next_month,
                                      calendar.monthrange(next_year, next_month)[1])


def _within_url(found: tuple[ParsedDate, str, str] | None, doc: Selector,
                url: str | None) -> tuple[ParsedDate, str, str] | None:
    """A date the URL contradicts gives way to htmldate's pick within the URL's period."""
    period = url_period(url)
    if found is None or period is None or period[0] <= found[0].value.date() <= period[1]:
        return found
    guessed = htmldate_date(doc, url, period=period)
    return (guessed, "page", HTMLDATE_RULE + " within the URL's date") if guessed else found


def htmldate_date(doc: Selector, url: str | None, extensive: bool = True,
                  period: tuple[date, date] | None = None) -> ParsedDate | None:
    """htmldate's ``find_date`` (original publication date) on the parsed page: metadata,
    the URL, the page's markup and text by its own heuristics; day precision."""
    if not isinstance(doc.root, HtmlElement):
        return None
    quiet_logs()
    try:
        from htmldate import find_date as htmldate_find_date

        limits = {"min_date": period[0].isoformat(), "max_date": period[1].isoformat()
                  } if period else {}
        found = htmldate_find_date(doc.root, url=url, original_date=True,
                                   extensive_search=extensive, **limits)
    except Exception:  # a library failure is a missing candidate, never a crash
        return None
    return parse_iso(found) if found else None


def extract_published(
    doc: Selector,
    rules: Sequence[str] = (),
    *,
    formats: Sequence[str] = (),
    prose: str = "",
    date_line: str | None = None,
    url: str | None = None,
    library: str = "",
) -> tuple[ParsedDate, str, str] | None:
    """(date, source, rule): source is ``meta``, ``page`` or ``prose``.

    Metadata wins, except that a date-only value (JSON-LD often has no time) gives way to
    a printed date of the same day that carries the time. ``library`` "first" asks
    htmldate before anything else (pages not in Vietnamese: their dates are not day-first,
    and htmldate tells the original date from the modified one), "last" after the page's
    printed dates and before the prose (Vietnamese pages, whose forms the Vietnamese
    parser reads first), "" never (a profile's own rules). With ``library``, a date the
    page's dated URL contradicts gives way to one within the URL's period."""
    found = _published(doc, rules, formats=formats, prose=prose, date_line=date_line,
                       url=url, library=library)
    return _within_url(found, doc, url) if library else found


def _published(
    doc: Selector,
    rules: Sequence[str],
    *,
    formats: Sequence[str],
    prose: str,
    date_line: str | None,
    url: str | None,
    library: str,
) -> tuple[ParsedDate, str, str] | None:
    meta = _meta_date(doc, formats)
    guessed = htmldate_date(doc, url, extensive=False) if library == "first" else None
    if guessed:
        # htmldate weighs the page's several dates (original, not modified; local day).
        if meta and meta[0].value.date() == guessed.value.date():
            return meta[0], "meta", meta[1]  # the same day, with its time
        return guessed, "page", HTMLDATE_RULE
    if meta and meta[0].precision != "day":
        return meta[0], "meta", meta[1]
    for parsed, rule in _page_dates(doc, rules, formats, date_line):
        if meta is None:
            return parsed, "page", rule
        if parsed.precision != "day" and parsed.value.date() == meta[0].value.date():
            return parsed, "page", rule
    if meta:
        return meta[0], "meta", meta[1]
    for text, rule in texts(doc, DESCRIPTION_RULES):
        parsed = find_date(text[:80], formats=formats)
        if parsed:
            return parsed, "page", rule
    # Its text heuristics on a Vietnamese page would read the prose's dates, day-first or
    # not: there, only its reading of the markup.
    guessed = htmldate_date(doc, url, extensive=library == "first") if library else None
    if guessed:
        return guessed, "page", HTMLDATE_RULE
    parsed = find_date(prose, formats=formats)
    if parsed:
        return parsed, "prose", "first date in the text"
    return None
