"""Re-extract archived articles from their WARC captures (no network), as a library call.

``pressarchive reextract`` is this plus output. Changed fields become revisions; a version
that lacks a field its stored one has stays held (see ``pending_versions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .archive import Archive, RunCounts
from .extract import Article, ExtractionError, extract_article
from .parallel import BATCH_AHEAD, ordered_map
from .pipelines import rehome
from .profiles import ProfileError, load_profile
from .recording import match_duplicates
from .warc import read_capture


@dataclass
class ReextractResult:
    """What a re-extraction did: the run, its counts, the captures that failed."""

    run_id: int
    counts: RunCounts
    failures: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    outcome: str = "ok"  # ok, partial (failures) or interrupted


def reextract(archive: Archive, site: str | None = None,
              on_failure: Callable[[str, str], None] | None = None, *, jobs: int = 1,
              should_stop: Callable[[], bool] = lambda: False) -> ReextractResult:
    """Run the current extractors over every capture (of ``site``) into ``archive``, as
    one run (``runs.options.command = "reextract"``); ``on_failure(url, reason)`` is
    called for each capture that cannot be read or gives no article. ``jobs`` worker
    processes extract (this process alone writes, in the same order and transactions as
    one); once ``should_stop()`` the batch in hand is stored and the run is
    ``interrupted``."""
    failures: list[tuple[str, str]] = []
    rows = list(archive.captures(site))
    paths = {row["warc_file"]: str(archive.capture_path(row["warc_file"])) for row in rows}

    def articles() -> Iterator[Article]:
        for row, outcome in zip(rows, ordered_map(
                _extract_capture, [(row, paths[row["warc_file"]]) for row in rows], jobs,
                setup=_profiles.clear, should_stop=should_stop, ahead=BATCH_AHEAD),
                strict=False):
            if isinstance(outcome, str):
                failures.append((row["url"], outcome))
                if on_failure is not None:
                    on_failure(row["url"], outcome)
                continue
            yield outcome

    run_id = archive.start_run(site, {"command": "reextract"})
    counts = archive.store_stream(articles(), run_id, hold=True)
    archive.keep_held(site, run_id, only_run=True)
    counts.failed = len(failures)
    outcome = "interrupted" if should_stop() else "ok" if not failures else "partial"
    archive.finish_run(run_id, counts, outcome)
    if outcome != "interrupted":  # a stopped run leaves the matching to the next one
        match_duplicates(archive, jobs)
    return ReextractResult(run_id, counts, failures, outcome)


_profiles: dict[str, Any] = {}  # a run's profiles by name (None: no such profile)


def _extract_capture(task: tuple[dict[str, Any], str]) -> Article | str:
    """The article of one capture as the crawl would store it, or why there is none."""
    row, path = task
    name = row["site"]
    if name not in _profiles:
        try:
            _profiles[name] = load_profile(name)
        except (KeyError, ProfileError):
            _profiles[name] = None
    fetched = row["fetched_url"] or row["url"]  # as the crawl extracted it
    try:
        body, content_type = read_capture(Path(path), row["warc_offset"])
        profile = _profiles[name].rules_for(fetched) if _profiles[name] else None
        article = extract_article(body, fetched, profile=profile,
                                  category=row["category"], content_type=content_type)
    except (OSError, ExtractionError) as exc:
        return str(exc)
    rehome(article, fetched, row["url"])
    article.url, article.site, article.fetched_url = row["url"], name, fetched
    article.warc_file, article.warc_offset = row["warc_file"], row["warc_offset"]
    # the same capture read again: its provenance stays (a backfilled page is not live)
    article.capture_source, article.capture_time = row["capture_source"], row["capture_time"]
    article.capture_url = row["capture_url"]
    return article
