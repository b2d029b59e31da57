"""Commands that crawl and operate the archive: crawl, ingest, workers, runs, import,
reextract, optimize, demo."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .. import locking
from ..archive import (
    ArchiveError,
)
from ..diskfull import describe, is_disk_full
from ..profiles import ProfileError, load_all, load_profile, profile_names
from . import (
    EXIT_CANNOT_START,
    EXIT_FAILED,
    EXIT_FAILURES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    MAX_ID,
    MAX_LIMIT,
    OUTCOME_CODES,
    _check_site,
    _fail,
    _held_note,
    _http_url,
    _iso_date,
    _parse_settings,
    db_option,
    echo_json,
    format_run_summary,
    json_option,
    main,
    open_archive,
    profile_or_exit,
)

HELP_GROUP = "Crawl & operate"  # its section in `pressarchive --help`


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Crawl every enabled profile.")
@click.option("--base-url", callback=_http_url,
              help="Rebase the profile onto another host (mirror, test server).")
@click.option("--since", callback=_iso_date,
              help="Stop at articles older than this date (YYYY-MM-DD).")
@click.option("--max-articles", type=click.IntRange(min=1), help="Stop after N articles a site.")
@click.option("--full", is_flag=True,
              help="Fetch every listed article again (default: stop a section at known ones).")
@click.option("--recheck", type=click.IntRange(min=0), metavar="DAYS",
              help="Fetch again known articles published in the last DAYS days (edits).")
@click.option("--stop-after-known", type=click.IntRange(min=0), metavar="K",
              help="Stop a section after K known articles in a row (default 20; 0 = never).")
@click.option("--ocr", is_flag=True,
              help="OCR scanned documents during the crawl (slow; default: they are recorded"
                   " as needs_ocr for `pressarchive ocr`).")
@click.option("--no-documents", is_flag=True,
              help="Do not fetch the articles' attachments (PDF, DOC, XLS …).")
@click.option("--refetch-documents", is_flag=True,
              help="Fetch again attachments already archived (default: each URL once).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting override, as with `scrapy crawl -s`.")
@click.option("--quiet", is_flag=True, help="No progress, no summary: errors only (for cron).")
@click.option("--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
              help="Scrapy log level (default INFO without a terminal, WARNING with one).")
@click.option("--redis", "redis_url", metavar="URL",
              help="Be a distributed worker: share the frontier in Redis (redis://HOST:PORT/DB)"
                   " and hand articles to `pressarchive ingest` instead of the archive.")
@click.option("--worker", "worker_name", metavar="NAME",
              help="This worker's name with --redis (default HOST-PID).")
@db_option
def crawl(targets: tuple[str, ...], all_sites: bool, base_url: str | None, since: str | None,
          max_articles: int | None, full: bool, recheck: int | None,
          stop_after_known: int | None, ocr: bool, no_documents: bool,
          refetch_documents: bool, overrides: tuple[str, ...], quiet: bool,
          log_level: str | None, redis_url: str | None, worker_name: str | None,
          db_path: Path) -> None:
    """Crawl SITE (a profile name) or URL (generic mode) into the archive.

    \b
    Example:
      pressarchive crawl dongthap --since 2024-01-01
      pressarchive crawl --all --quiet        # from cron
      pressarchive crawl dongthap --ocr       # documents' scans read by Tesseract too
    """
    from ..crawling import CrawlJob, run_crawlers

    jobs: list[CrawlJob] = []
    try:
        names = [p.name for p in load_all() if p.enabled] if all_sites else []
        for target in [*names, *targets]:
            if target.startswith(("http://", "https://")):
                jobs.append(CrawlJob(url=target, base_url=base_url))
                jobs[-1].name  # noqa: B018 (reads the profiles: a malformed one exits 2)
                continue
            try:
                load_profile(target)
            except KeyError:
                raise click.exceptions.Exit(_fail(
                    f"unknown site {target!r}; known sites: {', '.join(profile_names())}",
                    EXIT_USAGE)) from None
            jobs.append(CrawlJob(site=target, base_url=base_url))
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    if not jobs:
        raise click.exceptions.Exit(_fail(
            f"name a site or URL, or use --all; known sites: {', '.join(profile_names())}",
            EXIT_USAGE))
    for job in jobs:
        job.since, job.max_articles, job.full, job.recheck = since, max_articles, full, recheck
    tty = sys.stderr.isatty()
    settings = _parse_settings(overrides)
    if stop_after_known is not None:
        settings["PRESSARCHIVE_STOP_AFTER_KNOWN"] = str(stop_after_known)
    for name, on in (("PRESSARCHIVE_DOCUMENT_OCR", ocr), ("PRESSARCHIVE_REFETCH_DOCUMENTS",
                                                         refetch_documents)):
        if on:
            settings[name] = "1"
    if no_documents:
        settings["PRESSARCHIVE_DOCUMENTS"] = "0"
    # --quiet: Scrapy says nothing; each run's failures are summed up below, one line a kind.
    log_level = log_level or ("CRITICAL" if quiet else "WARNING" if tty else "INFO")
    if redis_url:
        raise click.exceptions.Exit(_crawl_as_worker(
            jobs, redis_url, worker_name, settings, db_path, quiet, tty, log_level))
    open_archive(db_path).close()  # fail early and clearly if the archive is unusable
    try:
        for job in jobs:
            locking.acquire(db_path, job.name)
    except locking.LockedError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
    except OSError as exc:  # not even the lock file fits: the run never starts
        if not is_disk_full(exc):
            raise
        lock = locking.lock_path(db_path, job.name)
        raise click.exceptions.Exit(_fail(describe(lock, 4096), EXIT_FAILED)) from exc
    stats = run_crawlers(jobs, db_path=db_path, overrides=settings,
                         progress=tty and not quiet, log_level=log_level)
    _ignore_late_signals()
    results = [int(s["pressarchive/run_id"]) for s in stats if "pressarchive/run_id" in s]
    code = EXIT_OK
    for stat in stats:  # a crawl that had to stop (a full disk) says why, in one line
        if stat.get("pressarchive/stopped"):
            click.echo(f"error: {stat['pressarchive/stopped']}", err=True)
            code = EXIT_FAILED
    with open_archive(db_path) as archive:
        for run_id in results:
            run = archive.run(run_id)
            errors = archive.fetch_errors(run_id)
            if quiet:
                for line in quiet_report(run, errors):
                    click.echo(line, err=True)
            else:
                click.echo(format_run_summary(run, errors))
            code = max(code, OUTCOME_CODES.get(run["outcome"], EXIT_FAILURES))
    if len(results) < len(jobs):
        code = max(code, EXIT_CANNOT_START)
    raise click.exceptions.Exit(code)


def _ignore_late_signals() -> None:
    """The runs are over and their outcomes recorded: a signal now (Ctrl-C a moment too
    late) would only kill the summary, or exit 130 over an ``ok`` run, so it is ignored."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)


