"""Full-text search: FTS rows, query building, ranking, snippets, index upkeep."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from typing import Any

from .. import ranking
from ..authors import fold_name, split_byline
from ..items import now_iso
from ..textnorm import fold_marks
from .errors import _query_error
from .ftsquery import (
    EXACT,
    WEIGHTS,
    count_expression,
    match_expression,
    phrase_key,
    query_mode,
    user_query,
)
from .queries import Filters

FTS_COLUMNS = ("title", "lead", "body", "author")


SEARCH_CAP = 2_000  # articles bm25 ranks at most (the most recently archived matches)


MERGE_PAGES = 1000  # index pages (~4 MB) merged a transaction by optimize


COMMON_WORD_SHARE = 0.001  # optimize counts the words in at least this share of articles


TERM_DRIFT = 0.1  # a cached document frequency is counted again when the archive has
# grown or shrunk by this share since it was counted


_FTS_INSERT = ("INSERT INTO articles_fts (rowid, title, lead, body, author, title_folded,"
               " lead_folded, body_folded, author_folded, facets)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_AUTHORS_INSERT = ("INSERT INTO article_authors (article_id, position, name, name_lower,"
                   " name_folded, role) VALUES (?, ?, ?, ?, ?, ?)")


def author_rows(article_id: int, byline: str | None) -> list[tuple[Any, ...]]:
    """The ``article_authors`` rows of a byline (see :mod:`pressarchive.authors`)."""
    return [(article_id, n, c.name, c.name.lower() if c.name else None,
             fold_name(c.name) if c.name else None, c.role)
            for n, c in enumerate(split_byline(byline))]


def _site_token(site: str) -> str:
    """A site name as index token letters (``vinh-long`` → ``vinhlong``)."""
    return re.sub(r"[^0-9a-z]", "", site.lower())


def facets_text(site: str | None, published: str | None) -> str:
    """The ``facets`` FTS column, what filters push down: ``s<site>``, ``y<YYYY>``,
    ``m<YYYYMM>`` and the combined ``x<site>y<YYYY>``, ``x<site>m<YYYYMM>``."""
    name = _site_token(site or "")
    tokens = [f"s{name}"] if name else []
    if published and re.match(r"\d{4}-\d{2}", published):
        period = [f"y{published[:4]}", f"m{published[:4]}{published[5:7]}"]
        tokens += period + ([f"x{name}{t}" for t in period] if name else [])
    return " ".join(tokens)


def period_tokens(since: str, until: str) -> list[str]:
    """Facet tokens covering the months from ``since`` to ``until`` (YYYY-MM-DD): whole
    years as ``y`` tokens, the partial years at either end as ``m`` tokens."""
    try:
        lo_y, lo_m, hi_y, hi_m = int(since[:4]), int(since[5:7]), int(until[:4]), int(until[5:7])
    except ValueError:
        return []
    tokens = []
    for year in range(lo_y, hi_y + 1):
        first = lo_m if year == lo_y else 1
        last = hi_m if year == hi_y else 12
        if first == 1 and last == 12:
            tokens.append(f"y{year}")
        else:
            tokens += [f"m{year}{month:02d}" for month in range(first, last + 1)]
    return tokens


def _fts_row(article_id: int, values: Sequence[str | None], site: str | None,
             published: str | None) -> list[Any]:
    texts = [v or "" for v in values]
    return [article_id, *texts, *(fold_marks(t) for t in texts),
            facets_text(site, published)]


def folded_text(values: Sequence[str]) -> str:
    """The four fields joined by newlines with every mark and đ folded, as the
    ``*_folded`` FTS columns hold them one by one ("dong thap" finds "Đồng Tháp")."""
    return fold_marks("\n".join(values))


def snippet(marked: str, original: str, width: int = 24,
            marks: tuple[str, str] = ("[", "]")) -> str:
    """A window of ``original`` around the first match, matches between ``marks``.

    ``marked`` is FTS5's highlight of the matched columns (char(1)/char(2) around
    matches); folding maps one character to one character, so positions carry over.
    """
    out, j = [], 0
    for ch in marked:
        if ch == "\x01":
            out.append("\x01")
        elif ch == "\x02":
            out.append("\x02")
        else:
            out.append(original[j] if j < len(original) else ch)
            j += 1
    words = "".join(out).split()
    first = next((i for i, w in enumerate(words) if "\x01" in w), 0)
    start = max(0, first - width // 3)
    text = " ".join(words[start:start + width]).replace("\x01", marks[0]).replace(
        "\x02", marks[1])
    return ("… " if start else "") + text + (" …" if start + width < len(words) else "")


class SearchMixin:
    """The archive's search methods (mixed into :class:`Archive`)."""

    def search(
        self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
        cap: int | None = SEARCH_CAP, mode: str | None = None,
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[dict[str, Any]]:
        """FTS5 search in bm25 order; user text is only ever a parameter, never SQL.
        Raises :class:`SearchError` for bad FTS syntax. Each hit is the article's row
        (every ``articles`` column) with ``rank`` (bm25: lower is more relevant) and
        ``snippet`` (matches between ``marks``).

        ``mode`` (see :mod:`.ftsquery`): ``exact`` matches the words as typed (case
        folded), ``fold`` with every mark folded; by default exact when the query has
        diacritics. Filters go into the full-text query as ``facets`` tokens (site,
        year, month) and a whole author name as a phrase, so only matching articles are
        scored; the exact filters are applied after. When more than ``cap`` articles
        match, bm25 ranks the ``cap`` most recently archived of them (``cap=None``: all,
        however slow). Each phrase's document frequency comes from ``search_terms``.
        """
        filters = filters or Filters()
        mode = query_mode(query, mode)
        words = match_expression(query, mode)
        match = self._with_filters(words, filters)
        db = self.db.conn
        try:
            rank = self._rank_expression(user_query(query, mode), words, mode)
            if rank is None:
                return []  # nothing matches the words at all
            floor = db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                " ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, cap - 1)).fetchone() \
                if cap else None
            top = self._ranked(match, rank, floor[0] if floor else None, filters, limit, offset)
            # Highlights with the user's words only (the filter tokens are not in the text),
            # on the ids' rowid range so FTS5 does not read every match.
            ids = [i for i, _ in top]
            first = 0 if mode == EXACT else len(FTS_COLUMNS)
            marked = " || char(10) || ".join(
                f"highlight(articles_fts, {first + n}, char(1), char(2))"
                for n in range(len(FTS_COLUMNS)))
            cursor = db.execute(
                f"SELECT a.*, {marked} FROM articles_fts JOIN articles a"
                " ON a.id = articles_fts.rowid"
                " WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?"
                " AND articles_fts.rowid IN (SELECT value FROM json_each(?))",
                (words, min(ids, default=0), max(ids, default=0), json.dumps(ids)))
            names = [d[0] for d in cursor.description][:-1]
            details = {row[0]: row for row in cursor}
        except sqlite3.OperationalError as exc:
            raise _query_error(query, exc) from exc
        rows = []
        for article_id, score in top:
            if article_id not in details:
                continue
            row = dict(zip(names, details[article_id][:-1], strict=True))
            original = "\n".join(row[c] or "" for c in FTS_COLUMNS)
            row.update(rank=score, snippet=snippet(details[article_id][-1], original,
                                                   marks=marks))
            rows.append(row)
        return rows

    def search_total(self, query: str, filters: Filters | None = None, *,
                     cap: int | None = SEARCH_CAP, mode: str | None = None
                     ) -> tuple[int, bool]:
        """How many articles match (filters included), and whether that is the exact
        number: counting stops past ``cap`` (the ranking's), so (cap, False) means "at
        least cap"; ``cap=None`` counts them all."""
        filters = filters or Filters()
        match = self._with_filters(match_expression(query, query_mode(query, mode)), filters)
        where, params = filters.sql("a")
        join = " JOIN articles a ON a.id = articles_fts.rowid" if where else ""
        stop = f" LIMIT {int(cap) + 1}" if cap else ""
        try:
            found = self.db.conn.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM articles_fts{join}"
                f" WHERE articles_fts MATCH ?{where}{stop})", (match, *params)).fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise _query_error(query, exc) from exc
        return (cap, False) if cap and found > cap else (int(found), True)

    def _with_filters(self, words: str, filters: Filters) -> str:
        pushed = self._pushdown(filters)
        return f"{words} AND {pushed}" if pushed else words

    def _rank_expression(self, phrases_of: str, words: str, mode: str) -> str | None:
        """The SQL ranking expression for a user query (``phrases_of``, in the mode's
        words; ``words``, its FTS5 expression): ``pa_bm25`` with the phrases' IDFs from
        ``search_terms`` (all in one text argument: SQLite allows 127), or SQLite's
        ``bm25`` when pa_bm25 is not built or the query's phrases could not be read;
        None if nothing matches the query."""
        db = self.db.conn
        if not ranking.AVAILABLE:
            # Without pa_bm25 the only check is whether the query is valid and matches.
            exists = db.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?"
                                " LIMIT 1", (words,)).fetchone()
            return f"bm25(articles_fts, {WEIGHTS[mode]})" if exists else None
        first = db.execute(
            f"SELECT {ranking.PHRASES_FUNCTION}(articles_fts) FROM articles_fts"
            " WHERE articles_fts MATCH ? LIMIT 1", (words,)).fetchone()
        if first is None:
            return None
        rows, sizes = ranking.parse_phrase_info(first[0])
        phrases = ranking.query_phrases(phrases_of)
        if phrases is None or [len(p) for p in phrases] != sizes:
            return f"bm25(articles_fts, {WEIGHTS[mode]})"
        idfs = self._phrase_idfs([phrase_key(p, mode) for p in phrases], rows)
        return (f"{ranking.RANK_FUNCTION}(articles_fts, {WEIGHTS[mode]}, '"
                + " ".join(repr(v) for v in idfs) + "')")

    def _ranked(self, match: str, rank: str, floor: int | None, filters: Filters,
                limit: int, offset: int) -> list[tuple[int, float]]:
        """(id, rank) of the page asked for. Ranked first on the index alone; the exact
        filters are checked on that page, and only if the pushed-down filters let in an
        article they reject is the ranking done again joined with ``articles``."""
        db = self.db.conn
        bounds, bound_params = (" AND articles_fts.rowid >= ?", [floor]) if floor else ("", [])
        order = " ORDER BY rank, articles_fts.rowid DESC"
        top = db.execute(
            f"SELECT articles_fts.rowid, {rank} AS rank FROM articles_fts"
            f" WHERE articles_fts MATCH ?{bounds}{order} LIMIT ?",
            (match, *bound_params, offset + limit)).fetchall()
        where, params = filters.sql("a")
        if where and top:
            passed = {r[0] for r in db.execute(
                "SELECT a.id FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))"
                f"{where}", (json.dumps([i for i, _ in top]), *params))}
            if len(passed) < len(top):
                return db.execute(
                    f"SELECT articles_fts.rowid, {rank} AS rank FROM articles_fts"
                    f" JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?"
                    f"{bounds}{where}{order} LIMIT ? OFFSET ?",
                    (match, *bound_params, *params, limit, offset)).fetchall()
        return top[offset:]

    def _phrase_idfs(self, keys: list[str], rows: int) -> list[float]:
        """bm25's IDF of each query phrase (its :func:`.ftsquery.phrase_key`), from the
        document counts cached in ``search_terms``; a phrase not yet counted, or counted
        when the archive was more than ``TERM_DRIFT`` smaller or larger, is counted now
        (one pass over its postings) and the count kept unless another process holds the
        write lock."""
        db = self.db.conn
        cached = {r[0]: (r[1], r[2]) for r in db.execute(
            "SELECT phrase, docs, rows FROM search_terms"
            " WHERE phrase IN (SELECT value FROM json_each(?))", (json.dumps(keys),))}
        docs: dict[str, int] = {}
        counted = []
        for key in dict.fromkeys(keys):
            known = cached.get(key)
            if known and abs(rows - known[1]) <= TERM_DRIFT * known[1]:
                docs[key] = known[0]
                continue
            docs[key] = db.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                (count_expression(key),)).fetchone()[0] if key.strip("=") else 0
            counted.append((key, docs[key], rows, now_iso()))
        if counted and not db.in_transaction:
            self._keep_counts(counted)
        return [ranking.idf(rows, docs[key]) for key in keys]

    def _keep_counts(self, counted: list[tuple[str, int, int, str]]) -> None:
        """Store phrase counts if the write lock is free within a moment; a search never
        waits for a crawl's batch (the phrases are counted again next time). A read-only
        archive keeps them through a short write connection of its own when the file is
        writable (the cache only: readers never create, migrate or change articles)."""
        if self.readonly:
            if not self.immutable:
                self._keep_counts_beside(counted)
            return
        db = self.db.conn
        try:
            db.execute("PRAGMA busy_timeout = 100")
            with db:
                db.executemany("INSERT OR REPLACE INTO search_terms"
                               " (phrase, docs, rows, counted) VALUES (?, ?, ?, ?)", counted)
        except sqlite3.OperationalError as exc:
            if not any(word in str(exc) for word in ("locked", "busy", "readonly")):
                raise
        finally:
            db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def _keep_counts_beside(self, counted: list[tuple[str, int, int, str]]) -> None:
        try:
            with closing(sqlite3.connect(self.path, timeout=0.1)) as db, db:
                db.executemany("INSERT OR REPLACE INTO search_terms"
                               " (phrase, docs, rows, counted) VALUES (?, ?, ?, ?)", counted)
        except sqlite3.Error:
            pass  # locked, read-only or full: counted again next time

    def _pushdown(self, filters: Filters) -> str:
        """The filters as an FTS5 expression over ``facets`` and ``author_folded`` (a superset of
        the exact filters, which still apply): our tokens only, never user syntax."""
        parts = []
        site = _site_token(filters.site or "")
        period: list[str] = []
        if filters.since or filters.until:
            lowest, highest = self.db.execute(
                "SELECT (SELECT min(published) FROM articles WHERE published IS NOT NULL),"
                " (SELECT max(published) FROM articles)").fetchone()
            if lowest and highest:
                period = period_tokens(filters.since or lowest[:10],
                                       filters.until or highest[:10]) or ["y0"]  # empty range
        if site and period:  # one combined token a year/month: small doclists
            parts.append(f"facets : ({' OR '.join(f'x{site}{t}' for t in period)})")
        elif site:
            parts.append(f"facets : s{site}")
        elif period:
            parts.append(f"facets : ({' OR '.join(period)})")
        folded = fold_name(filters.author or "")
        if folded and self.db.execute(
                "SELECT 1 FROM article_authors WHERE name_folded = ? LIMIT 1", [folded]
        ).fetchone():  # a whole name: its words must stand in the author column
            words = re.findall(r"\w+", folded)
            if words:
                parts.append(f'author_folded : "{" ".join(words)}"')
        return " AND ".join(parts)

    def index_segments(self) -> int:
        """How many b-tree segments the search index has: each one is read by every
        query, so search slows as they pile up between :meth:`optimize` runs."""
        return int(self.db.execute(
            "SELECT count(DISTINCT segid) FROM articles_fts_idx").fetchone()[0])

    def _merge_index(self) -> None:
        """Merge the search index's segments, a few MB a transaction (a crawl can write in
        between), until FTS5 finds nothing left to merge.

        Not FTS5's ``optimize`` (nor ``merge`` with a negative count): in SQLite 3.40
        each of those, after new rows, stacks the index one level higher, and after about
        1,200 of them the index reads as "database disk image is malformed" (measured;
        a daily optimize would break an archive in three years). ``usermerge = 2`` with
        plain ``merge`` steps merges any two segments of a level and keeps the levels
        few."""
        with self._write():
            self.db.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES('usermerge', 2)")
        while True:
            with self._write():
                changes = self.db.conn.total_changes
                self.db.execute("INSERT INTO articles_fts(articles_fts, rank)"
                                " VALUES('merge', ?)", [MERGE_PAGES])
                merged = self.db.conn.total_changes - changes >= 2
            if not merged:  # FTS5: fewer than 2 changes means nothing was merged
                return

    def optimize(self) -> dict[str, Any]:
        """Maintenance for fast search: merge the search index's segments (every query
        reads every segment); count every word found in at least ``COMMON_WORD_SHARE`` of
        the articles into ``search_terms`` (one pass over the index's vocabulary; the first
        search for such a word then costs nothing extra); count again the cached phrases
        that have drifted; refresh the query planner's statistics; checkpoint the WAL."""
        before = self.index_segments()
        self._merge_index()
        rows = self.count("articles")
        self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_words"
                        " USING fts5vocab(main, articles_fts, row)")
        counted = now_iso()
        common = [(term, docs, rows, counted) for term, docs in self.db.execute(
            "SELECT term, doc FROM temp.articles_fts_words WHERE doc >= ?",
            [max(1, int(rows * COMMON_WORD_SHARE))])]
        with self._write():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO search_terms (phrase, docs, rows, counted)"
                " VALUES (?, ?, ?, ?)", common)
        stale = [r[0] for r in self.db.execute(
            "SELECT phrase FROM search_terms WHERE abs(? - rows) > ? * rows",
            [rows, TERM_DRIFT])]
        if stale:
            self._phrase_idfs(stale, rows)
        self.db.execute("PRAGMA optimize")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"articles": rows, "segments_before": before,
                "segments_after": self.index_segments(), "common_words": len(common),
                "phrases_recounted": len(stale)}
