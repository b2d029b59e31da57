"""One backfill run: query the CDX API for the site's domains (and its former ones), keep
the candidate captures, then fetch, copy, extract and store each, resumably."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from .. import __version__
from ..archive import Archive, RunCounts
from ..discovery import join_url, list_matches, node_text
from ..extract import Article
from ..extract.urls import clean_url
from ..items import FetchFailure
from ..profiles import Profile
from ..recording import match_duplicates
from ..settings import PRESSARCHIVE_CONTACT
from ..warc import WarcWriterFiles, iso_time
from ..warcimport import is_article_page, page_article
from . import cdx
from .capture import Fetched, fetch
from .client import FetchError, PoliteClient
from .sources import Source


@dataclass
class BackfillResult:
    """What a backfill did: CDX captures kept as candidates and left out, what became of
    each capture fetched, the failures (url, reason), the run's outcome."""

    run_id: int
    source: str
    candidates: int = 0  # captures of article URLs found in the CDX answers (new ones)
    left_out: Counter[str] = field(default_factory=Counter)  # CDX lines not fetched, why
    outcomes: Counter[str] = field(default_factory=Counter)  # new, unchanged, revision, …
    errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fetched: int = 0
    lists: int = 0  # section list pages read for the articles' categories
    to_do: int = 0  # captures left for the next run (--limit, failures, a stop)
    requests: int = 0
    seconds: float = 0.0
    outcome: str = "ok"


def profile_for(url: str, profiles: list[Profile]) -> Profile | None:
    """The rules for ``url``: of a former domain that covers it (a former domain may be a
    subdomain of the site's), else the site's own; None if no domain covers it."""
    profile = profiles[0].rules_for(url)
    return profile if profile.matches_url(url) else None


def _bounds(from_year: int | None, to_year: int | None) -> tuple[str, str]:
    return (str(from_year) if from_year else "", f"{to_year}1231235959" if to_year
            else "99999999999999")


def backfill(archive: Archive, profile: Profile, source: Source, *,
             from_year: int | None = None, to_year: int | None = None,
             all_captures: bool = False, limit: int | None = None,
             client: PoliteClient | None = None,
             should_stop: Callable[[], bool] = lambda: False,
             on_error: Callable[[str, str], None] | None = None) -> BackfillResult:
    """Backfill ``profile``'s site from ``source`` into ``archive`` as one run."""
    started = time.monotonic()
    client = client or PoliteClient(max_rps=source.max_rps, contact=PRESSARCHIVE_CONTACT)
    site = profile.name
    run_id = archive.start_run(site, {
        "command": "backfill", "source": source.name, "from": from_year, "to": to_year,
        "all_captures": all_captures, "limit": limit})
    result = BackfillResult(run_id, source.name)
    profiles = [profile, *profile.former]
    failures: list[FetchFailure] = []

    def failed(url: str, reason: str, status: int | None, kind: str) -> None:
        result.errors.append((url, reason))
        failures.append(FetchFailure(url, reason, status, site, kind=kind))
        if on_error is not None:
            on_error(url, reason)

    _query(archive, client, source, profiles, site, result, failed, should_stop,
           from_year, to_year)
    since, until = _bounds(from_year, to_year)
    for page in archive.backfill_todo(site, source.name, since=since, until=until,
                                      kind="list"):
        if should_stop():
            break
        _read_list(archive, client, source, profiles, site, page, result)
    todo = archive.backfill_todo(site, source.name, all_captures=all_captures, since=since,
                                 until=until)
    files = WarcWriterFiles(
        archive.path.parent / "warc", site, 100 * 1024 * 1024, {
            "software": f"pressarchive/{__version__} backfill (cdx_toolkit, warcio)",
            "operator": PRESSARCHIVE_CONTACT, "isPartOf": site,
            "description": f"copies of captures held by {source.name}",
            "format": "WARC File Format 1.1"},
        relative_to=archive.path.parent, worker="backfill")
    broke = True  # until the loop ends: an exception (a full disk, a lock) fails the run
    try:
        for capture in todo[:limit] if limit else todo:
            if should_stop():
                break
            _one(archive, client, source, profiles, site, capture, files, result, failed)
        broke = False
    finally:
        files.close()
        result.to_do = len(archive.backfill_todo(
            site, source.name, all_captures=all_captures, since=since, until=until))
        archive.record_failures(failures, run_id)
        result.requests, result.seconds = client.requests_made, time.monotonic() - started
        counts = RunCounts(pages=result.fetched, new=result.outcomes["new"],
                           changed=result.outcomes["changed"] + result.outcomes["revision"],
                           unchanged=result.outcomes["unchanged"], failed=len(result.errors))
        result.outcome = "failed" if broke else "interrupted" if should_stop() \
            else "partial" if result.errors else "ok"
        archive.finish_run(run_id, counts, result.outcome)
    if result.outcome != "interrupted" and (result.outcomes["new"]
                                             or result.outcomes["changed"]):
        match_duplicates(archive)
    return result


