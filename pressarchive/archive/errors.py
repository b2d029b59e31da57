"""Errors the archive raises for its users."""

from __future__ import annotations


class ArchiveError(RuntimeError):
    """A problem with the archive file that the user must act on (locked, not an archive)."""


class SearchError(ValueError):
    """A search query SQLite's FTS5 cannot read; the message says why in one line."""


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
