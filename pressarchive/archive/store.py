"""Articles, revisions, held versions, images and attachments: how a version is stored."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..extract.model import Article, Attachment, Image
from ..items import now_iso
from .runs import RunCounts, _as_extracted
from .search import _AUTHORS_INSERT, _FTS_INSERT, FTS_COLUMNS, _fts_row, author_rows

CONTENT_FIELDS = (
    "title", "published", "published_precision", "published_source", "author", "source",
    "lead", "body", "category", "language",
)


# A stored value of these is never replaced by a missing one until a run is judged
# healthy (see Archive.store_articles, ``hold``).
KEPT_FIELDS = ("title", "published", "author", "source", "lead", "body", "category")


def content_hash(article: Article) -> str:
    """Hash of everything that makes a revision: the content fields, images, attachments."""
    payload = {name: getattr(article, name) for name in CONTENT_FIELDS}
    payload["images"] = [[i.url, i.caption] for i in article.images]
    payload["attachments"] = [[a.url, a.name] for a in article.attachments]
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


PROVENANCE = ("capture_source", "capture_time", "capture_url")


def provenance(article: Article, seen: str) -> dict[str, str | None]:
    """Where a version came from: the article's own provenance, else a live crawl's
    (fetched now, from its fetched URL)."""
    return {"capture_source": article.capture_source or "live",
            "capture_time": article.capture_time or seen,
            "capture_url": article.capture_url or article.fetched_url or article.url}


def _lost_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields a stored version has and a new one lacks; a date the page showed that
    is now only found in the prose counts as lost too."""
    lost = [f for f in KEPT_FIELDS if old[f] and not new[f]]
    if (new["published"] and new["published_source"] == "prose"
            and old["published"] and old["published_source"] != "prose"):
        lost.append("published")
    return lost


def _held_article(row: dict[str, Any]) -> Article:
    """A ``pending_versions`` row as the Article it was extracted as."""
    fields = {k: row[k] for k in (*CONTENT_FIELDS, "url", "site", "fetched_url", "warc_file",
                                  "warc_offset", "warc_worker", "etag", "last_modified",
                                  *PROVENANCE)}
    return Article(**fields,
                   images=[Image(u, c) for u, c in json.loads(row["images"] or "[]")],
                   attachments=[Attachment(u, n) for u, n in json.loads(row["attachments"]
                                                                        or "[]")])


