"""``pressarchive backfill``: recover a site's articles from web archives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..archive import ArchiveError
from ..profiles import load_profile
from . import (
    EXIT_CANNOT_START,
    EXIT_FAILED,
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    _fail,
    db_option,
    echo_json,
    json_option,
    main,
    open_archive,
    profile_or_exit,
)
from .operate import _interrupted, _offline_work

HELP_GROUP = "Crawl & operate"

_YEAR = click.IntRange(1991, date.today().year + 1)


@main.command()
@click.argument("site")
@click.option("--from", "from_year", type=_YEAR, metavar="YYYY",
              help="Only captures made in this year or later.")
@click.option("--to", "to_year", type=_YEAR, metavar="YYYY",
              help="Only captures made in this year or earlier.")
@click.option("--source", "source_spec", default="wayback", show_default=True,
              metavar="wayback|commoncrawl|URL",
              help="The Wayback Machine, Common Crawl, or a CDX API URL (a pywb collection's"
                   " …/cdx, or a Common Crawl style index read with range requests).")
@click.option("--warc-prefix", metavar="URL",
              help="Where a range-read source's WARC files are (default: the index's host;"
                   " Common Crawl's data server).")
@click.option("--limit", type=click.IntRange(1), metavar="N",
              help="Fetch at most N captures this run (the rest wait for the next).")
@click.option("--all-captures", is_flag=True,
              help="Keep each distinct version (digest) of an article as a revision, not"
                   " only the earliest capture.")
@click.option("--max-rps", type=click.FloatRange(0), metavar="R",
              help="Requests a second to the archive (default: its documented pace; 0: no"
                   " limit, for a server of your own).")
@json_option
@db_option
def backfill(site: str, from_year: int | None, to_year: int | None, source_spec: str,
             warc_prefix: str | None, limit: int | None, all_captures: bool,
             max_rps: float | None, as_json: bool, db_path: Path) -> None:
    """Recover a site's articles from web archives: query the CDX API for captures of
    its article URLs (on its domains and its former_domains), fetch the earliest capture
    of each, keep a WARC copy, extract it with the profile and store it with its
    provenance (capture_source, capture_time, capture_url). A live-crawled version is
    never replaced; a differing archived one becomes a revision. Resumable: Ctrl-C,
    SIGTERM or a kill keeps what was done, the next run goes on (exit 5 when stopped).

    \b
    Example:
      pressarchive backfill dongthap --from 2019 --to 2024 --source wayback
    """
    from ..backfill import SourceError, resolve
    from ..backfill import backfill as run
    from ..backfill.client import FetchError

    if from_year and to_year and from_year > to_year:
        raise click.exceptions.Exit(_fail(f"--from {from_year} is after --to {to_year}",
                                          EXIT_USAGE))
    profile = profile_or_exit(lambda: load_profile(site), site)
    try:
        source = resolve(source_spec, max_rps=max_rps, warc_prefix=warc_prefix,
                         years=(from_year, to_year))
    except SourceError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from None
    except FetchError as exc:
        raise click.exceptions.Exit(_fail(f"cannot list the archive's indexes: {exc.reason}",
                                          EXIT_FAILURES)) from None
    with open_archive(db_path) as archive, _offline_work() as stopping:
        try:
            done = run(archive, profile, source, from_year=from_year, to_year=to_year,
                       all_captures=all_captures, limit=limit,
                       should_stop=lambda: bool(stopping), on_error=None if as_json else
                       lambda url, reason: click.echo(f"  ! {url}: {reason}", err=True))
        except ArchiveError as exc:  # locked by another writer, or damaged
            raise click.exceptions.Exit(_fail(f"{exc}; what was stored is kept",
                                              EXIT_CANNOT_START)) from None
        except OSError as exc:  # the WARC copy could not be written (a full disk)
            raise click.exceptions.Exit(_fail(
                f"cannot write the WARC copy: {exc.strerror or exc}; what was stored is kept:"
                " free space and run again", EXIT_FAILED)) from None
    out = done.outcomes
    if as_json:
        echo_json({"run": done.run_id, "source": done.source, "outcome": done.outcome,
                   "candidates": done.candidates, "left_out": dict(done.left_out),
                   "fetched": done.fetched, "outcomes": dict(out), "to_do": done.to_do,
                   "lists": done.lists,
                   "errors": [{"url": u, "reason": r} for u, r in done.errors],
                   "notes": done.notes, "requests": done.requests,
                   "seconds": round(done.seconds, 2)})
    else:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(done.left_out.items()))
        click.echo(f"run {done.run_id} · {site} · backfill from {done.source} ·"
                   f" {done.outcome}")
        click.echo(f"  CDX: {done.candidates} new article captures found"
                   + (f" (left out: {skipped})" if skipped else "")
                   + (f"; {done.lists} section list pages read for categories"
                      if done.lists else ""))
        for note in done.notes:
            click.echo(f"  note: {note}")
        click.echo(f"  captures fetched {done.fetched} · articles new {out['new']} ·"
                   f" revisions {out['revision'] + out['changed']} · unchanged"
                   f" {out['unchanged']} · not articles {out['not articles']} · failed"
                   f" {len(done.errors)} · still to do {done.to_do}")
        click.echo(f"  {done.requests} requests in {done.seconds:.1f} s")
        if done.errors:
            click.echo(f"  {len(done.errors)} failures: pressarchive runs --errors"
                       f" {done.run_id}")
    _interrupted(stopping, "the captures")
    raise click.exceptions.Exit(EXIT_OK if not done.errors else EXIT_FAILURES)
