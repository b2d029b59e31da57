"""``verify``: prove the archive is what was captured. SQLite's and the search index's own
checks, every capture pointer against its WARC record, every record's digests, and the WARC
files themselves (missing, cut short, unknown). A full check keeps its progress in the
archive (``fixity_progress``), one item (the database, the index, a WARC file) at a time,
so a killed one resumes; each finished check is a ``fixity`` row."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..archive import Archive
from ..items import now_iso
from . import warcscan

CHECKS = ("sqlite", "fts", "files", "captures", "digests")
UNITS = {"manifest": "files", "sqlite": "pages", "fts": "indexed articles", "files": "WARC files",
         "captures": "captures", "digests": "records"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
SHOWN_ARTICLES = 3  # article URLs a problem line names (all are in --json and details)
DETAILS_CAP = 1000  # problems a fixity row's details keep


@dataclass
class Problem:
    """One thing found wrong, with where it is and the articles it touches."""

    check: str
    what: str
    file: str | None = None
    offset: int | None = None
    record: str | None = None
    uri: str | None = None
    articles: list[str] = field(default_factory=list)

    def line(self) -> str:
        where = f"{self.file}" + (f" @ {self.offset}" if self.offset is not None else "")
        head = " ".join(p for p in (where if self.file else "", self.record or "",
                                    self.uri or "") if p)
        text = f"{self.check}: " + (f"{head}: " if head else "") + self.what
        if self.articles:
            shown = ", ".join(self.articles[:SHOWN_ARTICLES])
            more = len(self.articles) - SHOWN_ARTICLES
            text += f"; article{'s' if len(self.articles) > 1 else ''} {shown}" + (
                f" and {more} more" if more > 0 else "")
        return text


@dataclass
class Check:
    """One check's totals: how much was checked, what was found."""

    name: str
    items: int = 0
    bytes: int = 0
    problems: list[Problem] = field(default_factory=list)
    note: str | None = None

    def add(self, other: dict[str, Any]) -> None:
        self.items += other.get("items", 0)
        self.bytes += other.get("bytes", 0)
        self.problems += [Problem(**p) for p in other.get("problems", [])]
        if other.get("note"):
            self.note = other["note"] if not self.note else f"{self.note}; {other['note']}"


@dataclass
class Report:
    db: str
    scope: str
    site: str | None
    started: str
    checks: dict[str, Check] = field(default_factory=lambda: {c: Check(c) for c in CHECKS})
    resumed: int = 0  # items an earlier, killed full check had done
    todo: int = 0  # items of this pass
    recorded: bool = False
    notes: list[str] = field(default_factory=list)
    finished: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return [p for c in self.checks.values() for p in c.problems]

    def as_json(self) -> dict[str, Any]:
        return {"db": self.db, "scope": self.scope, "site": self.site,
                "started": self.started, "finished": self.finished,
                "resumed_items": self.resumed, "recorded": self.recorded, "notes": self.notes,
                "problems": len(self.problems),
                "checks": {name: {"items": c.items, "unit": UNITS[name], "bytes": c.bytes,
                                  "problems": [asdict(p) for p in c.problems], "note": c.note}
                           for name, c in self.checks.items()}}

    def text(self, max_lines: int = 12) -> str:
        lines = [f"verify {self.db} · {self.scope}" + (f" · site {self.site}" if self.site
                                                       else "") + f" · {self.started}"]
        if self.resumed:
            lines.append(f"  resumed a full check: {self.resumed} of {self.todo} items"
                         " were done before it stopped")
        for name, check in self.checks.items():
            amount = f"{check.items:,} {UNITS[name]}" if check.items or not check.note \
                else "-"
            if name == "digests" and check.bytes:
                amount += f", {check.bytes / 1e6:,.1f} MB"
            status = (f"{len(check.problems)} problem(s)" if check.problems
                      else f"not checked ({check.note})" if check.note and not check.items
                      else "ok")
            lines.append(f"  {name:<9} {amount:<34} {status}")
        lines += [f"  note: {n}" for n in self.notes]
        problems = self.problems
        if problems:
            lines.append(f"{len(problems)} problem(s):")
            lines += [f"  ! {p.line()}" for p in problems[:max_lines]]
            if len(problems) > max_lines:
                lines.append(f"  … and {len(problems) - max_lines} more (--json lists all)")
        else:
            lines.append("no problems found")
        if self.recorded:
            lines.append("recorded in the archive's fixity table")
        return "\n".join(lines)