def _query(archive: Archive, client: PoliteClient, source: Source, profiles: list[Profile],
           site: str, result: BackfillResult, failed: Callable[..., None],
           should_stop: Callable[[], bool], from_year: int | None, to_year: int | None
           ) -> None:
    """Page through the CDX answers for every domain, keeping the article captures; the
    cursor moves with each page kept, so a stopped query goes on where it was."""
    from_ts, to_ts = (str(from_year) if from_year else None), (str(to_year) if to_year
                                                               else None)
    domains = list(dict.fromkeys(d for p in profiles for d in p.allowed_domains))
    for endpoint in source.endpoints:
        for domain in domains:
            key = f"{endpoint} {domain} {from_ts or ''}-{to_ts or ''}"
            page, complete = archive.backfill_cursor(site, source.name, key)
            try:
                for answer in cdx.pages(client, source, endpoint, domain,
                                        start=0 if complete else page, from_ts=from_ts,
                                        to_ts=to_ts):
                    kept = [c for c in answer.captures if _candidate(c, profiles, result)]
                    result.candidates += archive.backfill_page(
                        site, source.name, key, answer.number, kept, complete=answer.last)
                    if answer.note:
                        result.notes.append(f"{domain}: {answer.note}")
                    if should_stop():
                        return
            except FetchError as exc:
                failed(f"{endpoint}?url={domain}", f"CDX query failed: {exc.reason}",
                       exc.status, "cdx")


def _candidate(capture: dict[str, Any], profiles: list[Profile], result: BackfillResult
               ) -> bool:
    """Is this CDX line an HTML capture (status 200) on a known domain of an article page
    or of a section's list page (``kind`` set)?"""
    url = capture["url"]
    profile = profile_for(url, profiles)
    article = profile is not None and is_article_page(url, b"", profile)
    section = _section(url, profile) if profile and not article else None
    why = ("other domain" if profile is None
           else "not 200" if str(capture.get("status", "200")) != "200"
           else "not HTML" if "html" not in str(capture.get("mime", "text/html")).lower()
           else "" if article or section is not None else "not an article URL")
    if why:
        result.left_out[why] += 1
    capture["kind"] = "article" if article else "list"
    return not why


def _section(url: str, profile: Profile) -> str | None:
    """The name of the profile section whose list ``url`` is a page of (its path, with
    any query, or a page below it such as ``/page/2/``), if any."""
    path = urlsplit(url).path.rstrip("/") or "/"
    for section, list_url in profile.section_urls():
        home = urlsplit(list_url).path.rstrip("/")
        if home and (path == home or path.startswith(home + "/")):
            return section.name
    return None


def _read_list(archive: Archive, client: PoliteClient, source: Source,
               profiles: list[Profile], site: str, capture: dict[str, Any],
               result: BackfillResult) -> None:
    """A captured section list page: its article links get the section as category (what
    a crawl gives them); a list that cannot be fetched is only a category the less."""
    url = capture["url"]
    profile = profile_for(url, profiles)
    assert profile is not None
    try:
        got = fetch(client, source, capture)
    except FetchError:
        return  # tried again next run; the articles are fetched all the same
    result.lists += 1
    links = Selector(text=got.body.decode("utf-8", "replace"))
    name = _section(url, profile) or ""
    hrefs = []
    for rule in profile.discovery.get("article_links") or ["//a/@href"]:
        hrefs = [node_text(n) for n in list_matches(links, rule)]
        if hrefs:
            break
    archive.backfill_sections(site, source.name, {
        clean_url(join_url(url, h)): name for h in hrefs if h})
    archive.backfill_done(site, source.name, capture, "list", result.run_id)


def _one(archive: Archive, client: PoliteClient, source: Source, profiles: list[Profile],
         site: str, capture: dict[str, Any], files: WarcWriterFiles, result: BackfillResult,
         failed: Callable[..., None]) -> None:
    """Fetch, copy, extract and store one capture (marked done with its outcome)."""
    url, stamp = capture["url"], capture["timestamp"]
    where = f"{source.name} {stamp}"
    try:
        got = fetch(client, source, capture)
    except FetchError as exc:  # stays to do: the next run tries it again
        failed(url, f"{where}: {exc.reason}", exc.status, "capture")
        return
    result.fetched += 1
    if "html" not in got.content_type.lower():
        failed(url, f"{where}: not HTML ({got.content_type or 'no Content-Type'})", got.status,
               "capture")
        archive.backfill_done(site, source.name, capture, "not html", result.run_id)
        result.outcomes["not html"] += 1
        return
    profile = profile_for(url, profiles)
    article = page_article(url, got.body, got.content_type, profile, capture.get("category"))
    if not isinstance(article, Article):
        if article == "no article":
            failed(url, f"{where}: no article (no title or body)", got.status, "capture")
        archive.backfill_done(site, source.name, capture, article, result.run_id)
        result.outcomes[article] += 1
        return
    article.warc_file, article.warc_offset = files.write_copy(
        url, got.status or 200, got.headers, got.body, _copy_headers(source, capture, got))
    article.capture_source, article.capture_time = source.name, iso_time(stamp)
    article.capture_url = got.source_uri if source.mode == "range" \
        else f"{source.wb}/{stamp}/{url}"
    article.site = site
    result.outcomes[archive.store_archived(article, result.run_id, site, source.name,
                                           capture)] += 1


def _copy_headers(source: Source, capture: dict[str, Any], got: Fetched) -> dict[str, str]:
    """Our record's WARC headers: the capture's own date and URL, where the copy is from."""
    stamp = capture["timestamp"]
    date = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[8:10]}:{stamp[10:12]}:{stamp[12:14]}Z"
    headers = {"WARC-Date": date, "WARC-Refers-To-Target-URI": capture["url"],
               "WARC-Refers-To-Date": date, "WARC-Source-URI": got.source_uri,
               "WARC-Capture-Source": source.name}
    if got.source_range:
        headers["WARC-Source-Range"] = got.source_range
    if got.record_id:
        headers["WARC-Refers-To"] = got.record_id
    if capture.get("digest"):
        headers["WARC-Capture-Digest"] = str(capture["digest"])
    return headers


