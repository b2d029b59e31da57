"""The SQLite archive: the only module that speaks SQL.

Schema (a public interface for researchers, see README "Schema"): ``articles``,
``revisions``, ``images``, ``attachments``, ``runs``, ``fetch_errors``, ``sites`` and the
FTS5 index ``articles_fts``. Writes go through :meth:`Archive.store_articles`, one
transaction a batch, so a killed process never leaves half an article behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from .. import ranking
from ..extract.model import Article, Attachment, Image
from ..items import FetchFailure, now_iso
from ..profiles import origin, rehost
from ..textnorm import fold_search, nfc

SCHEMA_VERSION = 5
DEFAULT_DB = Path("data") / "archive.db"

CONTENT_FIELDS = (
    "title", "published", "published_precision", "published_source", "author", "source",
    "lead", "body", "category", "language",
)
# A stored value of these is never replaced by a missing one until a run is judged
# healthy (see Archive.store_articles, ``hold``).
KEPT_FIELDS = ("title", "published", "author", "source", "lead", "body", "category")
FTS_COLUMNS = ("title", "lead", "body", "author")
SEARCH_CAP = 2_000  # articles bm25 ranks at most (the most recently archived matches)
_BM25_WEIGHTS = "1.0, 1.0, 1.0, 1.0, 1.0, 0.0"  # facets do not count toward relevance
MERGE_PAGES = 1000  # index pages (~4 MB) merged a transaction by optimize
COMMON_WORD_SHARE = 0.001  # optimize counts the words in at least this share of articles
TERM_DRIFT = 0.1  # a cached document frequency is counted again when the archive has
# grown or shrunk by this share since it was counted
_FTS_INSERT = ("INSERT INTO articles_fts (rowid, title, lead, body, author, folded, facets)"
               " VALUES (?, ?, ?, ?, ?, ?, ?)")

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
    content_hash TEXT"""

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
    fetched_url TEXT
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
    title, lead, body, author, folded, facets,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_terms (
    phrase TEXT PRIMARY KEY,
    docs INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    counted TEXT NOT NULL
) WITHOUT ROWID;
""".replace("{version}", _VERSION_COLUMNS)


class ArchiveError(RuntimeError):
    """A problem with the archive file that the user must act on (locked, not an archive)."""


class SearchError(ValueError):
    """A search query SQLite's FTS5 cannot read; the message says why in one line."""


def default_db_path() -> Path:
    """``$PRESSARCHIVE_DB`` or ``data/archive.db``."""
    return Path(os.environ.get("PRESSARCHIVE_DB") or DEFAULT_DB)


def content_hash(article: Article) -> str:
    """Hash of everything that makes a revision: the content fields, images, attachments."""
    payload = {name: getattr(article, name) for name in CONTENT_FIELDS}
    payload["images"] = [[i.url, i.caption] for i in article.images]
    payload["attachments"] = [[a.url, a.name] for a in article.attachments]
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass
class RunCounts:
    """What one crawl did; mirrored into its ``runs`` row."""

    pages: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    held: int = 0  # of the changed: versions held in pending_versions (not in runs)

    def add(self, other: RunCounts) -> None:
        for name in ("pages", "new", "changed", "unchanged", "failed", "held"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
        if path.stat().st_size == 0:
            return 0
        with path.open("rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc.strerror or exc}") from exc
    if not header.startswith(_SQLITE_HEADER):
        raise ArchiveError(f"cannot open archive {path}: not an SQLite database;"
                           " pass another --db")
    in_wal = len(header) > 18 and header[18] == 2
    wal = path.with_name(path.name + "-wal")
    immutable = not _writable(path) or (in_wal and not wal.exists())
    try:
        conn = sqlite3.connect(_uri(path, immutable=immutable), uri=True, timeout=timeout)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"cannot open archive {path}: {exc}") from exc
    if version > 0 and _MARKER_TABLES <= tables:
        return int(version)
    foreign = sorted(t for t in tables if t not in _OWN_TABLES
                     and not t.startswith("articles_fts_"))
    if version == 0 and not foreign:
        return 0
    shown = ", ".join(foreign[:5] or sorted(tables)[:5]) or "no tables"
    raise ArchiveError(f"{path} is not a pressarchive archive (an SQLite file of another"
                       f" application: {shown}); nothing was written to it, pass another --db")


