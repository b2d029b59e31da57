"""``documents`` and ``ocr``: the attachments a crawl fetched, and OCR of the scans."""

from __future__ import annotations

from pathlib import Path

import click

from ..archive import TEXT_STATUSES
from . import (
    EXIT_CANNOT_START,
    EXIT_FAILURES,
    EXIT_OK,
    MAX_LIMIT,
    _check_site,
    _fail,
    db_option,
    echo_json,
    json_option,
    main,
    open_archive,
)

HELP_GROUP = "Research"  # its section in `pressarchive --help`


@main.command()
@click.option("--site", help="Only this site's documents.")
@click.option("--status", type=click.Choice(TEXT_STATUSES),
              help="Only documents with this text status (e.g. needs_ocr: scans to OCR).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@json_option
@db_option
def documents(site: str | None, status: str | None, limit: int, as_json: bool,
              db_path: Path) -> None:
    """List the documents (attachments) the crawls fetched, newest first: text status,
    type, size, pages, and the articles that link each one.

    A file linked from several articles, or at several URLs, is stored once (by its
    SHA-256). Statuses: text, ocr (read by Tesseract), needs_ocr (a scan: run
    `pressarchive ocr`), encrypted, corrupt, too_large, unsupported; each but text and
    ocr with its reason.

    \b
    Example:
      pressarchive documents --site dongthap --status needs_ocr
    """
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        rows = archive.documents_list(site, status, limit=limit)
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        size = _size(row["size"])
        pages = f" · {row['pages']} p." if row["pages"] else ""
        click.echo(f"{row['text_status']:<11} {row['media_type'] or '-'} · {size}{pages}"
                   f"  {row['url']}")
        if row["reason"]:
            click.echo(f"    reason: {row['reason']}")
        for article in row["articles"]:
            click.echo(f"    linked as “{article['name'] or '-'}” from {article['title']}"
                       f"  {article['url']}")
    click.echo(f"{len(rows)} document(s)", err=True)


def _size(size: int | None) -> str:
    if size is None:
        return "-"
    for unit, step in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= step:
            return f"{size / step:,.1f} {unit}"
    return f"{size} B"


@main.command()
@click.option("--site", help="Only this site's documents.")
@click.option("--limit", type=click.IntRange(min=1), help="OCR at most N documents.")
@click.option("--timeout", default=600.0, show_default=True, type=click.FloatRange(min=1),
              help="Seconds one document's OCR may take.")
@db_option
def ocr(site: str | None, limit: int | None, timeout: float, db_path: Path) -> None:
    """OCR the captured scans (documents with status needs_ocr) with Tesseract's
    Vietnamese model, from their WARC records (no network): their text becomes
    searchable (status ocr). Ctrl-C or SIGTERM stops it, keeping what was done (exit 5).

    \b
    Example:
      pressarchive ocr --site dongthap
    """
    from ..docwork import ocr_documents
    from .operate import _interrupted, _offline_work

    def shown(row: dict, result: object) -> None:
        click.echo(f"  {getattr(result, 'text_status', '?'):<9} {row['url']}", err=True)

    if not db_path.is_file():  # OCR works on what was captured: never a new archive
        raise click.exceptions.Exit(_fail(f"no archive at {db_path}; crawl first or pass --db",
                                          EXIT_CANNOT_START))
    with open_archive(db_path) as archive, _offline_work() as stopping:
        _check_site(archive, site)
        done = ocr_documents(archive, site, timeout=timeout, limit=limit,
                             should_stop=lambda: bool(stopping), on_done=shown)
    for url, reason in done.failures:
        click.echo(f"  ! {url}: {reason}", err=True)
    click.echo(f"OCR of {done.done} document(s): {done.summary()}"
               + (f", {len(done.failures)} failed" if done.failures else ""))
    _interrupted(stopping, "the documents")
    raise click.exceptions.Exit(EXIT_OK if not done.failures else EXIT_FAILURES)
