"""RunRecorder: what a crawl hands over (articles, failures, 304s) into one ``runs`` row.

Used by the local crawl's ArchivePipeline and by the distributed writer
(``pressarchive ingest``), so both apply the same upsert, revision and failure rules.

A degraded run never replaces a present value with a missing one: a new version that
lacks a field its stored one has is held in ``pending_versions`` while the run goes on,
stored when the run is judged healthy, and kept out of ``articles`` when the
layout-change alarm goes off (the alarm says how many articles kept their values).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from .archive import Archive, RunCounts
from .extract.model import Article
from .items import Document, FetchFailure, NotModified

log = logging.getLogger(__name__)


class RunRecorder:
    """Buffers one run's outcomes and writes them in batches (one transaction each)."""

    def __init__(self, archive: Archive, run_id: int, *, alarm_threshold: float = 0.25,
                 alarm_min_pages: int = 10) -> None:
        self.archive = archive
        self.run_id = run_id
        self.alarm_threshold = alarm_threshold
        self.alarm_min_pages = alarm_min_pages
        self.alarm: dict[str, Any] | None = None
        self.judged = False  # the run (with its window) had enough pages to be judged
        self.counts = RunCounts()
        self.articles: list[Article] = []
        self.failures: list[FetchFailure] = []
        self.not_modified: list[str] = []
        self.documents: list[Document] = []

    def add(self, item: Any) -> None:
        if isinstance(item, Article):
            self.articles.append(item)
        elif isinstance(item, FetchFailure):
            self.failures.append(item)
        elif isinstance(item, NotModified):
            self.not_modified.append(item.url)
        elif isinstance(item, Document):
            self.documents.append(item)

    def drop_pending(self) -> None:
        """Forget what is buffered (it could not be written; the next run fetches it)."""
        self.articles, self.failures, self.not_modified = [], [], []
        self.documents = []

    @property
    def pending(self) -> int:
        return (len(self.articles) + len(self.failures) + len(self.not_modified)
                + len(self.documents))

    def flush(self) -> list[Article]:
        """Write what is buffered; returns the articles written."""
        written, archive, run_id = self.articles, self.archive, self.run_id
        if self.articles:
            self.counts.add(archive.store_articles(self.articles, run_id, hold=True))
            archive.resolve_failures([a.url for a in self.articles], run_id)
            self.articles = []
        if self.documents:
            archive.store_documents(self.documents, run_id)
            archive.resolve_failures([d.url for d in self.documents], run_id)
            self.documents = []
        if self.not_modified:
            self.counts.unchanged += archive.touch(self.not_modified, run_id)
            self.not_modified = []
        if self.failures:
            self.counts.failed += archive.record_failures(self.failures, run_id)
            archive.mark_gone(f.url for f in self.failures if f.status in (404, 410))
            self.failures = []
        archive.update_run(run_id, self.counts)
        return written

    def finish(self, finish_reason: str = "finished", pages_ok: int | None = None) -> str:
        """Flush and close the run; returns its outcome: ok, partial (some pages failed),
        degraded (the layout-change alarm went off), failed (pages failed and not one page
        of the site answered: unreachable, robots-disallowed, all errors; or the disk
        filled up) or interrupted.

        ``pages_ok`` is how many list or article pages were read; without it, a run that
        failed and stored or confirmed no article counts as failed.

        Held versions (see the module notes) are stored when the run is judged healthy,
        kept held when it is degraded, and wait for a later verdict when the run was
        interrupted, failed or too small to judge."""
        self.flush()
        archive, run_id = self.archive, self.run_id
        counts = self.counts
        reached = (counts.new + counts.changed + counts.unchanged) > 0 or bool(pages_ok)
        if finish_reason == "disk full":
            outcome = "failed"
        elif finish_reason not in ("finished", "closespider_itemcount"):
            outcome = "interrupted"
        elif counts.failed and not reached:
            outcome = "failed"
        else:
            self.alarm = self.check_layout()
            outcome = "degraded" if self.alarm else "partial" if self.counts.failed else "ok"
        site = archive.run(run_id)["site"]
        if self.alarm:
            self.alarm["kept"] = archive.keep_held(site, run_id)
            archive.set_alarm(run_id, self.alarm)
        elif self.judged and outcome in ("ok", "partial"):
            archive.release_held(site, run_id)
        archive.finish_run(run_id, self.counts, outcome)
        if outcome != "interrupted" and finish_reason != "disk full":
            match_duplicates(archive)
        return outcome

    def check_layout(self) -> dict[str, Any] | None:
        """Compare the share of pages missing a date, an author or a body in this run with
        the site's own earlier runs; past the threshold, record and return the alarm.

        A run smaller than ``alarm_min_pages`` (a quiet day of an incremental crawl) is
        judged together with the runs just before it, so a slow portal still alarms once
        enough pages have come in; the history is the finished runs before that window.
        """
        archive, run_id = self.archive, self.run_id
        recent = archive.record_coverage(run_id)
        log = archive.coverage_log(archive.run(run_id)["site"], run_id)
        window = 0
        while recent["pages"] < self.alarm_min_pages and window < min(len(log), 10):
            recent = _add(recent, log[window][2])
            window += 1
        history = {"pages": 0, "published": 0, "author": 0, "body": 0}
        for _, outcome, coverage in log[window:window + 10]:
            if outcome in ("ok", "partial"):  # a degraded run is not the norm
                history = _add(history, coverage)
        if recent["pages"] < self.alarm_min_pages or history["pages"] < self.alarm_min_pages:
            return None  # not judged: versions held back wait for a verdict
        self.judged = True
        fields = {}
        for field in ("published", "author", "body"):
            share, usual = recent[field] / recent["pages"], history[field] / history["pages"]
            if share - usual >= self.alarm_threshold:
                fields[field] = {"missing": round(share, 3), "usually": round(usual, 3),
                                 "examples": archive.missing_examples(
                                     [run_id, *(r[0] for r in log[:window])], field)}
        if not fields:
            return None
        alarm = {"fields": fields, "pages": recent["pages"], "runs": window + 1,
                 "threshold": self.alarm_threshold}
        archive.set_alarm(run_id, alarm)
        return alarm


