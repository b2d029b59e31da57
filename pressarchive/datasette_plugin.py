"""Datasette plugin (registered by entry point): SQL function ``pa_fold(text)``.

``pa_fold`` folds đ/Đ as the archive's ``folded`` FTS column does, so canned queries can
run ``articles_fts MATCH pa_fold(:q)`` and find "Đồng Tháp" from "dong thap".
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from .textnorm import fold_search


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("pa_fold", 1, lambda t: fold_search(t or ""), deterministic=True)
