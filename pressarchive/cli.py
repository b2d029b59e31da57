"""The ``pressarchive`` command: a thin click layer over the library.

Exit codes (stable, for cron and systemd): 0 ok; 1 the crawl finished but some pages
failed (see ``fetch_errors``); 2 usage error (unknown site, malformed profile, bad
option); 3 could not start (archive unusable or locked); 4 degraded (the layout-change
alarm: far more pages than usual lack a date, author or body); 5 interrupted.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__, locking
from .archive import (
    SEARCH_CAP,
    Archive,
    ArchiveError,
    Filters,
    SearchError,
    default_db_path,
)
from .profiles import ProfileError, load_all, load_profile, profile_names

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_CANNOT_START, EXIT_INTERRUPTED = 0, 1, 2, 3, 5
EXIT_DEGRADED = 4


def db_option(func: Any) -> Any:
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: str(default_db_path()), show_default="data/archive.db or $PRESSARCHIVE_DB",
        help="Archive file.",
    )(func)


def open_archive(db_path: Path) -> Archive:
    try:
        return Archive(db_path)
    except ArchiveError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc


def _fail(message: str, code: int) -> int:
    click.echo(f"error: {message}", err=True)
    return code


@click.group()
@click.version_option(__version__, prog_name="pressarchive")
def main() -> None:
    """Crawl provincial government news portals into a SQLite archive."""


# -- crawl ------------------------------------------------------------------------


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None
    return value


def _parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        out[name.strip()] = value
    return out


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--all", "all_sites", is_flag=True, help="Crawl every enabled profile.")
@click.option("--base-url", help="Rebase the profile onto another host (mirror, test server).")
@click.option("--since", callback=_iso_date,
              help="Stop at articles older than this date (YYYY-MM-DD).")
@click.option("--max-articles", type=click.IntRange(min=1), help="Stop after N articles a site.")
@click.option("--full", is_flag=True,
              help="Fetch every listed article again (default: stop a section at known ones).")
@click.option("--recheck", type=click.IntRange(min=0), metavar="DAYS",
              help="Fetch again known articles published in the last DAYS days (edits).")
@click.option("--stop-after-known", type=click.IntRange(min=0), metavar="K",
              help="Stop a section after K known articles in a row (default 20; 0 = never).")
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
          stop_after_known: int | None, overrides: tuple[str, ...], quiet: bool,
          log_level: str | None, redis_url: str | None, worker_name: str | None,
          db_path: Path) -> None:
    """Crawl SITE (a profile name) or URL (generic mode) into the archive."""
    from .crawling import CrawlJob, run_crawl

    jobs: list[CrawlJob] = []
    try:
        names = [p.name for p in load_all() if p.enabled] if all_sites else []
        for target in [*names, *targets]:
            if target.startswith(("http://", "https://")):
                jobs.append(CrawlJob(url=target, base_url=base_url))
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
    log_level = log_level or ("ERROR" if quiet else "WARNING" if tty else "INFO")
    if redis_url:
        raise click.exceptions.Exit(_crawl_as_worker(
            jobs, redis_url, worker_name, settings, db_path, quiet, tty, log_level))
    open_archive(db_path).close()  # fail early and clearly if the archive is unusable
    try:
        for job in jobs:
            locking.acquire(db_path, job.name)
    except locking.LockedError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
    results = run_crawl(jobs, db_path=db_path, overrides=settings,
                        progress=tty and not quiet, log_level=log_level)
    code = EXIT_OK
    with open_archive(db_path) as archive:
        for run_id in results:
            run = archive.run(run_id)
            if not quiet:
                click.echo(format_run_summary(run, archive.fetch_errors(run_id)))
            if run["outcome"] == "interrupted":
                code = max(code, EXIT_INTERRUPTED)
            elif run["outcome"] == "degraded":
                code = max(code, EXIT_DEGRADED)
            elif run["outcome"] != "ok":
                code = max(code, EXIT_FAILURES)
    if len(results) < len(jobs):
        code = max(code, EXIT_CANNOT_START)
    raise click.exceptions.Exit(code)


def _crawl_as_worker(jobs: list[Any], redis_url: str, worker_name: str | None,
                     settings: dict[str, Any], db_path: Path, quiet: bool, tty: bool,
                     log_level: str) -> int:
    """``crawl --redis``: a distributed worker (no archive here; see ``ingest``)."""
    from .crawling import run_crawlers

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

    from .distributed.keys import connect

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
    """
    import signal

    from .distributed.ingest import Ingester
    from .distributed.keys import Keys

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
    """Live workers, queue depth and in-flight requests per site, items waiting for ingest."""
    from .distributed.keys import Keys
    from .distributed.status import format_overview, overview

    data = overview(_redis_client(redis_url), Keys())
    click.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json
               else format_overview(data))


