"""Re-extract archived articles from their WARC captures (no network), as a library call.

``pressarchive reextract`` is this plus output. Changed fields become revisions; a version
that lacks a field its stored one has stays held (see ``pending_versions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .archive import Archive, RunCounts
from .extract import ExtractionError, extract_article
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


def reextract(archive: Archive, site: str | None = None,
              on_failure: Callable[[str, str], None] | None = None) -> ReextractResult:
    """Run the current extractors over every capture (of ``site``) into ``archive``, as
    one run (``runs.options.command = "reextract"``); ``on_failure(url, reason)`` is
    called for each capture that cannot be read or gives no article."""
    failures: list[tuple[str, str]] = []
    profiles: dict[str, Any] = {}

    def articles() -> Iterator[Any]:
        for row in list(archive.captures(site)):
            name = row["site"]
            if name not in profiles:
                try:
                    profiles[name] = load_profile(name)
                except (KeyError, ProfileError):
                    profiles[name] = None
            fetched = row["fetched_url"] or row["url"]  # as the crawl extracted it
            try:
                body, content_type = read_capture(archive.capture_path(row["warc_file"]),
                                                  row["warc_offset"])
                article = extract_article(body, fetched, profile=profiles[name],
                                          category=row["category"], content_type=content_type)
            except (OSError, ExtractionError) as exc:
                failures.append((row["url"], str(exc)))
                if on_failure is not None:
                    on_failure(row["url"], str(exc))
                continue
            rehome(article, fetched, row["url"])
            article.url, article.site, article.fetched_url = row["url"], name, fetched
            article.warc_file, article.warc_offset = row["warc_file"], row["warc_offset"]
            yield article

    run_id = archive.start_run(site, {"command": "reextract"})
    counts = archive.store_stream(articles(), run_id, hold=True)
    archive.keep_held(site, run_id, only_run=True)
    counts.failed = len(failures)
    archive.finish_run(run_id, counts, "ok" if not failures else "partial")
    match_duplicates(archive)
    return ReextractResult(run_id, counts, failures)
