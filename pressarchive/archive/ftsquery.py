"""How a query reads the search index: typed with diacritics, the exact columns (the text
as printed, case folded); typed without, the folded ones (every mark and đ folded).

``articles_fts`` holds each of title, lead, body and author twice: as printed and as
``<column>_folded`` (:func:`textnorm.fold_marks`), under ``unicode61 remove_diacritics 0``.
"Đồng Tháp" then matches only "Đồng Tháp", never "vận động … thắp", while "dong thap"
matches every spelling.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import ranking
from ..textnorm import fold_marks, has_marks, nfc

TEXT_COLUMNS = ("title", "lead", "body", "author")
FOLDED_COLUMNS = tuple(f"{c}_folded" for c in TEXT_COLUMNS)
EXACT, FOLD = "exact", "fold"
MODES = (EXACT, FOLD)
# bm25 weights of title, lead, body, author, their folded copies and facets: a mode's
# words count in its own columns only (an unmarked word stands in both).
WEIGHTS = {EXACT: "1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0",
           FOLD: "0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0"}


def query_mode(query: str, mode: str | None = None) -> str:
    """``mode`` if given, else exact for a query with diacritics, fold for one without."""
    if mode in MODES:
        return mode
    return EXACT if has_marks(query) else FOLD


def user_query(query: str, mode: str) -> str:
    """The query in the mode's words: exact, NFC as typed; fold, marks folded and column
    names moved to their folded columns (``title:dang`` → ``title_folded:dang``)."""
    text = nfc(query)
    if mode == EXACT:
        return text
    text = fold_marks(text)
    for start, end, name in reversed(ranking.column_names(text) or []):
        if name.lower() in TEXT_COLUMNS:
            text = f"{text[:start]}{name.lower()}_folded{text[end:]}"
    return text


def match_expression(query: str, mode: str) -> str:
    """The FTS5 expression for a user query, matching the mode's columns only.

    A column filter costs FTS5 a look at every match's positions (4x slower for a common
    word), so it is added only where needed: folded words (no marks) match the same
    articles in the exact columns as in the folded ones, and a word with marks only
    stands in the exact columns; only an exact query with a phrase of unmarked words
    ("100", "sen") is limited to the exact columns. A query FTS5 cannot read is passed
    as it is, for FTS5 to say why."""
    words = user_query(query, mode)
    if mode != EXACT or not ranking.balanced(words) or not words.strip():
        return words
    phrases = ranking.query_phrases(words)
    if phrases is not None and all(has_marks(" ".join(p)) for p in phrases):
        return words
    return "{" + " ".join(TEXT_COLUMNS) + "} : (" + words + ")"


def phrase_key(tokens: Sequence[str], mode: str) -> str:
    """A query phrase's key in ``search_terms``: its tokens; an exact phrase without any
    marks (counted on the exact columns, unlike the same folded phrase) starts with "="."""
    key = " ".join(tokens)
    return "=" + key if mode == EXACT and not has_marks(key) else key


def count_expression(key: str) -> str:
    """The FTS5 expression that finds the articles holding a ``search_terms`` phrase
    (limited to the exact columns for an unmarked exact phrase, see
    :func:`match_expression`)."""
    phrase = '"' + key.removeprefix("=").replace('"', '""') + '"'
    return "{" + " ".join(TEXT_COLUMNS) + "} : " + phrase if key.startswith("=") else phrase
