"""Commands for writing and checking site profiles: extract, probe, eval, sites."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..profiles import ProfileError, load_all, load_profile
from . import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    _fail,
    echo_json,
    json_option,
    main,
    profile_or_exit,
)

HELP_GROUP = "Profiles"  # its section in `pressarchive --help`


@main.command()
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", required=True, help="The page's URL (for canonical links and images).")
@click.option("--site", help="Profile to use (default: the profile whose domain matches).")
def extract(page: Path, url: str, site: str | None) -> None:
    """Print the fields of one saved PAGE as a JSON object.

    \b
    Example:
      pressarchive extract page.html --url https://dongthap.gov.vn/-/…
    """
    from ..extract import ExtractionError, extract_article

    profile = _page_profile(site, url)
    html = _read_page(page)
    try:
        article = extract_article(html, url, profile=profile)
    except ExtractionError as exc:
        raise click.exceptions.Exit(_fail(f"{page}: {exc.reason}", EXIT_FAILURES)) from exc
    click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))


def _read_page(page: Path) -> bytes:
    """A saved page, read no further than the extraction cap (exit 1 beyond it)."""
    from ..limits import TooLarge, read_page

    try:
        return read_page(page)
    except TooLarge as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_FAILURES)) from None
    except OSError as exc:
        raise click.exceptions.Exit(_fail(f"cannot read {page}: {exc.strerror or exc}",
                                          EXIT_USAGE)) from None


def _page_profile(site: str | None, url: str) -> Any:
    """The profile named by --site, else the one whose domain matches ``url`` (or None);
    an unknown or malformed profile exits 2 with the reason."""
    from ..profiles import profile_for_url

    return profile_or_exit(lambda: load_profile(site) if site else profile_for_url(url), site)


@main.command()
@click.argument("target")
@click.option("--site", help="Profile to use (default: the one whose domain matches, else "
                             "generic rules).")
@click.option("--url", "page_url", help="The page's address, when TARGET is a saved file.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds for the whole fetch (default: the crawler's DOWNLOAD_TIMEOUT).")
def probe(target: str, site: str | None, page_url: str | None, as_json: bool,
          timeout: float | None) -> None:
    """Show every field of one article page (URL, fetched politely, or a saved file) beside
    the rule that produced it, with selector suggestions for missing fields.

    \b
    Example:
      pressarchive probe https://dongthap.gov.vn/-/asset_publisher/…/content/…
    """
    from dataclasses import asdict

    from ..limits import DOWNLOAD_TIMEOUT
    from ..probe import ProbeError, fetch, format_report
    from ..probe import probe as run_probe

    content_type = None
    scheme = target.partition("://")[0].lower() if "://" in target else ""
    if scheme and scheme not in ("http", "https"):
        raise click.exceptions.Exit(_fail(
            f"{target}: only http and https URLs are fetched", EXIT_USAGE))
    if scheme:
        page_url = page_url or target
        profile = _probe_profile(site, page_url)
        try:
            html, content_type = fetch(target, profile.allowed_domains,
                                       timeout=timeout or DOWNLOAD_TIMEOUT)
        except ProbeError as exc:
            raise click.exceptions.Exit(_fail(str(exc), EXIT_FAILURES)) from exc
    else:
        path = Path(target)
        if not path.exists() or path.is_dir():
            raise click.exceptions.Exit(_fail(f"no such file or URL: {target}", EXIT_USAGE))
        if not page_url:
            raise click.exceptions.Exit(_fail("a saved page needs --url (its address)",
                                              EXIT_USAGE))
        profile = _probe_profile(site, page_url)
        html = _read_page(path)
    report = run_probe(html, page_url, profile, content_type)
    click.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2) if as_json
               else format_report(report))
    raise click.exceptions.Exit(EXIT_FAILURES if report.error else EXIT_OK)


def _probe_profile(site: str | None, url: str) -> Any:
    """--site's profile, the one matching ``url``, else generic rules for ``url``."""
    from ..profiles import generic_profile

    try:
        return _page_profile(site, url) or generic_profile(url)
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc


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
    and markup family; or, with --suite, on a peer's evaluation suite.

    \b
    Example:
      pressarchive eval tests/labelled --misses
    """
    from ..evaluate import EvalError, evaluate, format_table

    if suite:
        from ..peers import SuiteError, evaluate_suite, format_suite

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


@main.command()
@json_option
def sites(as_json: bool) -> None:
    """List the site profiles.

    \b
    Example:
      pressarchive sites --json
    """
    try:
        profiles = load_all()
    except ProfileError as exc:
        raise click.exceptions.Exit(_fail(str(exc), EXIT_USAGE)) from exc
    if as_json:
        echo_json([{"name": p.name, "title": p.title, "province": p.province,
                    "platform": p.platform, "enabled": p.enabled, "verified": p.verified,
                    "base_url": p.base_url, "language": p.language,
                    "sections": [{"name": s.name, "path": s.path} for s in p.sections]}
                   for p in profiles])
        return
    click.echo(f"{'name':<14} {'platform':<10} {'enabled':<8} {'verified':<9} {'sections':<9}"
               " base_url")
    for p in profiles:
        click.echo(f"{p.name:<14} {p.platform or '-':<10} {'yes' if p.enabled else 'no':<8} "
                   f"{'yes' if p.verified else 'no':<9} {len(p.sections):<9} {p.base_url}"
                   f"  ({p.title})")
