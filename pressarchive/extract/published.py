"""Publication time: machine-readable metadata first, then the page's date line.

A date found only in the article's prose is returned with source ``prose`` (flagged):
"chiều 31/01/2023" in a sentence is the event, not the publication.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from .dates import ParsedDate, find_date, parse_date, parse_iso
from .rules import DATE_LINE_RULES, DESCRIPTION_RULES, META_DATE_RULES
from .select import texts

# All machine-readable date sources in one pass over the page (any of them will do).
META_DATE_XPATH = "(" + " | ".join(
    HTMLTranslator().css_to_xpath(rule.split("::attr(")[0]) + "/@" + rule.split("::attr(")[1][:-1]
    for rule in META_DATE_RULES
) + ")"


def _json_ld_dates(doc: Selector) -> Iterator[str]:
    for raw in doc.css("script[type='application/ld+json']::text").getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str):
                    yield value
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))


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


def extract_published(
    doc: Selector,
    rules: Sequence[str] = (),
    *,
    formats: Sequence[str] = (),
    prose: str = "",
    date_line: str | None = None,
) -> tuple[ParsedDate, str, str] | None:
    """(date, source, rule): source is ``meta``, ``page`` or ``prose``.

    Metadata wins, except that a date-only value (JSON-LD often has no time) gives way to
    a printed date of the same day that carries the time."""
    meta = _meta_date(doc, formats)
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
    parsed = find_date(prose, formats=formats)
    if parsed:
        return parsed, "prose", "first date in the text"
    return None
