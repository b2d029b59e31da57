"""Filters and the read-side iterators for export and statistics."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..authors import fold_name
from ..textnorm import has_marks, nfc
from .errors import ArchiveError, _query_error
from .ftsquery import match_expression, query_mode


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE … ESCAPE '\\'``, the user's own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def author_clause(alias: str, author: str) -> tuple[str, str]:
    """The SQL test that an article of ``alias`` has a person whose name contains
    ``author``: case folded; marks and đ folded too unless ``author`` has some."""
    text = " ".join(nfc(author).split())
    column, value = ("name_lower", text.lower()) if has_marks(text) else (
        "name_folded", fold_name(text))
    return (f"EXISTS (SELECT 1 FROM article_authors p WHERE p.article_id = {alias}.id"
            f" AND p.{column} LIKE ? ESCAPE '\\')", like_pattern(value))


@dataclass
class Filters:
    """Researchers' filters, shared by search, export and stats."""

    site: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    author: str | None = None  # part of a person's name, case folded (marks: see sql)

    def sql(self, alias: str) -> tuple[str, list[Any]]:
        """`` AND …`` clauses and their parameters (values are never put into SQL text)."""
        clauses, params = [], []
        if self.site:
            clauses.append(f"{alias}.site = ?")
            params.append(self.site)
        if self.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"substr({alias}.published, 1, 10) <= ?")
            params.append(self.until)
        if self.author:
            clause, pattern = author_clause(alias, self.author)
            clauses.append(clause)
            params.append(pattern)
        return "".join(f" AND {c}" for c in clauses), params


class QueriesMixin:
    """The archive's queries methods (mixed into :class:`Archive`)."""

    def iter_rows(self, filters: Filters | None = None, query: str | None = None,
                  columns: Sequence[str] | None = None, batch: int = 1000
                  ) -> Iterator[tuple[Any, ...]]:
        """The column names, then every matching article row as a tuple, streamed from a
        cursor (memory stays flat for millions of rows)."""
        where, params = (filters or Filters()).sql("a")
        wanted = ", ".join(f"a.{c}" for c in columns) if columns else "a.*"
        if query:
            sql = (f"SELECT {wanted} FROM articles_fts JOIN articles a"
                   f" ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? {where}"
                   " ORDER BY a.id")
            params = [match_expression(query, query_mode(query)), *params]
        else:
            sql = f"SELECT {wanted} FROM articles a WHERE 1 = 1 {where} ORDER BY a.id"
        try:
            cursor = self.db.conn.execute(sql, params)
            yield tuple(d[0] for d in cursor.description)
            while chunk := cursor.fetchmany(batch):
                yield from chunk
        except sqlite3.OperationalError as exc:
            raise _query_error(query or "", exc) from exc

    def monthly_counts(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        where, params = (filters or Filters()).sql("a")
        return list(self.db.query(
            "SELECT a.site, substr(a.published, 1, 7) AS month, count(*) AS articles"
            f" FROM articles a WHERE a.published IS NOT NULL {where}"
            " GROUP BY a.site, month ORDER BY a.site, month", params))

    def author_counts(self, filters: Filters | None = None, limit: int = 20
                      ) -> list[dict[str, Any]]:
        """The people with the most articles (``article_authors``: a byline of two names
        counts for both, role words such as "PV" for no one); one person whatever the
        case of the byline, shown as most often printed."""
        where, params = (filters or Filters()).sql("a")
        return list(self.db.query(
            "WITH p AS (SELECT p.article_id, p.name, p.name_lower FROM article_authors p"
            f" JOIN articles a ON a.id = p.article_id WHERE p.name IS NOT NULL {where}),"
            " top AS (SELECT name_lower, count(DISTINCT article_id) AS articles FROM p"
            " GROUP BY name_lower ORDER BY articles DESC, name_lower LIMIT ?)"
            " SELECT (SELECT name FROM p WHERE p.name_lower = top.name_lower GROUP BY name"
            " ORDER BY count(*) DESC, name LIMIT 1) AS author, articles FROM top"
            " ORDER BY articles DESC, name_lower", [*params, limit]))

    def field_coverage(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Per site: articles, and the share with a date, author, source, lead, image."""
        where, params = (filters or Filters()).sql("a")
        return list(self.db.query(
            "SELECT a.site, count(*) AS articles,"
            " round(avg(a.published IS NOT NULL), 3) AS published,"
            " round(avg(a.author IS NOT NULL), 3) AS author,"
            " round(avg(a.source IS NOT NULL), 3) AS source,"
            " round(avg(a.lead IS NOT NULL AND a.lead != ''), 3) AS lead,"
            " round(avg(EXISTS (SELECT 1 FROM images i WHERE i.article_id = a.id)), 3) AS image"
            f" FROM articles a WHERE 1 = 1 {where} GROUP BY a.site ORDER BY a.site", params))

    def article_columns(self) -> list[str]:
        """The columns of ``articles`` (generated ones too), in ``SELECT *`` order."""
        return [r[1] for r in self.db.execute("PRAGMA table_xinfo(articles)") if r[6] != 1]

    def count(self, table: str) -> int:
        if table not in self.db.table_names():
            raise ArchiveError(f"no table {table!r} in {self.path}")
        return self.db[table].count

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def has_site(self, site: str) -> bool:
        """Whether the archive knows ``site`` (a profile, a run or an article of it)."""
        return self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM sites WHERE name = ?)"
            " OR EXISTS (SELECT 1 FROM runs WHERE site = ?)"
            " OR EXISTS (SELECT 1 FROM articles WHERE site = ?)", [site] * 3).fetchone()[0] == 1

    def site_names(self) -> list[str]:
        """Every site the archive knows, sorted."""
        return [r[0] for r in self.db.execute(
            "SELECT name FROM sites UNION SELECT site FROM runs WHERE site IS NOT NULL"
            " UNION SELECT DISTINCT site FROM articles WHERE site IS NOT NULL ORDER BY 1")]

    def latest(self, site: str | None = None, limit: int = 5) -> list[dict[str, Any]]:
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        return list(self.db.query(
            f"SELECT id, url, site, title, published, author FROM articles {where}"
            " ORDER BY published DESC, id DESC LIMIT ?", [*params, limit]
        ))
