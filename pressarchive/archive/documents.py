"""Documents: the attachments a crawl fetched, stored once by digest, and their text index.

``documents`` holds one row a file (by sha256), ``document_urls`` which digest each fetched
URL gave (or why it gave none), and ``attachments`` (an article's links) joins them by
URL: the view ``article_documents`` shows every article with its documents. The text is
indexed twice in ``documents_fts``, as printed and folded, with the articles' rules
(see :mod:`.ftsquery`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..items import Document, now_iso
from ..textnorm import fold_marks, nfc
from .errors import _query_error
from .ftsquery import EXACT, FOLD, match_expression, query_mode
from .queries import Filters
from .search import snippet

DOCUMENTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    site TEXT,
    media_type TEXT,
    size INTEGER NOT NULL,
    pages INTEGER,
    text_status TEXT NOT NULL,
    reason TEXT,
    engine TEXT,
    text TEXT,
    fetched_at TEXT NOT NULL,
    extracted_at TEXT NOT NULL,
    warc_file TEXT,
    warc_offset INTEGER
);
CREATE INDEX IF NOT EXISTS idx_documents_site_status ON documents(site, text_status);
CREATE TABLE IF NOT EXISTS document_urls (
    url TEXT PRIMARY KEY,
    site TEXT,
    sha256 TEXT,
    text_status TEXT NOT NULL,
    reason TEXT,
    fetched_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    fetched_url TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_document_urls_sha256 ON document_urls(sha256);
CREATE INDEX IF NOT EXISTS idx_attachments_url ON attachments(url);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    text, text_folded, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE VIEW IF NOT EXISTS article_documents AS
    SELECT t.article_id, a.url AS article_url, a.title AS article_title, a.site,
           t.position, t.url, t.name, d.id AS document_id, d.sha256,
           coalesce(d.text_status, u.text_status) AS text_status,
           coalesce(d.reason, u.reason) AS reason, d.media_type, d.size, d.pages, d.engine
    FROM attachments t
    JOIN articles a ON a.id = t.article_id
    JOIN document_urls u ON u.url = t.url
    LEFT JOIN documents d ON d.sha256 = u.sha256;
"""

TEXT_STATUSES = ("text", "ocr", "needs_ocr", "encrypted", "corrupt", "too_large",
                 "unsupported")

DOCUMENT_LINK_COLUMNS = (
    "article_id", "article_url", "article_title", "site", "published", "position", "url",
    "name", "sha256", "media_type", "size", "pages", "text_status", "reason", "engine",
    "fetched_at", "text")

_DOC_WEIGHTS = {EXACT: "1.0, 0.0", FOLD: "0.0, 1.0"}


def document_match(query: str, mode: str) -> str:
    """The FTS5 expression over ``documents_fts`` for a user query: the words as typed in
    the ``text`` column (exact), or folded in ``text_folded``."""
    text = nfc(query)
    if mode == EXACT:
        return f"text : ({text})"
    return f"text_folded : ({fold_marks(text)})"


def _document_terms(query: str, filters: Filters | None, mode: str | None, new_only: bool
                    ) -> tuple[str, str, str, list[Any]]:
    """The mode, the ``documents_fts`` expression, and the `` AND …`` clauses (with their
    parameters) on the linking article ``a``: the filters and, ``new_only``, that its own
    text does not match."""
    mode = query_mode(query, mode)
    where, params = (filters or Filters()).sql("a")
    if new_only:
        where += " AND a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
        params.append(match_expression(query, mode))
    return mode, document_match(query, mode), where, params


