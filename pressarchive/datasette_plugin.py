"""Datasette plugin (registered by entry point): SQL function ``pa_fold(text)``.

``pa_fold`` turns a search box's text into the FTS5 expression ``pressarchive search``
uses (:mod:`pressarchive.archive.ftsquery`): typed with diacritics, the exact columns
("Đồng Tháp" only); without, the folded ones ("dong thap" finds "Đồng Tháp"). Canned
queries run ``articles_fts MATCH pa_fold(:q)``.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from .archive.ftsquery import match_expression, query_mode


def pa_fold(text: str | None) -> str:
    return match_expression(text or "", query_mode(text or ""))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("pa_fold", 1, pa_fold, deterministic=True)