def format_run_summary(run: dict[str, Any], errors: list[dict[str, Any]]) -> str:
    lines = [
        f"run {run['id']} · {run['site']} · {run['outcome']}",
        f"  {run['started']} → {run['ended']}",
        f"  pages fetched {run['pages']} · articles new {run['new']} · changed {run['changed']}"
        f" · unchanged {run['unchanged']} · failed {run['failed']}",
    ]
    if run.get("alarm"):
        from .recording import describe_alarm

        alarm = json.loads(run["alarm"])
        lines.append(f"  !! LAYOUT CHANGE? {describe_alarm(alarm)}")
        for field, info in alarm["fields"].items():
            for url in info["examples"]:
                lines.append(f"  !! no {field}: {url}")
    for err in errors[:5]:
        lines.append(f"  ! {err['url']}  {err['reason']}")
    if len(errors) > 5:
        lines.append(f"  … and {len(errors) - 5} more (pressarchive runs --errors {run['id']})")
    return "\n".join(lines)


# -- extract ----------------------------------------------------------------------


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The page's URL (for canonical links and images).")
@click.option("--site", help="Profile to use (default: the profile whose domain matches).")
def extract(page: Path, url: str, site: str | None) -> None:
    """Print the fields of one saved PAGE as a JSON object."""
    from .extract import ExtractionError, extract_article

    profile = _page_profile(site, url)
    try:
        article = extract_article(page.read_bytes(), url, profile=profile)
    except ExtractionError as exc:
        raise click.exceptions.Exit(_fail(f"{page}: {exc.reason}", EXIT_FAILURES)) from exc
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


def _page_profile(site: str | None, url: str) -> Any:
    """The profile named by --site, else the one whose domain matches ``url`` (or None);
    an unknown or malformed profile exits 2 with the reason."""
    from .profiles import profile_for_url

    try:
        return load_profile(site) if site else profile_for_url(url)
    except KeyError:
        raise click.exceptions.Exit(_fail(
            f"unknown site {site!r}; known sites: {', '.join(profile_names())}", EXIT_USAGE
        )) from None
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc


@main.command()
@click.argument("target")
@click.option("--site", help="Profile to use (default: the one whose domain matches, else "
                             "generic rules).")
@click.option("--url", "page_url", help="The page's address, when TARGET is a saved file.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def probe(target: str, site: str | None, page_url: str | None, as_json: bool) -> None:
    """Show every field of one article page (URL, fetched politely, or a saved file) beside
    the rule that produced it, with selector suggestions for missing fields."""
    from dataclasses import asdict

    from .probe import ProbeError, fetch, format_report
    from .probe import probe as run_probe
    from .profiles import generic_profile

    content_type = None
    if target.startswith(("http://", "https://")):
        page_url = page_url or target
        try:
            html, content_type = fetch(target)
        except ProbeError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_FAILURES)) from exc
    else:
        path = Path(target)
        if not path.is_file():
            raise click.exceptions.Exit(_fail(f"no such file or URL: {target}", EXIT_USAGE))
        if not page_url:
            raise click.exceptions.Exit(_fail("a saved page needs --url (its address)",
                                              EXIT_USAGE))
        html = path.read_bytes()
    profile = _page_profile(site, page_url) or generic_profile(page_url)
    report = run_probe(html, page_url, profile, content_type)
    click.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2) if as_json
               else format_report(report))
    raise click.exceptions.Exit(EXIT_FAILURES if report.error else EXIT_OK)


