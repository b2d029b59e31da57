"""Datasette plugin (registered by entry point): the archive laid out for people.

- SQL functions: ``pa_fold(text)`` turns a search box's text into the FTS5 expression
  ``pressarchive search`` uses (with marks: the exact columns; without: the folded ones,
  so ``articles_fts MATCH pa_fold(:q)`` finds "Đồng Tháp" from "dong thap"); ``pa_plain``
  drops case and every mark, for loose author filters; ``pa_diff(old, new)`` marks the
  words ``new`` removed and added (:func:`pressarchive.republished.word_diff`), and a
  column named ``changes`` is shown as that diff, struck through and underlined (the
  canned query ``cluster_side_by_side``).
- Templates (``templates/``): the ``articles`` table as a list of titles with site, date,
  author and lead, column docs folded; a canned ``search`` page of ranked results with
  highlighted snippets, filters and pages; a row page that reads like the article.
- ``articles?_search=…`` is sent on to the ranked ``search`` page.
- ``/-/capture/DB/ID``: the captured page of an article, from its WARC record, sandboxed;
  the row page also links to the capture in ``pressarchive replay`` (pywb).

Every template falls back to Datasette's own for other databases and tables.
"""

from __future__ import annotations

import sqlite3
from typing import Any
from urllib.parse import parse_qs, urlencode

from datasette import hookimpl
from markupsafe import Markup, escape

from ..archive.ftsquery import EXACT, match_expression, query_mode
from ..archive.search import snippet
from ..republished import diff_html, word_diff
from ..textnorm import strip_diacritics

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # snippet() delimiters, made <mark> on display
CARD_QUERIES = ("search", "latest_articles")  # canned queries shown as a list of articles
PAGE_SIZE = 20  # articles a page of those queries
BODY_COLUMNS = {True: 2, False: 6}  # articles_fts: body (exact), body_folded (folded)


def pa_fold(text: str | None) -> str:
    """A search box's text as the FTS5 expression ``pressarchive search`` uses
    (:mod:`pressarchive.archive.ftsquery`): typed with diacritics, the exact columns
    ("Đồng Tháp" only); without, the folded ones ("dong thap" finds "Đồng Tháp")."""
    return match_expression(text or "", query_mode(text or ""))


def pa_body_column(text: str | None) -> int:
    """The ``articles_fts`` column a search box's text matches the body in: ``body``
    (typed with marks) or ``body_folded`` (without)."""
    return BODY_COLUMNS[query_mode(text or "") == EXACT]


def pa_snippet(marked: str | None, original: str | None) -> str:
    """A window of the article's own body around the first match, the matches between the
    private-use marks :func:`marked` shows: ``marked`` is FTS5's ``highlight()`` of the
    column :func:`pa_body_column` names (folding keeps positions, so the marks carry over
    to the text as written)."""
    return snippet(marked or "", original or "", width=30, marks=(MARK_OPEN, MARK_CLOSE))


def pa_doc_fold(text: str | None) -> str:
    """A search box's text as the ``documents_fts`` expression ``search --in documents``
    uses (:func:`pressarchive.archive.documents.document_match`)."""
    from ..archive.documents import document_match

    return document_match(text or "", query_mode(text or ""))


def pa_doc_column(text: str | None) -> int:
    """The ``documents_fts`` column a search box's text matches: text or text_folded."""
    return 0 if query_mode(text or "") == EXACT else 1


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("pa_doc_fold", 1, pa_doc_fold, deterministic=True)
    conn.create_function("pa_doc_column", 1, pa_doc_column, deterministic=True)
    conn.create_function("pa_fold", 1, pa_fold, deterministic=True)
    conn.create_function("pa_body_column", 1, pa_body_column, deterministic=True)
    conn.create_function("pa_snippet", 2, pa_snippet, deterministic=True)
    conn.create_function("pa_plain", 1, lambda t: strip_diacritics(t or ""),
                         deterministic=True)
    conn.create_function("pa_diff", 2, word_diff, deterministic=True)