def _problem(check: str, what: str, **where: Any) -> dict[str, Any]:
    return asdict(Problem(check, what, **where))


class Verifier:
    """One verify of an open archive (``archive.readonly``: nothing recorded)."""

    def __init__(self, archive: Archive, *, site: str | None = None,
                 warc_dirs: list[Path] | None = None, jobs: int = 1,
                 on_item: Callable[[str], None] | None = None) -> None:
        self.archive = archive
        self.site = site
        self.home = archive.path.parent
        self.warc_dirs = warc_dirs or [self.home / "warc"]
        self.on_item = on_item or (lambda item: None)
        self.writable = not archive.readonly
        self.live: set[str] = set()
        self.jobs = jobs
        self.scans: dict[str, Future[warcscan.FileScan]] = {}

    # -- what files there are -----------------------------------------------------------
    def _name(self, path: Path) -> str:
        return os.path.relpath(path, self.home)

    def _files(self) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]],
                              list[str], list[str]]:
        """(referenced, registered, belonging, unknown): WARC file names the captures point
        to; the registry's; present files whose warcinfo says they are this archive's
        (pressarchive, one of its sites); and files in the WARC folders it does not know."""
        referenced = self.archive.capture_files(self.site)
        registered = {n: r for n, r in self.archive.warc_registry().items()
                      if not self.site or r["site"] == self.site}
        sites = set(self.archive.site_names())
        belonging, unknown = [], []
        folders = {d.resolve() for d in self.warc_dirs}
        folders |= {(self.home / n).resolve().parent for n in referenced}
        every_registered = self.archive.warc_registry()
        for folder in sorted(folders):
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if not path.name.endswith(WARC_SUFFIXES) or not path.is_file():
                    continue
                name = self._name(path)
                if name in referenced or name in every_registered:
                    continue
                if warcscan.live_files([name]):  # a crawl's file, maybe just opened
                    belonging.append(name)
                    continue
                info = warcscan.first_info(path)
                ours = (info.get("software", "").startswith("pressarchive/")
                        and info.get("isPartOf") in sites)
                if ours and (not self.site or info.get("isPartOf") == self.site):
                    belonging.append(name)
                elif not ours:
                    unknown.append(name)
        return referenced, registered, belonging, unknown

    def belonging_files(self) -> list[str]:
        """Present WARC files no capture points to and the registry does not list, whose
        warcinfo says they are this archive's (an earlier crawl's, whose articles were all
        fetched again since): names relative to the archive's folder."""
        return self._files()[2]

    def _unknown(self, unknown: list[str]) -> dict[str, Any]:
        return {"problems": [_problem(
            "files", "a WARC file the archive does not know (no capture points to it and"
            " its warcinfo names none of the archive's sites)", file=n) for n in unknown]}

    # -- the full check -----------------------------------------------------------------
    def full(self, *, restart: bool = False) -> Report:
        report = Report(str(self.archive.path), "full", self.site, now_iso())
        referenced, registered, belonging, unknown = self._files()
        items = ([] if self.site else ["sqlite", "fts"]) + sorted(
            set(referenced) | set(registered) | set(belonging))
        done = {} if restart or not self.writable else self.archive.progress(self.site)
        if done:
            report.started = min(r["started"] for r in done.values())
            report.resumed = sum(1 for i in items if i in done)
        report.todo = len(items)
        self.live = warcscan.live_files(items)
        sizes = {item: self._size(item) for item in items}
        todo = [i for i in items if i not in done or done[i]["size"] != sizes[i]]
        with self._pool([i for i in todo if i not in ("sqlite", "fts")]):
            for item in items:
                if item not in todo:
                    result = done[item]["result"]
                else:
                    self.on_item(item)
                    result = self._item(item, referenced.get(item), registered.get(item))
                    if self.writable:
                        self.archive.save_progress(self.site, item, report.started,
                                                   sizes[item], result)
                for name, part in result.items():
                    report.checks[name].add(part)
        if not self.site:
            report.checks["files"].add(self._unknown(unknown))
        else:
            report.notes.append("--site: SQLite, the search index and unknown files not"
                                " checked (they are the whole archive's)")
        return self._finish(report, clear_progress=True)

    @contextmanager
    def _pool(self, names: list[str]) -> Iterator[None]:
        """With ``jobs`` > 1, WARC files are read in that many processes, ahead of the
        checks that use them (in order, so progress is kept as without)."""
        if self.jobs < 2 or len(names) < 2:
            yield
            return
        with ProcessPoolExecutor(self.jobs) as pool:
            self.scans = {n: pool.submit(warcscan.scan, self.home / n) for n in names
                          if (self.home / n).is_file()}
            try:
                yield
            finally:
                for future in self.scans.values():
                    future.cancel()
                self.scans = {}

    def _scan(self, name: str) -> warcscan.FileScan:
        future = self.scans.pop(name, None)
        return future.result() if future is not None else warcscan.scan(self.home / name)

    def _size(self, item: str) -> int | None:
        if item in ("sqlite", "fts"):
            return None
        try:
            return (self.home / item).stat().st_size
        except OSError:
            return -1

    def _item(self, item: str, meta: dict[str, Any] | None,
              registered: dict[str, Any] | None) -> dict[str, Any]:
        if item == "sqlite":
            pages, problems = self.archive.sqlite_check()
            return {"sqlite": {"items": pages, "problems": [
                _problem("sqlite", p) for p in problems]}}
        if item == "fts":
            rows, problems = self.archive.fts_check()
            note = ("read-only: FTS5's integrity-check skipped, index rows compared with the"
                    " articles") if self.archive.readonly else None
            return {"fts": {"items": rows, "note": note,
                            "problems": [_problem("fts", p) for p in problems]}}
        return self._warc_file(item, meta, registered)

    def _warc_file(self, name: str, meta: dict[str, Any] | None,
                   registered: dict[str, Any] | None) -> dict[str, Any]:
        """Files, captures and digests of one WARC file, read whole."""
        path = self.home / name
        captures = self.archive.captures_in(name, self.site) if meta else []
        urls = [c["url"] for c in captures]
        files: dict[str, Any] = {"items": 1, "problems": []}
        if not path.is_file():
            if meta and meta["worker"]:
                return {"files": {"items": 1, "note": f"{name} is on worker {meta['worker']}"}}
            what = "missing" if not path.exists() else "not a regular file"
            if registered:
                what += f" (it held {registered['records']} records when last checked)"
            files["problems"].append(_problem(
                "files", what + (f"; {len(urls)} capture(s) lost" if urls else ""),
                file=name, articles=urls))
            return {"files": files, "captures": {"items": len(captures)}}
        try:
            scan = self._scan(name)
        except OSError as exc:
            files["problems"].append(_problem("files", f"cannot read: {exc}", file=name,
                                              articles=urls))
            return {"files": files, "captures": {"items": len(captures)}}
        by_offset = {r.offset: r for r in scan.records}
        digests = {"items": len(scan.records), "bytes": scan.size, "problems": [
            _problem("digests", r.problem, file=name, offset=r.offset, record=r.record_id,
                     uri=r.uri, articles=_touching(captures, r))
            for r in scan.problems]}
        past = [c for c in captures if c["offset"] >= scan.end and c["offset"] not in by_offset]
        if scan.cut is not None and name in self.live:
            files["note"] = (f"{name} is being written by a running crawl: read up to its"
                             f" last whole record (byte {scan.end:,})")
        elif scan.cut is not None:
            cut = scan.cut
            files["problems"].append(_problem(
                "files", f"{cut.problem}; the last whole record ends at byte {scan.end}",
                file=name, offset=cut.offset, record=cut.record_id, uri=cut.uri,
                articles=[c["url"] for c in past]))
        if registered and scan.size < registered["size"]:
            files["problems"].append(_problem(
                "files", f"shorter than when last checked ({scan.size:,} bytes, then"
                f" {registered['size']:,}; {registered['records']} records then,"
                f" {len(scan.records)} now): cut short", file=name))
        capture_problems = []
        for c in captures:
            record = by_offset.get(c["offset"])
            if record is None:
                what = ("past the cut: the file ends before this capture" if c in past
                        else "no WARC record starts at this offset")
                capture_problems.append(_problem("captures", what, file=name,
                                                 offset=c["offset"], articles=[c["url"]]))
            elif record.rec_type != "response":
                capture_problems.append(_problem(
                    "captures", f"points to a {record.rec_type} record, not a response",
                    file=name, offset=c["offset"], record=record.record_id,
                    articles=[c["url"]]))
            elif record.uri not in (c["url"], c["fetched_url"]):
                capture_problems.append(_problem(
                    "captures", "the record is of another URL", file=name,
                    offset=c["offset"], record=record.record_id, uri=record.uri,
                    articles=[c["url"]]))
        if self.writable and scan.cut is None and not scan.stopped and not files["problems"]:
            site = next((r.info.get("isPartOf") for r in scan.records if r.info), None)
            self.archive.register_warc(name, site or self.site, scan.size, len(scan.records))
        return {"files": files, "digests": digests,
                "captures": {"items": len(captures), "problems": capture_problems}}

    # -- the sample check ---------------------------------------------------------------
    def sample(self, n: int) -> Report:
        report = Report(str(self.archive.path), f"sample {n}", self.site, now_iso())
        if not self.site:
            pages, problems = self.archive.sqlite_check(quick=True)
            report.checks["sqlite"].add({"items": pages, "problems": [
                _problem("sqlite", p) for p in problems]})
            report.checks["fts"].note = "full check only"
        else:
            report.notes.append("--site: SQLite and unknown files not checked")
        referenced, registered, belonging, unknown = self._files()
        for name in sorted(set(referenced) | set(registered)):
            report.checks["files"].add(self._stat(name, referenced.get(name),
                                                  registered.get(name)))
        report.checks["files"].items += len(belonging)
        if not self.site:
            report.checks["files"].add(self._unknown(unknown))
        for capture in self.archive.sample_captures(n, self.site):
            for name, part in self._one_capture(capture).items():
                report.checks[name].add(part)
        return self._finish(report, clear_progress=False)

    def _stat(self, name: str, meta: dict[str, Any] | None,
              registered: dict[str, Any] | None) -> dict[str, Any]:
        """A known file without reading it: present, not shorter than it was, long
        enough for every capture pointing into it."""
        path = self.home / name
        if not path.is_file():
            if meta and meta["worker"]:
                return {"items": 1, "note": f"{name} is on worker {meta['worker']}"}
            urls = [c["url"] for c in self.archive.captures_in(name, self.site)] if meta else []
            return {"items": 1, "problems": [_problem(
                "files", "missing" + (f"; {len(urls)} capture(s) lost" if urls else ""),
                file=name, articles=urls)]}
        size = path.stat().st_size
        if registered and size < registered["size"]:
            return {"items": 1, "problems": [_problem(
                "files", f"shorter than when last checked ({size:,} bytes, then"
                f" {registered['size']:,}): cut short", file=name)]}
        if meta and size <= meta["last_offset"]:
            past = [c["url"] for c in self.archive.captures_in(name, self.site)
                    if c["offset"] >= size]
            return {"items": 1, "problems": [_problem(
                "files", f"ends at byte {size:,}, before captures point: cut short",
                file=name, articles=past)]}
        return {"items": 1}

    def _one_capture(self, capture: dict[str, Any]) -> dict[str, Any]:
        name, offset, url = capture["warc_file"], capture["offset"], capture["url"]
        path = self.home / name
        if not path.is_file():
            note = (f"{name} is on worker {capture['warc_worker']}" if capture["warc_worker"]
                    else None)
            return {"captures": {"items": 1, "note": note, "problems": [] if note else [
                _problem("captures", "its WARC file is missing", file=name, offset=offset,
                         articles=[url])]}}
        try:
            scan = warcscan.scan(path, offset, limit=1)
        except OSError as exc:
            return {"captures": {"items": 1, "problems": [_problem(
                "captures", f"cannot read: {exc}", file=name, offset=offset, articles=[url])]}}
        record = scan.records[0] if scan.records else scan.cut
        found: dict[str, Any] = {"captures": {"items": 1, "problems": []},
                                 "digests": {"items": 1 if record else 0,
                                             "bytes": record.length if record else 0}}
        if record is None:
            what = "past the end of its file: cut short" if offset >= scan.size else \
                "no WARC record starts at this offset"
            found["captures"]["problems"].append(_problem("captures", what, file=name,
                                                          offset=offset, articles=[url]))
        elif record.problem:
            found["digests"]["problems"] = [_problem(
                "digests", record.problem, file=name, offset=offset, record=record.record_id,
                uri=record.uri, articles=[url])]
        elif record.rec_type != "response" or record.uri not in (url, capture["fetched_url"]):
            found["captures"]["problems"].append(_problem(
                "captures", f"points to a {record.rec_type} record of another URL"
                if record.uri not in (url, capture["fetched_url"])
                else f"points to a {record.rec_type} record, not a response",
                file=name, offset=offset, record=record.record_id, uri=record.uri,
                articles=[url]))
        return found

    # -- the end ------------------------------------------------------------------------
    def _finish(self, report: Report, *, clear_progress: bool) -> Report:
        report.finished = now_iso()
        if not self.writable:
            report.notes.append("read-only: not recorded in the archive")
            return report
        record(self.archive, report, clear_progress=(self.site or "") if clear_progress
               else None)
        return report


