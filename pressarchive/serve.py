"""``pressarchive serve``: Datasette over the archive, with metadata, facets, canned queries."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from .datasette_plugin import PAGE_SIZE

ARTICLE_COLUMNS = {
    "url": "Canonical article URL (unique)",
    "site": "Site profile name, e.g. dongthap",
    "title": "Headline, once, Unicode NFC",
    "published": "Publication time as the portal shows it, ISO 8601 with offset (+07:00), "
                 "or a date for date-only pages",
    "published_precision": "day, minute or second",
    "published_source": "meta (machine-readable tag), page (printed date line), "
                        "prose (only a date in the text: treat with care)",
    "author": "Byline with labels stripped; NULL when none",
    "source": "Credited outlet (Nguồn:/Theo …)",
    "lead": "Sapo/lead paragraph (also the first paragraph of body)",
    "body": "Prose paragraphs separated by a blank line, no captions/byline/chrome",
    "category": "Section the article was found in",
    "word_count": "Words in body",
    "first_seen": "When the archive first fetched it",
    "last_seen": "When the archive last fetched it",
    "last_changed": "When its content last changed (earlier versions: revisions)",
    "status": "live or gone (never deleted)",
    "year": "Year of publication (derived from published)",
}

# The filters of the canned queries (empty = no filter): site, published on or after
# :since / on or before :until (YYYY-MM-DD), author containing :author (case and marks
# ignored); and their paging: :page (1, 2, …) of PAGE_SIZE articles.
_FILTERS = (" and (:site = '' or a.site = :site)"
            " and (:since = '' or a.published >= :since)"
            " and (:until = '' or substr(a.published, 1, 10) <= :until)"
            " and (:author = '' or instr(pa_plain(a.author), pa_plain(:author)) > 0)")
_PAGE = (f" limit {PAGE_SIZE} offset {PAGE_SIZE} *"
         " (max(cast(coalesce(nullif(:page, ''), '1') as integer), 1) - 1)")
_MATCHES = ("from articles_fts join articles a on a.id = articles_fts.rowid"
            " where articles_fts match pa_fold(coalesce(nullif(trim(:q), ''), '\"\"'))"
            f"{_FILTERS}")
CANNED = {
    "search": {
        "title": "Search articles",
        "description": "Most relevant first (bm25), with or without diacritics; words in"
                       " the snippet highlighted. Filters and pages below.",
        "sql": (
            "select a.id, a.title, a.site, a.published, a.author, a.url,"
            " pa_snippet(highlight(articles_fts, pa_body_column(:q), char(1), char(2)),"
            " a.body) as snippet,"
            f" (select count(*) {_MATCHES}) as total {_MATCHES} order by rank{_PAGE}"
        ),
        "hide_sql": True,
    },
    "latest_articles": {
        "title": "Latest articles",
        "description": "Newest first, with site, date and author filters.",
        "sql": ("select a.id, a.title, a.site, a.published, a.author, a.url,"
                " substr(coalesce(a.lead, a.body), 1, 300) as snippet"  # no total: a scan
                f" from articles a where 1 = 1{_FILTERS}"
                f" order by a.published desc{_PAGE}"),
        "hide_sql": True,
    },
    "search_documents": {
        "title": "Search documents",
        "description": "Articles found through the text of the documents they link (PDF,"
                       " DOC, XLS), with or without diacritics; most relevant first.",
        "sql": ("select ad.article_title, ad.site, ad.article_url, ad.name as document,"
                " ad.url as document_url, ad.text_status,"
                " pa_snippet(highlight(documents_fts, pa_doc_column(:q), char(1), char(2)),"
                " d.text) as snippet"
                " from documents_fts join documents d on d.id = documents_fts.rowid"
                " join article_documents ad on ad.document_id = d.id"
                " where documents_fts match pa_doc_fold(coalesce(nullif(trim(:q), ''), '\"\"'))"
                " and (:site = '' or ad.site = :site)"
                f" order by rank{_PAGE}"),
        "hide_sql": True,
    },
    "articles_per_month": {
        "title": "Articles per month per site",
        "sql": ("select site, substr(published, 1, 7) as month, count(*) as articles"
                " from articles where published is not null"
                " group by site, month order by month desc, site"),
    },
    "authors_by_volume": {
        "title": "Authors by volume",
        "description": "People, not bylines: \"Thanh Hà - Ngọc Lan\" counts for both,"
                       " role words such as PV or CTV for no one (article_authors).",
        "sql": ("select min(p.name) as author, count(distinct a.id) as articles,"
                " min(a.published) as first, max(a.published) as last"
                " from article_authors p join articles a on a.id = p.article_id"
                " where p.name is not null"
                " and (:site = '' or a.site = :site)"
                " and (:since = '' or a.published >= :since)"
                " and (:until = '' or substr(a.published, 1, 10) <= :until)"
                " group by p.name_lower order by articles desc limit 200"),
    },
    "duplicate_clusters": {
        "title": "Republications: clusters, the original first",
        "sql": ("select c.id as cluster, c.size, c.sites, e.site as first_site,"
                " e.published as first_published, e.title as original, e.url"
                " from clusters c join articles e on e.id = c.earliest"
                " order by e.published desc limit 500"),
    },
    "cluster_side_by_side": {
        "title": "One cluster's members side by side, with what each changed",
        "description": "Each member beside the original (the earliest): its similarity, the"
                       " outlet it credits, and its words removed (struck) and added"
                       " (underlined). Open a cluster id from duplicate_clusters.",
        "sql": ("select a.site, a.published, m.similarity, m.is_earliest, m.credits, a.title,"
                " a.url, o.body as original, a.body as this,"
                " pa_diff(o.body, a.body) as changes"
                " from cluster_members m join articles a on a.id = m.article_id"
                " join clusters c on c.id = m.cluster_id join articles o on o.id = c.earliest"
                " where m.cluster_id = :cluster"
                " order by m.is_earliest desc, a.published"),
    },
}


def metadata(db_name: str) -> dict[str, Any]:
    """Datasette metadata for an archive file called ``db_name`` (its stem)."""
    return {
        "title": "pressarchive",
        "description": "News of provincial government portals, archived by pressarchive. "
                       "Search with or without diacritics.",
        "databases": {
            db_name: {
                "tables": {
                    "articles": {
                        "description": "One row per article URL (latest version).",
                        "columns": ARTICLE_COLUMNS,
                        "facets": ["site", "year", "author", "category"],
                        "sort_desc": "published",
                        "fts_table": "articles_fts",
                        "fts_pk": "id",
                        "label_column": "title",
                    },
                    "revisions": {"description": "Earlier versions of changed articles."},
                    "images": {"description": "Images of an article, with captions."},
                    "attachments": {"description": "Documents linked from an article."},
                    "runs": {"description": "One row per crawl, with its counts and outcome."},
                    "fetch_errors": {"description": "Pages that gave no article, and why."},
                    "sites": {"description": "Site profiles the archive has crawled."},
                    "articles_fts": {"hidden": True},
                    "documents": {
                        "description": "Documents (attachments) fetched, one row per file"
                                       " (by sha256), with their text status and text.",
                        "facets": ["site", "text_status", "media_type"],
                        "fts_table": "documents_fts",
                        "fts_pk": "id",
                        "label_column": "url",
                    },
                    "document_urls": {"description": "Each document URL fetched: the file"
                                                     " it gave (sha256), or why none."},
                    "article_documents": {
                        "description": "Every article with the documents it links (view).",
                        "facets": ["site", "text_status", "media_type"],
                    },
                    "documents_fts": {"hidden": True},
                    "article_authors": {
                        "description": "The people of each byline (\"Thanh Hà - Ngọc Lan\""
                                       " is two rows; role words such as PV or CTV have no"
                                       " name): the name facet counts articles per person,"
                                       " the articles table's author facet counts bylines"
                                       " as printed.",
                        "facets": ["name", "role"],
                        "label_column": "name",
                    },
                    "clusters": {"description": "Republications: one row per cluster of"
                                                " near-duplicate articles (earliest ="
                                                " the original)."},
                    "cluster_members": {"description": "Articles of each cluster, with their"
                                                       " similarity to the earliest and the"
                                                       " outlet they credit."},
                    "near_duplicates": {"description": "Verified pairs of alike articles"
                                                       " (template: differ only in figures)."},
                    "signatures": {"hidden": True},
                },
                "queries": CANNED,
            }
        },
    }


def serve(db_path: Path, host: str, port: int, *, immutable: bool = False) -> int:
    """Run Datasette in the foreground (read-only: Datasette reads with ``mode=ro``, or
    as ``immutable`` for an archive on a read-only medium). SIGINT, SIGTERM and SIGHUP
    are passed on to Datasette and it is waited for, so stopping ``serve`` frees the port;
    stopped that way, the exit code is 0."""
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_path.stem), ensure_ascii=False), "utf-8")
        database = ["-i", str(db_path)] if immutable else [str(db_path)]
        child = subprocess.Popen([
            sys.executable, "-m", "datasette", "serve", *database, "--metadata", str(meta),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50",
            "--setting", "sql_time_limit_ms", "5000",
        ], preexec_fn=_die_with_parent)  # noqa: PLW1509 - single-threaded here
        return _wait_forwarding(child)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE = 10.0  # seconds Datasette gets to stop before it is killed


def _wait_forwarding(child: subprocess.Popen[bytes], as_signal: int | None = None) -> int:
    """Wait for ``child``, passing our stop signals on to it (each as ``as_signal`` if
    given); 0 if it ended on one."""
    stopped: list[int] = []

    def forward(signum: int, frame: Any) -> None:
        stopped.append(signum)
        if child.poll() is None:
            child.send_signal(as_signal or signum)

    previous = {sig: signal.signal(sig, forward) for sig in STOP_SIGNALS}
    try:
        while True:
            try:
                code = child.wait(timeout=STOP_GRACE if stopped else None)
                break
            except subprocess.TimeoutExpired:
                child.kill()
    finally:
        if child.poll() is None:  # an error of ours: never leave Datasette serving
            child.kill()
            child.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stopped else code


def _die_with_parent() -> None:
    """In the child: get SIGTERM if pressarchive itself dies (even by SIGKILL); Linux."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