def _crawl_as_worker(jobs: list[Any], redis_url: str, worker_name: str | None,
                     settings: dict[str, Any], db_path: Path, quiet: bool, tty: bool,
                     log_level: str) -> int:
    """``crawl --redis``: a distributed worker (no archive here; see ``ingest``)."""
    from ..crawling import run_crawlers

    _redis_client(redis_url)  # exits 3 with a clear message if Redis is unreachable
    if any(job.recheck is not None for job in jobs):
        click.echo("warning: --recheck is not available with --redis (ignored)", err=True)
        for job in jobs:
            job.recheck = None
    settings["PRESSARCHIVE_REDIS_URL"] = redis_url
    if worker_name:
        settings["PRESSARCHIVE_WORKER"] = worker_name
    stats = run_crawlers(jobs, db_path=db_path, overrides=settings,
                         progress=tty and not quiet, log_level=log_level)
    _ignore_late_signals()
    code = EXIT_OK
    for job, stat in zip(jobs, stats, strict=True):
        reason = stat.get("finish_reason", "not started")
        if not quiet:
            click.echo(f"worker · {job.name} · {reason} · pages fetched "
                       f"{stat.get('response_received_count', 0)} · items handed off "
                       f"{stat.get('pressarchive/handed_off', 0)}")
        if reason != "finished":
            code = max(code, EXIT_INTERRUPTED if reason in ("shutdown", "cancelled")
                       else EXIT_CANNOT_START)
    return code


def _redis_client(url: str) -> Any:
    from redis.exceptions import RedisError

    from ..distributed.keys import connect

    try:
        return connect(url)
    except (RedisError, ValueError) as exc:
        raise click.exceptions.Exit(_fail(f"cannot use Redis at {url}: {exc}",
                                          EXIT_CANNOT_START)) from exc


redis_option = click.option("--redis", "redis_url", metavar="URL", required=True,
                            envvar="PRESSARCHIVE_REDIS_URL",
                            help="Redis of the distributed crawl (redis://HOST:PORT/DB).")


@main.command()
@redis_option
@click.option("--batch", type=click.IntRange(min=1), default=500, show_default=True,
              help="Messages a transaction.")
@click.option("--idle-exit", type=click.FloatRange(min=0), metavar="SECONDS",
              help="Stop after SECONDS with nothing to write (default: run until stopped).")
