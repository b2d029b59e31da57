"""Commands for researchers: search, export, stats, serve, history, raw."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..archive import (
    SEARCH_CAP,
    Archive,
    ArchiveError,
    Filters,
    SearchError,
)
from . import (
    EXIT_CANNOT_START,
    EXIT_FAILURES,
    EXIT_USAGE,
    MAX_LIMIT,
    MAX_OFFSET,
    _check_site,
    _fail,
    _iso_date,
    db_option,
    echo_json,
    json_option,
    main,
    open_archive,
)

HELP_GROUP = "Research"  # its section in `pressarchive --help`


@main.command()
@click.argument("url")
@click.option("--no-diff", is_flag=True, help="List the versions only.")
@json_option
@db_option
def history(url: str, no_diff: bool, as_json: bool, db_path: Path) -> None:
    """List the versions of one article and show what changed between them, and the
    address of each capture in `pressarchive replay` (pywb).

    \b
    Example:
      pressarchive history https://dongthap.gov.vn/-/asset_publisher/…/content/…
      pressarchive history URL --no-diff --json
    """
    import difflib

    from ..replay import article_captures, default_cache_dir, replay_base

    with open_archive(db_path, readonly=True) as archive:
        current = archive.article(url)
        if current is None:
            raise click.exceptions.Exit(_fail(f"no article with URL {url} in {db_path}",
                                              EXIT_FAILURES))
        versions = [*archive.revisions(url), current]
        captures = article_captures(current, archive.path.parent, default_cache_dir(db_path),
                                    replay_base())
    if as_json:  # every version, oldest first, with its whole fields
        fields = ("title", "published", "published_precision", "author", "source", "lead",
                  "body", "category", "content_hash", "capture_source", "capture_time",
                  "capture_url")
        echo_json({"url": url, "status": current["status"],
                   "gone_since": current["gone_since"], "versions": [
                       {"version": n, "from": v.get("valid_from") or v.get("last_changed"),
                        "until": v.get("replaced_at"), **{f: v.get(f) for f in fields}}
                       for n, v in enumerate(versions, 1)], "captures": captures})
        return
    click.echo(f"{current['title']}\n{url}  ({current['status']}"
               + (f" since {current['gone_since']}" if current["gone_since"] else "") + ")")
    for n, version in enumerate(versions, 1):
        until = version.get("replaced_at") or "now"
        start = version.get("valid_from") or version.get("last_changed")
        words = len((version["body"] or "").split())
        origin = version.get("capture_source") or "live"
        captured = "" if origin == "live" else f"  (from {origin}, captured" \
            f" {version.get('capture_time')})"
        click.echo(f"  v{n}  {start} → {until}  {version['content_hash'][:12]}  {words} words"
                   + captured)
    if captures:
        click.echo("captures (open them with `pressarchive replay` running):")
        for capture in captures:
            click.echo(f"  {capture['time']}  HTTP {capture['status'] or '?'}  {capture['replay']}")
    if no_diff:
        return
    for n in range(1, len(versions)):
        old, new = versions[n - 1], versions[n]
        for field in ("title", "published", "author", "source", "body"):
            if (old[field] or "") == (new[field] or ""):
                continue
            diff = difflib.unified_diff(
                (old[field] or "").split("\n"), (new[field] or "").split("\n"),
                f"v{n} {field}", f"v{n + 1} {field}", lineterm="", n=1)
            click.echo("\n".join(diff))


@main.command()
@click.argument("url")
@db_option
def raw(url: str, db_path: Path) -> None:
    """Print the captured HTML of an article, or the bytes of a document (an attachment
    URL), as the portal sent it (from its WARC).

    \b
    Example:
      pressarchive raw URL > page.html
    """
    from ..warc import read_capture

    with open_archive(db_path, readonly=True) as archive:
        row = archive.article(url) or archive.document_capture(url)
        if row is None or not row.get("warc_file"):
            raise click.exceptions.Exit(_fail(f"no capture of {url} in {db_path}",
                                              EXIT_FAILURES))
        path = archive.capture_path(row["warc_file"])
    try:
        body, _ = read_capture(path, row["warc_offset"])
    except OSError as exc:
        raise click.exceptions.Exit(_fail(f"cannot read {path}: {exc}", EXIT_FAILURES)) from exc
    sys.stdout.buffer.write(body)


def filter_options(func: Any) -> Any:
    """--site/--since/--until/--author, shared by search, export and stats."""
    for option in reversed([
        click.option("--site", help="Only this site."),
        click.option("--since", callback=_iso_date, help="Published on or after YYYY-MM-DD."),
        click.option("--until", callback=_iso_date, help="Published on or before YYYY-MM-DD."),
        click.option("--author", help="A person of the byline whose name contains this text"
                                      " (case folded; marks folded unless typed, like the"
                                      " query)."),
    ]):
        func = option(func)
    return func


BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


@main.command()
@click.argument("query")
@filter_options
@click.option("--exact", "mode", flag_value="exact",
              help="Match the words as typed (diacritics count), even without marks.")
@click.option("--fold", "mode", flag_value="fold",
              help="Match every spelling (diacritics and đ folded), even with marks.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@click.option("--offset", default=0, type=click.IntRange(0, MAX_OFFSET))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              default="table", show_default=True,
              help="json, jsonl, csv: every article column, then rank and snippet.")
@click.option("--exhaustive", is_flag=True,
              help=f"Rank every match (default: when more than {SEARCH_CAP:,} articles match,"
                   f" the {SEARCH_CAP:,} most recently archived of them; slow on large"
                   " archives).")
@click.option("--collapse", is_flag=True,
              help="One hit per cluster of republications, with the sites it is also on.")
@click.option("--in", "scope", type=click.Choice(["articles", "documents", "all"]),
              default="all", show_default=True,
              help="Search the articles' own text, the text of the documents they link, or"
                   " both (the articles' own matches first).")
@db_option
def search(query: str, site: str | None, since: str | None, until: str | None,
           author: str | None, mode: str | None, limit: int, offset: int, fmt: str,
           exhaustive: bool, collapse: bool, scope: str, db_path: Path) -> None:
    """Full-text search of titles, leads, bodies and bylines, most relevant first.

    Every word must be in the article (AND), anywhere. A query typed with diacritics
    matches those syllables exactly ("Đồng Tháp" finds "Đồng Tháp", never "vận động" and
    "thắp"); typed without, every spelling ("dong thap" finds "Đồng Tháp" too). Case never
    counts. --exact or --fold decide instead.

    \b
    Query syntax (SQLite FTS5):
      "sen hồng"            a phrase: these words side by side
      xoài OR sen           either word
      nông NOT dân          the first word without the second
      chuy*                 words that begin so: chuyên, chuyển, chuyện…
      NEAR(sen hồng, 5)     both words within 5 words of each other
      title:đảng            in one column: title, lead, body or author
      (xoài OR sen) AND lúa  grouping

    Output: rank is the bm25 score (negative; lower is more relevant: results come in
    that order), snippet shows the matches in [brackets] (bold on a terminal). The
    number of matches goes to stderr: exact, or "at least N" when more than N match
    (then the N most recently archived are ranked; --exhaustive ranks them all).
    --collapse shows one hit per cluster of republications, with the sites it is also on.

    Documents (the PDF, DOC, XLS files articles link, see `pressarchive documents`) are
    searched too, with the same diacritic rules (--in): an article found only through a
    document comes after those matched in their own text, with matched_in "document",
    the document's URL and link text, and a snippet of the document (its rank is the
    document's bm25, not comparable with an article's).

    \b
    Example:
      pressarchive search "Đồng Tháp" --since 2023-01-01 --author "Văn Khương"
      pressarchive search "phe duyet ke hoach" --in documents
    """
    bold = fmt == "table" and sys.stdout.isatty()
    filters = Filters(site, since, until, author)
    cap = None if exhaustive else SEARCH_CAP
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        try:
            hits, total, exact = _search_hits(
                archive, query, filters, scope, limit=limit, offset=offset, cap=cap,
                mode=mode, marks=(BOLD, PLAIN) if bold else ("[", "]"))
            columns = [*archive.article_columns(), "rank", "snippet"]
            if scope != "articles":
                columns += list(DOCUMENT_HIT_COLUMNS)
        except SearchError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
        except ArchiveError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
        if collapse:
            from ..republished import collapse as collapse_hits

            hits = collapse_hits(archive, hits)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for hit in hits:
            click.echo(json.dumps(hit, ensure_ascii=False))
    elif fmt == "csv":
        import csv

        fields = list(columns)
        if collapse:
            from ..republished import also_on_text

            fields.append("also_on")
            hits = [{**h, "also_on": also_on_text(h["also_on"])} for h in hits]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(hits)
    else:
        for hit in hits:
            click.echo(f"{hit['published'] or '?':<25} {hit['site'] or '-'}  {hit['title']}"
                       f"  ({hit['author'] or '-'})")
            click.echo(f"    {hit['url']}")
            if hit.get("matched_in") == "document":
                click.echo(f"    in document: {hit['document_name'] or '-'}"
                           f"  {hit['document_url']}")
            click.echo(f"    {hit['snippet']}")
            if hit.get("also_on"):
                from ..republished import also_on_text

                click.echo(f"    also on: {also_on_text(hit['also_on'])}")
    shown = f"{offset + 1}–{offset + len(hits)}" if hits else "0"
    click.echo(f"{len(hits)} result(s) ({shown}) of " + (
        f"{total:,} match(es)" if exact else
        f"at least {total:,} matches (only the {total:,} most recently archived are ranked;"
        " --exhaustive ranks them all)"), err=True)


DOCUMENT_HIT_COLUMNS = ("matched_in", "document_url", "document_name")


def _hit(row: dict[str, Any], matched_in: str) -> dict[str, Any]:
    """A hit with the document columns last, in DOCUMENT_HIT_COLUMNS order."""
    document = {"matched_in": matched_in, "document_url": row.pop("document_url", None),
                "document_name": row.pop("document_name", None)}
    return {**row, **document}


def _search_hits(archive: Archive, query: str, filters: Filters, scope: str, *, limit: int,
                 offset: int, cap: int | None, mode: str | None, marks: tuple[str, str]
                 ) -> tuple[list[dict[str, Any]], int, bool]:
    """The page of hits asked for, the number of matches and whether it is exact:
    articles by their own text, by their documents' text, or both (own matches first)."""
    if scope == "documents":
        hits = archive.search_documents(query, filters, limit=limit, offset=offset,
                                        mode=mode, marks=marks)
        total = archive.search_documents_total(query, filters, mode=mode)
        return [_hit(h, "document") for h in hits], total, True
    total, exact = archive.search_total(query, filters, cap=cap, mode=mode)
    hits = archive.search(query, filters, limit=limit, offset=offset, cap=cap, mode=mode,
                          marks=marks)
    if scope == "articles":
        return hits, total, exact
    hits = [_hit(h, "article") for h in hits]
    try:
        more = archive.search_documents_total(query, filters, mode=mode, new_only=True)
    except SearchError:  # a column of the articles (title:…): their own text only
        return hits, total, exact
    if len(hits) < limit and more:
        hits += [_hit(h, "document") for h in archive.search_documents(
            query, filters, limit=limit - len(hits), offset=max(0, offset - total), mode=mode,
            marks=marks, new_only=True)]
    return hits, total + more, exact


