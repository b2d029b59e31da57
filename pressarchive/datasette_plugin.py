"""Datasette plugin (registered by entry point): SQL functions ``pa_fold(text)`` and
``pa_diff(old, new)``, and the rendering of a ``changes`` column as a diff.

``pa_fold`` folds đ/Đ as the archive's ``folded`` FTS column does, so canned queries can
run ``articles_fts MATCH pa_fold(:q)`` and find "Đồng Tháp" from "dong thap". ``pa_diff``
marks the words ``new`` removed and added (see :func:`pressarchive.republished.word_diff`);
a column named ``changes`` shows them struck through and underlined (the canned query
``cluster_side_by_side``).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from datasette import hookimpl

from .textnorm import fold_search


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    from .republished import word_diff

    conn.create_function("pa_fold", 1, lambda t: fold_search(t or ""), deterministic=True)
    conn.create_function("pa_diff", 2, word_diff, deterministic=True)


@hookimpl
def render_cell(value: Any, column: str) -> Any:
    if column != "changes" or not isinstance(value, str):
        return None
    from markupsafe import Markup

    from .republished import diff_html

    return Markup('<div style="max-width: 40em; white-space: normal">'
                  f"{diff_html(value)}</div>")
