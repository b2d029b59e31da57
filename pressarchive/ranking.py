"""BM25 for the search index with cached document frequencies.

SQLite's own ``bm25()`` works out each query phrase's inverse document frequency (IDF) by
walking the phrase's whole document list, on every query. A Vietnamese syllable such as
"dân" or "số" stands in a large share of all articles, so on a million articles that walk
alone costs tens of milliseconds a word. ``pa_bm25()`` (C, ``_fts5rank.c``) is the same
formula, with the IDFs given by the caller: the archive keeps each phrase's document count
in ``search_terms``.

To pass IDFs by position, the query is split into FTS5's phrases here
(:func:`query_phrases`, the FTS5 query grammar and the ``unicode61 remove_diacritics 0``
tokenizer, diacritics kept); ``pa_phrases()`` reports FTS5's own phrase sizes so a query
this module splits differently falls back to ``bm25()`` instead of being ranked wrongly.
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

try:  # registers pa_bm25 and pa_phrases in every SQLite connection opened from now on
    from . import _fts5rank  # noqa: F401
except ImportError:  # built without a C compiler: SQLite's bm25 it is
    _fts5rank = None

RANK_FUNCTION = "pa_bm25"
PHRASES_FUNCTION = "pa_phrases"


def idf(rows: int, docs: int) -> float:
    """SQLite's bm25 IDF: log((N - n + 0.5) / (n + 0.5)), never below 1e-6."""
    return max(math.log((rows - docs + 0.5) / (docs + 0.5)), 1e-6)


def _check_available() -> bool:
    """Is ``pa_bm25`` in connections of the SQLite that Python's sqlite3 module uses?

    It is not if the extension was not built, or if that module carries its own copy of
    SQLite (then the function went into a different copy)."""
    if _fts5rank is None:
        return False
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        conn.execute("INSERT INTO t VALUES ('a')")
        conn.execute(f"SELECT {RANK_FUNCTION}(t, 1.0, 1.0) FROM t WHERE t MATCH 'a'")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


AVAILABLE = _check_available()


# -- FTS5 query phrases -----------------------------------------------------------------

# Bareword characters in FTS5's query syntax: non-ASCII, ASCII letters and digits, "_",
# and \x1a.
_BAREWORD = re.compile(r"[^\x00-\x7f]|[A-Za-z0-9_\x1a]")
_TOKEN_CATEGORIES = ("L", "N", "Co")


@dataclass
class _Tok:
    kind: str  # "string", "+", "*", "(", ")", ",", ":", "{", "}", "^", "-"
    text: str = ""
    quoted: bool = False
    start: int = 0  # where the token stands in the query
    end: int = 0


def _lex(query: str) -> list[_Tok]:
    tokens, i, n = [], 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            j, text = i + 1, []
            while True:
                if j >= n:
                    raise ValueError("unterminated string")
                if query[j] == '"':
                    if j + 1 < n and query[j + 1] == '"':
                        text.append('"')
                        j += 2
                        continue
                    break
                text.append(query[j])
                j += 1
            tokens.append(_Tok("string", "".join(text), quoted=True, start=i, end=j + 1))
            i = j + 1
        elif _BAREWORD.match(ch):
            j = i
            while j < n and _BAREWORD.match(query[j]):
                j += 1
            tokens.append(_Tok("string", query[i:j], start=i, end=j))
            i = j
        elif ch in "+*(),:{}^-":
            tokens.append(_Tok(ch, start=i, end=i + 1))
            i += 1
        else:
            raise ValueError(f"unexpected {ch!r}")
    return tokens


def tokenize(text: str) -> list[str]:
    """``unicode61 remove_diacritics 0`` (the archive's tokenizer): runs of letters,
    digits and private-use characters, lower-cased, diacritics kept."""
    out, current = [], []
    for ch in text:
        if unicodedata.category(ch).startswith(_TOKEN_CATEGORIES):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return [unicodedata.normalize("NFC", t.lower()) for t in out]


def query_phrases(query: str) -> list[list[str]] | None:
    """The phrases of an FTS5 query in FTS5's order, each as its tokens:
    ``'"dang vien" OR xoai*'`` → ``[["dang", "vien"], ["xoai"]]``. None if the query is
    not one this reading understands (FTS5 then judges it)."""
    try:
        tokens = _lex(query)
    except ValueError:
        return None
    phrases: list[list[str]] = []
    keywords = {"AND", "OR", "NOT"}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.kind != "string":
            i += 1
            continue
        if not tok.quoted and tok.text in keywords:
            i += 1
            continue
        if not tok.quoted and tok.text == "NEAR" and nxt is not None and nxt.kind == "(":
            i += 2
            continue
        if nxt is not None and nxt.kind == ":":  # a column filter, not a phrase
            i += 2
            continue
        if _in_colspec(tokens, i) or _near_distance(tokens, i):
            i += 1
            continue
        phrase = tokenize(tok.text)
        i += 1
        while i < len(tokens):  # "a" + "b" and prefix stars belong to the same phrase
            if tokens[i].kind == "*":
                i += 1
            elif (tokens[i].kind == "+" and i + 1 < len(tokens)
                  and tokens[i + 1].kind == "string"):
                phrase += tokenize(tokens[i + 1].text)
                i += 2
            else:
                break
        if phrase:  # FTS5 drops a phrase without words ("…")
            phrases.append(phrase)
    return phrases


def _in_colspec(tokens: list[_Tok], i: int) -> bool:
    """Is tokens[i] a column name inside ``{col1 col2}``?"""
    j = i - 1
    while j >= 0 and tokens[j].kind == "string":
        j -= 1
    return j >= 0 and tokens[j].kind == "{"


def _near_distance(tokens: list[_Tok], i: int) -> bool:
    """Is tokens[i] the distance in ``NEAR(a b, 5)``?"""
    return (i > 0 and tokens[i - 1].kind == "," and i + 1 < len(tokens)
            and tokens[i + 1].kind == ")")


def parse_phrase_info(info: str) -> tuple[int, list[int]]:
    """``pa_phrases()``'s "rows:size,size" as (rows, [sizes])."""
    rows, _, sizes = info.partition(":")
    return int(rows), [int(s) for s in sizes.split(",") if s]


def column_names(query: str) -> list[tuple[int, int, str]] | None:
    """(start, end, name) of every column name in an FTS5 query (``title : x``,
    ``{title body} : x``); None if the query cannot be read."""
    try:
        tokens = _lex(query)
    except ValueError:
        return None
    return [(tok.start, tok.end, tok.text) for i, tok in enumerate(tokens)
            if tok.kind == "string" and not tok.quoted
            and ((i + 1 < len(tokens) and tokens[i + 1].kind == ":")
                 or _in_colspec(tokens, i))]


def balanced(query: str) -> bool:
    """Whether the query's parentheses pair up (outside quotes)."""
    try:
        tokens = _lex(query)
    except ValueError:
        return False
    depth = 0
    for tok in tokens:
        depth += {"(": 1, ")": -1}.get(tok.kind, 0)
        if depth < 0:
            return False
    return depth == 0
