"""Near-duplicate signatures, pairs and clusters (see :mod:`pressarchive.syndication`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..items import now_iso

CLUSTER_SCHEMA = """
CREATE INDEX IF NOT EXISTS idx_articles_content_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    content_hash TEXT NOT NULL,
    day TEXT,
    minhash BLOB,
    matched INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS idx_signatures_day ON signatures(day);
CREATE INDEX IF NOT EXISTS idx_signatures_unmatched ON signatures(article_id) WHERE matched = 0;
CREATE TABLE IF NOT EXISTS near_duplicates (
    a INTEGER NOT NULL REFERENCES articles(id),
    b INTEGER NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL,
    template INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_near_duplicates_b ON near_duplicates(b);
CREATE TABLE IF NOT EXISTS clusters (
    id INTEGER PRIMARY KEY,
    earliest INTEGER NOT NULL REFERENCES articles(id),
    size INTEGER NOT NULL,
    sites INTEGER NOT NULL,
    threshold REAL NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cluster_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    cluster_id INTEGER NOT NULL REFERENCES clusters(id),
    similarity REAL NOT NULL,
    is_earliest INTEGER NOT NULL,
    credits TEXT,
    credits_member INTEGER REFERENCES articles(id)
);
CREATE INDEX IF NOT EXISTS idx_cluster_members_cluster ON cluster_members(cluster_id);
"""


def _ids(ids: Iterable[int]) -> str:
    return json.dumps(sorted(int(i) for i in ids))


class ClustersMixin:
    """The archive's near-duplicate methods (mixed into :class:`Archive`)."""

    # -- signatures --------------------------------------------------------------

    def unsigned_ids(self) -> list[int]:
        """Articles without a signature of their current content (new or changed), read
        from the ``content_hash`` index alone (no body is read)."""
        return [r[0] for r in self.db.execute(
            "SELECT a.id FROM articles a LEFT JOIN signatures s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL OR s.content_hash != a.content_hash")]

    def to_sign(self, ids: Iterable[int]) -> list[dict[str, Any]]:
        """What signing ``ids`` needs: id, body, content hash, published, first seen."""
        return list(self.db.query(
            "SELECT id, body, content_hash, published, first_seen FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]))

    def save_signatures(self, rows: list[tuple[int, str, str | None, bytes | None]]) -> None:
        """(article id, content hash, day, MinHash bytes or None) rows, upserted, to be
        matched (:meth:`unmatched`)."""
        with self._write():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO signatures (article_id, content_hash, day, minhash,"
                " matched) VALUES (?, ?, ?, ?, 0)", rows)

    def unsigned_count(self) -> int:
        """Articles not matched yet in their current version."""
        return int(self.db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN signatures s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL OR s.content_hash != a.content_hash"
            " OR s.matched = 0").fetchone()[0])

    def unmatched(self) -> list[tuple[int, str | None, bool]]:
        """(id, day, has a MinHash) of the signed articles not matched yet (new, changed,
        or left by a match cut short)."""
        return [(r[0], r[1], bool(r[2])) for r in self.db.execute(
            "SELECT article_id, day, minhash IS NOT NULL FROM signatures WHERE matched = 0")]

    def mark_matched(self, ids: Iterable[int]) -> None:
        self.db.execute("UPDATE signatures SET matched = 1 WHERE article_id IN"
                        " (SELECT value FROM json_each(?))", [_ids(ids)])

    def signature_window(self, lo: str | None, hi: str | None
                         ) -> Iterator[tuple[int, str | None, bytes]]:
        """(id, day, MinHash bytes) of the signed articles between days ``lo`` and ``hi``
        (all when None), in day order."""
        where, params = "minhash IS NOT NULL", []
        if lo is not None and hi is not None:
            where += " AND day BETWEEN ? AND ?"
            params = [lo, hi]
        cursor = self.db.conn.execute(
            f"SELECT article_id, day, minhash FROM signatures WHERE {where}"
            " ORDER BY day, article_id", params)
        while chunk := cursor.fetchmany(5000):
            yield from chunk

    def count_signatures(self, lo: str, hi: str) -> int:
        return int(self.db.execute(
            "SELECT count(*) FROM signatures WHERE minhash IS NOT NULL AND day BETWEEN ? AND ?",
            [lo, hi]).fetchone()[0])

    def signatures_of(self, ids: Iterable[int]) -> list[tuple[int, str | None, bytes]]:
        """(id, day, MinHash bytes) of ``ids`` that have one."""
        return self.db.execute(
            "SELECT article_id, day, minhash FROM signatures WHERE minhash IS NOT NULL"
            " AND article_id IN (SELECT value FROM json_each(?))", [_ids(ids)]).fetchall()

    def bodies(self, ids: Iterable[int]) -> dict[int, str]:
        return dict(self.db.execute(
            "SELECT id, body FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            [_ids(ids)]).fetchall())

    # -- pairs -------------------------------------------------------------------

    def drop_pairs(self, ids: Iterable[int]) -> None:
        """Forget the pairs of articles whose content is matched again."""
        with self._write():
            for column in ("a", "b"):
                self.db.execute(f"DELETE FROM near_duplicates WHERE {column} IN"
                                " (SELECT value FROM json_each(?))", [_ids(ids)])

    def save_pairs(self, pairs: list[tuple[int, int, float, bool]]) -> None:
        with self._write():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO near_duplicates (a, b, similarity, template)"
                " VALUES (?, ?, ?, ?)", [(a, b, s, int(t)) for a, b, s, t in pairs])

    def pairs_of(self, ids: Iterable[int], threshold: float) -> list[tuple[int, int, float]]:
        """Non-template pairs at or above ``threshold`` touching ``ids``."""
        text = _ids(ids)
        return self.db.execute(
            "SELECT a, b, similarity FROM near_duplicates WHERE template = 0"
            " AND similarity >= ? AND (a IN (SELECT value FROM json_each(?))"
            " OR b IN (SELECT value FROM json_each(?)))", [threshold, text, text]).fetchall()

    # -- clusters ----------------------------------------------------------------

    def cluster_mates(self, ids: Iterable[int]) -> set[int]:
        """Every member of the clusters ``ids`` are in (``ids`` included)."""
        return {r[0] for r in self.db.execute(
            "SELECT m.article_id FROM cluster_members m JOIN cluster_members k"
            " ON k.cluster_id = m.cluster_id WHERE k.article_id IN"
            " (SELECT value FROM json_each(?))", [_ids(ids)])}

    def member_info(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        return {r["id"]: r for r in self.db.query(
            "SELECT id, site, published, first_seen, source FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)])}

    def outlet_names(self, sites: Iterable[str | None]) -> dict[str, str]:
        """The words naming each site's outlet: its name, title and province."""
        out: dict[str, str] = {}
        for site in sites:
            if not site:
                continue
            row = self.db.execute("SELECT title, province FROM sites WHERE name = ?",
                                  [site]).fetchone() or ("", "")
            out[site] = " ".join([site.replace("-", " "), row[0] or "", row[1] or ""])
        return out

    def write_clusters(self, touched: set[int], clusters: list[dict[str, Any]]) -> None:
        """Replace the clusters of the ``touched`` articles with ``clusters``."""
        seen = now_iso()
        with self._write():
            old = _ids(touched)
            stale = [r[0] for r in self.db.execute(
                "SELECT DISTINCT cluster_id FROM cluster_members WHERE article_id IN"
                " (SELECT value FROM json_each(?))", [old])]
            self.db.execute("DELETE FROM cluster_members WHERE cluster_id IN"
                            " (SELECT value FROM json_each(?))", [_ids(stale)])
            self.db.execute("DELETE FROM clusters WHERE id IN (SELECT value FROM json_each(?))",
                            [_ids(stale)])
            for cluster in clusters:
                cursor = self.db.conn.execute(
                    "INSERT INTO clusters (earliest, size, sites, threshold, updated)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [cluster["earliest"], len(cluster["members"]), cluster["sites"],
                     cluster["threshold"], seen])
                self.db.conn.executemany(
                    "INSERT INTO cluster_members (article_id, cluster_id, similarity,"
                    " is_earliest, credits, credits_member) VALUES (?, ?, ?, ?, ?, ?)",
                    [(m["article_id"], cursor.lastrowid, m["similarity"], m["is_earliest"],
                      m["credits"], m["credits_member"]) for m in cluster["members"]])

    def clear_duplicates(self) -> None:
        with self._write():
            for table in ("cluster_members", "clusters", "near_duplicates", "signatures"):
                self.db.execute(f"DELETE FROM {table}")

    # -- reading -----------------------------------------------------------------

    def duplicate_clusters(self, site: str | None = None, since: str | None = None,
                           min_similarity: float = 0.0, limit: int | None = None
                           ) -> list[dict[str, Any]]:
        """Clusters (earliest first, newest clusters first), each with its ``members``
        at or above ``min_similarity``; ``site``: clusters with a member of that site;
        ``since``: whose earliest member was published on or after that day."""
        where, params = ["1"], []
        if site:
            where.append("c.id IN (SELECT m.cluster_id FROM cluster_members m JOIN articles x"
                         " ON x.id = m.article_id WHERE x.site = ?)")
            params.append(site)
        if since:
            where.append("coalesce(e.published, e.first_seen) >= ?")
            params.append(since)
        rows = self.db.execute(
            "SELECT c.id, c.size, c.sites, c.threshold, coalesce(e.published, e.first_seen)"
            " FROM clusters c JOIN articles e ON e.id = c.earliest"
            f" WHERE {' AND '.join(where)} ORDER BY 5 DESC, c.id"
            + (" LIMIT ?" if limit else ""), params + ([limit] if limit else [])).fetchall()
        out = []
        for cluster_id, _size, sites, threshold, when in rows:
            members = list(self.db.query(
                "SELECT a.id, a.site, a.url, a.title, a.published, a.first_seen, a.source,"
                " m.similarity, m.is_earliest, m.credits, m.credits_member"
                " FROM cluster_members m JOIN articles a ON a.id = m.article_id"
                " WHERE m.cluster_id = ? AND (m.similarity >= ? OR m.is_earliest)"
                " ORDER BY m.is_earliest DESC, coalesce(a.published, '9999'), a.first_seen,"
                " a.id", [cluster_id, min_similarity]))
            if len(members) < 2:
                continue
            out.append({"cluster": cluster_id, "size": len(members), "sites": sites,
                        "threshold": threshold, "earliest": members[0]["url"],
                        "published": when, "members": members})
        return out

    def cluster_peers(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """For each article of ``ids`` in a cluster: its cluster id and every member's
        (id, site, url, earliest flag)."""
        rows = self.db.execute(
            "SELECT k.article_id, m.cluster_id, m.article_id, a.site, a.url, m.is_earliest"
            " FROM cluster_members k JOIN cluster_members m ON m.cluster_id = k.cluster_id"
            " JOIN articles a ON a.id = m.article_id"
            " WHERE k.article_id IN (SELECT value FROM json_each(?))"
            " ORDER BY m.is_earliest DESC, a.id", [_ids(ids)]).fetchall()
        out: dict[int, dict[str, Any]] = {}
        for own, cluster, member, site, url, earliest in rows:
            entry = out.setdefault(own, {"cluster": cluster, "members": []})
            entry["members"].append({"id": member, "site": site, "url": url,
                                     "earliest": bool(earliest)})
        return out

    def republication_counts(self) -> list[dict[str, Any]]:
        """Per site: articles, originals (earliest of a cluster) and republished ones."""
        return list(self.db.query(
            "SELECT a.site AS site, count(*) AS articles,"
            " coalesce(sum(m.is_earliest = 1), 0) AS originals,"
            " coalesce(sum(m.is_earliest = 0), 0) AS republished"
            " FROM articles a LEFT JOIN cluster_members m ON m.article_id = a.id"
            " GROUP BY a.site ORDER BY a.site"))