class Archive:
    """A SQLite archive file. A writer (the default) creates the schema (WAL mode) or
    upgrades it; ``readonly=True`` opens an existing archive with ``mode=ro`` (and
    ``immutable=1`` when the file or its folder is not writable) and never writes a byte.
    Any other SQLite file is refused untouched (:func:`recognise`)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0,
                 readonly: bool = False) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.readonly = readonly
        version = recognise(self.path, timeout)
        if readonly and not version:
            raise ArchiveError(f"no archive at {self.path}; crawl first or pass --db")
        try:
            self.immutable = readonly and not _writable(self.path)
            if readonly:
                conn = sqlite3.connect(_uri(self.path, immutable=self.immutable), uri=True,
                                       timeout=timeout)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(str(self.path), timeout=timeout)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA foreign_keys = ON")
            if readonly:
                self._check_readable()
                return
            if self.db.journal_mode != "wal":
                self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise ArchiveError(f"cannot open archive {self.path}: {exc}") from exc

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

    def own_files(self, with_captures: bool = True) -> list[Path]:
        """The archive file, its ``-wal``/``-shm``/``-journal`` (whether they exist or not)
        and, with ``with_captures``, every WARC file its articles point to."""
        files = [self.path] + [self.path.with_name(self.path.name + s)
                               for s in ("-wal", "-shm", "-journal")]
        if with_captures:
            files += [self.capture_path(r[0]) for r in self.db.execute(
                "SELECT DISTINCT warc_file FROM articles WHERE warc_file IS NOT NULL")]
        return files

    # -- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path} has schema version {version}; this pressarchive knows "
                f"{SCHEMA_VERSION}: upgrade pressarchive"
            )
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
            self._rebuild_fts(version=3)
            version = 3
        # v4: search_terms (document frequencies for ranking), created below.
        if 0 < version < 5:  # v5: articles.fetched_url, one row per article (duplicates
            # fetched from other hosts folded), pending_versions (created below)
            with self.db.atomic():
                columns = {r[1] for r in self.db.execute("PRAGMA table_info(articles)")}
                if "fetched_url" not in columns:
                    self.db.execute("ALTER TABLE articles ADD COLUMN fetched_url TEXT")
                self._fold_duplicates()
        if version < SCHEMA_VERSION:
            # Every statement is IF NOT EXISTS, so a creation cut short is finished next time.
            self.db.conn.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")

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
            for table in ("images", "attachments", "pending_versions"):
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
        """Recreate ``articles_fts``, index every article again and mark the archive as
        schema ``version``, in one transaction (an upgrade cut short starts over)."""
        self.db.conn.execute("DROP TABLE IF EXISTS articles_fts")
        self.db.conn.executescript(_SCHEMA)
        with self.db.atomic():
            cursor = self.db.conn.execute(
                f"SELECT id, site, published, {', '.join(FTS_COLUMNS)} FROM articles")
            while chunk := cursor.fetchmany(2000):
                self.db.conn.executemany(_FTS_INSERT, [
                    _fts_row(r[0], r[3:], r[1], r[2]) for r in chunk])
            self.db.execute(f"PRAGMA user_version = {int(version)}")

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction, with a clear error when another writer holds the lock."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveError(
                    f"archive {self.path} is locked by another writer: {exc}"
                ) from exc
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sites and runs ---------------------------------------------------------

    def register_site(self, name: str, **info: Any) -> None:
        row = {"name": name, "updated": now_iso(), **info}
        with self._write():
            self.db["sites"].upsert(row, pk="name", alter=False)

    def start_run(self, site: str | None, options: dict[str, Any] | None = None) -> int:
        row = {
            "site": site,
            "started": now_iso(),
            "outcome": "running",
            "options": json.dumps(options or {}, ensure_ascii=False, sort_keys=True),
            "pid": os.getpid(),
            "host": os.uname().nodename,
        }
        with self._write():
            self._close_dead_runs(site)
            return int(self.db["runs"].insert(row).last_pk)

    def adopt_run(self, site: str, option: str, value: str) -> tuple[int, RunCounts] | None:
        """The run of ``site`` recorded with ``options[option] == value``, now owned by this
        process (a distributed writer taking over after a restart), with its counts."""
        row = self.db.execute(
            "SELECT id, pages, new, changed, unchanged, failed FROM runs WHERE site = ?"
            " AND json_extract(options, '$.' || ?) = ? ORDER BY id DESC LIMIT 1",
            [site, option, value]).fetchone()
        if row is None:
            return None
        with self._write():
            self.db.execute("UPDATE runs SET pid = ?, host = ? WHERE id = ?",
                            [os.getpid(), os.uname().nodename, row[0]])
        return int(row[0]), RunCounts(*row[1:])

    def set_run_option(self, run_id: int, name: str, value: Any) -> None:
        """Add or replace one key of a run's ``options``."""
        with self._write():
            self.db.execute("UPDATE runs SET options = json_set(coalesce(options, '{}'),"
                            " '$.' || ?, json(?)) WHERE id = ?",
                            [name, json.dumps(value, ensure_ascii=False), run_id])

    def _close_dead_runs(self, site: str | None) -> None:
        """Runs of this host whose process is gone (killed) are marked ``interrupted``."""
        here = os.uname().nodename
        for run_id, pid in self.db.execute(
            "SELECT id, pid FROM runs WHERE outcome = 'running' AND site IS ? AND host = ?",
            [site, here],
        ).fetchall():
            if pid and not _alive(pid):
                self.db.execute("UPDATE runs SET outcome = 'interrupted' WHERE id = ?", [run_id])

    def update_run(self, run_id: int, counts: RunCounts) -> None:
        with self._write():
            self._set_run_counts(run_id, counts)

    def _set_run_counts(self, run_id: int, counts: RunCounts) -> None:
        self.db.execute(
            "UPDATE runs SET pages = ?, new = ?, changed = ?, unchanged = ?, failed = ?"
            " WHERE id = ?",
            [counts.pages, counts.new, counts.changed, counts.unchanged, counts.failed, run_id],
        )

    def finish_run(self, run_id: int, counts: RunCounts, outcome: str) -> None:
        with self._write():
            self._set_run_counts(run_id, counts)
            self.db.execute(
                "UPDATE runs SET ended = ?, outcome = ? WHERE id = ?", [now_iso(), outcome, run_id]
            )

    # -- layout-change alarm ------------------------------------------------------

    def record_coverage(self, run_id: int) -> dict[str, int]:
        """How many of the run's articles lack a date, an author or a body (a page that
        gave no title/body is a failure ``no …``), as extracted (a held version counts,
        not the stored one it left live); kept in ``runs.coverage``."""
        site = self.run(run_id)["site"]
        total, no_date, no_author = self.db.execute(
            f"SELECT count(*), coalesce(sum({_as_extracted('published')} IS NULL), 0),"
            f" coalesce(sum({_as_extracted('author')} IS NULL), 0) {_WITH_HELD}"
            " WHERE a.site IS ? AND a.run_id = ?", [site, run_id]).fetchone()
        no_body = self.db.execute(
            "SELECT count(DISTINCT url) FROM fetch_errors WHERE run_id = ? AND kind = 'article'"
            " AND reason LIKE 'no %'", [run_id]).fetchone()[0]
        coverage = {"pages": total + no_body, "published": no_date, "author": no_author,
                    "body": no_body}
        with self._write():
            self.db.execute("UPDATE runs SET coverage = ? WHERE id = ?",
                            [json.dumps(coverage), run_id])
        return coverage

    def coverage_log(self, site: str | None, before_run: int, limit: int = 40
                     ) -> list[tuple[int, str, dict[str, int]]]:
        """(run id, outcome, coverage) of the site's finished runs before a run, newest
        first (interrupted runs left out)."""
        return [(r[0], r[1], json.loads(r[2])) for r in self.db.execute(
            "SELECT id, outcome, coverage FROM runs WHERE site IS ? AND id < ?"
            " AND coverage IS NOT NULL AND outcome NOT IN ('running', 'interrupted')"
            " ORDER BY id DESC LIMIT ?", [site, before_run, limit])]

    def missing_examples(self, run_ids: Sequence[int], field: str, limit: int = 5
                         ) -> list[str]:
        """URLs of the runs' articles without ``field`` (published, author) or, for
        ``body``, of their pages that gave no article; newest first."""
        if field == "body":
            sql = ("SELECT url FROM fetch_errors WHERE run_id IN (SELECT value FROM json_each(?))"
                   " AND kind = 'article' AND reason LIKE 'no %' GROUP BY url"
                   " ORDER BY max(id) DESC LIMIT ?")
        else:
            column = _as_extracted({"published": "published", "author": "author"}[field])
            sql = (f"SELECT a.url {_WITH_HELD} WHERE a.run_id IN (SELECT value FROM"
                   f" json_each(?)) AND {column} IS NULL ORDER BY a.id DESC LIMIT ?")
        return [r[0] for r in self.db.execute(sql, [json.dumps(list(run_ids)), limit])]

    def set_alarm(self, run_id: int, alarm: dict[str, Any]) -> None:
        with self._write():
            self.db.execute("UPDATE runs SET alarm = ? WHERE id = ?",
                            [json.dumps(alarm, ensure_ascii=False), run_id])

    def runs(self, site: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        sql = f"SELECT * FROM runs {where} ORDER BY id DESC LIMIT ?"
        return list(self.db.query(sql, [*params, limit]))

    # -- articles -------------------------------------------------------------

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
        seen = now_iso()
        with self._write():
            for article in articles:
                outcome = self._store_one(article, run_id, seen, hold=hold)
                if outcome == "held":
                    counts.held += 1
                    outcome = "changed"
                setattr(counts, outcome, getattr(counts, outcome) + 1)
        return counts

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
                   hold: bool = False) -> str:
        digest = content_hash(article)
        cursor = self.db.conn.execute("SELECT * FROM articles WHERE url = ?", [article.url])
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        values = {name: getattr(article, name) for name in CONTENT_FIELDS}
        values.update(site=article.site, word_count=article.word_count, content_hash=digest,
                      warc_file=article.warc_file, warc_offset=article.warc_offset,
                      warc_worker=article.warc_worker, etag=article.etag,
                      last_modified=article.last_modified, fetched_url=article.fetched_url)
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
                                                "warc_worker", "etag", "last_modified")}
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
        row = {name: old[name] for name in CONTENT_FIELDS}
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
        """url, site, category, warc_file, warc_offset, fetched_url of every article's
        latest capture: a held version's, if it has one."""
        where, params = ("AND a.site = ?", [site]) if site else ("", [])
        latest = ", ".join(f"{_as_extracted(c)} AS {c}"
                           for c in ("warc_file", "warc_offset", "fetched_url"))
        yield from self.db.query(
            f"SELECT a.url, a.site, a.category, {latest} FROM articles a"
            " LEFT JOIN pending_versions p ON p.article_id = a.id"
            f" WHERE {_as_extracted('warc_file')} IS NOT NULL {where} ORDER BY a.id", params)

    def known_urls(self, site: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT url FROM articles WHERE site = ?", [site])}

    def is_earlier_version(self, article: Article) -> bool:
        """Is this exactly an earlier version of the article (one in ``revisions``, not the
        live one)? An import meeting an old capture again must not make it live."""
        digest = content_hash(article)
        return self.db.execute(
            "SELECT 1 FROM revisions r JOIN articles a ON a.id = r.article_id"
            " WHERE a.url = ? AND r.content_hash = ? AND a.content_hash != ? LIMIT 1",
            [article.url, digest, digest]).fetchone() is not None

    def revisions(self, url: str) -> list[dict[str, Any]]:
        return list(self.db.query(
            "SELECT r.* FROM revisions r JOIN articles a ON a.id = r.article_id"
            " WHERE a.url = ? ORDER BY r.id", [url]
        ))

    def count(self, table: str) -> int:
        if table not in self.db.table_names():
            raise ArchiveError(f"no table {table!r} in {self.path}")
        return self.db[table].count

    def latest(self, site: str | None = None, limit: int = 5) -> list[dict[str, Any]]:
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        return list(self.db.query(
            f"SELECT id, url, site, title, published, author FROM articles {where}"
            " ORDER BY published DESC, id DESC LIMIT ?", [*params, limit]
        ))

    # -- fetch errors ---------------------------------------------------------

    def record_failures(self, failures: Iterable[FetchFailure], run_id: int | None) -> int:
        rows = [
            {"run_id": run_id, "site": f.site, "url": f.url, "status": f.status,
             "reason": f.reason, "time": f.time, "kind": f.kind, "category": f.category}
            for f in failures
        ]
        if rows:
            with self._write():
                self.db["fetch_errors"].insert_all(rows)
        return len(rows)

    def pending_failures(self, site: str) -> list[tuple[str, str | None]]:
        """(url, category) of article pages that failed in earlier runs and have not been
        fetched successfully since: the next run tries them again."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT url, max(category) FROM fetch_errors WHERE site = ? AND kind = 'article'"
            " AND resolved_run IS NULL GROUP BY url ORDER BY min(id)", [site],
        )]

    def mark_gone(self, urls: Iterable[str], when: str | None = None) -> int:
        """Articles that now answer 404/410: ``status = 'gone'``; nothing is deleted."""
        when = when or now_iso()
        with self._write():
            cursor = self.db.conn.executemany(
                "UPDATE articles SET status = 'gone', gone_since = coalesce(gone_since, ?)"
                " WHERE url = ?", [(when, u) for u in urls])
        return cursor.rowcount

    def walk_complete(self, site: str) -> bool:
        """Did the last finished run of ``site`` walk every list page (not killed, not cut
        short by --since/--max-articles)? Only then may a run stop at known articles."""
        row = self.db.execute(
            "SELECT outcome, options FROM runs WHERE site = ? AND outcome != 'running'"
            " ORDER BY id DESC LIMIT 1", [site]).fetchone()
        if row is None or row[0] not in ("ok", "partial"):
            return False
        options = json.loads(row[1] or "{}")
        return not options.get("since") and not options.get("max_articles")

    def known_since(self, site: str, published_since: str) -> list[dict[str, Any]]:
        """url, category, etag, last_modified of live articles published on or after a
        date (for --recheck)."""
        return list(self.db.query(
            "SELECT url, category, etag, last_modified FROM articles WHERE site = ?"
            " AND status = 'live' AND published >= ? ORDER BY published DESC",
            [site, published_since]))

    def touch(self, urls: Iterable[str], run_id: int | None) -> int:
        """Conditional re-checks answered 304: only ``last_seen`` moves."""
        seen = now_iso()
        with self._write():
            cursor = self.db.conn.executemany(
                "UPDATE articles SET last_seen = ?, run_id = ? WHERE url = ?",
                [(seen, run_id, u) for u in urls])
        return cursor.rowcount

    def resolve_failures(self, urls: Iterable[str], run_id: int) -> None:
        urls = list(urls)
        if not urls:
            return
        with self._write():
            self.db.conn.executemany(
                "UPDATE fetch_errors SET resolved_run = ? WHERE url = ? AND resolved_run IS NULL",
                [(run_id, u) for u in urls],
            )

    def fetch_errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        return list(self.db.query(f"SELECT * FROM fetch_errors {where} ORDER BY id", params))

    def integrity_ok(self) -> bool:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def run(self, run_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM runs WHERE id = ?", [run_id]))
        if not rows:
            raise ArchiveError(f"no run {run_id} in {self.path}")
        return rows[0]

    # -- search, export, statistics ----------------------------------------------

    def search(
        self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0,
        cap: int | None = SEARCH_CAP,
    ) -> list[dict[str, Any]]:
        """FTS5 search in bm25 order, with or without diacritics; user text is only ever a
        parameter, never SQL. Raises :class:`SearchError` for bad FTS syntax.

        Filters go into the full-text query as ``facets`` tokens (site, year, month) and
        a whole author name as a phrase, so only matching articles are scored; the exact
        filters are applied after. When more than ``cap`` articles match, bm25 ranks the ``cap``
        most recently archived of them (``cap=None``: all, however slow). Each phrase's
        document frequency comes from ``search_terms`` (see :mod:`pressarchive.ranking`).
        """
        filters = filters or Filters()
        folded = match = fold_search(query)
        pushed = self._pushdown(filters)
        if pushed:
            match = f"({folded}) AND {pushed}"
        db = self.db.conn
        try:
            rank = self._rank_expression(folded)
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
            details = {row[0]: row for row in db.execute(
                "SELECT a.id, a.url, a.site, a.title, a.published, a.author, a.lead,"
                " a.body, highlight(articles_fts, 4, char(1), char(2))"
                " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                " WHERE articles_fts MATCH ? AND articles_fts.rowid BETWEEN ? AND ?"
                " AND articles_fts.rowid IN (SELECT value FROM json_each(?))",
                (folded, min(ids, default=0), max(ids, default=0), json.dumps(ids)))}
        except sqlite3.OperationalError as exc:
            raise _query_error(query, exc) from exc
        rows = []
        for article_id, score in top:
            if article_id not in details:
                continue
            _, url, site, title, published, author, lead, body, marked = details[article_id]
            original = "\n".join([title or "", lead or "", body or "", author or ""])
            rows.append({"id": article_id, "url": url, "site": site, "title": title,
                         "published": published, "author": author, "rank": score,
                         "snippet": snippet(marked, original)})
        return rows

    def _rank_expression(self, folded: str) -> str | None:
        """The SQL ranking expression for a (folded) user query: ``pa_bm25`` with the
        phrases' IDFs from ``search_terms``, or SQLite's ``bm25`` when pa_bm25 is not built
        or the query's phrases could not be read; None if nothing matches the query."""
        db = self.db.conn
        if not ranking.AVAILABLE:
            # Without pa_bm25 the only check is whether the query is valid and matches.
            exists = db.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ?"
                                " LIMIT 1", (folded,)).fetchone()
            return f"bm25(articles_fts, {_BM25_WEIGHTS})" if exists else None
        first = db.execute(
            f"SELECT {ranking.PHRASES_FUNCTION}(articles_fts) FROM articles_fts"
            " WHERE articles_fts MATCH ? LIMIT 1", (folded,)).fetchone()
        if first is None:
            return None
        rows, sizes = ranking.parse_phrase_info(first[0])
        phrases = ranking.query_phrases(folded)
        if phrases is None or [len(p) for p in phrases] != sizes:
            return f"bm25(articles_fts, {_BM25_WEIGHTS})"
        idfs = self._phrase_idfs(phrases, rows)
        return f"{ranking.RANK_FUNCTION}(articles_fts, {_BM25_WEIGHTS}" + "".join(
            f", {v!r}" for v in idfs) + ")"

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

    def _phrase_idfs(self, phrases: list[list[str]], rows: int) -> list[float]:
        """bm25's IDF of each query phrase, from the document counts cached in
        ``search_terms``; a phrase not yet counted, or counted when the archive was more
        than ``TERM_DRIFT`` smaller or larger, is counted now (one pass over its postings)
        and the count kept unless another process holds the write lock."""
        db = self.db.conn
        keys = [" ".join(p) for p in phrases]
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
                ('"' + key.replace('"', '""') + '"',)).fetchone()[0] if key else 0
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
        """The filters as an FTS5 expression over ``facets`` and ``author`` (a superset of
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
        if filters.author and self.db.execute(
                "SELECT 1 FROM articles WHERE author = ? LIMIT 1", [nfc(filters.author)]
        ).fetchone():  # a whole name: its words must stand in the author column
            words = re.findall(r"\w+", nfc(filters.author).lower())
            if words:
                parts.append(f'author : "{" ".join(words)}"')
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
            self._phrase_idfs([p.split(" ") for p in stale], rows)
        self.db.execute("PRAGMA optimize")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"articles": rows, "segments_before": before,
                "segments_after": self.index_segments(), "common_words": len(common),
                "phrases_recounted": len(stale)}

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
            params = [fold_search(query), *params]
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
        where, params = (filters or Filters()).sql("a")
        return list(self.db.query(
            "SELECT a.author, count(*) AS articles FROM articles a"
            f" WHERE a.author IS NOT NULL {where} GROUP BY a.author"
            " ORDER BY articles DESC, a.author LIMIT ?", [*params, limit]))

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


def _lost_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields a stored version has and a new one lacks; a date the page showed that
    is now only found in the prose counts as lost too."""
    lost = [f for f in KEPT_FIELDS if old[f] and not new[f]]
    if (new["published"] and new["published_source"] == "prose"
            and old["published"] and old["published_source"] != "prose"):
        lost.append("published")
    return lost


