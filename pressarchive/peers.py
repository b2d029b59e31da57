"""Extraction measured on the peers' own evaluation suites (``pressarchive eval --suite``).

Two public suites, read in their own formats and scored by their own rules:

- ``trafilatura``: ``evaldata.json`` maps a URL to ``{"file", "with", "without",
  "author"}``; the page is ``cache/FILE`` if present, else ``eval/FILE``. Body: in the
  whitespace-collapsed text, each ``with`` string found is a true positive, each one
  missing a false negative, each ``without`` string found a false positive, summed over
  pages (F1 = 2tp / (2tp + fp + fn)). Author: exact match on the pages with an author
  label, a list label joined with "; ".
- ``htmldate``: ``eval_default.json`` maps a URL to ``{"file", "date"}``; the page is
  ``eval/FILE`` (or ``cache/FILE``). Score: the publication time's first 10 characters
  equal ``date``.

pressarchive runs in generic mode (no profile) beside the peer the suite belongs to
(trafilatura 2.x ``extract``/``bare_extraction``; htmldate ``find_date``), in the same run.
A refused page or a crash finds nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SUITES = ("trafilatura", "htmldate")
_INDEX = {"trafilatura": "evaldata.json", "htmldate": "eval_default.json"}


class SuiteError(ValueError):
    """The suite folder cannot be read (missing folder or index, malformed entries)."""


@dataclass
class Case:
    url: str
    path: Path
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    author: str | None = None
    date: str | None = None


@dataclass
class Result:
    """What one system returned for one page."""

    body: str | None = None
    author: str | None = None
    published: str | None = None
    ms: float = 0.0
    error: str | None = None


@dataclass
class SystemScore:
    system: str
    pages: int
    failed: int
    body_precision: float | None = None
    body_recall: float | None = None
    body_f1: float | None = None
    author_pages: int = 0
    author: float | None = None
    date: float | None = None
    ms_per_page: float = 0.0


@dataclass
class SuiteReport:
    suite: str
    directory: str
    systems: list[SystemScore]
    misses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def system(self, name: str) -> SystemScore:
        for row in self.systems:
            if row.system == name:
                return row
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def author_label(value: Any) -> str | None:
    """The suite's author label as one string (a list joined with "; ")."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return value if isinstance(value, str) and value.strip() else None


