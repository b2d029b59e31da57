"""Item pipelines: normalise, validate, archive (in that order, see settings.py)."""

from __future__ import annotations

import time
from typing import Any

from scrapy import signals

from . import diskfull, locking
from .archive import Archive
from .extract.model import Article
from .items import Document, FetchFailure, NotModified
from .profiles import Profile, origin, rehost
from .recording import RunRecorder, describe_alarm
from .textnorm import clean_inline, nfc


class NormalizePipeline:
    """NFC everywhere; inline fields collapsed to one line; body paragraphs tidied; URLs
    under the profile's canonical host, whatever host was fetched (``--base-url``)."""

    def __init__(self, crawler: Any = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = getattr(self.crawler, "spider", None)
        if spider is not None and hasattr(spider, "profile"):
            canonicalise(item, spider.profile)
        if not isinstance(item, Article):
            return item
        for name in ("title", "author", "source", "category", "lead", "published"):
            value = getattr(item, name)
            if isinstance(value, str):
                setattr(item, name, clean_inline(value) or None)
        paragraphs = [clean_inline(p) for p in nfc(item.body).split("\n\n")]
        item.body = "\n\n".join(p for p in paragraphs if p)
        for image in item.images:
            image.caption = clean_inline(image.caption) or None
        for attachment in item.attachments:
            attachment.name = clean_inline(attachment.name) or None
        return item


class ValidatePipeline:
    """An article without a title or body becomes a recorded failure, never a row."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            missing = [n for n in ("title", "body") if not getattr(item, n)]
            if missing:
                return FetchFailure(item.url, f"no {' and no '.join(missing)}", None, item.site)
        return item


class ArchivePipeline:
    """Writes to the SQLite archive in batches; one ``runs`` row per crawl."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.db_path = settings.get("PRESSARCHIVE_DB")
        self.batch_size = settings.getint("PRESSARCHIVE_BATCH_SIZE", 200)
        self.batch_seconds = settings.getfloat("PRESSARCHIVE_BATCH_SECONDS", 5.0)
        self.archive: Archive | None = None
        self.recorder: RunRecorder | None = None
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        pipe = cls(crawler)
        # The run's outcome needs the finish reason, which Scrapy sets only when it sends
        # spider_closed (after close_spider): so the run is finished there.
        crawler.signals.connect(pipe.spider_closed, signal=signals.spider_closed)
        return pipe

    def open_spider(self) -> None:
        spider = self.crawler.spider
        profile = spider.profile
        locking.acquire(self.db_path, profile.name)  # LockedError: another run is going
        self.archive = Archive(self.db_path)
        register_site(self.archive, profile)
        run_id = self.archive.start_run(profile.name, run_options(spider))
        settings = self.crawler.settings
        self.recorder = RunRecorder(
            self.archive, run_id,
            alarm_threshold=settings.getfloat("PRESSARCHIVE_ALARM_THRESHOLD", 0.25),
            alarm_min_pages=settings.getint("PRESSARCHIVE_ALARM_MIN_PAGES", 10))
        self.crawler.stats.set_value("pressarchive/run_id", run_id)

    def process_item(self, item: Any) -> Any:
        assert self.recorder is not None
        self.recorder.add(item)
        if (len(self.recorder.articles) >= self.batch_size
                or time.monotonic() - self.last_flush >= self.batch_seconds):
            self.flush()
        return item

    def flush(self) -> None:
        assert self.recorder is not None
        if self.crawler.stats.get_value(diskfull.STAT):
            return  # stopping: nothing more can be written
        self.recorder.counts.pages = self.crawler.stats.get_value("response_received_count", 0)
        try:
            self.recorder.flush()
        except Exception as exc:
            if not diskfull.is_disk_full(exc):
                raise
            # SQLite rolled the batch back: the archive is as it was before it. The buffered
            # pages are dropped (the next run fetches them) and the crawl stops.
            needed = sum(len(a.body or "") * 3 for a in self.recorder.articles) + 1_000_000
            self.recorder.drop_pending()
            diskfull.stop_crawl(self.crawler, diskfull.describe(self.db_path, needed))
            return
        stats = self.crawler.stats
        for name in ("new", "changed", "unchanged", "failed"):
            stats.set_value(f"pressarchive/{name}", getattr(self.recorder.counts, name))
        self.last_flush = time.monotonic()

    def close_spider(self) -> None:
        if self.recorder is not None:
            self.flush()  # what is buffered is written even if spider_closed never comes

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        self.finish(reason)

    def finish(self, reason: str) -> None:
        """Flush, record the run's outcome (``interrupted`` for a signal) and let go of
        the archive; a second call does nothing."""
        if self.archive is None or self.recorder is None:
            return
        if self.crawler.stats.get_value("pressarchive/interrupted_by"):
            reason = "shutdown"
        self.recorder.counts.pages = self.crawler.stats.get_value("response_received_count", 0)
        if self.crawler.stats.get_value(diskfull.STAT):
            reason = diskfull.STOP_REASON
            self.recorder.drop_pending()
        try:
            outcome = self.recorder.finish(
                reason or "finished",
                pages_ok=self.crawler.stats.get_value("pressarchive/pages_ok", 0))
        except Exception as exc:
            if not diskfull.is_disk_full(exc):
                raise
            # Not even the run's row could be written: it stays 'running', and the next run
            # marks it interrupted (and walks every list page).
            diskfull.stop_crawl(self.crawler, diskfull.describe(self.db_path, 1_000_000))
            outcome = "failed"
        self.crawler.stats.set_value("pressarchive/outcome", outcome)
        if self.recorder.alarm:
            self.crawler.spider.logger.error(
                "LAYOUT CHANGE? %s", describe_alarm(self.recorder.alarm))
        self.archive.close()
        self.archive = self.recorder = None
        locking.release(self.db_path, self.crawler.spider.profile.name)


def canonicalise(item: Any, profile: Profile) -> None:
    """One identity per article: an item's URL (and its images' and attachments' URLs on
    the fetched host) moved to the profile's canonical base; ``fetched_url`` keeps the
    URL as fetched."""
    if isinstance(item, Article):
        item.fetched_url = item.fetched_url or item.url
        for child in (*item.images, *item.attachments):
            child.url = profile.canonical_url(child.url)
    if isinstance(item, Document):
        item.fetched_url = item.fetched_url or item.url
    if isinstance(item, Article | FetchFailure | NotModified | Document):
        item.url = profile.canonical_url(item.url)


def rehome(article: Article, fetched: str, stored: str) -> None:
    """An article extracted from ``fetched`` and stored as ``stored``: its images and
    attachments on the fetched host move to the stored host, as the crawl did."""
    source, target = origin(fetched), origin(stored)
    for child in (*article.images, *article.attachments):
        child.url = rehost(child.url, source, target)


def register_site(archive: Archive, profile: Any) -> None:
    """The ``sites`` row of a profile (kept current on every run), with its canonical
    base URL (not a ``--base-url`` mirror)."""
    archive.register_site(
        profile.name, title=profile.title, province=profile.province,
        platform=profile.platform, base_url=profile.canonical_base,
        profile_path=str(profile.path) if profile.path else None,
    )


def run_options(spider: Any) -> dict[str, Any]:
    """The options a run is recorded with (``runs.options``)."""
    return {"since": str(spider.since) if spider.since else None,
            "max_articles": spider.max_articles, "base_url": spider.profile.base_url,
            "full": spider.full, "recheck": spider.recheck_days}
