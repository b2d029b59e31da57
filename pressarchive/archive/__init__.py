"""The SQLite archive: the only module that speaks SQL.

Schema (a public interface for researchers, see README "Schema"): ``articles``,
``revisions``, ``images``, ``attachments``, ``runs``, ``fetch_errors``, ``sites``, the
FTS5 index ``articles_fts``, the preservation tables ``fixity``, ``fixity_progress`` and
``warc_files``, the documents (attachments fetched) ``documents``, ``document_urls``,
``documents_fts`` with the view ``article_documents``, and the backfill tables
``backfill_queries`` and ``backfill_captures``. Writes go through
:meth:`Archive.store_articles`, one transaction a batch, so a killed process never leaves
half an article behind.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .backfill import BackfillMixin
from .clusters import ClustersMixin
from .documents import TEXT_STATUSES, DocumentsMixin
from .errors import ArchiveError, SearchError
from .fixity import FixityMixin, check_database_file
from .queries import Filters, QueriesMixin
from .runs import RunCounts, RunsMixin
from .schema import SCHEMA_VERSION, SchemaMixin, _uri, _writable, default_db_path, recognise
from .search import (
    FTS_COLUMNS,
    SEARCH_CAP,
    SearchMixin,
    facets_text,
    folded_text,
    period_tokens,
    snippet,
)
from .sqlitelib import sqlite_utils
from .store import CONTENT_FIELDS, KEPT_FIELDS, StoreMixin, content_hash
from .webarchive import WebArchiveMixin

__all__ = [
    "CONTENT_FIELDS", "FTS_COLUMNS", "KEPT_FIELDS", "SCHEMA_VERSION", "SEARCH_CAP",
    "TEXT_STATUSES", "Archive",
    "ArchiveError", "Filters", "RunCounts", "SearchError", "check_database_file", "content_hash",
    "default_db_path", "facets_text", "folded_text", "period_tokens", "recognise", "snippet",
]


class Archive(SchemaMixin, RunsMixin, StoreMixin, SearchMixin, QueriesMixin, FixityMixin,
              ClustersMixin, DocumentsMixin, WebArchiveMixin, BackfillMixin):
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

    def own_files(self, with_captures: bool = True) -> list[Path]:
        """The archive file, its ``-wal``/``-shm``/``-journal`` (whether they exist or not)
        and, with ``with_captures``, every WARC file its articles and documents point to."""
        files = [self.path] + [self.path.with_name(self.path.name + s)
                               for s in ("-wal", "-shm", "-journal")]
        if with_captures:
            files += [self.capture_path(r[0]) for r in self.db.execute(
                "SELECT warc_file FROM articles WHERE warc_file IS NOT NULL UNION"
                " SELECT warc_file FROM documents WHERE warc_file IS NOT NULL")]
        return files

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
        """Close; a writer first copies its write-ahead log into the file without blocking
        anyone (a passive checkpoint), so the last close, which locks the file while it
        checkpoints what is left and removes the log, holds that lock for moments only: a
        reader opening the archive then is not kept waiting."""
        if not self.readonly:
            try:
                self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error:
                pass  # busy or full disk: the close checkpoints, as without this
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