@main.command(name="eval")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--site", help="Only the pages of this site (profile name, or host).")
@click.option("--baseline", type=click.Choice(["trafilatura"]),
              help="Also score this extractor, for comparison.")
@click.option("--mode", type=click.Choice(["profile", "generic", "both"]), default="both",
              show_default=True, help="With site profiles, without (generic), or both.")
@click.option("--suite", type=click.Choice(["trafilatura", "htmldate"]),
              help="DIRECTORY is this peer's unpacked evaluation suite: score it by its own "
                   "rules, pressarchive (generic mode) beside the peer.")
@click.option("--no-peer", is_flag=True, help="With --suite: pressarchive only.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --suite: pages spread over this many processes.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--misses", is_flag=True, help="Also list every missed field, page by page.")
def eval_cmd(directory: Path, site: str | None, baseline: str | None, mode: str,
             suite: str | None, no_peer: bool, jobs: int, as_json: bool,
             misses: bool) -> None:
    """Score extraction on a labelled set (DIRECTORY/*.html + *.json): per field, site
    and markup family; or, with --suite, on a peer's evaluation suite."""
    from .evaluate import EvalError, evaluate, format_table

    if suite:
        from .peers import SuiteError, evaluate_suite, format_suite

        try:
            suite_report = evaluate_suite(suite, directory, peer=not no_peer, workers=jobs)
        except SuiteError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
        click.echo(json.dumps(suite_report.to_dict(), ensure_ascii=False, indent=2)
                   if as_json else format_suite(suite_report, misses=misses))
        return
    try:
        report = evaluate(directory, site=site, baseline=baseline, mode=mode)
    except EvalError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json
               else format_table(report, misses=misses))


# -- sites, runs ------------------------------------------------------------------


@main.command()
def sites() -> None:
    """List the site profiles."""
    try:
        profiles = load_all()
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    click.echo(f"{'name':<14} {'platform':<10} {'enabled':<8} {'verified':<9} {'sections':<9}"
               " base_url")
    for p in profiles:
        click.echo(f"{p.name:<14} {p.platform or '-':<10} {'yes' if p.enabled else 'no':<8} "
                   f"{'yes' if p.verified else 'no':<9} {len(p.sections):<9} {p.base_url}"
                   f"  ({p.title})")


@main.command()
@click.option("--site", help="Only this site's runs.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--errors", "errors_of", type=int, metavar="RUN", help="List one run's errors.")
@db_option
def runs(site: str | None, limit: int, errors_of: int | None, db_path: Path) -> None:
    """Show the run history (newest first)."""
    with open_archive(db_path) as archive:
        if errors_of is not None:
            for err in archive.fetch_errors(errors_of):
                status = err["status"] or "-"
                click.echo(f"{err['time']}  {status:<4} {err['url']}  {err['reason']}")
            return
        click.echo(f"{'id':>4} {'site':<12} {'outcome':<11} {'started':<25} {'pages':>6} "
                   f"{'new':>5} {'chg':>5} {'same':>5} {'fail':>5}")
        for r in archive.runs(site, limit):
            click.echo(f"{r['id']:>4} {r['site'] or '-':<12} {r['outcome']:<11} {r['started']:<25}"
                       f" {r['pages']:>6} {r['new']:>5} {r['changed']:>5} {r['unchanged']:>5}"
                       f" {r['failed']:>5}")
            if r.get("alarm"):
                from .recording import describe_alarm

                click.echo(f"{'':>4} !! {describe_alarm(json.loads(r['alarm']))}")


# -- history ------------------------------------------------------------------------


