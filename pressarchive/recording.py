"""RunRecorder: what a crawl hands over (articles, failures, 304s) into one ``runs`` row.

Used by the local crawl's ArchivePipeline and by the distributed writer
(``pressarchive ingest``), so both apply the same upsert, revision and failure rules.
"""

from __future__ import annotations

from typing import Any

from .archive import Archive, RunCounts
from .extract.model import Article
from .items import FetchFailure, NotModified


class RunRecorder:
    """Buffers one run's outcomes and writes them in batches (one transaction each)."""

    def __init__(self, archive: Archive, run_id: int) -> None:
        self.archive = archive
        self.run_id = run_id
        self.counts = RunCounts()
        self.articles: list[Article] = []
        self.failures: list[FetchFailure] = []
        self.not_modified: list[str] = []

    def add(self, item: Any) -> None:
        if isinstance(item, Article):
            self.articles.append(item)
        elif isinstance(item, FetchFailure):
            self.failures.append(item)
        elif isinstance(item, NotModified):
            self.not_modified.append(item.url)

    @property
    def pending(self) -> int:
        return len(self.articles) + len(self.failures) + len(self.not_modified)

    def flush(self) -> list[Article]:
        """Write what is buffered; returns the articles written."""
        written, archive, run_id = self.articles, self.archive, self.run_id
        if self.articles:
            self.counts.add(archive.store_articles(self.articles, run_id))
            archive.resolve_failures([a.url for a in self.articles], run_id)
            self.articles = []
        if self.not_modified:
            self.counts.unchanged += archive.touch(self.not_modified, run_id)
            self.not_modified = []
        if self.failures:
            self.counts.failed += archive.record_failures(self.failures, run_id)
            archive.mark_gone(f.url for f in self.failures if f.status in (404, 410))
            self.failures = []
        archive.update_run(run_id, self.counts)
        return written

    def finish(self, finish_reason: str = "finished") -> str:
        """Flush and close the run; returns its outcome (ok, partial or interrupted)."""
        self.flush()
        if finish_reason not in ("finished", "closespider_itemcount"):
            outcome = "interrupted"
        elif self.counts.failed:
            outcome = "partial"
        else:
            outcome = "ok"
        self.archive.finish_run(self.run_id, self.counts, outcome)
        return outcome
