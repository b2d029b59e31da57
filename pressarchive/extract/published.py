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


def extract_published(
    doc: Selector,
    rules: Sequence[str] = (),
    *,
    formats: Sequence[str] = (),
    prose: str = "",
) -> tuple[ParsedDate, str, str] | None:
    """(date, source, rule): source is ``meta``, ``page`` or ``prose``."""
    for text, rule in texts(doc, [META_DATE_XPATH]):
        parsed = parse_iso(text) or parse_date(text, formats=formats, use_dateparser=False)
        if parsed:
            return parsed, "meta", rule
    for text in _json_ld_dates(doc):
        parsed = parse_iso(text)
        if parsed:
            return parsed, "meta", "json-ld datePublished"
    for text, rule in texts(doc, [*rules, *DATE_LINE_RULES]):
        if len(text) > 120:
            parsed = find_date(text, formats=formats)
        else:
            parsed = parse_date(text, formats=formats) or find_date(text, formats=formats)
        if parsed:
            return parsed, "page", rule
    for text, rule in texts(doc, DESCRIPTION_RULES):
        parsed = find_date(text[:80], formats=formats)
        if parsed:
            return parsed, "page", rule
    parsed = find_date(prose, formats=formats)
    if parsed:
        return parsed, "prose", "first date in the text"
    return None