def load_cases(suite: str, directory: str | Path) -> list[Case]:
    """The pages of ``suite`` in ``directory`` (the unpacked suite folder)."""
    if suite not in SUITES:
        raise SuiteError(f"unknown suite {suite!r} (known: {', '.join(SUITES)})")
    folder = Path(directory)
    index = folder / _INDEX[suite]
    if not index.is_file():
        raise SuiteError(f"no {_INDEX[suite]} in {folder} (is it the unpacked {suite} suite?)")
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SuiteError(f"{index}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise SuiteError(f"{index}: expected a JSON object of URL → entry")
    cases = []
    for url, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise SuiteError(f"{index}: entry {url!r} has no 'file'")
        path = next((p for p in (folder / "cache" / entry["file"], folder / "eval" / entry["file"])
                     if p.is_file()), None)
        if path is None:
            continue  # the suites list a few pages they do not ship; the peers skip them too
        cases.append(Case(url=url, path=path, with_=list(entry.get("with") or []),
                          without=list(entry.get("without") or []),
                          author=author_label(entry.get("author")),
                          date=entry.get("date") if isinstance(entry.get("date"), str) else None))
    if not cases:
        raise SuiteError(f"{folder}: no pages found under cache/ or eval/")
    return cases


# -- the suites' tarballs ---------------------------------------------------------------


def cache_dir() -> Path:
    """Where the suites are unpacked: ``$XDG_CACHE_HOME`` (or ``~/.cache``)/pressarchive-peers."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pressarchive-peers"


def unpacked(suite: str, datasets: Path, cache: Path) -> Path | None:
    """The suite's folder in ``cache``, unpacking ``datasets/<suite>-eval.tar.xz`` first if
    needed (into a temporary folder renamed at the end, so a killed unpack leaves nothing
    half-done); None when neither is there."""
    folder = cache / f"{suite}-eval"
    if (folder / _INDEX[suite]).is_file():
        return folder
    tarball = datasets / f"{suite}-eval.tar.xz"
    if not tarball.is_file():
        return None
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        with tarfile.open(tarball) as tar:
            tar.extractall(tmp, filter="data")
        try:
            (Path(tmp) / folder.name).rename(folder)
        except OSError:  # another process unpacked it meanwhile
            if not (folder / _INDEX[suite]).is_file():
                raise
    return folder


# -- systems ----------------------------------------------------------------------------

Runner = Callable[[bytes, str], Result]


def _pressarchive() -> Runner:
    from .extract import ExtractionError, extract_article
    from .profiles import Profile, generic_profile

    def _profile(url: str) -> Profile | None:
        # A few suite URLs are not http(s) ("xhttps://…"): generic mode without a profile.
        return generic_profile(url) if url.startswith(("http://", "https://")) else None

    def run(html: bytes, url: str) -> Result:
        try:
            art = extract_article(html, url, profile=_profile(url))
        except ExtractionError as exc:
            return Result(error=exc.reason)
        return Result(body=art.body, author=art.author, published=art.published)

    return run


def _trafilatura(suite: str) -> Runner:
    import trafilatura

    def run(html: bytes, url: str) -> Result:
        if suite == "htmldate":
            raise SuiteError("trafilatura is not this suite's peer")
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        author = getattr(doc, "author", None) if doc is not None else None
        if isinstance(doc, dict):
            author = doc.get("author")
        return Result(body=text, author=author)

    return run


def _htmldate() -> Runner:
    from htmldate import find_date

    def run(html: bytes, url: str) -> Result:
        return Result(published=find_date(html, url=url, original_date=True))

    return run


PEERS = {"trafilatura": "trafilatura", "htmldate": "htmldate"}


def runners(suite: str, peer: bool = True) -> list[tuple[str, Runner]]:
    """The systems measured on ``suite``: pressarchive/generic and, with ``peer``, the
    suite's own library."""
    systems: list[tuple[str, Runner]] = [("pressarchive/generic", _pressarchive())]
    if peer:
        try:
            systems.append((PEERS[suite], _trafilatura(suite) if suite == "trafilatura"
                            else _htmldate()))
        except ImportError as exc:
            raise SuiteError(f"peer {PEERS[suite]} is not installed: {exc}") from exc
    return systems


def run_system(runner: Runner, cases: list[Case], pages: dict[str, bytes]) -> Iterator[Result]:
    for case in cases:
        start = time.perf_counter()
        try:
            result = runner(pages[case.url], case.url)
        except SuiteError:
            raise
        except Exception as exc:  # a crash finds nothing; it is a result, not an abort
            result = Result(error=f"{type(exc).__name__}: {exc}")
        result.ms = (time.perf_counter() - start) * 1000
        yield result


# -- scoring ----------------------------------------------------------------------------


def body_counts(case: Case, text: str | None) -> tuple[int, int, int]:
    """(tp, fn, fp) of one page by the trafilatura suite's rule."""
    found = collapse(text)
    tp = sum(1 for s in case.with_ if collapse(s) in found) if found else 0
    fp = sum(1 for s in case.without if collapse(s) in found) if found else 0
    return tp, len(case.with_) - tp, fp


def score(suite: str, system: str, cases: list[Case], results: list[Result],
          misses: list[dict[str, Any]] | None = None) -> SystemScore:
    """One system's figures on ``suite``; ``misses`` receives one entry per missed page."""
    row = SystemScore(system=system, pages=len(cases),
                      failed=sum(r.error is not None for r in results),
                      ms_per_page=statistics.median(r.ms for r in results))
    if suite == "trafilatura":
        tp = fn = fp = 0
        authors = []
        for case, result in zip(cases, results, strict=True):
            page_tp, page_fn, page_fp = body_counts(case, result.body)
            tp, fn, fp = tp + page_tp, fn + page_fn, fp + page_fp
            if case.author is not None:
                ok = collapse(result.author) == collapse(case.author)
                authors.append(ok)
                if misses is not None and not ok:
                    misses.append({"url": case.url, "file": case.path.name, "field": "author",
                                   "got": result.author, "expected": case.author})
            if misses is not None and (page_fn or page_fp):
                misses.append({"url": case.url, "file": case.path.name, "field": "body",
                               "fn": page_fn, "fp": page_fp, "error": result.error})
        row.body_precision = tp / (tp + fp) if tp + fp else 0.0
        row.body_recall = tp / (tp + fn) if tp + fn else 0.0
        row.body_f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        row.author_pages = len(authors)
        row.author = sum(authors) / len(authors) if authors else None
    else:
        hits = []
        for case, result in zip(cases, results, strict=True):
            ok = bool(result.published) and result.published[:10] == case.date
            hits.append(ok)
            if misses is not None and not ok:
                misses.append({"url": case.url, "file": case.path.name, "field": "date",
                               "got": result.published, "expected": case.date,
                               "error": result.error})
        row.date = sum(hits) / len(hits) if hits else None
    return row


def _run_chunk(suite: str, name: str, items: list[tuple[str, str]]) -> list[Result]:
    """One worker's share: (url, path) pages through the system called ``name``."""
    runner = dict(runners(suite, peer=name != "pressarchive/generic"))[name]
    cases = [Case(url=url, path=Path(path)) for url, path in items]
    pages = {case.url: case.path.read_bytes() for case in cases}
    list(run_system(runner, cases[:3], pages))  # warm-up: imports and caches
    return list(run_system(runner, cases, pages))


def evaluate_suite(suite: str, directory: str | Path, *, peer: bool = True,
                   limit: int | None = None, workers: int = 1) -> SuiteReport:
    """Score pressarchive (generic mode) and the suite's peer on the suite in ``directory``;
    ``workers`` > 1 spreads the pages over that many processes (ms/page stays per page)."""
    cases = load_cases(suite, directory)[:limit]
    report = SuiteReport(suite=suite, directory=str(directory), systems=[])
    items = [(case.url, str(case.path)) for case in cases]
    for name, _ in runners(suite, peer):
        if workers > 1:
            chunks = [items[i::workers] for i in range(workers)]
            with ProcessPoolExecutor(workers) as pool:
                parts = list(pool.map(_run_chunk, [suite] * workers, [name] * workers, chunks))
            by_url = {url: result for chunk, part in zip(chunks, parts, strict=True)
                      for (url, _), result in zip(chunk, part, strict=True)}
            results = [by_url[case.url] for case in cases]
        else:
            results = _run_chunk(suite, name, items)
        report.misses[name] = []
        report.systems.append(score(suite, name, cases, results, report.misses[name]))
    return report


def _num(value: float | None, pct: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value * 100:.1f}%" if pct else f"{value:.3f}"


def format_suite(report: SuiteReport, misses: bool = False) -> str:
    """The report as a plain-text table (and, with ``misses``, the missed pages)."""
    n = report.systems[0].pages if report.systems else 0
    if report.suite == "trafilatura":
        head = (f"{'system':<21} {'pages':>5} {'fail':>4} {'body P':>6} {'body R':>6} "
                f"{'body F1':>7} {'author':>7} {'ms/page':>7}")
    else:
        head = f"{'system':<21} {'pages':>5} {'fail':>4} {'date':>6} {'ms/page':>7}"
    lines = [f"{report.suite} suite, {report.directory} ({n} pages; pressarchive in generic "
             "mode)", head, "-" * len(head)]
    for row in report.systems:
        if report.suite == "trafilatura":
            author = _num(row.author, pct=True)
            lines.append(f"{row.system:<21} {row.pages:>5} {row.failed:>4} "
                         f"{_num(row.body_precision):>6} {_num(row.body_recall):>6} "
                         f"{_num(row.body_f1):>7} {author:>7} {row.ms_per_page:>7.2f}")
        else:
            lines.append(f"{row.system:<21} {row.pages:>5} {row.failed:>4} "
                         f"{_num(row.date, pct=True):>6} {row.ms_per_page:>7.2f}")
    if report.suite == "trafilatura" and report.systems:
        lines.append(f"author: exact match on the {report.systems[0].author_pages} pages with "
                     "an author label")
    if misses:
        for system, entries in report.misses.items():
            lines.append(f"\nMisses of {system}: {len(entries)}")
            for entry in entries:
                lines.append("  " + json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines)
