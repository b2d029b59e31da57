"""The schema: DDL, versions and migrations, and recognising an archive file."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from ..extract.model import Article, Attachment, Image
from ..profiles import origin, rehost
from .backfill import BACKFILL_SCHEMA
from .clusters import CLUSTER_SCHEMA
from .documents import DOCUMENTS_SCHEMA
from .errors import ArchiveError
from .search import _AUTHORS_INSERT, _FTS_INSERT, FTS_COLUMNS, _fts_row, author_rows
from .store import CONTENT_FIELDS, PROVENANCE, content_hash

SCHEMA_VERSION = 7


DEFAULT_DB = Path("data") / "archive.db"


# A version's content columns, in ``revisions`` and ``pending_versions``.
_VERSION_COLUMNS = """    title TEXT,
    published TEXT,
    published_precision TEXT,
    published_source TEXT,
    author TEXT,
    source TEXT,
    lead TEXT,
    body TEXT,
    category TEXT,
    language TEXT,
    images TEXT,
    attachments TEXT,
    content_hash TEXT,
    capture_source TEXT,
    capture_time TEXT,
    capture_url TEXT"""


_SCHEMA = """
CREATE TABLE IF NOT EXISTS sites (
    name TEXT PRIMARY KEY,
    title TEXT,
    province TEXT,
    platform TEXT,
    base_url TEXT,
    profile_path TEXT,
    updated TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    site TEXT,
    started TEXT NOT NULL,
    ended TEXT,
    outcome TEXT NOT NULL DEFAULT 'running',
    pages INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    options TEXT,
    pid INTEGER,
    host TEXT,
    coverage TEXT,
    alarm TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT,
    title TEXT NOT NULL,
    published TEXT,
    published_precision TEXT,
    published_source TEXT,
    author TEXT,
    source TEXT,
    lead TEXT,
    body TEXT NOT NULL,
    category TEXT,
    language TEXT,
    word_count INTEGER,
    content_hash TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'live',
    gone_since TEXT,
    run_id INTEGER REFERENCES runs(id),
    year TEXT GENERATED ALWAYS AS (substr(published, 1, 4)) VIRTUAL,
    warc_file TEXT,
    warc_offset INTEGER,
    etag TEXT,
    last_modified TEXT,
    warc_worker TEXT,
    fetched_url TEXT,
    capture_source TEXT,
    capture_time TEXT,
    capture_url TEXT
);
CREATE INDEX IF NOT EXISTS idx_articles_site_published ON articles(site, published);
CREATE INDEX IF NOT EXISTS idx_articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS idx_articles_author ON articles(author);
CREATE TABLE IF NOT EXISTS revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
{version},
    valid_from TEXT,
    replaced_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id)
);
CREATE INDEX IF NOT EXISTS idx_revisions_article ON revisions(article_id);
CREATE TABLE IF NOT EXISTS images (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    caption TEXT
);
CREATE INDEX IF NOT EXISTS idx_images_article ON images(article_id);
CREATE TABLE IF NOT EXISTS attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    name TEXT
);
CREATE INDEX IF NOT EXISTS idx_attachments_article ON attachments(article_id);
CREATE TABLE IF NOT EXISTS fetch_errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    site TEXT,
    url TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    time TEXT NOT NULL,
    resolved_run INTEGER,
    kind TEXT NOT NULL DEFAULT 'article',
    category TEXT
);
CREATE INDEX IF NOT EXISTS idx_fetch_errors_pending ON fetch_errors(site, resolved_run);
CREATE TABLE IF NOT EXISTS pending_versions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    site TEXT,
    url TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(id),
    held_by INTEGER REFERENCES runs(id),
    missing TEXT NOT NULL,
    fetched TEXT NOT NULL,
{version},
    fetched_url TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    warc_worker TEXT,
    etag TEXT,
    last_modified TEXT
);
CREATE INDEX IF NOT EXISTS idx_pending_versions_site ON pending_versions(site, held_by);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, lead, body, author, title_folded, lead_folded, body_folded, author_folded, facets,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE INDEX IF NOT EXISTS idx_articles_warc ON articles(warc_file, warc_offset);
CREATE TABLE IF NOT EXISTS fixity (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    checked TEXT NOT NULL,
    scope TEXT NOT NULL,
    site TEXT,
    check_name TEXT NOT NULL,
    items INTEGER NOT NULL,
    bytes INTEGER,
    problems INTEGER NOT NULL,
    details TEXT
);
CREATE TABLE IF NOT EXISTS fixity_progress (
    site TEXT NOT NULL,
    item TEXT NOT NULL,
    started TEXT NOT NULL,
    done TEXT NOT NULL,
    size INTEGER,
    result TEXT NOT NULL,
    PRIMARY KEY (site, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS warc_files (
    name TEXT PRIMARY KEY,
    site TEXT,
    size INTEGER NOT NULL,
    records INTEGER NOT NULL,
    checked TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    name TEXT,
    name_lower TEXT,
    name_folded TEXT,
    role TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_article_authors_lower ON article_authors(name_lower);
CREATE INDEX IF NOT EXISTS idx_article_authors_folded ON article_authors(name_folded);
CREATE TABLE IF NOT EXISTS search_terms (
    phrase TEXT PRIMARY KEY,
    docs INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    counted TEXT NOT NULL
) WITHOUT ROWID;
""".replace("{version}", _VERSION_COLUMNS) + CLUSTER_SCHEMA + DOCUMENTS_SCHEMA + BACKFILL_SCHEMA
# v6: near-duplicates (CLUSTER_SCHEMA); v7: documents (DOCUMENTS_SCHEMA), backfill progress
# (BACKFILL_SCHEMA)


def default_db_path() -> Path:
    """``$PRESSARCHIVE_DB`` or ``data/archive.db``."""
    return Path(os.environ.get("PRESSARCHIVE_DB") or DEFAULT_DB)


_SQLITE_HEADER = b"SQLite format 3\x00"


_OWN_TABLES = frozenset(re.findall(r"CREATE (?:VIRTUAL )?TABLE IF NOT EXISTS (\w+)", _SCHEMA))


_MARKER_TABLES = {"articles", "runs"}


def _writable(path: Path) -> bool:
    """Whether SQLite could write the file and its -wal/-shm beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _uri(path: Path, *, immutable: bool) -> str:
    """A read-only SQLite URI for ``path`` (percent-encoded, so ``?`` and ``#`` are safe)."""
    return path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")


def recognise(path: Path, timeout: float = 30.0) -> int:
    """The schema version of the archive at ``path``; 0 for a new one (no file, an empty
    file, or an empty SQLite file or one with only our tables and no version yet: a
    creation cut short). Anything else raises :class:`ArchiveError`. Reads only: a file in
    WAL mode without a ``-wal`` beside it, or on a read-only medium, is opened
    ``immutable`` so that SQLite leaves no ``-wal``/``-shm`` behind."""
    try:
        found = path.stat()
        if found.st_size == 0:
            return 0
        held = _held_open(found)
        header = b""
        if not held:
            with path.open("rb") as fh:
                header = fh.read(100)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc.strerror or exc}") from exc
    if not held and not header.startswith(_SQLITE_HEADER):
        raise ArchiveError(f"cannot open archive {path}: not an SQLite database;"
                           " pass another --db")
    in_wal = len(header) > 18 and header[18] == 2
    wal = path.with_name(path.name + "-wal")
    writable = _writable(path)
    immutable = not writable or (in_wal and not wal.exists())
    try:
        try:
            version, tables = _peek(path, immutable, timeout)
        except sqlite3.DatabaseError:
            if not (immutable and writable):
                raise
            # An immutable read takes no lock: a writer that opened the file meanwhile
            # (creating or upgrading it) can make it see half-written pages ("malformed").
            # Read again with locks; only then is an error the file's own.
            version, tables = _peek(path, False, timeout)
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    if version > 0 and _MARKER_TABLES <= tables:
        return int(version)
    foreign = sorted(t for t in tables if t not in _OWN_TABLES
                     and not t.startswith(("articles_fts_", "documents_fts_")))
    if version == 0 and not foreign:
        return 0
    shown = ", ".join(foreign[:5] or sorted(tables)[:5]) or "no tables"
    raise ArchiveError(f"{path} is not a pressarchive archive (an SQLite file of another"
                       f" application: {shown}); nothing was written to it, pass another --db")


def _held_open(target: os.stat_result) -> bool:
    """Whether this process holds the file of ``target`` (its stat) open already (an
    SQLite connection of its own). Its header is then not read with open(): closing any
    descriptor of a file drops every POSIX lock the process holds on it, SQLite's
    included, and a connection without its lock lets another process's closing
    connection take the file for the last one, checkpoint and delete the write-ahead log
    under it ("database disk image is malformed" for readers, at worst a corrupt archive;
    sqlite.org/howtocorrupt.html 2.2). Linux's /proc tells; elsewhere False."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:
        return False
    for fd in descriptors:
        try:
            held = os.stat(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if (held.st_ino, held.st_dev) == (target.st_ino, target.st_dev):
            return True
    return False


def _peek(path: Path, immutable: bool, timeout: float) -> tuple[int, set[str]]:
    """(user_version, table names) of the SQLite file at ``path``, read only."""
    conn = sqlite3.connect(_uri(path, immutable=immutable), uri=True, timeout=timeout)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}
    finally:
        conn.close()
    return version, tables


class SchemaMixin:
    """The archive's schema methods (mixed into :class:`Archive`)."""

    def _check_readable(self) -> None:
        """A read-only archive must have this code's schema (readers never migrate)."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}; this pressarchive knows "
                f"{SCHEMA_VERSION}: upgrade pressarchive")
        if version < SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}, older than this pressarchive's"
                f" {SCHEMA_VERSION}: run `pressarchive optimize` or a crawl to upgrade it")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}; this pressarchive knows "
                f"{SCHEMA_VERSION}: upgrade pressarchive"
            )
        if 0 < version < 7:  # v7: provenance (capture_source, capture_time, capture_url) on
            # articles and on the versions kept beside them; first, as later steps copy rows
            self._add_provenance_columns()
        if 0 < version < 2:  # v2: articles.warc_worker (which worker holds the capture)
            with self.db.atomic():
                self.db.execute("ALTER TABLE articles ADD COLUMN warc_worker TEXT")
                self.db.execute("PRAGMA user_version = 2")
            version = 2
        if 0 < version < 3:  # v3: articles_fts.facets (search filters inside the index),
            # runs.coverage and runs.alarm (the layout-change alarm)
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(runs)")}
            for column in ("coverage", "alarm"):
                if column not in columns:
                    self.db.execute(f"ALTER TABLE runs ADD COLUMN {column} TEXT")
            # The index itself is rebuilt for v6 below.
        # v4: search_terms (document frequencies for ranking), created below.
        # v6: fixity, fixity_progress, warc_files (preservation checks), created below.
        if 0 < version < 6:  # v6: articles_fts with exact and folded columns (rebuilt
            # below, once the articles are final), article_authors; cached counts renewed
            self.db.conn.execute("DROP TABLE IF EXISTS articles_fts")
            self.db.conn.executescript(_SCHEMA)
            self.db.conn.execute("DELETE FROM search_terms")
        if 0 < version < 5:  # v5: articles.fetched_url, one row per article (duplicates
            # fetched from other hosts folded), pending_versions (created below)
            with self.db.atomic():
                columns = {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
                if "fetched_url" not in columns:
                    self.db.execute("ALTER TABLE articles ADD COLUMN fetched_url TEXT")
                self._fold_duplicates()
        # v6: signatures, near_duplicates, clusters, cluster_members (created below).
        if 0 < version < 6:
            self._rebuild_fts(version=6)
        # v7: documents, document_urls, documents_fts, article_documents (created below).
        if 0 < version < 7:
            self._fill_provenance()
        if version < SCHEMA_VERSION:
            # One transaction (each page written to the WAL once, not once a statement:
            # 230 KB for a new archive); every statement is IF NOT EXISTS, so an upgrade
            # cut short is done again next time.
            self.db.conn.executescript(
                "BEGIN;" + _SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")

    def _add_provenance_columns(self) -> None:
        """v7: the provenance columns, where absent (first: the v5 step copies rows)."""
        with self.db.atomic():
            for table in ("articles", "revisions", "pending_versions"):
                if table not in self.db.table_names():
                    continue  # created below with them
                columns = {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
                for column in PROVENANCE:
                    if column not in columns:
                        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")

    def _fill_provenance(self) -> None:
        """v7, once every older step is done (``fetched_url`` is v5's): rows from before
        are live crawls or imports, told apart by their run's command."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE articles SET capture_source = CASE WHEN (SELECT json_extract("
                "options, '$.command') FROM runs WHERE runs.id = articles.run_id) = 'import'"
                " THEN 'import' ELSE 'live' END, capture_time = last_changed,"
                " capture_url = coalesce(fetched_url, url) WHERE capture_source IS NULL")

    def _fold_duplicates(self) -> None:
        """v5: one row per article. Rows of a profiled site fetched from a host its profile
        does not cover (``--base-url``, the demo's port) move to the profile's base URL
        (their old URL kept in ``fetched_url``, their content hash computed again with the
        images moved too); rows that then share a URL fold into the one seen last, and an
        older row with other content becomes a revision of it. Pending failures move too."""
        from ..profiles import ProfileError, load_profile

        sites = [r[0] for r in self.db.execute("SELECT DISTINCT site FROM articles")]
        for site in sites:
            try:
                profile = load_profile(site) if site else None
            except (KeyError, ProfileError):
                profile = None
            if profile is None:
                continue  # no profile: no canonical host to move to
            home = profile.base_url
            moved = [(r[0], r[1]) for r in self.db.execute(
                "SELECT id, url FROM articles WHERE site = ?", [site])
                if not profile.matches_url(r[1])]
            for article_id, url in moved:
                fetched_from = origin(url)
                for table in ("images", "attachments"):
                    for child_id, child_url in self.db.execute(
                            f"SELECT id, url FROM {table} WHERE article_id = ?", [article_id]
                    ).fetchall():
                        self.db.execute(f"UPDATE {table} SET url = ? WHERE id = ?",
                                        [rehost(child_url, fetched_from, home), child_id])
                row = self._article_version(article_id)
                self.db.execute(
                    "UPDATE articles SET content_hash = ?, fetched_url = coalesce(fetched_url, ?)"
                    " WHERE id = ?", [content_hash(row), url, article_id])
            for error_id, url in self.db.execute(
                    "SELECT id, url FROM fetch_errors WHERE site = ?", [site]).fetchall():
                if not profile.matches_url(url):
                    self.db.execute("UPDATE fetch_errors SET url = ? WHERE id = ?",
                                    [rehost(url, origin(url), home), error_id])
            groups: dict[str, list[int]] = {}
            for article_id, url in moved:
                groups.setdefault(rehost(url, origin(url), home), []).append(article_id)
            for url, ids in groups.items():
                ids += [r[0] for r in self.db.execute(
                    "SELECT id FROM articles WHERE url = ?", [url])]
                self._fold(site, url, ids)

    def _fold(self, site: str, url: str, ids: list[int]) -> None:
        """Fold the rows ``ids`` of one article into the one seen last, now at ``url``."""
        rows = sorted((dict(zip(("id", "content_hash", "first_seen", "last_seen"), r,
                                 strict=True)) for r in self.db.execute(
            "SELECT id, content_hash, first_seen, last_seen FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(ids)])),
            key=lambda r: (r["last_seen"], r["id"]))
        keeper, older = rows[-1], rows[:-1]
        hashes = {keeper["content_hash"]}
        for row in older:
            old = self._row(row["id"])
            if old["content_hash"] not in hashes:  # other content: an earlier version
                hashes.add(old["content_hash"])
                self._keep_revision(old, old["run_id"], old["last_seen"])
            self.db.execute("UPDATE revisions SET article_id = ? WHERE article_id = ?",
                            [keeper["id"], row["id"]])
            for table in ("images", "attachments", "pending_versions", "article_authors"):
                if table in self.db.table_names():
                    self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [row["id"]])
            self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", [row["id"]])
            self.db.execute("DELETE FROM articles WHERE id = ?", [row["id"]])
        self.db.execute(
            "UPDATE articles SET url = ?, site = ?, first_seen = ? WHERE id = ?",
            [url, site, min(r["first_seen"] for r in rows), keeper["id"]])
        self.db.execute("UPDATE revisions SET url = ? WHERE article_id = ?", [url, keeper["id"]])
        self._index(keeper["id"], self._article_version(keeper["id"]))

    def _row(self, article_id: int) -> dict[str, Any]:
        cursor = self.db.conn.execute("SELECT * FROM articles WHERE id = ?", [article_id])
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))

    def _article_version(self, article_id: int) -> Article:
        """The stored version of an article (its row and children) as an Article."""
        row = self._row(article_id)
        images = [Image(u, c) for u, c in self.db.execute(
            "SELECT url, caption FROM images WHERE article_id = ? ORDER BY position",
            [article_id])]
        attachments = [Attachment(u, n) for u, n in self.db.execute(
            "SELECT url, name FROM attachments WHERE article_id = ? ORDER BY position",
            [article_id])]
        return Article(**{k: row[k] for k in ("url", "title", "body", "site", *CONTENT_FIELDS)},
                       images=images, attachments=attachments)

    def _rebuild_fts(self, version: int) -> None:
        """Recreate ``articles_fts``, index every article again, split every byline into
        ``article_authors`` and mark the archive as schema ``version``, in one transaction
        (an upgrade cut short starts over)."""
        self.db.conn.execute("DROP TABLE IF EXISTS articles_fts")
        self.db.conn.executescript(_SCHEMA)
        with self.db.atomic():
            self.db.conn.execute("DELETE FROM article_authors")
            cursor = self.db.conn.execute(
                f"SELECT id, site, published, {', '.join(FTS_COLUMNS)} FROM articles")
            while chunk := cursor.fetchmany(2000):
                self.db.conn.executemany(_FTS_INSERT, [
                    _fts_row(r[0], r[3:], r[1], r[2]) for r in chunk])
                self.db.conn.executemany(_AUTHORS_INSERT, [
                    row for r in chunk for row in author_rows(r[0], r[6])])
            self.db.execute(f"PRAGMA user_version = {int(version)}")