# The run's articles beside the versions they held back (what the run extracted).
_WITH_HELD = ("FROM articles a LEFT JOIN pending_versions p"
              " ON p.article_id = a.id AND p.run_id = a.run_id")


def _as_extracted(column: str) -> str:
    return f"(CASE WHEN p.article_id IS NULL THEN a.{column} ELSE p.{column} END)"


def _held_article(row: dict[str, Any]) -> Article:
    """A ``pending_versions`` row as the Article it was extracted as."""
    fields = {k: row[k] for k in (*CONTENT_FIELDS, "url", "site", "fetched_url", "warc_file",
                                  "warc_offset", "warc_worker", "etag", "last_modified")}
    return Article(**fields,
                   images=[Image(u, c) for u, c in json.loads(row["images"] or "[]")],
                   attachments=[Attachment(u, n) for u, n in json.loads(row["attachments"]
                                                                        or "[]")])


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
    return [article_id, *texts, folded_text(texts), facets_text(site, published)]


@dataclass
class Filters:
    """Researchers' filters, shared by search, export and stats."""

    site: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None  # YYYY-MM-DD, inclusive
    author: str | None = None  # substring, case-insensitive for ASCII

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
            clauses.append(f"{alias}.author LIKE ?")
            params.append(f"%{nfc(self.author)}%")
        return "".join(f" AND {c}" for c in clauses), params