class StoreMixin:
    """The archive's store methods (mixed into :class:`Archive`)."""

    def store_articles(
        self, articles: Sequence[Article], run_id: int | None = None, *, hold: bool = False
    ) -> RunCounts:
        """Upsert a batch by URL in one transaction; returns new/changed/unchanged counts.

        An unchanged article only moves ``last_seen``; a changed one keeps its previous
        version in ``revisions``. With ``hold``, a changed version that lacks a field the
        stored one has (:data:`KEPT_FIELDS`) is not written to ``articles`` but held in
        ``pending_versions`` (counted as changed and as ``held``) until
        :meth:`release_held` or :meth:`keep_held` decides.
        """
        counts = RunCounts()
        for outcome in self.store_each(articles, run_id, hold=hold):
            counts.add(outcome)
        return counts

    def store_each(self, articles: Sequence[Article], run_id: int | None = None, *,
                   hold: bool = False, earlier_unchanged: bool = False) -> list[RunCounts]:
        """:meth:`store_articles` with each article's own counts. With
        ``earlier_unchanged``, an article that is exactly an earlier version of itself (one
        in ``revisions``, not the live one) is left as it is and counted unchanged (an
        import meeting an old capture again must not make it live)."""
        out = []
        seen = now_iso()
        with self._write():
            for article in articles:
                digest = content_hash(article)
                if earlier_unchanged and self._is_earlier(article.url, digest):
                    out.append(RunCounts(unchanged=1))
                    continue
                outcome = self._store_one(article, run_id, seen, hold=hold, digest=digest)
                held = outcome == "held"
                counts = RunCounts(held=int(held))
                setattr(counts, "changed" if held else outcome, 1)
                out.append(counts)
        return out

    def store_stream(self, articles: Iterable[Article], run_id: int | None = None,
                     batch: int = 200, *, hold: bool = False) -> RunCounts:
        """:meth:`store_articles` over any iterable, one transaction per ``batch``."""
        counts, chunk = RunCounts(), []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= batch:
                counts.add(self.store_articles(chunk, run_id, hold=hold))
                chunk = []
        counts.add(self.store_articles(chunk, run_id, hold=hold))
        return counts

    def _store_one(self, article: Article, run_id: int | None, seen: str, *,
                   hold: bool = False, digest: str | None = None) -> str:
        digest = digest or content_hash(article)
        cursor = self.db.conn.execute("SELECT * FROM articles WHERE url = ?", [article.url])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        values = {name: getattr(article, name) for name in CONTENT_FIELDS}
        values.update(site=article.site, word_count=article.word_count, content_hash=digest,
                      warc_file=article.warc_file, warc_offset=article.warc_offset,
                      warc_worker=article.warc_worker, etag=article.etag,
                      last_modified=article.last_modified, fetched_url=article.fetched_url,
                      **provenance(article, seen))
        if not rows:
            values.update(
                url=article.url, first_seen=seen, last_seen=seen, last_changed=seen,
                status="live", run_id=run_id,
            )
            article_id = self._insert("articles", values)
            self._write_children(article_id, article)
            self._index(article_id, article)
            return "new"
        old = rows[0]
        article_id = int(old["id"])
        if old["content_hash"] == digest:
            self.db.conn.execute(
                "UPDATE articles SET last_seen = ?, status = 'live', gone_since = NULL,"
                " run_id = ?, warc_file = coalesce(?, warc_file),"
                " warc_offset = coalesce(?, warc_offset), etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified),"
                " fetched_url = coalesce(?, fetched_url),"
                " warc_worker = CASE WHEN ? IS NULL THEN warc_worker ELSE ? END WHERE id = ?",
                [seen, run_id, article.warc_file, article.warc_offset, article.etag,
                 article.last_modified, article.fetched_url, article.warc_file,
                 article.warc_worker, article_id],
            )
            self.db.conn.execute("DELETE FROM pending_versions WHERE article_id = ?",
                                 [article_id])
            return "unchanged"
        missing = _lost_fields(old, values)
        if hold and missing:
            self._hold(old, article, values, missing, run_id, seen)
            return "held"
        self.db.conn.execute("DELETE FROM pending_versions WHERE article_id = ?", [article_id])
        self._keep_revision(old, run_id, seen)
        values.update(last_seen=seen, last_changed=seen, status="live", gone_since=None,
                      run_id=run_id)
        assignments = ", ".join(f"{k} = ?" for k in values)
        self.db.conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?",
                             [*values.values(), article_id])
        self.db.execute("DELETE FROM images WHERE article_id = ?", [article_id])
        self.db.execute("DELETE FROM attachments WHERE article_id = ?", [article_id])
        self._write_children(article_id, article)
        self._index(article_id, article)
        return "changed"

    def _hold(self, old: dict[str, Any], article: Article, values: dict[str, Any],
              missing: list[str], run_id: int | None, seen: str) -> None:
        """Keep the stored version live (only ``last_seen`` and the run move) and the new
        one in ``pending_versions``, awaiting a verdict (the latest replaces an earlier)."""
        row = {name: values[name] for name in (*CONTENT_FIELDS, "site", "content_hash",
                                                "fetched_url", "warc_file", "warc_offset",
                                                "warc_worker", "etag", "last_modified",
                                                *PROVENANCE)}
        row.update(
            article_id=old["id"], url=old["url"], run_id=run_id, held_by=None,
            missing=json.dumps(missing), fetched=seen,
            images=json.dumps([[i.url, i.caption] for i in article.images], ensure_ascii=False),
            attachments=json.dumps([[a.url, a.name] for a in article.attachments],
                                   ensure_ascii=False))
        self.db.conn.execute("DELETE FROM pending_versions WHERE article_id = ?", [old["id"]])
        self._insert("pending_versions", row)
        self.db.conn.execute(
            "UPDATE articles SET last_seen = ?, status = 'live', gone_since = NULL, run_id = ?"
            " WHERE id = ?", [seen, run_id, old["id"]])

    def release_held(self, site: str | None, run_id: int, batch: int = 200) -> int:
        """A run judged healthy: the site's versions awaiting a verdict (of this run and
        earlier unjudged or interrupted ones) are stored as ordinary changes."""
        released = 0
        while True:
            rows = list(self.db.query(
                "SELECT * FROM pending_versions WHERE site IS ? AND held_by IS NULL"
                " AND run_id <= ? ORDER BY article_id LIMIT ?", [site, run_id, batch]))
            if not rows:
                return released
            with self._write():
                for row in rows:
                    self._store_one(_held_article(row), row["run_id"], row["fetched"])
                    self.db.conn.execute("DELETE FROM pending_versions WHERE article_id = ?",
                                         [row["article_id"]])
            released += len(rows)

    def keep_held(self, site: str | None, run_id: int, *, only_run: bool = False) -> int:
        """A degraded verdict: the site's versions awaiting one (``only_run``: the ones
        this run held, as a re-extraction or import does) stay held by ``run_id``, the
        stored values live; returns how many articles kept them."""
        with self._write():
            if only_run:
                self.db.execute("UPDATE pending_versions SET held_by = ? WHERE run_id = ?"
                                " AND held_by IS NULL", [run_id, run_id])
            else:
                self.db.execute("UPDATE pending_versions SET held_by = ? WHERE site IS ?"
                                " AND held_by IS NULL AND run_id <= ?", [run_id, site, run_id])
        return int(self.db.execute(
            "SELECT count(*) FROM pending_versions WHERE held_by = ?", [run_id]).fetchone()[0])

    def _keep_revision(self, old: dict[str, Any], run_id: int | None, seen: str) -> None:
        article_id = old["id"]
        images = self.db.execute(
            "SELECT url, caption FROM images WHERE article_id = ? ORDER BY position",
            [article_id],
        ).fetchall()
        attachments = self.db.execute(
            "SELECT url, name FROM attachments WHERE article_id = ? ORDER BY position",
            [article_id],
        ).fetchall()
        row = {name: old[name] for name in (*CONTENT_FIELDS, *PROVENANCE)}
        row.update(
            article_id=article_id, url=old["url"], content_hash=old["content_hash"],
            valid_from=old["last_changed"], replaced_at=seen, run_id=run_id,
            images=json.dumps([list(i) for i in images], ensure_ascii=False),
            attachments=json.dumps([list(a) for a in attachments], ensure_ascii=False),
        )
        self._insert("revisions", row)

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """One plain INSERT (column names are ours, values are parameters)."""
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = self.db.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        return int(cursor.lastrowid)

    def _write_children(self, article_id: int, article: Article) -> None:
        self.db.conn.executemany(
            "INSERT INTO images (article_id, position, url, caption) VALUES (?, ?, ?, ?)",
            [(article_id, n, i.url, i.caption) for n, i in enumerate(article.images)])
        self.db.conn.executemany(
            "INSERT INTO attachments (article_id, position, url, name) VALUES (?, ?, ?, ?)",
            [(article_id, n, a.url, a.name) for n, a in enumerate(article.attachments)])

    def _index(self, article_id: int, article: Article) -> None:
        self.db.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
        values = [getattr(article, c) for c in FTS_COLUMNS]
        self.db.conn.execute(_FTS_INSERT,
                             _fts_row(article_id, values, article.site, article.published))
        self.db.conn.execute("DELETE FROM article_authors WHERE article_id = ?", [article_id])
        self.db.conn.executemany(_AUTHORS_INSERT, author_rows(article_id, article.author))

    def article(self, url: str) -> dict[str, Any] | None:
        """One article row with its ``images`` and ``attachments`` lists, or None."""
        rows = list(self.db.query("SELECT * FROM articles WHERE url = ?", [url]))
        if not rows:
            return None
        row = rows[0]
        row["images"] = list(self.db.query(
            "SELECT url, caption FROM images WHERE article_id = ? ORDER BY position", [row["id"]]
        ))
        row["attachments"] = list(self.db.query(
            "SELECT url, name FROM attachments WHERE article_id = ? ORDER BY position",
            [row["id"]],
        ))
        return row

    def capture_path(self, warc_file: str) -> Path:
        """A ``warc_file`` value as a path (stored relative to the archive's folder)."""
        return self.path.parent / warc_file

    def captures(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """url, site, category, warc_file, warc_offset, fetched_url and provenance of every
        article's latest capture: a held version's, if it has one."""
        where, params = ("AND a.site = ?", [site]) if site else ("", [])
        latest = ", ".join(f"{_as_extracted(c)} AS {c}"
                           for c in ("warc_file", "warc_offset", "fetched_url", *PROVENANCE))
        yield from self.db.query(
            f"SELECT a.url, a.site, a.category, {latest} FROM articles a"
            " LEFT JOIN pending_versions p ON p.article_id = a.id"
            f" WHERE {_as_extracted('warc_file')} IS NOT NULL {where} ORDER BY a.id", params)

    def known_urls(self, site: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT url FROM articles WHERE site = ?", [site])}

    def _is_earlier(self, url: str, digest: str) -> bool:
        """Is content ``digest`` exactly an earlier version of the article at ``url`` (one
        in ``revisions``, not the live one)?"""
        return self.db.execute(
            "SELECT 1 FROM revisions r JOIN articles a ON a.id = r.article_id"
            " WHERE a.url = ? AND r.content_hash = ? AND a.content_hash != ? LIMIT 1",
            [url, digest, digest]).fetchone() is not None

    def revisions(self, url: str) -> list[dict[str, Any]]:
        return list(self.db.query(
            "SELECT r.* FROM revisions r JOIN articles a ON a.id = r.article_id"
            " WHERE a.url = ? ORDER BY coalesce(r.valid_from, r.replaced_at), r.id", [url]
        ))