def _add(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {key: a.get(key, 0) + int(b.get(key, 0)) for key in a}


def describe_alarm(alarm: dict[str, Any]) -> str:
    """One line: which fields went missing, how often, against what is usual."""
    runs = alarm.get("runs", 1)
    scope = f"{alarm['pages']} pages" + (f" of the last {runs} runs" if runs > 1 else "")
    parts = [f"{field} missing in {info['missing']:.0%} of {scope}"
             f" (usually {info['usually']:.0%})" for field, info in alarm["fields"].items()]
    kept = alarm.get("kept")
    held = (f" {kept} article(s) kept their stored values; the new versions wait in"
            " pending_versions for a mended profile and `pressarchive reextract`."
            if kept else "")
    return ("; ".join(parts) + ": has the portal's layout changed? Check the profile on a"
            " fresh page with `pressarchive extract`." + held)


def match_duplicates(archive: Archive, jobs: int = 1) -> None:
    """The batch step at the end of a run: match the new and changed articles against the
    archive (:mod:`pressarchive.syndication`; ``jobs`` worker processes). A failure here
    is logged and loses nothing: the articles stay unmatched until the next run or
    ``duplicates --update``."""
    from . import syndication

    started = time.monotonic()
    try:
        summary = syndication.update(archive, jobs=jobs)
    except Exception as exc:  # noqa: BLE001 - the crawl's outcome stands
        log.warning("near-duplicate matching skipped: %s", exc)
        return
    if summary.signed:
        log.info("near-duplicates: %d article(s) matched in %.2f s, %d pair(s), %d cluster(s)",
                 summary.signed, time.monotonic() - started, summary.pairs, summary.clusters)
