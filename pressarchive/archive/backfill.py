"""Backfill from web archives: the CDX query cursor, the captures found, which are done,
and storing an archived version without ever replacing a live-crawled one."""

from __future__ import annotations

import json
from typing import Any

from ..extract.model import Article
from ..items import now_iso
from .store import content_hash

BACKFILL_SCHEMA = """
CREATE TABLE IF NOT EXISTS backfill_queries (
    site TEXT NOT NULL,
    source TEXT NOT NULL,
    query TEXT NOT NULL,
    next_page INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL,
    PRIMARY KEY (site, source, query)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS backfill_captures (
    site TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    digest TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'article',
    category TEXT,
    cdx TEXT NOT NULL,
    found TEXT NOT NULL,
    done TEXT,
    outcome TEXT,
    run_id INTEGER REFERENCES runs(id),
    PRIMARY KEY (site, source, url, timestamp, digest)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_backfill_captures_todo ON backfill_captures(site, source, done);
"""

# Sources whose versions a backfill may replace (its own); any other row is ours: a live
# crawl's or an import's, never replaced by an archived copy.
_OURS = ("live", "import")


class BackfillMixin:
    """The archive's backfill methods (mixed into :class:`Archive`)."""

    def backfill_cursor(self, site: str, source: str, query: str) -> tuple[int, bool]:
        """(the next CDX page to ask for, whether the query is complete)."""
        row = self.db.execute(
            "SELECT next_page, complete FROM backfill_queries WHERE site = ? AND source = ?"
            " AND query = ?", [site, source, query]).fetchone()
        return (int(row[0]), bool(row[1])) if row else (0, False)

    def backfill_page(self, site: str, source: str, query: str, page: int,
                      captures: list[dict[str, Any]], *, complete: bool = False) -> int:
        """Keep one CDX page's captures (each with its ``kind``: article, or list, a
        section's list page) and move the cursor past it, in one transaction; returns how
        many article captures were new to the archive."""
        found = now_iso()
        with self._write():
            added = 0
            for c in captures:
                before = self.db.conn.total_changes
                self.db.conn.execute(
                    "INSERT OR IGNORE INTO backfill_captures (site, source, url, timestamp,"
                    " digest, kind, cdx, found) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [site, source, c["url"], c["timestamp"], c.get("digest") or "",
                     c.get("kind", "article"), json.dumps(c, ensure_ascii=False,
                                                          sort_keys=True), found])
                added += (self.db.conn.total_changes - before) * (c.get("kind") != "list")
            self.db.execute(
                "INSERT INTO backfill_queries (site, source, query, next_page, complete, updated)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site, source, query) DO UPDATE SET"
                " next_page = excluded.next_page, complete = excluded.complete,"
                " updated = excluded.updated",
                [site, source, query, page + 1, int(complete), found])
        return added

    def backfill_finish_query(self, site: str, source: str, query: str) -> None:
        with self._write():
            self.db.execute(
                "INSERT INTO backfill_queries (site, source, query, next_page, complete, updated)"
                " VALUES (?, ?, ?, 0, 1, ?) ON CONFLICT (site, source, query) DO UPDATE SET"
                " complete = 1, updated = excluded.updated", [site, source, query, now_iso()])

    def backfill_todo(self, site: str, source: str, *, all_captures: bool = False,
                      since: str = "", until: str = "99999999999999", kind: str = "article"
                      ) -> list[dict[str, Any]]:
        """The captures still to fetch, oldest first: the earliest of each URL not yet done
        (``all_captures``: the earliest of each distinct digest of each URL), each with the
        ``category`` its section's list page gave it."""
        group = "url, digest" if all_captures else "url"
        rows = self.db.execute(
            "SELECT cdx, done, category FROM backfill_captures c WHERE site = ? AND source = ?"
            " AND kind = ? AND timestamp >= ? AND timestamp <= ? AND timestamp = (SELECT"
            " min(timestamp) FROM backfill_captures d WHERE d.site = c.site"
            " AND d.source = c.source AND d.timestamp >= ? AND d.timestamp <= ?"
            f" AND {' AND '.join(f'd.{g} = c.{g}' for g in group.split(', '))})"
            " ORDER BY timestamp, url", [site, source, kind, since, until, since, until]
        ).fetchall()
        done_urls = {json.loads(r[0])["url"] for r in rows if r[1]} if not all_captures else set()
        todo, picked = [], set()
        for cdx, done, category in rows:
            capture = json.loads(cdx)
            capture["category"] = category
            key = (capture["url"], capture.get("digest") if all_captures else "")
            if done or key in picked or capture["url"] in done_urls:
                continue
            picked.add(key)
            todo.append(capture)
        return todo

    def backfill_done(self, site: str, source: str, capture: dict[str, Any], outcome: str,
                      run_id: int) -> None:
        with self._write():
            self._mark_done(site, source, capture, outcome, run_id)

    def _mark_done(self, site: str, source: str, capture: dict[str, Any], outcome: str,
                   run_id: int) -> None:
        self.db.execute(
            "UPDATE backfill_captures SET done = ?, outcome = ?, run_id = ? WHERE site = ?"
            " AND source = ? AND url = ? AND timestamp = ? AND digest = ?",
            [now_iso(), outcome, run_id, site, source, capture["url"], capture["timestamp"],
             capture.get("digest") or ""])

    def backfill_sections(self, site: str, source: str, categories: dict[str, str]) -> int:
        """Article captures linked from a section's list page get its name as their
        category (the first list page that links them wins)."""
        with self._write():
            before = self.db.conn.total_changes
            self.db.conn.executemany(
                "UPDATE backfill_captures SET category = ? WHERE site = ? AND source = ?"
                " AND url = ? AND kind = 'article' AND category IS NULL",
                [(name, site, source, url) for url, name in categories.items()])
            return self.db.conn.total_changes - before

    def store_archived(self, article: Article, run_id: int, site: str, source: str,
                       capture: dict[str, Any]) -> str:
        """Store one archived version and mark its capture done, in one transaction:
        'new' (the archive lacked the article), 'unchanged' (this version is held already),
        'revision' (it differs from the live-crawled or a later version: kept as an earlier
        version, valid from its capture time) or 'changed' (a later archived version than
        the backfilled one stored: it becomes current, the other a revision)."""
        assert article.capture_time is not None
        when = article.capture_time
        with self._write():
            row = self.db.execute(
                "SELECT id, content_hash, capture_source, capture_time, first_seen, category"
                " FROM articles WHERE url = ?", [article.url]).fetchone()
            if row is not None and article.category is None:
                article.category = row[5]  # the site's section, which a page may not show
            digest = content_hash(article)
            if row is None:
                outcome = self._store_one(article, run_id, when)
            elif row[1] == digest or self.db.execute(
                    "SELECT 1 FROM revisions WHERE article_id = ? AND content_hash = ?",
                    [row[0], digest]).fetchone():
                outcome = "unchanged"
            elif (row[2] or "live") in _OURS or when <= (row[3] or ""):
                self._archived_revision(int(row[0]), article, digest, run_id,
                                        row[4] if (row[2] or "live") in _OURS else row[3])
                outcome = "revision"
            else:
                outcome = self._store_one(article, run_id, when)
            self._mark_done(site, source, capture, outcome, run_id)
        return outcome

    def _archived_revision(self, article_id: int, article: Article, digest: str,
                           run_id: int, replaced_at: str) -> None:
        """An archived version kept in ``revisions`` beside the stored one."""
        from .store import CONTENT_FIELDS

        row = {name: getattr(article, name) for name in CONTENT_FIELDS}
        row.update(
            article_id=article_id, url=article.url, content_hash=digest,
            valid_from=article.capture_time, replaced_at=max(replaced_at or "",
                                                             article.capture_time or ""),
            run_id=run_id, capture_source=article.capture_source,
            capture_time=article.capture_time, capture_url=article.capture_url,
            images=json.dumps([[i.url, i.caption] for i in article.images], ensure_ascii=False),
            attachments=json.dumps([[a.url, a.name] for a in article.attachments],
                                   ensure_ascii=False))
        self._insert("revisions", row)
