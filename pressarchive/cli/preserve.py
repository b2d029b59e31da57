"""Commands that keep the archive safe: verify, backup, bag."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import click

from ..archive import Archive, ArchiveError, check_database_file
from . import (
    EXIT_CANNOT_START,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    _check_site,
    _fail,
    _iso_date,
    db_option,
    main,
    open_archive,
)


def _open_for_verify(db_path: Path) -> Archive | None:
    """The archive, writable when it can be (fixity rows), else read-only; None when the
    file is damaged beyond opening (the caller reports it). Exits 3 when there is nothing
    to verify or it is another application's file."""
    if not db_path.is_file():
        raise click.exceptions.Exit(_fail(f"no archive at {db_path}; crawl first or pass --db",
                                          EXIT_CANNOT_START))
    writable = os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    try:
        return Archive(db_path, readonly=not writable)
    except ArchiveError as exc:
        if "not a pressarchive archive" in str(exc) or "schema version" in str(exc):
            raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
        return None


def _damaged(db_path: Path, as_json: bool, error: str) -> int:
    """A database SQLite cannot read through: what its integrity_check says, exit 7."""
    problems = check_database_file(db_path) or [error]
    if as_json:
        click.echo(json.dumps({"db": str(db_path), "problems": len(problems), "checks": {
            "sqlite": {"problems": [{"check": "sqlite", "what": p} for p in problems]}}},
            ensure_ascii=False, indent=2))
    else:
        click.echo(f"verify {db_path}: the database is damaged ({error})")
        for line in problems[:12]:
            click.echo(f"  ! sqlite: {line}")
        click.echo("restore it from a backup (see README, Keeping the archive safe)")
    return EXIT_PROBLEMS


def _emit(report: Any, as_json: bool) -> int:
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.text())
    return EXIT_PROBLEMS if report.problems else EXIT_OK


@main.command()
@click.option("--site", help="Only this site's captures and WARC files.")
@click.option("--sample", type=click.IntRange(min=1), metavar="N",
              help="Check N random captures and that every WARC file is there (nightly).")
@click.option("--backup", "backup_dest", type=click.Path(file_okay=False, path_type=Path),
              metavar="DEST", help="Check a backup made by `pressarchive backup DEST`.")
@click.option("--bag", "bag_dest", type=click.Path(file_okay=False, path_type=Path),
              metavar="DEST", help="Check a bag made by `pressarchive bag DEST` (bagit's"
                                   " validation, then its archive, read-only).")
@click.option("--restart", is_flag=True,
              help="Start a full check over instead of resuming an unfinished one.")
@click.option("--warc-dir", "warc_dirs", multiple=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="A folder of WARC files to look for unknown files in"
                   " (default: warc/ beside the archive).")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Read WARC files in this many processes (a full check).")
@click.option("--json", "as_json", is_flag=True, help="The report as JSON.")
@db_option
def verify(site: str | None, sample: int | None, backup_dest: Path | None,
           bag_dest: Path | None, restart: bool, warc_dirs: tuple[Path, ...], jobs: int,
           as_json: bool, db_path: Path) -> None:
    """Prove the archive: SQLite's integrity_check and foreign keys, the search index's
    integrity-check, every capture against its WARC record (same URL), every record's
    digests, and WARC files missing, cut short or unknown. Each check is a row in the
    `fixity` table; exit 0 when clean, 7 when a problem was found. A full check resumes
    where a killed one stopped.

    \b
    Example:
      pressarchive verify --sample 100
    """
    from ..preserve.verify import Verifier

    if backup_dest is not None:
        raise click.exceptions.Exit(_verify_backup(backup_dest, db_path, as_json))
    if bag_dest is not None:
        raise click.exceptions.Exit(_verify_bag(bag_dest, as_json))
    archive = _open_for_verify(db_path)
    if archive is None:
        raise click.exceptions.Exit(_damaged(db_path, as_json, "it cannot be opened"))
    with archive:
        try:
            _check_site(archive, site)
            verifier = Verifier(archive, site=site, warc_dirs=list(warc_dirs) or None,
                                jobs=jobs)
            report = verifier.sample(sample) if sample else verifier.full(restart=restart)
        except sqlite3.DatabaseError as exc:
            raise click.exceptions.Exit(_damaged(db_path, as_json, str(exc))) from None
        except ArchiveError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc
        except KeyboardInterrupt:
            raise click.exceptions.Exit(_fail(
                "interrupted: what was checked is kept; run `pressarchive verify` again to"
                " resume", EXIT_INTERRUPTED)) from None
    raise click.exceptions.Exit(_emit(report, as_json))


def _verify_backup(dest: Path, db_path: Path, as_json: bool) -> int:
    from ..preserve.backup import verify_backup
    from ..preserve.verify import record

    if not dest.is_dir():
        return _fail(f"no backup at {dest}", EXIT_USAGE)
    try:
        report = verify_backup(dest)
    except ArchiveError as exc:
        return _damaged_backup(dest, str(exc), as_json)
    except sqlite3.DatabaseError as exc:
        return _damaged_backup(dest, str(exc), as_json)
    if db_path.is_file():  # the result goes into the archive it is a backup of
        try:
            with Archive(db_path) as archive:
                record(archive, report)
        except ArchiveError as exc:
            report.notes.append(f"not recorded in {db_path}: {exc}")
    return _emit(report, as_json)


