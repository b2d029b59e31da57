"""Run PortalSpider crawls in this process (used by the CLI: crawl, demo)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


@dataclass
class CrawlJob:
    """One spider run: a profile name or a start URL, and its options."""

    site: str | None = None
    url: str | None = None
    base_url: str | None = None
    since: str | None = None
    max_articles: int | None = None
    full: bool = False
    recheck: int | None = None

    @property
    def name(self) -> str:
        """The site name the run is recorded (and locked) under."""
        from .profiles import url_profile

        return self.site or url_profile(self.url or "").name

    def spider_args(self) -> dict[str, Any]:
        args = {"site": self.site, "url": self.url, "base_url": self.base_url,
                "since": self.since, "max_articles": self.max_articles,
                "full": self.full or None, "recheck": self.recheck}
        return {k: v for k, v in args.items() if v is not None}


def crawl_settings(db_path: Path, overrides: dict[str, Any], progress: bool,
                   log_level: str) -> Settings:
    settings = Settings()
    settings.setmodule("pressarchive.settings", priority="project")
    settings.set("PRESSARCHIVE_DB", str(db_path), priority="cmdline")
    settings.set("PRESSARCHIVE_PROGRESS", progress, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    return settings


def tune_gc(threshold: int) -> None:
    """Freeze what is alive now out of the cyclic GC and collect the youngest generation
    every ``threshold`` allocations (0: Python's own settings)."""
    if threshold > 0:
        import gc

        gc.collect()
        gc.freeze()
        gc.set_threshold(threshold, *gc.get_threshold()[1:])


def run_crawl(jobs: list[CrawlJob], *, db_path: Path, overrides: dict[str, Any] | None = None,
              progress: bool = False, log_level: str = "INFO") -> list[int]:
    """Run the jobs side by side (one crawler each) and return their ``runs`` ids."""
    stats = run_crawlers(jobs, db_path=db_path, overrides=overrides, progress=progress,
                         log_level=log_level)
    run_ids = [s.get("pressarchive/run_id") for s in stats]
    return [int(r) for r in run_ids if r is not None]


def run_crawlers(jobs: list[CrawlJob], *, db_path: Path,
                 overrides: dict[str, Any] | None = None, progress: bool = False,
                 log_level: str = "INFO") -> list[dict[str, Any]]:
    """Run the jobs side by side; returns each crawler's final Scrapy stats."""
    from .spiders.portal import PortalSpider

    process = CrawlerProcess(crawl_settings(db_path, overrides or {}, progress, log_level))
    crawlers = []
    for job in jobs:
        crawler = process.create_crawler(PortalSpider)
        crawlers.append(crawler)
        process.crawl(crawler, **job.spider_args())
    tune_gc(process.settings.getint("PRESSARCHIVE_GC_THRESHOLD"))
    process.start()
    return [c.stats.get_stats() for c in crawlers]