@main.command()
@click.argument("url")
@click.option("--no-diff", is_flag=True, help="List the versions only.")
@db_option
def history(url: str, no_diff: bool, db_path: Path) -> None:
    """List the versions of one article and show what changed between them."""
    import difflib

    with open_archive(db_path) as archive:
        current = archive.article(url)
        if current is None:
            raise click.exceptions.Exit(_fail(f"no article with URL {url} in {db_path}",
                                              EXIT_FAILURES))
        versions = [*archive.revisions(url), current]
    click.echo(f"{current['title']}\n{url}  ({current['status']}"
               + (f" since {current['gone_since']}" if current["gone_since"] else "") + ")")
    for n, version in enumerate(versions, 1):
        until = version.get("replaced_at") or "now"
        start = version.get("valid_from") or version.get("last_changed")
        words = len((version["body"] or "").split())
        click.echo(f"  v{n}  {start} → {until}  {version['content_hash'][:12]}  {words} words")
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


# -- raw captures ---------------------------------------------------------------------


@main.command()
@click.argument("url")
@db_option
def raw(url: str, db_path: Path) -> None:
    """Print the captured HTML of an article, as the portal sent it (from its WARC)."""
    from .warc import read_capture

    with open_archive(db_path) as archive:
        row = archive.article(url)
        if row is None or not row.get("warc_file"):
            raise click.exceptions.Exit(_fail(f"no capture of {url} in {db_path}",
                                              EXIT_FAILURES))
        path = archive.capture_path(row["warc_file"])
    try:
        body, _ = read_capture(path, row["warc_offset"])
    except OSError as exc:
        raise click.exceptions.Exit(_fail(f"cannot read {path}: {exc}", EXIT_FAILURES)) from exc
    sys.stdout.buffer.write(body)


@main.command()
@click.option("--site", help="Only this site's articles.")
@db_option
def reextract(site: str | None, db_path: Path) -> None:
    """Rebuild article fields from the WARC captures with the current extractors (no
    network); changed fields become revisions."""
    from .extract import ExtractionError, extract_article
    from .warc import read_capture

    failures = 0
    profiles: dict[str, Any] = {}

    def articles(archive: Archive) -> Iterator[Any]:
        nonlocal failures
        for row in list(archive.captures(site)):
            name = row["site"]
            if name not in profiles:
                try:
                    profiles[name] = load_profile(name)
                except (KeyError, ProfileError):
                    profiles[name] = None
            try:
                body, content_type = read_capture(archive.capture_path(row["warc_file"]),
                                                  row["warc_offset"])
                article = extract_article(body, row["url"], profile=profiles[name],
                                          category=row["category"], content_type=content_type)
            except (OSError, ExtractionError) as exc:
                failures += 1
                click.echo(f"  ! {row['url']}: {exc}", err=True)
                continue
            article.url, article.site = row["url"], name
            article.warc_file, article.warc_offset = row["warc_file"], row["warc_offset"]
            yield article

    with open_archive(db_path) as archive:
        run_id = archive.start_run(site, {"command": "reextract"})
        counts = archive.store_stream(articles(archive), run_id)
        counts.failed = failures
        archive.finish_run(run_id, counts, "ok" if not failures else "partial")
    click.echo(f"re-extracted {counts.new + counts.changed + counts.unchanged} articles: "
               f"{counts.changed} changed, {counts.unchanged} unchanged, {failures} failed")
    raise click.exceptions.Exit(EXIT_OK if not failures else EXIT_FAILURES)


@main.command(name="import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site", help="Profile for every page (default: the profile whose domain "
                             "matches each URL, else generic extraction).")
