"""The ``duplicates`` command: republications across portals, and who published first."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from . import _check_site, _iso_date, db_option, main, open_archive


@main.command()
@click.option("--site", help="Only clusters with an article of this site.")
@click.option("--since", callback=_iso_date,
              help="Only clusters whose original was published on or after YYYY-MM-DD.")
@click.option("--min-similarity", type=click.FloatRange(0.0, 1.0), default=0.8,
              show_default=True, help="Show members at least this alike to the original.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=None,
              help="At most this many clusters.")
@click.option("--update", is_flag=True,
              help="First match the articles stored since the last match (a crawl does this"
                   " at its end; needed once for an archive crawled before).")
@click.option("--rebuild", is_flag=True, help="First match every article again.")
@click.option("--threshold", type=click.FloatRange(0.5, 1.0), default=0.8, show_default=True,
              help="With --update/--rebuild: similarity that joins two articles in a cluster.")
@db_option
def duplicates(site: str | None, since: str | None, min_similarity: float, fmt: str,
               as_json: bool, limit: int | None, update: bool, rebuild: bool,
               threshold: float, db_path: Path) -> None:
    """List clusters of republished articles: the original (earliest) first, then each
    copy with its similarity to it and the outlet it credits ("Theo …").

    \b
    Example:
      pressarchive duplicates --site dongthap --since 2023-01-01 --min-similarity 0.8
    """
    from ..syndication import update as match

    if update or rebuild:
        with open_archive(db_path) as archive:
            summary = match(archive, threshold=threshold, rebuild=rebuild)
        click.echo(f"matched {summary.signed} article(s) ({summary.short} too short):"
                   f" {summary.pairs} near-duplicate pair(s), {summary.clusters} cluster(s)"
                   " rewritten", err=True)
    with open_archive(db_path, readonly=True) as archive:
        _check_site(archive, site)
        clusters = archive.duplicate_clusters(site, since, min_similarity, limit)
        waiting = archive.unsigned_count()
    if waiting:
        click.echo(f"note: {waiting} article(s) not matched yet; run `pressarchive duplicates"
                   " --update` (a crawl does it at its end)", err=True)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        click.echo(json.dumps(clusters, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(clusters)
    else:
        for cluster in clusters:
            click.echo(f"cluster {cluster['cluster']} · {cluster['size']} articles on"
                       f" {cluster['sites']} site(s) · first {cluster['published']}")
            for m in cluster["members"]:
                mark = "original" if m["is_earliest"] else f"{m['similarity']:.2f}"
                credit = f"  (Theo {m['credits']})" if m["credits"] else ""
                click.echo(f"  {mark:>8}  {m['published'] or m['first_seen']}  {m['site']}"
                           f"  {m['title']}{credit}")
                click.echo(f"            {m['url']}")
        click.echo(f"{len(clusters)} cluster(s)", err=True)


def _write_csv(clusters: list[dict[str, Any]]) -> None:
    import csv

    fields = ["cluster", "is_earliest", "similarity", "site", "published", "first_seen",
              "title", "url", "credits", "credits_member"]
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for cluster in clusters:
        writer.writerows({**m, "cluster": cluster["cluster"]} for m in cluster["members"])