@click.option("--quiet", is_flag=True, help="No summary.")
@db_option
def ingest(redis_url: str, batch: int, idle_exit: float | None, quiet: bool,
           db_path: Path) -> None:
    """The single writer of a distributed crawl: Redis hand-off queue -> archive.

    A batch leaves Redis only after the archive has committed it; SIGTERM or Ctrl-C
    finishes the batch in hand and stops.

    \b
    Example:
      pressarchive ingest --redis redis://10.0.0.1:6379/0
    """
    import signal

    from ..distributed.ingest import Ingester
    from ..distributed.keys import Keys

    client = _redis_client(redis_url)
    try:
        locking.acquire(db_path, "_ingest")
    except locking.LockedError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
    stopping: list[int] = []
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda n, _frame: stopping.append(n))
    with open_archive(db_path) as archive:
        ingester = Ingester(client, Keys(), archive, batch=batch)
        ingester.seed_known()
        stats = ingester.run(idle_exit=idle_exit, should_stop=lambda: bool(stopping))
    if not quiet:
        click.echo(f"ingested {stats.messages} messages ({stats.articles} articles) in "
                   f"{stats.batches} batches, {stats.seconds:.1f} s ({stats.rate:.0f}/s);"
                   f" runs finished: {', '.join(map(str, stats.runs_ended)) or 'none'}")
    raise click.exceptions.Exit(EXIT_INTERRUPTED if stopping else EXIT_OK)


@main.command()
@redis_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def workers(redis_url: str, as_json: bool) -> None:
    """Live workers, queue depth and in-flight requests per site, items waiting for ingest.

    \b
    Example:
      pressarchive workers --redis redis://10.0.0.1:6379/0 --json
    """
    from ..distributed.keys import Keys
    from ..distributed.status import format_overview, overview

    data = overview(_redis_client(redis_url), Keys())
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json
               else format_overview(data))


def failure_kind(reason: str) -> str:
    """A fetch error's reason without its URLs and details: "HTTP 500", "redirect loop",
    "redirected off-site", "connection refused" ..."""
    return re.split(r": | to (?=[a-z]+:)| -> ", reason, maxsplit=1)[0].strip() or reason


def quiet_report(run: dict[str, Any], errors: list[dict[str, Any]]) -> list[str]:
    """What ``crawl --quiet`` prints for a run: nothing if all went well, else one line for
    the outcome and one a kind of failure (the full reasons are in ``fetch_errors``)."""
    from collections import Counter

    if run["outcome"] == "ok":
        return []
    lines = [f"{run['site']}: run {run['id']} {run['outcome']}: {run['failed']} pages failed,"
             f" {run['new']} new, {run['changed']} changed articles"
             f" (pressarchive runs --errors {run['id']})"]
    if run.get("alarm"):
        from ..recording import describe_alarm

        lines.append(f"{run['site']}: LAYOUT CHANGE? {describe_alarm(json.loads(run['alarm']))}")
    kinds = Counter(failure_kind(e["reason"] or "") for e in errors)
    for kind, count in kinds.most_common():
        lines.append(f"{run['site']}: {count} × {kind}")
    return lines