@db_option
def import_warc(files: tuple[Path, ...], site: str | None, db_path: Path) -> None:
    """Load articles from WARC files made by other tools (wget --warc-file, Heritrix,
    Browsertrix): the way to backfill articles a portal has since removed."""
    from .extract import ExtractionError, extract_article
    from .profiles import generic_profile
    from .warc import iter_html_responses

    try:
        known = [load_profile(site)] if site else load_all()  # read once, not per page
    except KeyError:
        raise click.exceptions.Exit(_fail(
            f"unknown site {site!r}; known sites: {', '.join(profile_names())}", EXIT_USAGE
        )) from None
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    skipped = broken = 0

    def articles() -> Iterator[Any]:
        nonlocal skipped, broken
        for path in files:
            stored_as = os.path.relpath(path.resolve(), db_path.resolve().parent)
            try:
                for url, offset, body, content_type in iter_html_responses(path):
                    profile = known[0] if site else next(
                        (p for p in known if p.matches_url(url)), None)
                    pattern = profile.discovery.get("article_url_pattern") if profile else None
                    if pattern and not re.search(pattern, url):
                        skipped += 1  # a list or home page of a known portal
                        continue
                    try:
                        article = extract_article(body, url, profile=profile,
                                                  content_type=content_type)
                    except ExtractionError:
                        skipped += 1  # list pages, home pages, notices without text
                        continue
                    article.site = profile.name if profile else generic_profile(url).name
                    article.warc_file, article.warc_offset = stored_as, offset
                    yield article
            except Exception as exc:  # a broken WARC: keep what was read, say where it broke
                click.echo(f"  ! {path}: stopped reading: {exc}", err=True)
                broken += 1

    with open_archive(db_path) as archive:
        run_id = archive.start_run(site, {"command": "import", "files": [str(f) for f in files]})
        counts = archive.store_stream(articles(), run_id)
        counts.failed = broken
        archive.finish_run(run_id, counts, "ok" if not broken else "partial")
    click.echo(f"imported {counts.new} new, {counts.changed} changed, {counts.unchanged} "
               f"unchanged articles; {skipped} HTML pages without an article")
    raise click.exceptions.Exit(EXIT_OK if not broken else EXIT_FAILURES)


# -- search, export, stats, serve ---------------------------------------------------


def filter_options(func: Any) -> Any:
    """--site/--since/--until/--author, shared by search, export and stats."""
    for option in reversed([
        click.option("--site", help="Only this site."),
        click.option("--since", callback=_iso_date, help="Published on or after YYYY-MM-DD."),
        click.option("--until", callback=_iso_date, help="Published on or before YYYY-MM-DD."),
        click.option("--author", help="Author contains this text."),
    ]):
        func = option(func)
    return func


@main.command()
@click.argument("query")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--offset", default=0, type=click.IntRange(min=0))
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--exhaustive", is_flag=True,
              help=f"Rank every match (default: when more than {SEARCH_CAP:,} articles match,"
                   f" the {SEARCH_CAP:,} most recently archived of them; slow on large"
                   " archives).")
@db_option
def search(query: str, site: str | None, since: str | None, until: str | None,
           author: str | None, limit: int, offset: int, fmt: str, exhaustive: bool,
           db_path: Path) -> None:
    """Full-text search, with or without diacritics ("quyet tam moi")."""
    with open_archive(db_path) as archive:
        try:
            hits = archive.search(query, Filters(site, since, until, author),
                                  limit=limit, offset=offset,
                                  cap=None if exhaustive else SEARCH_CAP)
        except SearchError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
        except ArchiveError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        fields = ["rank", "published", "site", "author", "title", "url", "snippet"]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(hits)
    else:
        for hit in hits:
            click.echo(f"{hit['published'] or '?':<25} {hit['site'] or '-'}  {hit['title']}"
                       f"  ({hit['author'] or '-'})")
            click.echo(f"    {hit['url']}")
            click.echo(f"    {hit['snippet']}")
        click.echo(f"{len(hits)} result(s)", err=True)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@filter_options
