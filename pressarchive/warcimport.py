"""Load articles from WARC files other tools made (wget, Heritrix, Browsertrix), as a
library call: the crawl's article test, the profile's extraction, truthful counts.

``pressarchive import`` is this plus output.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from parsel import Selector

from .archive import Archive, RunCounts
from .extract import Article, ExtractionError, extract_article
from .parallel import BATCH_AHEAD, ordered_map
from .pipelines import rehome
from .profiles import Profile, generic_profile, origin, rehost
from .recording import match_duplicates
from .spiders.portal import GENERIC_ARTICLE_URL
from .warc import iter_html_responses, record_ranges

_GENERIC = re.compile(GENERIC_ARTICLE_URL)


@dataclass
class ImportResult:
    """What an import did. ``versions``: other captures of an article met again in the
    same import (``changed``: kept as other versions; ``unchanged``: already archived).
    ``tally``: HTML pages that are not article pages, pages with no article, broken files."""

    run_id: int
    counts: RunCounts
    versions: dict[str, int] = field(default_factory=lambda: {"changed": 0, "unchanged": 0})
    tally: dict[str, int] = field(default_factory=lambda: {
        "not articles": 0, "no article": 0, "broken": 0})
    outcome: str = "ok"  # ok, partial (a broken file) or interrupted


def import_warcs(archive: Archive, files: Iterable[Path], profiles: list[Profile], *,
                 site: str | None = None,
                 on_broken: Callable[[Path, Exception], None] | None = None, jobs: int = 1,
                 should_stop: Callable[[], bool] = lambda: False) -> ImportResult:
    """Store the article pages of ``files`` in ``archive`` as one run. Each page gets the
    profile whose domains match its URL (``site``: the one profile in ``profiles`` for
    every page), else generic extraction; ``on_broken(path, exc)`` is called where a file
    stops being readable (what was read before is kept). ``jobs`` worker processes
    read the files' record ranges and extract, this process finds the ranges and writes
    (same order and transactions as one); once ``should_stop()`` the run ends
    ``interrupted``."""
    files = list(files)
    run_id = archive.start_run(site, {"command": "import", "files": [str(f) for f in files]})
    result = ImportResult(run_id, RunCounts())
    tally = result.tally
    broken: set[Path] = set()

    def stop_reading(path: Path, exc: Exception) -> None:
        if path not in broken:
            broken.add(path)
            if on_broken is not None:
                on_broken(path, exc)

    def ranges() -> Iterator[tuple[Path, str, int, int | None]]:
        for path in files:
            stored_as = os.path.relpath(path.resolve(), archive.path.resolve().parent)
            try:
                for start, end in record_ranges(path):
                    yield path, stored_as, start, end
            except OSError as exc:  # cannot be read at all
                stop_reading(path, exc)

    def articles() -> Iterator[Article]:
        for part in ordered_map(_import_range, ranges(), jobs, setup=_set_profiles,
                                setup_args=(profiles, site), should_stop=should_stop,
                                chunk=1, ahead=BATCH_AHEAD):
            for path, found in part:
                if path in broken:
                    break
                if should_stop():
                    return
                if isinstance(found, Article):
                    yield found
                elif isinstance(found, Exception):
                    stop_reading(path, found)
                else:
                    tally[found] += 1

    result.counts, result.versions = _store_captures(archive, articles(), run_id)
    archive.keep_held(site, run_id, only_run=True)
    tally["broken"] = len(broken)
    result.counts.failed = tally["broken"]
    result.outcome = "interrupted" if should_stop() else "ok" if not broken else "partial"
    archive.finish_run(run_id, result.counts, result.outcome)
    if result.outcome != "interrupted":  # a stopped run leaves the matching to the next
        match_duplicates(archive, jobs)
    return result


_import_profiles: tuple[list[Profile], str | None] = ([], None)  # as set for this run


def _set_profiles(profiles: list[Profile], site: str | None) -> None:
    global _import_profiles
    _import_profiles = (profiles, site)


def _import_range(task: tuple[Path, str, int, int | None]
                  ) -> list[tuple[Path, Article | Exception | str]]:
    """(path, the page's article, a tally key, or what broke) for each HTML response of
    one range of a WARC file (read here, in the worker); reading stops at what broke."""
    path, stored_as, start, end = task
    out: list[tuple[Path, Article | Exception | str]] = []
    try:
        for url, offset, body, content_type, when in iter_html_responses(path, start, end):
            found = _import_page(url, body, content_type, stored_as, offset, when)
            out.append((path, found))
            if isinstance(found, Exception):
                break
    except Exception as exc:  # a broken WARC: keep what was read, say where it broke
        out.append((path, RuntimeError(str(exc))))  # any exception, as one that pickles
    return out


def _import_page(url: str, body: bytes, content_type: str | None, stored_as: str,
                 offset: int, when: str | None) -> Article | Exception | str:
    """The article of one HTML response (captured at ``when``), a tally key, or what
    broke."""
    profiles, site = _import_profiles
    try:
        profile = profiles[0] if site else next(
            (p for p in profiles if p.matches_url(url)), None) or next(
            (p for p in profiles if any(f.matches_url(url) for f in p.former)), None)
        profile = profile.rules_for(url) if profile else None  # a former domain's rules
        article = page_article(url, body, content_type, profile)
        if isinstance(article, Article):
            article.warc_file, article.warc_offset = stored_as, offset
            article.capture_source, article.capture_time = "import", when
            article.capture_url = url
        return article
    except Exception as exc:  # as a broken file: reading it stops here
        return RuntimeError(str(exc))  # any exception, as one that pickles


def page_article(url: str, body: bytes, content_type: str | None, profile: Profile | None,
                 category: str | None = None) -> Article | str:
    """The article of one archived HTML page as a crawl would store it (under the
    profile's base URL, named after it), or why there is none: "not articles" (a home,
    section or list page) or "no article" (a notice without text, an error page)."""
    if not is_article_page(url, body, profile):
        return "not articles"
    try:
        article = extract_article(body, url, profile=profile, content_type=content_type,
                                  category=category)
    except ExtractionError:
        return "no article"
    article.fetched_url = url
    if profile and not profile.matches_url(article.url):  # --site, a mirror
        stored = rehost(article.url, origin(article.url), profile.base_url)
        rehome(article, article.url, stored)
        article.url = stored
    article.site = profile.name if profile else generic_profile(url).name
    return article


def is_article_page(url: str, body: bytes, profile: Profile | None) -> bool:
    """The crawl's article test: the profile's article URL pattern (else the generic one)
    on its domains; a page of an unprofiled site may also declare itself an article
    (og:type, article:published_time, JSON-LD)."""
    pattern = profile.discovery.get("article_url_pattern") if profile else None
    if re.search(pattern, url) if pattern else _GENERIC.search(url):
        return True
    return profile is None and _declares_article(body)


def _declares_article(body: bytes) -> bool:
    head = Selector(text=body.decode("utf-8", "replace"))
    if (head.css("meta[property='og:type']::attr(content)").get() or "").strip() == "article":
        return True
    if head.css("meta[property='article:published_time']"):
        return True
    return any(re.search(r'"@type"\s*:\s*\[?\s*"(News|Blog)?(Article|Posting)"', raw)
               for raw in head.css("script[type='application/ld+json']::text").getall())


IMPORT_BATCH = 200  # articles a transaction, as reextract's


def _store_captures(archive: Archive, articles: Iterator[Article], run_id: int
                    ) -> tuple[RunCounts, dict[str, int]]:
    """Store imported articles, :data:`IMPORT_BATCH` a transaction; a URL met again in
    the same import (several captures of one page) is counted apart: its other versions
    become revisions, not "changed". A capture of a version already in ``revisions`` is
    unchanged (it never goes live again)."""
    counts, versions, seen = RunCounts(), {"changed": 0, "unchanged": 0}, set()
    while batch := list(islice(articles, IMPORT_BATCH)):
        for article, outcome in zip(batch, archive.store_each(
                batch, run_id, hold=True, earlier_unchanged=True), strict=True):
            if article.url in seen:
                versions["changed"] += outcome.changed
                versions["unchanged"] += outcome.unchanged
                continue
            seen.add(article.url)
            counts.add(outcome)
    return counts, versions