@main.command()
@click.option("--site", help="Only this site's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, MAX_LIMIT))
@click.option("--errors", "errors_of", type=click.IntRange(1, MAX_ID), metavar="RUN",
              help="List one run's errors (exit 1 if there is no such run).")
@json_option
@db_option
def runs(site: str | None, limit: int, errors_of: int | None, as_json: bool,
         db_path: Path) -> None:
    """Show the run history (newest first).

    \b
    Example:
      pressarchive runs --site dongthap --limit 5
      pressarchive runs --errors 12 --json
    """
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        if errors_of is not None:
            try:
                archive.run(errors_of)
            except ArchiveError as exc:
                raise click.exceptions.Exit(_fail(str(exc), EXIT_FAILURES)) from exc
            if as_json:
                echo_json(archive.fetch_errors(errors_of))
                return
            for err in archive.fetch_errors(errors_of):
                status = err["status"] or "-"
                click.echo(f"{err['time']}  {status:<4} {err['url']}  {err['reason']}")
            return
        if as_json:  # the JSON-text columns (options, coverage, alarm) as objects
            echo_json([{k: json.loads(v) if k in ("options", "coverage", "alarm") and v
                        else v for k, v in r.items()} for r in archive.runs(site, limit)])
            return
        click.echo(f"{'id':>4} {'site':<12} {'outcome':<11} {'started':<25} {'pages':>6} "
                   f"{'new':>5} {'chg':>5} {'same':>5} {'fail':>5}")
        for r in archive.runs(site, limit):
            click.echo(f"{r['id']:>4} {r['site'] or '-':<12} {r['outcome']:<11} {r['started']:<25}"
                       f" {r['pages']:>6} {r['new']:>5} {r['changed']:>5} {r['unchanged']:>5}"
                       f" {r['failed']:>5}")
            if r.get("alarm"):
                from ..recording import describe_alarm

                click.echo(f"{'':>4} !! {describe_alarm(json.loads(r['alarm']))}")


def _jobs_option(func: Any) -> Any:
    from ..parallel import default_jobs

    return click.option(
        "--jobs", type=click.IntRange(1, 256), default=default_jobs, show_default="the cores",
        help="Worker processes that extract (this one alone writes to the archive).")(func)


@contextmanager
def _offline_work() -> Iterator[list[int]]:
    """Ctrl-C and SIGTERM noted in the list yielded (the work stops at the next page and
    the run is recorded ``interrupted``), not raised; the handlers before are restored. A
    worker process that died (killed, out of memory) is one line and exit 6."""
    import signal
    import threading
    from concurrent.futures.process import BrokenProcessPool

    stopping: list[int] = []
    main_thread = threading.current_thread() is threading.main_thread()
    previous = {signum: signal.signal(signum, lambda n, _frame: stopping.append(n))
                for signum in (signal.SIGTERM, signal.SIGINT)} if main_thread else {}
    try:
        yield stopping
    except BrokenProcessPool:
        raise click.exceptions.Exit(_fail(
            "a worker process died (killed, or out of memory?); what was stored is kept:"
            " run again, with fewer --jobs if memory is short", EXIT_FAILED)) from None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _interrupted(stopping: list[int], what: str) -> None:
    if stopping:
        import signal

        raise click.exceptions.Exit(_fail(
            f"interrupted by {signal.Signals(stopping[0]).name}: {what} stored so far kept;"
            " run again to finish", EXIT_INTERRUPTED))


@main.command()
@click.option("--site", help="Only this site's articles.")
@_jobs_option
@db_option
def reextract(site: str | None, jobs: int, db_path: Path) -> None:
    """Rebuild article fields from the WARC captures with the current extractors (no
    network); changed fields become revisions. The documents' text is extracted again too
    (but the OCR'd ones': `pressarchive ocr` redoes those). Ctrl-C or SIGTERM stops it, keeping what
    was stored (exit 5).

    \b
    Example:
      pressarchive reextract --site dongthap --jobs 2
    """
    from ..reextract import reextract as run

    with open_archive(db_path) as archive, _offline_work() as stopping:
        done = run(archive, site, jobs=jobs, should_stop=lambda: bool(stopping),
                   on_failure=lambda url, reason: click.echo(f"  ! {url}: {reason}", err=True))
        if not stopping and archive.count("documents"):
            from ..docwork import reextract_documents

            texts = reextract_documents(archive, site, should_stop=lambda: bool(stopping))
        else:
            texts = None
    counts, failures = done.counts, len(done.failures)
    click.echo(f"re-extracted {counts.new + counts.changed + counts.unchanged} articles: "
               f"{counts.changed - counts.held} changed, {counts.unchanged} unchanged,"
               f" {failures} failed" + _held_note(counts.held, "the re-extracted"))
    if texts is not None:
        for url, reason in texts.failures:
            click.echo(f"  ! {url}: {reason}", err=True)
        click.echo(f"re-extracted {texts.done} documents: {texts.summary()}"
                   + (f", {len(texts.failures)} failed" if texts.failures else ""))
        failures += len(texts.failures)
    _interrupted(stopping, "the articles")
    raise click.exceptions.Exit(EXIT_OK if not failures else EXIT_FAILURES)


@main.command(name="import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site", help="Profile for every page (default: the profile whose domain "
                             "matches each URL, else generic extraction).")
@_jobs_option
@db_option
def import_warc(files: tuple[Path, ...], site: str | None, jobs: int, db_path: Path) -> None:
    """Load articles from WARC files made by other tools (wget --warc-file, Heritrix,
    Browsertrix): the way to backfill articles a portal has since removed. Ctrl-C or
    SIGTERM stops it, keeping what was stored (exit 5).

    \b
    Example:
      pressarchive import crawl.warc.gz --jobs 2
    """
    from ..warcimport import import_warcs

    known = profile_or_exit(  # read once, not per page
        lambda: [load_profile(site)] if site else load_all(), site)
    with open_archive(db_path) as archive, _offline_work() as stopping:
        done = import_warcs(
            archive, files, known, site=site, jobs=jobs, should_stop=lambda: bool(stopping),
            on_broken=lambda path, exc: click.echo(f"  ! {path}: stopped reading: {exc}",
                                                   err=True))
    counts, versions, tally = done.counts, done.versions, done.tally
    skipped = tally["not articles"] + tally["no article"]
    repeats = versions["changed"] + versions["unchanged"]
    click.echo(
        f"imported {counts.new} new, {counts.changed - counts.held} changed,"
        f" {counts.unchanged} unchanged articles; {skipped} HTML pages without an article"
        f" ({tally['not articles']} not article pages, {tally['no article']} with no title"
        " or body)"
        + (f"; {repeats} more captures of the same articles ({versions['changed']} kept as"
           f" other versions, {versions['unchanged']} already archived)" if repeats else "")
        + _held_note(counts.held, "the imported"))
    _interrupted(stopping, "the articles")
    raise click.exceptions.Exit(EXIT_OK if not tally["broken"] else EXIT_FAILURES)


@main.command()
@db_option
def optimize(db_path: Path) -> None:
    """Keep search fast: merge the search index, refresh statistics (after crawls).

    \b
    Example:
      pressarchive optimize --db data/archive.db
    """
    import sqlite3
    import time

    started = time.monotonic()
    with open_archive(db_path) as archive:
        try:
            done = archive.optimize()
        except (ArchiveError, sqlite3.OperationalError, OSError) as exc:
            # locked, or a full disk ("database or disk is full"): the archive is intact
            raise click.exceptions.Exit(_fail(f"cannot optimize {db_path}: {exc}",
                                              EXIT_CANNOT_START)) from exc
    click.echo(f"{db_path}: {done['articles']:,} articles; search index"
               f" {done['segments_before']} → {done['segments_after']} segment(s);"
               f" {done['common_words']:,} common word(s) counted,"
               f" {done['phrases_recounted']} other cached phrase count(s) renewed;"
               f" {time.monotonic() - started:.1f} s")


def _link_sample_documents(portal: Any) -> None:
    """The demo portal's articles link the sample documents (a PDF, DOCX, DOC, XLSX, a
    scan, an encrypted, a corrupt and a zip-bomb file, one larger than the cap)."""
    from ..sampleportal.attachments import link_documents
    from ..sampleportal.documents import sample_documents

    try:
        link_documents(portal, sample_documents())
    except ValueError:
        pass  # too few articles (--articles): no documents


@main.command()
@click.option("--articles", default=36, show_default=True, type=click.IntRange(min=1))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("data") / "demo.db", show_default=True)
def demo(articles: int, db_path: Path) -> None:
    """Offline first run: crawl the bundled sample portal into data/demo.db.

    \b
    Example:
      pressarchive demo --articles 36
    """
    from ..crawling import CrawlJob, run_crawl
    from ..sampleportal import PortalServer, build_portal

    open_archive(db_path).close()  # fail early and clearly if --db is not an archive
    portal = build_portal(articles)
    _link_sample_documents(portal)
    with PortalServer(portal) as server:
        home = load_profile("dongthap").base_url
        click.echo(f"Serving the sample Liferay portal ({articles} articles) at {server.base_url}"
                   f" (articles are stored under the profile's {home})")
        run_ids = run_crawl(
            [CrawlJob(site="dongthap", base_url=server.base_url)], db_path=db_path,
            overrides={"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0",
                       "CONCURRENT_REQUESTS_PER_DOMAIN": "8"},
            progress=sys.stderr.isatty(), log_level="ERROR",
        )
    with open_archive(db_path) as archive:
        for run_id in run_ids:
            click.echo(format_run_summary(archive.run(run_id), archive.fetch_errors(run_id)))
        searchable = sum(r["text"] + r["ocr"] for r in archive.document_coverage())
        click.echo(f"\n{archive.count('articles')} articles, {archive.count('images')} images, "
                   f"{archive.count('attachments')} attachments ({archive.count('documents')}"
                   f" documents fetched, {searchable} with searchable text) in {db_path}."
                   " Newest:")
        for row in archive.latest(limit=5):
            click.echo(f"  {row['published']}  {row['title']}  ({row['author'] or '-'})")
    db = os.fspath(db_path)
    click.echo(
        "\nNext, try:\n"
        f"  pressarchive search 'quyet tam moi' --db {db}\n"
        f"  pressarchive documents --db {db}\n"
        f"  pressarchive runs --db {db}\n"
        f"  sqlite3 {db} 'SELECT published, title FROM articles ORDER BY published DESC'\n"
        "  pressarchive crawl dongthap            # the real portal (needs a network)"
    )
