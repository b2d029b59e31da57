"""Preservation: SQLite and FTS checks, capture pointers, the WARC file registry, fixity
rows and resumable progress, consistent copies (backup API) and selection extracts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from ..items import now_iso
from .schema import _uri

MAX_SQLITE_MESSAGES = 100  # integrity_check lines kept

# Tables an extract copies, in foreign-key order, with the rows the selection keeps
# (``:ids`` the selected articles' ids, ``:sites`` their sites, as JSON arrays).
_EXTRACT = (
    ("sites", "name IN (SELECT value FROM json_each(:sites))"),
    ("runs", "site IN (SELECT value FROM json_each(:sites)) OR id IN"
             " (SELECT run_id FROM articles WHERE id IN (SELECT value FROM json_each(:ids)))"
             " OR id IN (SELECT run_id FROM revisions WHERE article_id IN"
             " (SELECT value FROM json_each(:ids)))"),
    ("articles", "id IN (SELECT value FROM json_each(:ids))"),
    ("revisions", "article_id IN (SELECT value FROM json_each(:ids))"),
    ("images", "article_id IN (SELECT value FROM json_each(:ids))"),
    ("attachments", "article_id IN (SELECT value FROM json_each(:ids))"),
    ("pending_versions", "article_id IN (SELECT value FROM json_each(:ids))"),
    ("article_authors", "article_id IN (SELECT value FROM json_each(:ids))"),
    ("fetch_errors", "site IN (SELECT value FROM json_each(:sites))"),
)


def check_database_file(path: Path) -> list[str]:
    """``integrity_check`` of an SQLite file that cannot be opened as an archive, read-only
    (a damaged copy): its messages, or the error that stopped it."""
    try:
        with closing(sqlite3.connect(_uri(path, immutable=True), uri=True)) as conn:
            rows = conn.execute(f"PRAGMA integrity_check({MAX_SQLITE_MESSAGES})").fetchall()
            return [r[0] for r in rows if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]


class FixityMixin:
    """The archive's preservation methods (mixed into :class:`Archive`)."""

    # -- the database itself ------------------------------------------------------------
    def sqlite_check(self, *, quick: bool = False) -> tuple[int, list[str]]:
        """(pages, problems) of ``integrity_check`` (``quick_check`` with ``quick``) and
        ``foreign_key_check``; a check SQLite cannot finish is itself the problem."""
        pragma = "quick_check" if quick else "integrity_check"
        try:
            pages = int(self.db.execute("PRAGMA page_count").fetchone()[0])
            problems = [r[0] for r in self.db.execute(
                f"PRAGMA {pragma}({MAX_SQLITE_MESSAGES})") if r[0] != "ok"]
            problems += [f"foreign key: {table} row {rowid} points to a missing {parent} row"
                         for table, rowid, parent, _ in self.db.execute(
                             "PRAGMA foreign_key_check").fetchall()[:MAX_SQLITE_MESSAGES]]
        except sqlite3.DatabaseError as exc:
            return 0, [f"{pragma} stopped: {exc}"]
        return pages, problems

    def fts_check(self) -> tuple[int, list[str]]:
        """(indexed rows, problems) of the FTS5 index's own ``integrity-check``, and its
        rows against the articles."""
        try:
            rows = int(self.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0])
            if not self.readonly:
                self.db.execute(
                    "INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
            stray = self.db.execute(
                "SELECT count(*) FROM articles_fts WHERE rowid NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            missing = self.db.execute(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts)"
            ).fetchone()[0]
        except sqlite3.DatabaseError as exc:
            return 0, [f"search index integrity-check failed: {exc}"]
        problems = []
        if stray:
            problems.append(f"search index holds {stray} row(s) of no article")
        if missing:
            problems.append(f"{missing} article(s) missing from the search index")
        return rows, problems

    # -- captures -----------------------------------------------------------------------
    def capture_files(self, site: str | None = None) -> dict[str, dict[str, Any]]:
        """Every WARC file a capture (an article, a held version, a document) points to:
        name -> captures, last offset, worker."""
        where, params = ("AND site = ?", [site]) if site else ("", [])
        files: dict[str, dict[str, Any]] = {}
        for table, worker_column in (("articles", "warc_worker"),
                                     ("pending_versions", "warc_worker"),
                                     ("documents", "NULL")):  # documents: never a worker's
            for name, count, last, worker in self.db.execute(
                    f"SELECT warc_file, count(*), max(warc_offset), max({worker_column})"
                    f" FROM {table} WHERE warc_file IS NOT NULL {where} GROUP BY warc_file",
                    params):
                entry = files.setdefault(name, {"captures": 0, "last_offset": 0, "worker": None})
                entry["captures"] += count
                entry["last_offset"] = max(entry["last_offset"], last or 0)
                entry["worker"] = entry["worker"] or worker
        return files

    def captures_in(self, warc_file: str, site: str | None = None) -> list[dict[str, Any]]:
        """The captures (live articles, held versions, documents) pointing into one WARC
        file; a document's ``url`` is the file's first URL."""
        where, params = ("AND a.site = ?", [site]) if site else ("", [])
        in_site, site_params = ("AND d.site = ?", [site]) if site else ("", [])
        return list(self.db.query(
            "SELECT a.id, a.url, a.fetched_url, a.warc_offset AS offset, 'article' AS kind"
            f" FROM articles a WHERE a.warc_file = ? {where}"
            " UNION ALL SELECT p.article_id, p.url, p.fetched_url, p.warc_offset, 'held'"
            f" FROM pending_versions p JOIN articles a ON a.id = p.article_id"
            f" WHERE p.warc_file = ? {where}"
            " UNION ALL SELECT d.id, d.url, coalesce((SELECT u.fetched_url FROM document_urls u"
            " WHERE u.url = d.url), d.url), d.warc_offset, 'document'"
            f" FROM documents d WHERE d.warc_file = ? {in_site} ORDER BY 4",
            [warc_file, *params, warc_file, *params, warc_file, *site_params]))

    def sample_captures(self, n: int, site: str | None = None) -> list[dict[str, Any]]:
        """``n`` random article captures."""
        where, params = ("AND site = ?", [site]) if site else ("", [])
        return list(self.db.query(
            "SELECT id, url, fetched_url, warc_file, warc_offset AS offset, warc_worker"
            f" FROM articles WHERE warc_file IS NOT NULL {where} ORDER BY random() LIMIT ?",
            [*params, n]))

    # -- the WARC file registry ---------------------------------------------------------
    def warc_registry(self) -> dict[str, dict[str, Any]]:
        """WARC files a full verify has read whole: name -> site, size, records, checked."""
        return {r["name"]: r for r in self.db.query("SELECT * FROM warc_files")}

    def register_warc(self, name: str, site: str | None, size: int, records: int) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO warc_files (name, site, size, records, checked)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET site = excluded.site,"
                " size = excluded.size, records = excluded.records, checked = excluded.checked",
                [name, site, size, records, now_iso()])

    # -- fixity rows and progress -------------------------------------------------------
    def progress(self, site: str | None) -> dict[str, dict[str, Any]]:
        """The items of an unfinished full verify (of ``site``, or all): item -> row."""
        return {r["item"]: {**r, "result": json.loads(r["result"])} for r in self.db.query(
            "SELECT * FROM fixity_progress WHERE site = ?", [site or ""])}

    def save_progress(self, site: str | None, item: str, started: str, size: int | None,
                      result: dict[str, Any]) -> None:
        with self._write():
            self.db.execute(
                "INSERT OR REPLACE INTO fixity_progress (site, item, started, done, size, result)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [site or "", item, started, now_iso(), size,
                 json.dumps(result, ensure_ascii=False)])

    def record_fixity(self, rows: Sequence[dict[str, Any]], *,
                      clear_progress: str | None = None) -> None:
        """One ``fixity`` row a check, in one transaction (that also drops the finished
        pass's progress when ``clear_progress`` names its site key)."""
        with self._write():
            for row in rows:
                self._insert("fixity", {**row, "details": json.dumps(
                    row.get("details"), ensure_ascii=False)})
            if clear_progress is not None:
                self.db.execute("DELETE FROM fixity_progress WHERE site = ?", [clear_progress])

    def fixity_history(self, limit: int = 20) -> list[dict[str, Any]]:
        return list(self.db.query(
            "SELECT id, started, checked, scope, site, check_name, items, bytes, problems"
            " FROM fixity ORDER BY id DESC LIMIT ?", [limit]))

    # -- copies -------------------------------------------------------------------------
    def copy_to(self, dest: Path) -> None:
        """A consistent copy of the whole archive at ``dest`` (SQLite's backup API: one
        read snapshot, so a crawl writing meanwhile is neither blocked nor half-copied),
        left in rollback-journal mode so that it is one self-contained file."""
        with closing(sqlite3.connect(str(dest))) as target:
            self.db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")

    def single_file(self) -> None:
        """Fold the WAL into the file and leave it in rollback-journal mode (a copy to hand
        on: one self-contained file that a read-only open leaves untouched)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute("PRAGMA journal_mode = DELETE")

    def selected_ids(self, sites: Sequence[str], since: str | None) -> list[int]:
        """Ids of the articles of ``sites`` (all when empty) published on/after ``since``."""
        clauses, params = [], []
        if sites:
            clauses.append("site IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(sites)))
        if since:
            clauses.append("published >= ?")
            params.append(since)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return [r[0] for r in self.db.execute(f"SELECT id FROM articles {where} ORDER BY id",
                                              params)]

    def selection_rows(self, ids: Sequence[int], sites: Sequence[str]
                       ) -> Iterator[tuple[str, list[str], Iterable[tuple[Any, ...]]]]:
        """(table, columns, rows) of everything an extract of these articles keeps: their
        sites, runs, revisions, children, held versions, fetch errors and index rows."""
        names = json.dumps(list(sites) or self.site_names())
        params = {"ids": json.dumps(list(ids)), "sites": names}
        for table, where in _EXTRACT:
            columns = [r[1] for r in self.db.execute(f"PRAGMA table_xinfo({table})")
                       if r[6] == 0]  # not generated
            yield table, columns, self.db.execute(
                f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", params)
        fts = ["rowid", *(r[1] for r in self.db.execute("PRAGMA table_info(articles_fts)"))]
        yield "articles_fts", fts, self.db.execute(
            f"SELECT {', '.join(fts)} FROM articles_fts WHERE rowid IN"
            " (SELECT value FROM json_each(:ids))", params)

    def insert_rows(self, table: str, columns: Sequence[str],
                    rows: Iterable[tuple[Any, ...]]) -> int:
        """Copy rows into this (new) archive, keeping their ids; one transaction."""
        wanted = {r[1] for r in self.db.execute(f"PRAGMA table_xinfo({table})")} | {"rowid"}
        keep = [i for i, c in enumerate(columns) if c in wanted]
        sql = (f"INSERT INTO {table} ({', '.join(columns[i] for i in keep)})"
               f" VALUES ({', '.join('?' * len(keep))})")
        count = 0
        with self._write():
            for row in rows:
                self.db.conn.execute(sql, [row[i] for i in keep])
                count += 1
        return count

    def selection_summary(self, ids: Sequence[int]) -> dict[str, Any]:
        """Counts and date ranges of the selected articles, and the WARC files they use."""
        params = [json.dumps(list(ids))]
        inside = "id IN (SELECT value FROM json_each(?))"
        row = self.db.execute(
            "SELECT count(*), min(published), max(published), min(first_seen), max(last_seen),"
            f" group_concat(DISTINCT site) FROM articles WHERE {inside}", params).fetchone()
        files = {r[0] for r in self.db.execute(
            f"SELECT DISTINCT warc_file FROM articles WHERE {inside} AND warc_file IS NOT NULL",
            params)}
        files |= {r[0] for r in self.db.execute(
            "SELECT DISTINCT warc_file FROM pending_versions WHERE article_id IN"
            " (SELECT value FROM json_each(?)) AND warc_file IS NOT NULL", params)}
        return {"articles": row[0], "earliest_published": row[1], "latest_published": row[2],
                "first_captured": row[3], "last_captured": row[4],
                "sites": sorted((row[5] or "").split(",")) if row[5] else [],
                "warc_files": sorted(files)}