@hookimpl
def render_cell(value: Any, column: str) -> Any:
    if column != "changes" or not isinstance(value, str):
        return None
    return Markup('<div style="max-width: 40em; white-space: normal">'
                  f"{diff_html(value)}</div>")


def marked(text: str | None) -> Markup:
    """A snippet with its private-use delimiters as ``<mark>``, everything else escaped."""
    return Markup(str(escape(text or "")).replace(MARK_OPEN, "<mark>")
                  .replace(MARK_CLOSE, "</mark>"))


def shown_date(published: str | None) -> str:
    """``published`` for reading: ``2023-02-01 08:15 +07:00``, ``2023-02-01``, or 'no date'."""
    if not published:
        return "no date"
    day, _, rest = published.partition("T")
    if not rest:
        return day
    clock, offset = rest[:8], rest[8:]
    return f"{day} {clock[:5] if clock.endswith(':00') else clock} {offset}".rstrip()


def paragraphs(text: str | None) -> list[str]:
    """Body text (paragraphs separated by a blank line) as paragraphs."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def with_args(request: Any, **changes: Any) -> str:
    """The request's path and query string with ``changes`` applied (None removes)."""
    args = {k: v[-1] for k, v in parse_qs(request.query_string, keep_blank_values=True).items()}
    args.update({k: str(v) for k, v in changes.items() if v is not None})
    for key in (k for k, v in changes.items() if v is None):
        args.pop(key, None)
    return f"{request.path}?{urlencode(args)}"


@hookimpl
def extra_template_vars(template: str, database: str | None, table: str | None,
                        view_name: str, request: Any, datasette: Any) -> Any:
    async def inner() -> dict[str, Any]:
        found = {"pa_mark": marked, "pa_paragraphs": paragraphs, "pa_with_args": with_args,
                 "pa_date": shown_date,
                 "pa_card_queries": CARD_QUERIES, "pa_page_size": PAGE_SIZE,
                 "pa_archive": False, "pa_people": False}
        if not database or database not in datasette.databases:
            return found
        db = datasette.get_database(database)
        found["pa_archive"] = await db.table_exists("articles_fts")
        async def sites() -> list[str]:  # called by the templates that list them
            names = [r[0] for r in await db.execute("SELECT name FROM sites ORDER BY name")]
            return names or [r[0] for r in await db.execute(
                "SELECT DISTINCT site FROM articles WHERE site IS NOT NULL ORDER BY site")]

        found["pa_sites"] = sites
        found["pa_people"] = (found["pa_archive"] and table == "articles"
                              and (request is None or request.args.get("_layout") != "table"))
        if found["pa_archive"] and view_name == "row" and table == "articles":
            found["pa_article"] = await _article_extras(db, request.url_vars.get("pks", ""),
                                                        _replay_base(datasette))
        return found

    return inner


def _replay_base(datasette: Any) -> str:
    """The address of ``pressarchive replay``: the plugin setting ``replay_url``
    (``plugins: pressarchive: replay_url:`` in metadata), $PRESSARCHIVE_REPLAY_URL, or
    replay's default port on 127.0.0.1."""
    from ..replay import replay_base

    return (datasette.plugin_config("pressarchive") or {}).get("replay_url") or replay_base()


async def _replay_link(db: Any, pk: int, base: str) -> str | None:
    """The pywb address of article ``pk``'s capture (read from its WARC record), if any."""
    from pathlib import Path

    from ..replay import article_captures

    rows = await db.execute("SELECT url, fetched_url, site, warc_file, warc_offset"
                            " FROM articles WHERE id = ?", [pk])
    row = rows.first()
    if row is None or not row["warc_file"] or not db.path:
        return None
    captures = article_captures(dict(row), Path(db.path).parent, None, base)
    return str(captures[-1]["replay"]) if captures else None