def record(archive: Archive, report: Report, *, clear_progress: str | None = None) -> None:
    """The report's checks as ``fixity`` rows (a failure to write is a note, not an end)."""
    import sqlite3

    from ..archive import ArchiveError

    rows = [{"started": report.started, "checked": report.finished or now_iso(),
             "scope": report.scope.split()[0], "site": report.site, "check_name": name,
             "items": c.items, "bytes": c.bytes, "problems": len(c.problems),
             "details": {"unit": UNITS[name], "note": c.note, "scope": report.scope,
                         "problems": [asdict(p) for p in c.problems[:DETAILS_CAP]],
                         "more": max(0, len(c.problems) - DETAILS_CAP)}}
            for name, c in report.checks.items()]
    try:
        archive.record_fixity(rows, clear_progress=clear_progress)
    except (ArchiveError, sqlite3.DatabaseError) as exc:
        report.notes.append(f"not recorded in the archive: {exc}")
        return
    report.recorded = True


def _touching(captures: list[dict[str, Any]], record: warcscan.Record) -> list[str]:
    """The articles a bad record belongs to: captures at its offset, or of its URI."""
    at = [c["url"] for c in captures if c["offset"] == record.offset]
    return at or [c["url"] for c in captures
                  if record.uri and record.uri in (c["url"], c["fetched_url"])]
