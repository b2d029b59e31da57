"""The ``pressarchive`` command: a thin click layer over the library.

Exit codes (stable, for cron and systemd): 0 ok; 1 the crawl finished but some pages
failed (see ``fetch_errors``); 2 usage error (unknown site, malformed profile, bad
option); 3 could not start (archive unusable or locked); 4 degraded (the layout-change
alarm: far more pages than usual lack a date, author or body); 5 interrupted (Ctrl-C,
SIGTERM); 6 failed (a site answered no page at all, or the disk filled up); 7 ``verify``
found a problem (a damaged database, a record whose digest fails, a missing WARC file).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..archive import Archive, ArchiveError, default_db_path

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_CANNOT_START, EXIT_INTERRUPTED = 0, 1, 2, 3, 5
EXIT_DEGRADED, EXIT_FAILED, EXIT_PROBLEMS = 4, 6, 7
OUTCOME_CODES = {"ok": EXIT_OK, "partial": EXIT_FAILURES, "degraded": EXIT_DEGRADED,
                 "interrupted": EXIT_INTERRUPTED, "failed": EXIT_FAILED,
                 "running": EXIT_INTERRUPTED}  # still 'running': the process was cut off
MAX_LIMIT = 100_000  # rows a search or runs listing prints at most (export for more)
MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1  # SQLite's largest integer


def db_option(func: Any) -> Any:
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
        default=lambda: str(default_db_path()), show_default="data/archive.db or $PRESSARCHIVE_DB",
        help="Archive file.",
    )(func)


def open_archive(db_path: Path, *, readonly: bool = False) -> Archive:
    """The archive at ``db_path``; readers pass ``readonly`` (nothing created or written).
    Exits 3 with one line if it is missing (readers), another application's file, or
    unusable."""
    try:
        return Archive(db_path, readonly=readonly)
    except ArchiveError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_CANNOT_START)) from exc


def profile_or_exit(load: Any, site: str | None) -> Any:
    """``load()`` (a profile or profiles), with an unknown ``site`` or a malformed profile
    as one line and exit 2."""
    from ..profiles import ProfileError, profile_names

    try:
        return load()
    except KeyError:
        raise click.exceptions.Exit(_fail(
            f"unknown site {site!r}; known sites: {', '.join(profile_names())}", EXIT_USAGE
        )) from None
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc


def _fail(message: str, code: int) -> int:
    click.echo(f"error: {message}", err=True)
    return code


class _UsageMistake(click.ClickException):
    """A click usage error shown as one line (``error: …``), exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


# ``pressarchive --help`` lists commands in these groups, in this order. A command's group
# is its module's ``HELP_GROUP``, else COMMAND_GROUPS by name, else "Other commands", so a
# command added by a new module shows up without touching this file.
HELP_GROUPS = ("Crawl & operate", "Research", "Profiles", "Other commands")
COMMAND_GROUPS = {"verify": "Crawl & operate", "backup": "Crawl & operate",
                  "bag": "Crawl & operate", "duplicates": "Research"}
# Within a group, these come first in this order; the others follow as registered.
COMMAND_ORDER = ("demo", "crawl", "runs", "optimize", "search", "export", "stats", "serve",
                 "history", "raw", "sites", "probe", "extract", "eval")


def help_group(name: str, command: click.Command) -> str:
    """The ``--help`` group of ``command`` (see HELP_GROUPS)."""
    import sys

    module = sys.modules.get(getattr(command.callback, "__module__", "") or "")
    return getattr(module, "HELP_GROUP", None) or COMMAND_GROUPS.get(name, HELP_GROUPS[-1])


class _OneLineGroup(click.Group):
    """Usage errors of every command as one line on stderr, exit 2 (no usage banner);
    ``--help`` lists the commands by group, each with its whole first sentence."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        registered = {name: n for n, name in enumerate(self.commands)}
        for name in sorted(registered, key=lambda n: (
                COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER),
                registered[n])):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            groups.setdefault(help_group(name, command), []).append(
                (name, command.get_short_help_str(limit=1_000)))
        order = [*HELP_GROUPS, *sorted(set(groups) - set(HELP_GROUPS))]
        for title in (t for t in order if t in groups):
            with formatter.section(title):
                formatter.write_dl(groups[title])

    @staticmethod
    def _one_line(exc: click.UsageError) -> _UsageMistake:
        message = " ".join(exc.format_message().split()).rstrip(".")
        if exc.ctx is not None:
            message += f" (see `{exc.ctx.command_path} --help`)"
        return _UsageMistake(message)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            raise self._one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            raise self._one_line(exc) from None


def _check_site(archive: Archive, site: str | None) -> None:
    """An unknown ``--site`` filter is a usage error naming the archive's sites."""
    if site is not None and not archive.has_site(site):
        known = ", ".join(archive.site_names()) or "none yet"
        raise click.exceptions.Exit(_fail(
            f"no site {site!r} in {archive.path}; its sites: {known}", EXIT_USAGE))


@click.group(cls=_OneLineGroup, context_settings={"help_option_names": ["-h", "--help"],
                                                   "max_content_width": 100})
@click.version_option(__version__, prog_name="pressarchive")
def main() -> None:
    """Crawl provincial government news portals into a SQLite archive.

    `pressarchive COMMAND -h` shows a command's options and an example.

    \b
    Example:
      pressarchive demo
      pressarchive search "quyet tam moi" --db data/demo.db
    """


json_option = click.option("--json", "as_json", is_flag=True,
                           help="Machine-readable output (JSON) instead of the table.")


def echo_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, Vietnamese kept readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None
    return value


def _http_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An http(s) URL with a host, or a usage error."""
    from urllib.parse import urlsplit

    if value is None:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise click.BadParameter(f"expected http://HOST[:PORT] or https://…, got {value!r}")
    return value


def _parse_settings(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        out[name.strip()] = value
    return out


def format_run_summary(run: dict[str, Any], errors: list[dict[str, Any]]) -> str:
    lines = [
        f"run {run['id']} · {run['site']} · {run['outcome']}",
        f"  {run['started']} → {run['ended']}",
        f"  pages fetched {run['pages']} · articles new {run['new']} · changed {run['changed']}"
        f" · unchanged {run['unchanged']} · failed {run['failed']}",
    ]
    if run.get("alarm"):
        from ..recording import describe_alarm

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


def _held_note(held: int, which: str) -> str:
    """What became of versions that lack a field the stored one has."""
    if not held:
        return ""
    return (f"; {held} kept their stored values ({which} version lacks a field they have;"
            " it waits in pending_versions)")


# The commands, by group (importing registers them on ``main``).
from . import (  # noqa: E402, F401
    backfill,
    documents,
    duplicates,
    operate,
    preserve,
    profiling,
    research,
    webarchive,
)