_DELIMITERS = {",": ",", ";": ";", "tab": "\t", "|": "|"}


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              help="Default: from the extension of OUTPUT (.csv/.tsv, .jsonl/.ndjson,"
                   " .parquet/.pq).")
@click.option("-o", "--output", required=True, metavar="FILE|-",
              help="File to write, or - for standard output.")
@filter_options
@click.option("--query", help="Only articles matching this full-text query.")
@click.option("--delimiter", type=click.Choice(list(_DELIMITERS)), default=None,
              metavar="SEP", help="CSV field separator: , ; tab or | (default , and tab for"
                                  " .tsv); ';' for Excel set to Vietnamese (or any locale"
                                  " whose decimal mark is a comma).")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM, so Excel reads the"
                                          " file as UTF-8.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--documents", is_flag=True,
              help="One row per article ↔ document link, with the document's status and"
                   " text, instead of articles (--query then matches the documents' text).")
@db_option
def export(fmt: str | None, output: str, site: str | None, since: str | None,
           until: str | None, author: str | None, query: str | None, delimiter: str | None,
           bom: bool, force: bool, documents: bool, db_path: Path) -> None:
    """Stream articles to CSV, JSON Lines or Parquet (for pandas, R, spreadsheets).

    Every format has the same columns and types: integers as integers, times as
    timestamps. `published` becomes published_date (local date), published_local
    (local wall-clock time; midnight for a date-only page), published_offset (+07:00)
    and published_utc (the UTC instant; empty for a date-only page, so no article moves
    to the day before); published_precision says day, minute or second.

    A file is written to a temporary name beside OUTPUT and renamed into place when
    complete; `-o -` streams to standard output.

    \b
    Example:
      pressarchive export -o articles.parquet --site dongthap --since 2023-01-01
      pressarchive export -o articles.csv --delimiter ';' --bom
      pressarchive export --format jsonl -o - --query "chuyen doi so" | head
      pressarchive export --documents -o documents.csv --site dongthap
    """
    from ..export import SOURCE_COLUMNS, format_for
    from ..export import export as write

    path = None if output == "-" else Path(output)
    fmt = fmt or (format_for(path) if path else None)
    if fmt is None:
        raise click.exceptions.Exit(_fail(
            "cannot tell the format from " + (f"the name {output!r}" if path else "-o -")
            + "; pass --format csv, jsonl or parquet", EXIT_USAGE))
    if fmt != "csv" and (bom or delimiter):
        raise click.exceptions.Exit(_fail("--bom and --delimiter are for CSV only", EXIT_USAGE))
    if path is None and fmt == "parquet" and sys.stdout.isatty():
        raise click.exceptions.Exit(_fail(
            "Parquet is binary: redirect standard output to a file or pipe", EXIT_USAGE))
    if delimiter is None:
        delimiter = "tab" if path is not None and path.suffix.lower() == ".tsv" else ","
    options = {"bom": bom, "delimiter": _DELIMITERS[delimiter]} if fmt == "csv" else {}

    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        if documents:
            from ..docexport import export_documents as write  # noqa: F811

            rows = archive.iter_document_links(Filters(site, since, until, author), query)
        else:
            rows = archive.iter_rows(Filters(site, since, until, author), query,
                                     SOURCE_COLUMNS)
        try:
            next(rows)  # the column names: SOURCE_COLUMNS, as asked
            if path is None:
                count = _to_stdout(lambda out: write(rows, out, fmt, **options))
            else:
                with _output(archive, path, force=force) as tmp:
                    count = write(rows, tmp, fmt, **options)
        except SearchError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    what = "document links" if documents else "articles"
    click.echo(f"{count} {what} written to {'standard output' if path is None else path}",
               err=True)