async def _article_extras(db: Any, pk: str, replay: str) -> dict[str, Any] | None:
    """Images, attachments (with the text status of the file each gave), the revision
    count and the replay address of article ``pk``."""
    if not pk.isdigit():
        return None
    images = await db.execute("SELECT url, caption FROM images WHERE article_id = ?"
                              " ORDER BY position", [int(pk)])
    documents = await db.table_exists("document_urls")  # the file each link gave (v7)
    attachments = await db.execute(
        "SELECT t.url, t.name, coalesce(d.text_status, u.text_status) AS text_status,"
        " d.id AS document_id FROM attachments t LEFT JOIN document_urls u ON u.url = t.url"
        " LEFT JOIN documents d ON d.sha256 = u.sha256 WHERE t.article_id = ?"
        " ORDER BY t.position" if documents else
        "SELECT url, name, NULL AS text_status, NULL AS document_id FROM attachments"
        " WHERE article_id = ? ORDER BY position", [int(pk)])
    revisions = await db.execute("SELECT count(*) FROM revisions WHERE article_id = ?",
                                 [int(pk)])
    return {"images": list(images), "attachments": list(attachments),
            "revisions": revisions.first()[0],
            "replay": await _replay_link(db, int(pk), replay)}


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/capture/(?P<database>[^/]+)/(?P<id>\d+)$", capture)]


async def capture(datasette: Any, request: Any) -> Any:
    """The captured HTML of an article as the portal sent it, in a sandbox (no scripts,
    no access to this site), or a 404."""
    from pathlib import Path

    from datasette.utils.asgi import NotFound, Response

    from ..warc import read_capture

    name = request.url_vars["database"]
    if name not in datasette.databases or not await datasette.permission_allowed(
            request.actor, "view-database", name, default=True):
        raise NotFound("no such database")
    db = datasette.get_database(name)
    row = (await db.execute("SELECT warc_file, warc_offset FROM articles WHERE id = ?",
                            [int(request.url_vars["id"])])).first()
    if row is None or not row[0] or not db.path:
        raise NotFound("no capture of this article")
    try:
        body, content_type = read_capture(Path(db.path).parent / row[0], row[1])
    except OSError as exc:
        raise NotFound(f"capture unreadable: {exc.strerror or exc}") from exc
    return Response(body, content_type=content_type or "text/html",
                    headers={"Content-Security-Policy": "sandbox",
                             "X-Content-Type-Options": "nosniff"})


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """``/DB/articles?_search=…`` (the table's search box) goes to the ranked, highlighted
    ``search`` page with the same words and site/author filters."""

    def wrap(app: Any) -> Any:
        async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
            target = _search_redirect(scope, datasette)
            if target is None:
                await app(scope, receive, send)
                return
            await send({"type": "http.response.start", "status": 302,
                        "headers": [(b"location", target.encode("utf-8")),
                                    (b"content-type", b"text/plain")]})
            await send({"type": "http.response.body", "body": b""})

        return wrapped

    return wrap


def _search_redirect(scope: dict[str, Any], datasette: Any) -> str | None:
    if scope.get("type") != "http" or not scope.get("path", "").endswith("/articles"):
        return None
    parts = scope["path"].strip("/").split("/")
    args = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace"))
    if len(parts) != 2 or not args.get("_search") or parts[0] not in datasette.databases:
        return None
    queries = (datasette.metadata("queries", database=parts[0]) or {})
    if "search" not in queries or any(k in args for k in ("_sort", "_sort_desc", "_layout")):
        return None  # sorted on purpose, or Datasette's table asked for: its own search
    wanted = {"q": args["_search"][-1]}
    for column in ("site", "author"):
        if args.get(column):
            wanted[column] = args[column][-1]
    return datasette.urls.database(parts[0]) + "/search?" + urlencode(wanted)
