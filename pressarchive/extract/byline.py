"""Bylines: the short trailing line naming the writer and/or the credited outlet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..textnorm import clean_inline


@dataclass(frozen=True)
class Byline:
    author: str | None
    source: str | None


_AUTHOR_LABEL = re.compile(
    r"^(?:(?:tin|bài|ảnh|video|clip)(?:\s*(?:,|và|-|&)\s*(?:tin|bài|ảnh|video|clip))*"
    r"|tác giả|người viết|phóng viên|pv|nhóm pv|thực hiện)\s*[:：]\s*",
    re.IGNORECASE,
)
_SOURCE_LABEL = re.compile(r"^(?:nguồn|nguồn tin|theo)\s*[:：]?\s*", re.IGNORECASE)
_PAREN_SOURCE = re.compile(r"\s*\((?:nguồn|theo)\s*[:：]?\s*([^)]+)\)\s*$", re.IGNORECASE)
_INLINE_SOURCE = re.compile(r"\s+[-–]\s+(?:nguồn|theo)\s*[:：]?\s*(.+)$", re.IGNORECASE)
_URL = re.compile(r"\s*[-–]?\s*(?:https?://|www\.)\S*", re.IGNORECASE)
_NAME_SEPARATOR = re.compile(r"\s+[-–]\s+|\s*,\s*|\s+và\s+")
_REJECT = {"ý kiến của bạn", "tin xem nhiều", "null", "ảnh minh họa", "ảnh minh hoạ",
           "tin nổi bật", "chia sẻ", "in bài viết", "follow"}


def _is_name(text: str, max_words: int = 6) -> bool:
    """Unlabelled names: short, every word capitalised ("Thanh Hà - Ngọc Lan", "PV")."""
    parts = [p for p in _NAME_SEPARATOR.split(text) if p]
    words = text.replace("-", " ").replace("–", " ").replace(",", " ").split()
    words = [w for w in words if w != "và"]
    if not parts or not words or len(words) > max_words or any(c.isdigit() for c in text):
        return False
    if text.endswith((".", ":", ";", "?", "!")) or any(ch in text for ch in "“”\"/"):
        return False
    return all(p.split() and all(w[0].isupper() for w in p.split()) for p in parts)


def _source(text: str) -> str | None:
    text = _URL.sub("", text).strip(" .,;:-–()")
    words = text.split()
    if not words or len(words) > 12 or "," in text or text.endswith("."):
        return None
    if not (words[0][0].isupper() or words[0].isupper()):
        return None
    return text


def parse_byline(line: str | None) -> Byline | None:
    """Author and/or source of a byline line; None when ``line`` is not a byline."""
    text = clean_inline(line)
    if not text or len(text) > 160 or text.lower().strip(" .") in _REJECT:
        return None
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    source = None
    for pattern in (_PAREN_SOURCE, _INLINE_SOURCE):
        match = pattern.search(text)
        if match:
            source = _source(match.group(1))
            if source is None:
                return None
            text = text[: match.start()].strip()
            break
    if not text:
        return Byline(None, source)
    labelled = _AUTHOR_LABEL.match(text)
    if labelled:
        name = text[labelled.end():].strip(" .")
        return Byline(name, source) if name and len(name.split()) <= 8 else None
    match = _SOURCE_LABEL.match(text)
    if match and source is None:
        found = _source(text[match.end():])
        return Byline(None, found) if found else None
    if len(text) <= 60 and _is_name(text):
        return Byline(text, source)
    return None