class DocumentsMixin:
    """The archive's document methods (mixed into :class:`Archive`)."""

    def store_documents(self, documents: Sequence[Document], run_id: int | None = None
                        ) -> int:
        """Record fetched documents in one transaction; returns how many files were new.
        A digest already stored is not stored again (its URL only points to it); its text
        is replaced by this extraction's unless that would lose text (an OCR'd scan
        fetched again without ``--ocr`` keeps its OCR text)."""
        new = 0
        with self._write():
            for doc in documents:
                known = self.db.execute("SELECT id, text_status FROM documents WHERE sha256 = ?",
                                        [doc.sha256]).fetchone() if doc.sha256 else None
                if known and (doc.text or known[1] not in ("text", "ocr")):
                    self._set_text(known[0], doc.text_status, doc.text, doc.reason,
                                   doc.engine, doc.pages, doc.media_type)
                if doc.sha256 and not known:
                    cursor = self.db.conn.execute(
                        "INSERT INTO documents (sha256, url, site, media_type, size, pages,"
                        " text_status, reason, engine, text, fetched_at, extracted_at,"
                        " warc_file, warc_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        " ?, ?)",
                        [doc.sha256, doc.url, doc.site, doc.media_type, doc.size, doc.pages,
                         doc.text_status, doc.reason, doc.engine, doc.text, doc.fetched_at,
                         now_iso(), doc.warc_file, doc.warc_offset])
                    self._index_document(int(cursor.lastrowid), doc.text)
                    new += 1
                self.db.conn.execute(  # the status of the file as stored
                    "INSERT OR REPLACE INTO document_urls (url, site, sha256, text_status,"
                    " reason, fetched_at, run_id, fetched_url) SELECT ?, ?, ?,"
                    " coalesce(d.text_status, ?), CASE WHEN d.id IS NULL THEN ? ELSE d.reason"
                    " END, ?, ?, ? FROM (SELECT 1) LEFT JOIN documents d ON d.sha256 = ?",
                    [doc.url, doc.site, doc.sha256, doc.text_status, doc.reason,
                     doc.fetched_at, run_id, doc.fetched_url, doc.sha256])
        return new

    def _index_document(self, document_id: int, text: str | None) -> None:
        self.db.conn.execute("DELETE FROM documents_fts WHERE rowid = ?", [document_id])
        if text:
            self.db.conn.execute(
                "INSERT INTO documents_fts (rowid, text, text_folded) VALUES (?, ?, ?)",
                [document_id, text, fold_marks(text)])

    def update_document_text(self, document_id: int, *, text_status: str, text: str | None,
                             reason: str | None, engine: str | None, pages: int | None,
                             media_type: str | None) -> None:
        """A document's text extracted again (``ocr``, ``reextract``), index included."""
        with self._write():
            self._set_text(document_id, text_status, text, reason, engine, pages, media_type)

    def _set_text(self, document_id: int, text_status: str, text: str | None,
                  reason: str | None, engine: str | None, pages: int | None,
                  media_type: str | None) -> None:
        self.db.conn.execute(
            "UPDATE documents SET text_status = ?, text = ?, reason = ?, engine = ?,"
            " pages = coalesce(?, pages), media_type = coalesce(?, media_type),"
            " extracted_at = ? WHERE id = ?",
            [text_status, text, reason, engine, pages, media_type, now_iso(), document_id])
        self.db.conn.execute(
            "UPDATE document_urls SET text_status = ?, reason = ? WHERE sha256 ="
            " (SELECT sha256 FROM documents WHERE id = ?)", [text_status, reason,
                                                               document_id])
        self._index_document(document_id, text)

    def document_capture(self, url: str) -> dict[str, Any] | None:
        """warc_file and warc_offset of the file a document URL gave (its first capture:
        the same bytes), or None."""
        found = list(self.db.query(
            "SELECT d.warc_file, d.warc_offset FROM document_urls u JOIN documents d"
            " ON d.sha256 = u.sha256 WHERE u.url = ?", [url]))
        return found[0] if found else None

    def known_document_urls(self, site: str) -> set[str]:
        """The site's document URLs already fetched (with a digest or refused for size):
        a re-crawl does not fetch them again unless asked."""
        return {r[0] for r in self.db.execute(
            "SELECT url FROM document_urls WHERE site = ?", [site])}

    def pending_document_failures(self, site: str) -> list[str]:
        """Document URLs whose last fetch failed (an HTTP error, a time-out): retried."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT url FROM fetch_errors WHERE site = ? AND kind = 'document'"
            " AND resolved_run IS NULL AND url NOT IN (SELECT url FROM document_urls)"
            " ORDER BY url", [site])]

    def document_captures(self, site: str | None = None,
                          statuses: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """id, sha256, url, media_type, text_status, warc_file, warc_offset of every
        stored document (of ``site``, in ``statuses``) with a capture."""
        where, params = ["warc_file IS NOT NULL"], []
        if site:
            where.append("site = ?")
            params.append(site)
        if statuses is not None:
            where.append("text_status IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(statuses)))
        yield from self.db.query(
            "SELECT id, sha256, url, site, media_type, text_status, warc_file, warc_offset"
            f" FROM documents WHERE {' AND '.join(where)} ORDER BY id", params)

    def documents_list(self, site: str | None = None, status: str | None = None,
                       limit: int | None = None) -> list[dict[str, Any]]:
        """Every fetched document URL with its file's record and the articles linking it
        (``articles``: url and title of each), newest fetch first."""
        where, params = [], []
        if site:
            where.append("u.site = ?")
            params.append(site)
        if status:
            where.append("u.text_status = ?")
            params.append(status)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        stop = f" LIMIT {int(limit)}" if limit else ""
        rows = list(self.db.query(
            "SELECT u.url, u.site, u.sha256, u.text_status, u.reason, u.fetched_at,"
            " d.id AS document_id, d.media_type, d.size, d.pages, d.engine,"
            " length(d.text) AS text_chars, d.warc_file, d.warc_offset,"
            " (SELECT json_group_array(json_object('url', a.url, 'title', a.title,"
            "  'name', t.name)) FROM attachments t JOIN articles a ON a.id = t.article_id"
            "  WHERE t.url = u.url) AS articles"
            f" FROM document_urls u LEFT JOIN documents d ON d.sha256 = u.sha256{clause}"
            f" ORDER BY u.fetched_at DESC, u.url{stop}", params))
        for row in rows:
            row["articles"] = json.loads(row["articles"] or "[]")
        return rows

    def document_coverage(self, site: str | None = None) -> list[dict[str, Any]]:
        """Per site: document URLs fetched, files stored, and how many files have each
        text status (``text`` + ``ocr`` is the share whose text is searchable)."""
        where, params = (" WHERE site = ?", [site]) if site else ("", [])
        files = {r["site"]: r for r in self.db.query(
            "SELECT site, count(*) AS files, sum(size) AS bytes,"
            + ", ".join(f" sum(text_status = '{s}') AS {s}" for s in TEXT_STATUSES)
            + f" FROM documents{where} GROUP BY site", params)}
        urls = {r[0]: (r[1], r[2]) for r in self.db.execute(
            "SELECT site, count(*), sum(sha256 IS NULL) FROM document_urls"
            f"{where} GROUP BY site", params)}
        out = []
        for name in sorted(set(files) | set(urls), key=lambda s: s or ""):
            row = files.get(name) or {"files": 0, "bytes": 0, **dict.fromkeys(TEXT_STATUSES, 0)}
            searchable = (row["text"] or 0) + (row["ocr"] or 0)
            out.append({"site": name, "urls": urls.get(name, (0, 0))[0],
                        "refused": urls.get(name, (0, 0))[1] or 0,
                        "files": row["files"], "bytes": row["bytes"] or 0,
                        **{s: row[s] or 0 for s in TEXT_STATUSES},
                        "searchable": round(searchable / row["files"], 3) if row["files"]
                        else None})
        return out

    def iter_document_links(self, filters: Filters | None = None, query: str | None = None
                            ) -> Iterator[tuple[Any, ...]]:
        """The column names (:data:`DOCUMENT_LINK_COLUMNS`), then one row per article ↔
        document link of the articles passing ``filters`` (and, with ``query``, of the
        documents whose text matches it), in article order."""
        where, params = (filters or Filters()).sql("a")
        if query:
            where += (" AND d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts"
                      " MATCH ?)")
            params.append(document_match(query, query_mode(query)))
        yield DOCUMENT_LINK_COLUMNS
        try:
            cursor = self.db.conn.execute(
                "SELECT a.id, a.url, a.title, a.site, a.published, t.position, t.url, t.name,"
                " u.sha256, d.media_type, d.size, d.pages,"
                " coalesce(d.text_status, u.text_status), coalesce(d.reason, u.reason),"
                " d.engine, u.fetched_at, d.text"
                " FROM attachments t JOIN articles a ON a.id = t.article_id"
                " JOIN document_urls u ON u.url = t.url"
                f" LEFT JOIN documents d ON d.sha256 = u.sha256 WHERE 1{where}"
                " ORDER BY a.id, t.position", params)
            while chunk := cursor.fetchmany(500):
                yield from chunk
        except sqlite3.OperationalError as exc:
            raise _query_error(query or "", exc) from exc

    def search_documents(self, query: str, filters: Filters | None = None, *,
                         limit: int = 20, offset: int = 0, mode: str | None = None,
                         marks: tuple[str, str] = ("[", "]"),
                         new_only: bool = False) -> list[dict[str, Any]]:
        """Articles found through their documents' text, most relevant document first:
        each hit is the article's row with ``rank`` (bm25 of its best document),
        ``snippet`` (from that document), ``document_url`` and ``document_name``.
        ``new_only``: only articles whose own text does not match (``search --in all``
        lists those after the articles' own matches)."""
        mode, match, where, params = _document_terms(query, filters, mode, new_only)
        try:
            top = self.db.execute(
                "SELECT article_id, document_id, rank, url, name FROM ("
                " SELECT a.id AS article_id, d.id AS document_id, h.rank, t.url, t.name,"
                "  row_number() OVER (PARTITION BY a.id ORDER BY h.rank, t.position) AS n"
                f" FROM (SELECT rowid AS id, bm25(documents_fts, {_DOC_WEIGHTS[mode]}) AS rank"
                "  FROM documents_fts WHERE documents_fts MATCH ?) h"
                " JOIN documents d ON d.id = h.id"
                " JOIN document_urls u ON u.sha256 = d.sha256"
                " JOIN attachments t ON t.url = u.url"
                " JOIN articles a ON a.id = t.article_id"
                f" WHERE 1{where})"
                " WHERE n = 1 ORDER BY rank, article_id DESC LIMIT ? OFFSET ?",
                [match, *params, limit, offset]).fetchall()
            column = 0 if mode == EXACT else 1
            rows = []
            for article_id, document_id, rank, url, name in top:
                cursor = self.db.conn.execute(
                    f"SELECT highlight(documents_fts, {column}, char(1), char(2)), d.text"
                    " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
                    " WHERE documents_fts MATCH ? AND documents_fts.rowid = ?",
                    [match, document_id])
                marked, text = cursor.fetchone() or ("", "")
                row = self._row(article_id)
                row.update(rank=rank, snippet=snippet(marked, text or "", marks=marks),
                           document_url=url, document_name=name)
                rows.append(row)
        except sqlite3.OperationalError as exc:
            raise _query_error(query, exc) from exc
        return rows

    def search_documents_total(self, query: str, filters: Filters | None = None, *,
                               mode: str | None = None, new_only: bool = False) -> int:
        """How many articles :meth:`search_documents` finds."""
        _, match, where, params = _document_terms(query, filters, mode, new_only)
        try:
            return int(self.db.execute(
                "SELECT count(DISTINCT a.id) FROM documents_fts h"
                " JOIN documents d ON d.id = h.rowid"
                " JOIN document_urls u ON u.sha256 = d.sha256"
                " JOIN attachments t ON t.url = u.url JOIN articles a ON a.id = t.article_id"
                f" WHERE documents_fts MATCH ?{where}", [match, *params]).fetchone()[0])
        except sqlite3.OperationalError as exc:
            raise _query_error(query, exc) from exc
