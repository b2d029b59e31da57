"""The headline: once, NFC, never the site name or a portlet title."""

from __future__ import annotations

from parsel import Selector

from ..textnorm import strip_diacritics
from .rules import TITLE_REJECT, TITLE_RULES, TITLE_SITE_SEPARATORS
from .select import texts


def _strip_site_name(text: str, site_title: str | None) -> str:
    for sep in TITLE_SITE_SEPARATORS:
        head, found, tail = text.rpartition(sep)
        if not found or not head:
            continue
        tail_key = strip_diacritics(tail)
        if (site_title and tail_key == strip_diacritics(site_title)) or tail_key.startswith(
            ("cong thong tin", "bao ", "trang thong tin", "uy ban nhan dan")
        ):
            return head.strip()
    return text


def acceptable_title(text: str, reject: list[str], site_title: str | None = None) -> bool:
    key = strip_diacritics(text).strip(" :-|")
    if len(key) < 4 or (site_title and key == strip_diacritics(site_title)):
        return False
    return key not in {strip_diacritics(r) for r in [*reject, *TITLE_REJECT]}


def extract_title(
    doc: Selector, rules: list[str], *, reject: list[str] = (), site_title: str | None = None
) -> tuple[str, str] | None:
    """(title, rule that found it) from the profile's rules, then the generic ones."""
    for text, rule in texts(doc, [*rules, *TITLE_RULES]):
        candidate = _strip_site_name(text, site_title)
        if acceptable_title(candidate, list(reject), site_title):
            return candidate, rule
    return None