@click.option("--query", help="Only articles matching this full-text query.")
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 BOM (Excel-friendly).")
@db_option
def export(fmt: str, output: Path, site: str | None, since: str | None, until: str | None,
           author: str | None, query: str | None, bom: bool, db_path: Path) -> None:
    """Stream articles to CSV, JSON Lines or Parquet (for pandas, R, spreadsheets)."""
    from .export import COLUMNS
    from .export import export as write

    with open_archive(db_path) as archive:
        rows = archive.iter_rows(Filters(site, since, until, author), query, COLUMNS)
        try:
            next(rows)  # the column names: COLUMNS, as asked
            count = write(rows, output, fmt, bom=bom)
        except SearchError as exc:
            output.unlink(missing_ok=True)
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    click.echo(f"{count} articles written to {output}", err=True)


@main.command()
@filter_options
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw articles per month per site to this PNG/SVG/PDF.")
@db_option
def stats(site: str | None, since: str | None, until: str | None, author: str | None,
          plot: Path | None, db_path: Path) -> None:
    """Articles per site per month, top authors, and how complete each field is."""
    filters = Filters(site, since, until, author)
    with open_archive(db_path) as archive:
        monthly = archive.monthly_counts(filters)
        authors = archive.author_counts(filters, limit=10)
        coverage = archive.field_coverage(filters)
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
    if plot:
        from .stats import plot_monthly

        plot_monthly(monthly, plot, title=f"Articles per month ({db_path.name})")
        click.echo(f"\nplot written to {plot}", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@db_option
def serve(host: str, port: int, db_path: Path) -> None:
    """Browse and search the archive in Datasette (read-only)."""
    from .serve import serve as run

    open_archive(db_path).close()
    raise click.exceptions.Exit(run(db_path, host, port))


@main.command()
@db_option
def optimize(db_path: Path) -> None:
    """Keep search fast: merge the search index, refresh statistics (after crawls)."""
    import time

    started = time.monotonic()
    with open_archive(db_path) as archive:
        try:
            done = archive.optimize()
        except ArchiveError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
    click.echo(f"{db_path}: {done['articles']:,} articles; search index"
               f" {done['segments_before']} → {done['segments_after']} segment(s);"
               f" {done['common_words']:,} common word(s) counted,"
               f" {done['phrases_recounted']} other cached phrase count(s) renewed;"
               f" {time.monotonic() - started:.1f} s")


# -- demo -------------------------------------------------------------------------


@main.command()
@click.option("--articles", default=36, show_default=True, type=click.IntRange(min=1))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("data") / "demo.db", show_default=True)
def demo(articles: int, db_path: Path) -> None:
    """Offline first run: crawl the bundled sample portal into data/demo.db."""
    from .crawling import CrawlJob, run_crawl
    from .sampleportal import PortalServer, build_portal

    portal = build_portal(articles)
    with PortalServer(portal) as server:
        click.echo(f"Serving the sample Liferay portal ({articles} articles) at {server.base_url}")
        run_ids = run_crawl(
            [CrawlJob(site="dongthap", base_url=server.base_url)], db_path=db_path,
            overrides={"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0",
                       "CONCURRENT_REQUESTS_PER_DOMAIN": "8"},
            progress=sys.stderr.isatty(), log_level="ERROR",
        )
    with open_archive(db_path) as archive:
        for run_id in run_ids:
            click.echo(format_run_summary(archive.run(run_id), archive.fetch_errors(run_id)))
        click.echo(f"\n{archive.count('articles')} articles, {archive.count('images')} images, "
                   f"{archive.count('attachments')} attachments in {db_path}. Newest:")
        for row in archive.latest(limit=5):
            click.echo(f"  {row['published']}  {row['title']}  ({row['author'] or '-'})")
    db = os.fspath(db_path)
    click.echo(
        "\nNext, try:\n"
        f"  pressarchive search 'quyet tam moi' --db {db}\n"
        f"  pressarchive runs --db {db}\n"
        f"  sqlite3 {db} 'SELECT published, title FROM articles ORDER BY published DESC'\n"
        "  pressarchive crawl dongthap            # the real portal (needs a network)"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