def _to_stdout(write: Any) -> int:
    """``write(stream)`` on a duplicate of standard output (so closing it leaves stdout
    open); a reader that stops early (``| head``) ends the export quietly."""
    import os

    sys.stdout.flush()
    with os.fdopen(os.dup(sys.stdout.fileno()), "wb") as out:
        try:
            return write(out)
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None


@contextmanager
def _output(archive: Archive, path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary file for ``path``, renamed into place when the block succeeds; refused
    (exit 2) if ``path`` is one of the archive's own files or exists without ``force``,
    exit 3 if it cannot be written. Nothing is left behind on failure."""
    from ..outfile import OutputRefused, OutputUnwritable, check_target, replacing

    try:
        check_target(path, archive.own_files(with_captures=path.exists()), force=force)
        with replacing(path, force=force) as tmp:
            yield tmp
    except OutputRefused as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    except OutputUnwritable as exc:
        raise click.exceptions.Exit(_fail(exc.strerror or str(exc), EXIT_CANNOT_START)) from exc


@main.command()
@filter_options
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw articles per month per site to this PNG/SVG/PDF.")
@json_option
@db_option
def stats(site: str | None, since: str | None, until: str | None, author: str | None,
          plot: Path | None, as_json: bool, db_path: Path) -> None:
    """Articles per site per month, top authors, and how complete each field is.

    \b
    Example:
      pressarchive stats --site dongthap --since 2024-01-01 --plot months.png
      pressarchive stats --json
    """
    filters = Filters(site, since, until, author)
    if plot:
        from ..stats import plot_format

        try:
            plot_fmt = plot_format(plot)
        except ValueError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        monthly = archive.monthly_counts(filters)
        authors = archive.author_counts(filters, limit=10)
        coverage = archive.field_coverage(filters)
        republished = archive.republication_counts()
        documents = archive.document_coverage(site)
        if plot:
            from ..stats import plot_monthly

            with _output(archive, plot, force=True) as tmp:
                plot_monthly(monthly, tmp, title=f"Articles per month ({db_path.name})",
                             fmt=plot_fmt)
    if as_json:
        echo_json({"monthly": monthly, "authors": authors, "coverage": coverage,
                   "documents": documents})
        if plot:
            click.echo(f"plot written to {plot}", err=True)
        return
    click.echo("Articles per month")
    click.echo(f"  {'site':<14} {'month':<8} {'articles':>8}")
    for row in monthly:
        click.echo(f"  {row['site'] or '-':<14} {row['month']:<8} {row['articles']:>8}")
    click.echo("\nTop authors")
    for row in authors:
        click.echo(f"  {row['articles']:>6}  {row['author']}")
    click.echo("\nField coverage (share of articles with the field)")
    click.echo(f"  {'site':<14} {'articles':>8} {'published':>9} {'author':>7} {'source':>7}"
               f" {'lead':>6} {'image':>6}")
    for r in coverage:
        click.echo(f"  {r['site'] or '-':<14} {r['articles']:>8} {r['published']:>9.0%}"
                   f" {r['author']:>7.0%} {r['source']:>7.0%} {r['lead']:>6.0%}"
                   f" {r['image']:>6.0%}")
    _echo_documents(documents)
    _echo_republished(republished, site)
    if plot:
        click.echo(f"\nplot written to {plot}", err=True)


def _echo_documents(rows: list[dict[str, Any]]) -> None:
    """Stats: per site, the documents fetched and the share whose text is searchable."""
    if not rows:
        return
    click.echo("\nDocuments (attachments fetched; text: searchable share of the files)")
    click.echo(f"  {'site':<14} {'files':>5} {'MB':>7} {'text':>5} {'ocr':>4} {'needs_ocr':>9}"
               f" {'failed':>6} {'refused':>7} {'searchable':>10}")
    for r in rows:
        failed = r["encrypted"] + r["corrupt"] + r["too_large"] + r["unsupported"]
        share = f"{r['searchable']:.0%}" if r["searchable"] is not None else "-"
        click.echo(f"  {r['site'] or '-':<14} {r['files']:>5} {r['bytes'] / 1e6:>7.1f}"
                   f" {r['text']:>5} {r['ocr']:>4} {r['needs_ocr']:>9} {failed:>6}"
                   f" {r['refused']:>7} {share:>10}")


def _echo_republished(rows: list[dict[str, Any]], site: str | None) -> None:
    """Stats: per site, articles that others republished (originals) and republications
    (see ``pressarchive duplicates``)."""
    click.echo("\nOriginals and republications (clusters of near-duplicates)")
    click.echo(f"  {'site':<14} {'articles':>8} {'original':>8} {'republished':>11}")
    for r in rows:
        if site is None or r["site"] == site:
            click.echo(f"  {r['site'] or '-':<14} {r['articles']:>8} {r['originals']:>8}"
                       f" {r['republished']:>11}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@db_option
def serve(host: str, port: int, db_path: Path) -> None:
    """Browse and search the archive in Datasette (read-only).

    \b
    Example:
      pressarchive serve --db data/demo.db --port 8001
    """
    from ..serve import serve as run

    with open_archive(db_path, readonly=True) as archive:
        immutable = archive.immutable
    raise click.exceptions.Exit(run(db_path, host, port, immutable=immutable))