def _verify_bag(dest: Path, as_json: bool) -> int:
    from ..preserve.bag import validate
    from ..preserve.verify import Check, Problem, Report, Verifier

    if not dest.is_dir():
        return _fail(f"no bag at {dest}", EXIT_USAGE)
    bagit_check = Check("manifest", problems=[Problem("manifest", p) for p in validate(dest)])
    databases = sorted((dest / "data").glob("*.db"))
    if bagit_check.problems or not databases:
        report = Report(str(dest), "bag", None, "")
        for check in report.checks.values():
            check.note = "the bag does not validate" if databases else "no archive"
        if not databases:
            report.notes.append("no archive in the bag's data/")
    else:
        try:
            with Archive(databases[0], readonly=True) as archive:
                report = Verifier(archive).full()
        except (ArchiveError, sqlite3.DatabaseError) as exc:
            return _damaged_backup(dest, str(exc), as_json)
        report.scope = f"bag {dest}"
        report.notes = [n for n in report.notes if not n.startswith("read-only")]
    bagit_check.note = "bagit's validation"
    bagit_check.items = sum(1 for p in (dest / "data").rglob("*") if p.is_file())
    report.checks = {"manifest": bagit_check, **report.checks}
    return _emit(report, as_json)


def _damaged_backup(dest: Path, error: str, as_json: bool) -> int:
    if as_json:
        click.echo(json.dumps({"db": str(dest), "problems": 1, "error": error},
                              ensure_ascii=False))
    else:
        click.echo(f"verify backup {dest}: its archive cannot be read: {error}")
    return EXIT_PROBLEMS


@main.command()
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--copy", is_flag=True,
              help="Copy the WARC files even where they could be hard-linked.")
@db_option
def backup(dest: Path, copy: bool, db_path: Path) -> None:
    """A consistent copy of the archive in DEST (a new or empty folder), safe while a crawl
    writes: the database through SQLite's backup API, then its WARC files (hard-linked on
    the same filesystem, else copied), then manifest-sha256.txt. Check it with
    `pressarchive verify --backup DEST`; restore by copying DEST's files back.

    \b
    Example:
      pressarchive backup /mnt/backup/archive-$(date +%F)
    """
    from ..preserve.backup import BackupError
    from ..preserve.backup import backup as run

    with open_archive(db_path, readonly=True) as archive:
        try:
            placed, articles = run(archive, dest, copy=copy)
        except BackupError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
        except OSError as exc:
            raise click.exceptions.Exit(_fail(
                f"cannot back up into {dest}: {exc.strerror or exc}", EXIT_CANNOT_START)
            ) from exc
    for line in placed.skipped:
        click.echo(f"  ! {line}", err=True)
    click.echo(f"backed up {db_path} ({articles:,} articles) and {placed.files} WARC files"
               f" ({placed.bytes / 1e6:,.1f} MB, {placed.linked} hard-linked) to {dest};"
               f" manifest-sha256.txt written. Check it: pressarchive verify --backup {dest}")


@main.command()
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--site", "sites", multiple=True, help="Only this site (repeatable): an extract.")
@click.option("--since", callback=_iso_date,
              help="Only articles published on or after YYYY-MM-DD: an extract.")
@click.option("--organization", envvar="PRESSARCHIVE_ORGANIZATION",
              help="Source-Organization in bag-info.txt (default: $PRESSARCHIVE_CONTACT).")
@click.option("--copy", is_flag=True,
              help="Copy the WARC files even where they could be hard-linked.")
@db_option
def bag(dest: Path, sites: tuple[str, ...], since: str | None, organization: str | None,
        copy: bool, db_path: Path) -> None:
    """A BagIt bag in DEST (a new or empty folder) to deposit with a repository: the
    archive, or with --site/--since an extract of those articles, their WARC files,
    docs/schema.md and bag-info.txt (organisation, contact from $PRESSARCHIVE_CONTACT,
    software version, dates); validated with bagit before it is reported made.

    \b
    Example:
      pressarchive bag /srv/deposit/dongthap-2024 --site dongthap --since 2024-01-01
    """
    import bagit

    from ..preserve.backup import BackupError
    from ..preserve.bag import make_bag

    with open_archive(db_path, readonly=True) as archive:
        for site in sites:
            _check_site(archive, site)
        try:
            made = make_bag(archive, dest, sites=sites, since=since, organization=organization,
                            copy=copy)
        except BackupError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
        except bagit.BagError as exc:
            raise click.exceptions.Exit(_fail(f"the bag in {dest} does not validate: {exc}",
                                              EXIT_PROBLEMS)) from exc
        except OSError as exc:
            raise click.exceptions.Exit(_fail(
                f"cannot make a bag in {dest}: {exc.strerror or exc}", EXIT_CANNOT_START)
            ) from exc
    summary = made.summary
    click.echo(f"bagged {summary['articles']:,} articles of {', '.join(summary['sites'])}"
               f" (published {summary['earliest_published']} to"
               f" {summary['latest_published']}) and {made.files} WARC files in {dest};"
               " valid (bagit)")
