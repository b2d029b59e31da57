"""How well an engine read a document whose text is known (tests and benchmarks)."""

from __future__ import annotations

import re
from collections import Counter

from pressarchive.textnorm import nfc

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The lower-cased NFC words of ``text``."""
    return _WORD.findall(nfc(text).lower())


def word_recall(known: str, found: str) -> float:
    """The share of the known text's words (with repeats) that the found text has."""
    want, have = Counter(words(known)), Counter(words(found))
    total = sum(want.values())
    return sum(min(count, have[word]) for word, count in want.items()) / total if total else 1.0


def order_recall(known: str, found: str) -> float:
    """The share of the known text's word pairs found side by side (reading order)."""
    def pairs(text: str) -> Counter:
        seq = words(text)
        return Counter(zip(seq, seq[1:], strict=False))

    want, have = pairs(known), pairs(found)
    total = sum(want.values())
    return sum(min(count, have[pair]) for pair, count in want.items()) / total if total else 1.0
