"""The headline: once, NFC, never the site name or a portlet title.

A profile's rules are trusted in order. Without one (or when they find nothing) the title
is reconciled from two kinds of evidence: what the page *states* its title is (og:title,
twitter:title, a JSON-LD headline, ``<title>``) and the headings it *prints* (h1–h3). The
printed heading that best matches a stated title is the headline, so a logo, menu or
portlet heading that comes first in the page loses to it; a stated title is only used as
such, with the site's name cut off, when no printed heading matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from parsel import Selector

from ..textnorm import has_marks, nfc, strip_diacritics
from .blocks import json_ld_objects
from .rules import (
    JSON_LD_ARTICLE_TYPES,
    JSON_LD_HEADLINE_KEYS,
    SITE_NAME_NOT_PREFIXES,
    SITE_NAME_PREFIXES,
    SITE_NAME_RULES,
    TITLE_HEADING_LIMIT,
    TITLE_HEADING_XPATH,
    TITLE_OUTSIDE_TAGS,
    TITLE_REJECT,
    TITLE_RULES,
    TITLE_SEGMENT_SEPARATORS,
    TITLE_SITE_SEPARATORS,
    TITLE_STATED_RULES,
)
from .select import texts
from .text import element_text

_SEGMENTS = re.compile(TITLE_SEGMENT_SEPARATORS)
_NON_WORD = re.compile(r"\W+")
_MIN_MATCH = 8  # characters of folded text a partial match must cover
_DECORATION = re.compile(r"^(?:[\W_]*>|[|•·\s])+|[|•·\s]+$")  # "[> Tên bài", "| Tên bài"


def _key(text: str) -> str:
    """Folded words only: "Tin  nổi bật!" and "tin noi bat" compare equal."""
    return _NON_WORD.sub(" ", strip_diacritics(text)).strip()


_FOLDED_PREFIXES = tuple(strip_diacritics(p) for p in SITE_NAME_PREFIXES)


def _site_opening(text: str) -> bool:
    """Whether ``text`` begins as a Vietnamese site's name does ("Cổng thông tin …",
    "Báo …"); with marks compared as written ("Bão số 3" is not "Báo"), text typed
    without any compared folded."""
    low = nfc(text).strip().lower()
    if not has_marks(low):
        return strip_diacritics(low).startswith(_FOLDED_PREFIXES)
    return low.startswith(SITE_NAME_PREFIXES) and not low.startswith(SITE_NAME_NOT_PREFIXES)


def _strip_site_name(text: str, site_title: str | None) -> str:
    for sep in TITLE_SITE_SEPARATORS:
        head, found, tail = text.rpartition(sep)
        if not found or not head:
            continue
        tail_key = strip_diacritics(tail)
        if (site_title and tail_key == strip_diacritics(site_title)) or _site_opening(tail):
            return head.strip()
    return text


def acceptable_title(text: str, reject: list[str], site_title: str | None = None) -> bool:
    key = strip_diacritics(text).strip(" :-|")
    if len(key) < 4 or (site_title and key == strip_diacritics(site_title)):
        return False
    return key not in {strip_diacritics(r) for r in [*reject, *TITLE_REJECT]}


def _site_names(doc: Selector, url: str | None, site_title: str | None) -> set[str]:
    """Folded, space-free forms of the site's name: the profile's title, og:site_name,
    application-name, and the host's registered label ("vnexpress" of vnexpress.net)."""
    names = {site_title or ""} | {text for text, _ in texts(doc, SITE_NAME_RULES)}
    keys = {_key(n).replace(" ", "") for n in names}
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in ("www", "m")]
    if len(labels) >= 2:
        keys.add(max(labels[:-1], key=len).replace("-", ""))
    return {k for k in keys if len(k) >= 3}


def _is_site_segment(segment: str, site_names: set[str], *, prefix: bool = True) -> bool:
    """Whether a segment of a stated title (or, with ``prefix`` off, a whole heading) is
    the site's name: a known opening ("Cổng thông tin …"), a site name it mostly is, or
    (``prefix``) one it starts with ("sheego Magazin")."""
    if _site_opening(segment):
        return True
    squashed = _key(segment).replace(" ", "")
    return any(name == squashed
               or (len(name) >= 5 and name in squashed
                   and ((prefix and squashed.startswith(name))
                        or 2 * len(name) >= len(squashed)))
               or (len(squashed) >= 5 and squashed in name) for name in site_names)


def _cut_site_name(text: str, site_names: set[str], site_title: str | None) -> str:
    """A stated title without the site's name at either end ("Tin - Báo X" → "Tin")."""
    text = _strip_site_name(text, site_title)
    parts = _SEGMENTS.split(text)
    if len(parts) < 2:
        return text
    if _is_site_segment(parts[-1], site_names):
        return text[: text.rfind(parts[-1])].rstrip(" -|–—:»«·•/").strip() or text
    if _is_site_segment(parts[0], site_names):
        return text[len(parts[0]):].lstrip(" -|–—:»«·•/").strip() or text
    return text