def _query_error(query: str, exc: Exception) -> Exception:
    """A one-line SearchError for FTS syntax problems; other errors pass unchanged."""
    message = str(exc)
    if "locked" in message:
        return ArchiveError(f"cannot search {query!r}: the archive is locked ({message})")
    if "no such table" in message:
        return exc
    return SearchError(
        f"cannot read the query {query!r}: {message.removeprefix('fts5: ')}."
        ' Quote phrases with "…"; AND, OR, NOT and NEAR are operators, * ends a prefix.'
    )


def folded_text(values: Sequence[str]) -> str:
    """The ``folded`` FTS column: the four fields joined by newlines with đ/Đ folded, so
    "dong thap" finds "Đồng Tháp" (unicode61 does not fold đ) while the other columns keep
    the original words for Datasette's ``_search`` and SQL users."""
    return fold_search("\n".join(values))


def snippet(marked: str, original: str, width: int = 24) -> str:
    """A window of ``original`` around the first match, matches in [brackets].

    ``marked`` is FTS5's highlight of the ``folded`` column (char(1)/char(2) around
    matches); folding maps one character to one character, so positions carry over.
    """
    out, j = [], 0
    for ch in marked:
        if ch == "\x01":
            out.append("[")
        elif ch == "\x02":
            out.append("]")
        else:
            out.append(original[j] if j < len(original) else ch)
            j += 1
    words = "".join(out).split()
    first = next((i for i, w in enumerate(words) if "[" in w), 0)
    start = max(0, first - width // 3)
    text = " ".join(words[start:start + width])
    return ("… " if start else "") + text + (" …" if start + width < len(words) else "")
