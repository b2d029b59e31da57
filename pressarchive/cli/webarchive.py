"""Commands that speak the web archives' language: wacz (export) and replay (pywb)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import (
    EXIT_CANNOT_START,
    EXIT_FAILURES,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    _check_site,
    _fail,
    _iso_date,
    db_option,
    main,
    open_archive,
)

if TYPE_CHECKING:
    from ..replay import IndexReport

HELP_GROUP = "Research"  # its section in `pressarchive --help`


def _exit(message: str, code: int) -> click.exceptions.Exit:
    return click.exceptions.Exit(_fail(message, code))


@main.command()
@click.option("--site", help="Only this site's articles.")
@click.option("--since", callback=_iso_date, help="Articles published on or after YYYY-MM-DD.")
@click.option("-o", "--output", "path", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The .wacz file to write.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@db_option
def wacz(site: str | None, since: str | None, path: Path, force: bool, db_path: Path) -> None:
    """Package the WARC captures as a WACZ file (ReplayWeb.page, pywb), with their CDXJ
    index and a list of the articles (title, URL, capture time).

    Without --site/--since the WARC files go in whole; with them, only the selected
    articles' records.

    \b
    Example:
      pressarchive wacz --site dongthap --since 2024-01-01 -o dongthap-2024.wacz
    """
    from ..replay import archive_warc_files
    from ..wacz import WaczError, build, captures
    from .research import _output

    if path.suffix.lower() != ".wacz":
        raise _exit(f"{path}: the output must be a .wacz file", EXIT_USAGE)
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        rows = archive.page_captures(site, since)
        folder = archive.path.parent
        if not rows:
            raise _exit(f"no captured articles to package in {db_path}"
                        + (" for that selection" if site or since else ""), EXIT_FAILURES)
        whole = None if site or since else sorted(archive_warc_files(archive))
        if whole is not None:
            whole = sorted({*whole, *(r["warc_file"] for r in rows)})
            lost = [n for n in whole if not (folder / n).is_file()]
            if lost:
                raise _exit(f"WARC file {folder / lost[0]} is missing ({len(lost)} of"
                            f" {len(whole)} missing; see `pressarchive verify`)", EXIT_PROBLEMS)
        try:
            chosen = captures(rows, folder)
        except WaczError as exc:
            raise _exit(f"{exc} (see `pressarchive verify`)", EXIT_PROBLEMS) from exc
        title = f"pressarchive: {site or 'all sites'}" + (f" since {since}" if since else "")
        description = (f"{len(chosen)} articles from {archive.path.name}"
                       + (f", site {site}" if site else "")
                       + (f", published on or after {since}" if since else ""))
        with _output(archive, path, force=force) as tmp:
            try:
                build(chosen, folder, whole, tmp, title, description)
            except WaczError as exc:
                raise _exit(str(exc), EXIT_PROBLEMS) from exc
    files = (f"{len(whole)} WARC file{'' if len(whole) == 1 else 's'} whole" if whole is not None
             else "their records only")
    click.echo(f"{path}: {len(chosen):,} articles, {files}, {path.stat().st_size:,} bytes")


@main.command()
@click.option("--host", default=None, help="Address to listen on.  [default: 127.0.0.1]")
@click.option("--port", default=None, type=click.IntRange(1, 65535),
              help="Port to listen on.  [default: 8090]")
@click.option("--site", help="Only this site's collection.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the collections' indexes are kept  [default: under"
                   " $XDG_CACHE_HOME/pressarchive/replay]")
@db_option
def replay(host: str | None, port: int | None, site: str | None, cache_dir: Path | None,
           db_path: Path) -> None:
    """Serve the WARC captures with pywb, one collection per site, to open an article
    page as it was captured (`pressarchive history URL` prints its address).

    \b
    Example:
      pressarchive replay --port 8090 --site dongthap
    """
    from ..replay import (
        DEFAULT_HOST,
        DEFAULT_PORT,
        ReplayIndex,
        archive_warc_files,
        default_cache_dir,
        find_pywb,
    )

    host, port = host or DEFAULT_HOST, port or DEFAULT_PORT
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        files = archive_warc_files(archive, site)
        example = next(iter(archive.page_captures(site)), None)
        folder = archive.path.parent
    if not files:
        raise _exit(f"no WARC captures in {db_path}" + (f" for site {site}" if site else ""),
                    EXIT_FAILURES)
    wayback = find_pywb()
    if wayback is None:
        raise _exit("pywb is not installed: run ./setup.sh (it makes .venv/pywb) or set"
                    " PRESSARCHIVE_PYWB to a virtualenv with pywb", EXIT_CANNOT_START)
    _check_port(host, port)
    cache = cache_dir or default_cache_dir(db_path)
    try:
        report = ReplayIndex(folder, cache).update(files)
    except OSError as exc:
        raise _exit(f"cannot index into {cache}: {exc.strerror or exc}",
                    EXIT_CANNOT_START) from exc
    except KeyboardInterrupt:
        raise _exit("interrupted while indexing; the files indexed so far are kept",
                    EXIT_INTERRUPTED) from None
    if not report.captures:
        lost = [*report.missing, *report.unreadable]
        raise _exit(f"none of the {len(files)} WARC files can be read (e.g. {lost[0]})",
                    EXIT_PROBLEMS)
    _announce(report, cache, host, port, example, folder)
    raise click.exceptions.Exit(_run_wayback(wayback, cache, host, port))


def _check_port(host: str, port: int) -> None:
    import socket

    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise _exit(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                        " (pass another --port)", EXIT_CANNOT_START) from exc


def _announce(report: IndexReport, cache: Path, host: str, port: int,
              example: dict[str, Any] | None, folder: Path) -> None:
    from ..replay import article_captures

    click.echo(f"Indexed {len(report.indexed)} WARC file(s), {report.reused} unchanged since"
               f" last time (index in {cache})")
    for name in report.missing[:3]:
        click.echo(f"  ! not on this disk, left out: {name}")
    for what in report.unreadable[:3]:
        click.echo(f"  ! unreadable, left out (see `pressarchive verify`): {what}")
    base = f"http://{host}:{port}"
    for name, lines in report.captures.items():
        click.echo(f"  {base}/{name}/  ({lines} records)")
    shown = article_captures(example, folder, None, base) if example else []
    if shown:
        click.echo(f"e.g. {example['title']}\n  {shown[-1]['replay']}")  # type: ignore[index]
    click.echo("Ctrl-C stops it.", err=True)


def _run_wayback(wayback: str, cache: Path, host: str, port: int) -> int:
    """pywb's ``wayback`` in the foreground, in its own process group (Ctrl-C reaches it
    as SIGTERM from us: no traceback); 0 when stopped by a signal."""
    import signal
    import subprocess

    from ..serve import _die_with_parent, _wait_forwarding

    env = {**os.environ, "PYWB_CONFIG_FILE": str(cache / "config.yaml")}
    child = subprocess.Popen(  # noqa: PLW1509 - single-threaded here
        [wayback, "-p", str(port), "-b", host], cwd=cache, env=env,
        start_new_session=True, preexec_fn=_die_with_parent)
    return _wait_forwarding(child, as_signal=signal.SIGTERM)