def _json_ld_headlines(root: HtmlElement) -> Iterator[str]:
    for item in json_ld_objects(root):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(isinstance(k, str) and k.lower() in JSON_LD_ARTICLE_TYPES for k in kinds):
            continue
        for name in JSON_LD_HEADLINE_KEYS:
            value = item.get(name)
            if isinstance(value, str) and value.strip():
                yield nfc(" ".join(value.split()))
                break


def _headings(root: HtmlElement) -> list[tuple[str, str]]:
    """(text, tag) of the printed headings outside navigation, sidebars and footers."""
    found = []
    for el in root.xpath(TITLE_HEADING_XPATH)[:TITLE_HEADING_LIMIT]:
        if any(a.tag in TITLE_OUTSIDE_TAGS for a in el.iterancestors()):
            continue
        text = element_text(el)
        if text:
            found.append((text, el.tag if el.tag in ("h1", "h2", "h3") else "headline"))
    return found


def _match(heading: str, stated: str, site_names: set[str]) -> tuple[int, str]:
    """How much of the stated title the heading prints (folded characters; 0: none), and
    the headline that match gives: the heading, or the stated title where the heading
    prints it inside more (a kicker, a date, a badge)."""
    h, s = _key(heading), _key(stated)
    if not h or not s:
        return 0, ""
    if _is_site_segment(heading, site_names, prefix=False):
        return 0, ""  # the logo's heading, or a <title> that is only the site's name
    if h == s:
        return len(h) + 1, heading  # the whole stated title, printed
    segments = [_key(p) for p in _SEGMENTS.split(stated)]
    runs = {" ".join(segments[i:j]) for i in range(len(segments))
            for j in range(i + 1, len(segments) + 1)}
    if h in runs:  # one segment, or several in a row ("Tin - Ảnh" of "Tin - Ảnh - Báo X")
        if len(h) < _MIN_MATCH:
            return 0, ""
        # The last segment alone is most often the site's name ("Tin | Báo X").
        return (len(h) // 2 if h == segments[-1] else len(h)), heading
    if f" {s} " in f" {h} " and len(h) <= 2 * len(s) + _MIN_MATCH:
        return len(s), stated  # the stated title inside a kicker or more
    longest = max((seg for seg in segments if f" {seg} " in f" {h} "
                   and not _is_site_segment(seg, site_names)), key=len, default="")
    if (len(longest) >= _MIN_MATCH and " " in longest
            and len(h) <= 2 * len(longest) + _MIN_MATCH):
        return len(longest), heading
    return 0, ""


def _reconciled(doc: Selector, reject: list[str], site_title: str | None,
                site_names: set[str]) -> tuple[str, str] | None:
    root = doc.root
    if not isinstance(root, HtmlElement):
        return None
    stated = [(text, rule) for text, rule in texts(doc, TITLE_STATED_RULES[:-1])]
    stated += [(text, "JSON-LD headline") for text in _json_ld_headlines(root)]
    stated += [(text, rule) for text, rule in texts(doc, TITLE_STATED_RULES[-1:])][:1]
    best: tuple[int, int, str, str] | None = None
    for order, (text, tag) in enumerate(_headings(root)):
        if not acceptable_title(text, reject, site_title):
            continue
        for stated_text, rule in stated:
            score, headline = _match(text, stated_text, site_names)
            if score and (best is None or (score, -order) > best[:2]):
                best = (score, -order, headline, f"{tag} matching {rule}")
    if best:
        headline = _DECORATION.sub("", _cut_site_name(best[2], site_names, site_title))
        if acceptable_title(headline, reject, site_title):
            return headline, best[3]
    for text, rule in stated[:-1] if stated and stated[-1][1] == "title" else stated:
        candidate = _cut_site_name(text, site_names, site_title)
        if acceptable_title(candidate, reject, site_title):
            return candidate, rule
    return None


def extract_title(
    doc: Selector, rules: list[str], *, reject: list[str] = (), site_title: str | None = None,
    url: str | None = None,
) -> tuple[str, str] | None:
    """(title, rule that found it): the profile's rules, then the reconciled headline,
    then the generic rules in order."""
    reject = list(reject)
    for text, rule in texts(doc, rules):
        candidate = _strip_site_name(text, site_title)
        if acceptable_title(candidate, reject, site_title):
            return candidate, rule
    site_names = _site_names(doc, url, site_title)
    found = _reconciled(doc, reject, site_title, site_names)
    if found:
        return found
    for text, rule in texts(doc, TITLE_RULES):
        candidate = _cut_site_name(text, site_names, site_title)
        if acceptable_title(candidate, reject, site_title):
            return candidate, rule
    return None
