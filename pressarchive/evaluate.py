"""Accuracy of extraction, measured on a labelled set (``pressarchive eval``).

A labelled set is a folder of ``NAME.html`` pages, each beside a ``NAME.json`` holding the
page's URL and the fields a correct extractor returns (see ``tests/labelled/README.md``).
:func:`evaluate` runs extraction over every page and scores, per system (pressarchive with
site profiles, pressarchive in generic mode, optionally plain trafilatura) and per group
(all pages, each site, each markup family):

- title, author, source: exact match after whitespace collapsing (``None`` = ``None``
  matches; text is not NFC-normalised, so an NFD title is a miss);
- published: the same instant in Vietnam time, compared only down to the labelled
  precision (day, minute or second); a date-only answer misses a minute-precision label;
- body: precision, recall and F1 of tokens (NFC, split on whitespace, punctuation-only
  tokens such as ``|`` or ``-`` ignored), multiset overlap, averaged over pages;
- ms/page: median wall time of one extraction call.

A page the extractor refuses (``ExtractionError``, or no result from the baseline) misses
every field; any other exception is recorded as a crash, never raised.
"""

from __future__ import annotations

import json
import statistics
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VN_TZ = timezone(timedelta(hours=7))
MODES = ("profile", "generic", "both")
BASELINES = ("trafilatura",)
PRECISIONS = ("day", "minute", "second")
MARKUP_ORDER = ("liferay", "aspnet", "wordpress", "bare")
REQUIRED = ("url", "site", "markup", "title", "published", "published_precision", "author",
            "body")
FIELDS = ("title", "published", "author", "source")


class EvalError(ValueError):
    """The labelled set cannot be read (missing folder, no pages, a malformed label)."""


# -- labels -----------------------------------------------------------------------------


@dataclass
class Label:
    """One labelled page: the HTML file and the expected fields from its JSON."""

    name: str
    html_path: Path
    url: str
    site: str | None
    markup: str
    title: str
    published: str | None
    published_precision: str | None
    author: str | None
    body: str
    source: str | None = None
    has_source: bool = False
    charset: str | None = None
    notes: str = ""

    @property
    def site_group(self) -> str:
        """The profile name, or the URL's host for pages of portals without a profile."""
        return self.site or (urlsplit(self.url).hostname or "?")

    @property
    def content_type(self) -> str | None:
        return f"text/html; charset={self.charset}" if self.charset else None


def _label(json_path: Path, html_path: Path) -> Label:
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{json_path}: cannot read labels: {exc}") from exc
    if not isinstance(data, dict):
        raise EvalError(f"{json_path}: labels must be a JSON object")
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise EvalError(f"{json_path}: missing key(s) {', '.join(missing)}")
    for key in ("url", "markup", "title", "body"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise EvalError(f"{json_path}: key '{key}' must be a non-empty string")
    if data["published"] is not None:
        if data["published_precision"] not in PRECISIONS:
            raise EvalError(f"{json_path}: key 'published_precision' must be one of "
                            f"{', '.join(PRECISIONS)}")
        if _when(data["published"]) is None:
            raise EvalError(f"{json_path}: key 'published' is not ISO 8601: "
                            f"{data['published']!r}")
    return Label(
        name=json_path.stem, html_path=html_path, url=data["url"], site=data["site"] or None,
        markup=data["markup"], title=data["title"], published=data["published"],
        published_precision=data["published_precision"], author=data["author"],
        body=data["body"], source=data.get("source"), has_source="source" in data,
        charset=data.get("charset") or None, notes=data.get("notes") or "",
    )


def load_labels(directory: str | Path, site: str | None = None) -> list[Label]:
    """The labelled pages of ``directory`` (``*.html`` with a same-stem ``*.json``),
    optionally only those of one site (profile name, or host for unprofiled portals)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise EvalError(f"no such directory: {folder}")
    labels = [_label(html.with_suffix(".json"), html) for html in sorted(folder.glob("*.html"))
              if html.with_suffix(".json").is_file()]
    if not labels:
        raise EvalError(f"no labelled pages in {folder} (expected NAME.html beside NAME.json)")
    if site is not None:
        labels = [lab for lab in labels if site in (lab.site, lab.site_group)]
        if not labels:
            raise EvalError(f"no labelled pages for site {site!r} in {folder}")
    return labels


# -- scoring ----------------------------------------------------------------------------


def tokens(text: str | None) -> list[str]:
    """NFC, whitespace-split tokens; tokens made only of punctuation/symbols are dropped."""
    if not text:
        return []
    return [tok for tok in unicodedata.normalize("NFC", text).split()
            if not all(unicodedata.category(ch)[0] in "PS" for ch in tok)]


def token_scores(expected: str, got: str | None) -> tuple[float, float, float]:
    """(precision, recall, F1) of the multiset overlap of ``tokens``."""
    want, have = Counter(tokens(expected)), Counter(tokens(got))
    overlap = sum((want & have).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(have.values())
    recall = overlap / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def _collapse(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def same_text(expected: str | None, got: str | None) -> bool:
    """Exact match after whitespace collapsing; empty output counts as ``None``."""
    return _collapse(expected) == (_collapse(got) or None)


def _when(value: str) -> datetime | date | None:
    """An ISO 8601 date (day precision) or datetime (in Vietnam time); None if unparseable."""
    text = value.strip()
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=VN_TZ)
    return parsed.astimezone(VN_TZ)


def same_published(expected: str | None, precision: str | None, got: str | None) -> bool:
    """Whether ``got`` is the labelled time, compared down to the labelled precision."""
    if expected is None or got is None:
        return expected is None and not got
    want, have = _when(expected), _when(got)
    if want is None or have is None:
        return False
    want_day = want.date() if isinstance(want, datetime) else want
    have_day = have.date() if isinstance(have, datetime) else have
    if precision == "day" or not isinstance(want, datetime):
        return want_day == have_day
    if not isinstance(have, datetime):
        return False  # a date without its time misses a minute- or second-precision label
    keep = 16 if precision == "minute" else 19  # "YYYY-MM-DDTHH:MM" / "…:SS"
    return want.isoformat()[:keep] == have.isoformat()[:keep]


# -- systems ----------------------------------------------------------------------------


@dataclass
class Output:
    """What one system extracted from one page (``None`` for fields it has no notion of)."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None
    body: str | None = None


class Refused(Exception):
    """A system declined the page (pressarchive's ExtractionError, trafilatura's None)."""


Extractor = Callable[[bytes, Label], Output]


def _pressarchive(mode: str) -> Extractor:
    from .extract import ExtractionError, extract_article
    from .profiles import Profile, generic_profile, load_profile

    profiles: dict[str, Profile] = {}

    def profile_for(label: Label) -> Profile:
        if mode == "generic" or not label.site:
            return generic_profile(label.url)
        if label.site not in profiles:
            try:
                profiles[label.site] = load_profile(label.site)
            except KeyError:
                raise EvalError(f"{label.name}.json: unknown site profile {label.site!r}") from None
        return profiles[label.site]

    def run(html: bytes, label: Label) -> Output:
        profile = profile_for(label)
        try:
            art = extract_article(html, label.url, profile=profile,
                                  content_type=label.content_type)
        except ExtractionError as exc:
            raise Refused(exc.reason) from exc
        return Output(art.title, art.published, art.author, art.source, art.body)

    return run


def _trafilatura() -> Extractor:
    try:
        import trafilatura
    except ImportError as exc:
        raise EvalError(f"baseline trafilatura is not installed: {exc}") from exc

    def run(html: bytes, label: Label) -> Output:
        # Give it what a crawler would: text decoded by the HTTP charset when there is one.
        page: bytes | str = html.decode(label.charset, "replace") if label.charset else html
        doc = trafilatura.bare_extraction(page, url=label.url, with_metadata=True)
        if doc is None:
            raise Refused("no result")
        data = doc if isinstance(doc, dict) else doc.as_dict()
        return Output(data.get("title"), data.get("date"), data.get("author"), None,
                      data.get("text"))

    return run


SYSTEM_NAMES = {"profile": "pressarchive/profile", "generic": "pressarchive/generic",
                "trafilatura": "trafilatura"}


def make_extractor(system: str) -> Extractor:
    """``(html, label) -> Output`` for "profile", "generic" or "trafilatura"; it raises
    :class:`Refused` when the system declines the page."""
    if system == "trafilatura":
        return _trafilatura()
    if system in ("profile", "generic"):
        return _pressarchive(system)
    raise EvalError(f"unknown system {system!r} (known: {', '.join(SYSTEM_NAMES)})")


# -- results ----------------------------------------------------------------------------


@dataclass
class Miss:
    field: str
    expected: str | None
    got: str | None


@dataclass
class PageScore:
    """One system on one page."""

    page: str
    system: str
    site: str
    markup: str
    ms: float
    error: str | None = None  # why nothing was extracted
    crashed: bool = False  # an exception other than a stated refusal
    title: bool = False
    published: bool = False
    author: bool = False
    source: bool | None = None  # None: not labelled, or the system has no such field
    body_precision: float = 0.0
    body_recall: float = 0.0
    body_f1: float = 0.0
    misses: list[Miss] = field(default_factory=list)


@dataclass
class GroupScore:
    """Rates and means of one system over one group of pages."""

    system: str
    group: str
    pages: int
    failed: int
    crashed: int
    title: float
    published: float
    author: float
    source: float | None
    body_precision: float
    body_recall: float
    body_f1: float
    ms_per_page: float


@dataclass
class Report:
    directory: str
    systems: list[str]
    pages: list[PageScore]
    groups: list[GroupScore]

    def group(self, system: str, group: str = "all") -> GroupScore:
        """The scores of ``system`` ("profile", "generic", "trafilatura" or a full name)."""
        name = SYSTEM_NAMES.get(system, system)
        for row in self.groups:
            if row.system == name and row.group == group:
                return row
        raise KeyError((name, group))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_page(label: Label, system: str, output: Output | None, ms: float,
               error: str | None = None, crashed: bool = False) -> PageScore:
    """Compare one system's output with the labels of one page."""
    result = PageScore(page=label.name, system=system, site=label.site_group,
                       markup=label.markup, ms=ms, error=error, crashed=crashed)
    out = output or Output()
    ok = output is not None and error is None  # no result misses every field, even nulls
    result.title = ok and same_text(label.title, out.title)
    result.published = ok and same_published(label.published, label.published_precision,
                                             out.published)
    result.author = ok and same_text(label.author, out.author)
    if label.has_source and system != SYSTEM_NAMES["trafilatura"]:
        result.source = ok and same_text(label.source, out.source)
    result.body_precision, result.body_recall, result.body_f1 = token_scores(label.body,
                                                                             out.body)
    expected = {"title": label.title, "published": label.published, "author": label.author,
                "source": label.source}
    for name in FIELDS:
        if ok and getattr(result, name) is False:
            result.misses.append(Miss(name, expected[name], getattr(out, name)))
    return result


def _rate(values: Iterable[bool]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _summarise(system: str, group: str, scores: list[PageScore]) -> GroupScore:
    sources = [s.source for s in scores if s.source is not None]
    return GroupScore(
        system=system, group=group, pages=len(scores),
        failed=sum(s.error is not None for s in scores),
        crashed=sum(s.crashed for s in scores),
        title=_rate(s.title for s in scores),
        published=_rate(s.published for s in scores),
        author=_rate(s.author for s in scores),
        source=_rate(sources) if sources else None,
        body_precision=statistics.fmean(s.body_precision for s in scores),
        body_recall=statistics.fmean(s.body_recall for s in scores),
        body_f1=statistics.fmean(s.body_f1 for s in scores),
        ms_per_page=statistics.median(s.ms for s in scores),
    )


def _group_keys(scores: list[PageScore]) -> list[tuple[str, Callable[[PageScore], bool]]]:
    sites = sorted({s.site for s in scores})
    markups = sorted({s.markup for s in scores},
                     key=lambda m: (MARKUP_ORDER.index(m) if m in MARKUP_ORDER else 99, m))
    keys: list[tuple[str, Callable[[PageScore], bool]]] = [("all", lambda s: True)]
    keys += [(f"site {name}", lambda s, name=name: s.site == name) for name in sites]
    keys += [(f"markup {name}", lambda s, name=name: s.markup == name) for name in markups]
    return keys


def _run(extractor: Extractor, system: str, labels: list[Label],
         pages: dict[str, bytes]) -> list[PageScore]:
    try:  # warm-up: first calls pay for imports and caches
        extractor(pages[labels[0].name], labels[0])
    except EvalError:
        raise
    except Exception:  # scored below, page by page
        pass
    results = []
    for label in labels:
        start = time.perf_counter()
        output, error, crashed = None, None, False
        try:
            output = extractor(pages[label.name], label)
        except EvalError:
            raise
        except Refused as exc:
            error = str(exc) or "refused"
        except Exception as exc:  # a crash is a result, not an abort
            error, crashed = f"{type(exc).__name__}: {exc}", True
        ms = (time.perf_counter() - start) * 1000
        results.append(score_page(label, system, output, ms, error, crashed))
    return results


def evaluate(directory: str | Path, site: str | None = None, baseline: str | None = None,
             mode: str = "both") -> Report:
    """Score extraction over the labelled set in ``directory`` (see the module docstring).

    ``mode``: "profile" (each page's site profile where its labels name one), "generic"
    (``generic_profile`` for every page) or "both"; ``baseline="trafilatura"`` adds plain
    trafilatura. Raises :class:`EvalError` for a missing folder, no pages or bad labels.
    """
    if mode not in MODES:
        raise EvalError(f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    if baseline is not None and baseline not in BASELINES:
        raise EvalError(f"unknown baseline {baseline!r} (known: {', '.join(BASELINES)})")
    labels = load_labels(directory, site)
    pages = {}
    for label in labels:
        try:
            pages[label.name] = label.html_path.read_bytes()
        except OSError as exc:
            raise EvalError(f"{label.html_path}: cannot read: {exc}") from exc
    wanted = [m for m in ("profile", "generic") if mode in (m, "both")]
    wanted += [baseline] if baseline else []
    runs = [(SYSTEM_NAMES[name], make_extractor(name)) for name in wanted]
    scores: list[PageScore] = []
    groups: list[GroupScore] = []
    for system, extractor in runs:
        results = _run(extractor, system, labels, pages)
        scores += results
        for group, keep in _group_keys(results):
            groups.append(_summarise(system, group, [s for s in results if keep(s)]))
    return Report(directory=str(directory), systems=[name for name, _ in runs], pages=scores,
                  groups=groups)


# -- output -----------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def _short(text: str | None, limit: int = 70) -> str:
    if text is None:
        return "None"
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def format_table(report: Report, misses: bool = False) -> str:
    """The report as a plain-text table; ``misses`` adds each page's missed fields."""
    n_pages = len({s.page for s in report.pages})
    head = (f"{'system':<21} {'group':<30} {'pages':>5} {'fail':>4} {'title':>6} "
            f"{'published':>9} {'author':>6} {'source':>6} {'body P':>6} {'body R':>6} "
            f"{'body F1':>7} {'ms/page':>7}")
    lines = [
        f"Extraction accuracy on {report.directory} ({n_pages} labelled pages)",
        "title/published/author/source: exact-match rate (published at the labelled "
        "precision);",
        "body: token precision/recall/F1, mean over pages; ms/page: median; fail: pages "
        "with no result.",
        "",
        head,
        "-" * len(head),
    ]
    previous = None
    for row in report.groups:
        if previous is not None and row.system != previous:
            lines.append("")
        system = row.system if row.system != previous else ""
        previous = row.system
        fail = f"{row.failed}" + ("!" if row.crashed else "")
        lines.append(
            f"{system:<21} {row.group:<30} {row.pages:>5} {fail:>4} {_pct(row.title):>6} "
            f"{_pct(row.published):>9} {_pct(row.author):>6} {_pct(row.source):>6} "
            f"{row.body_precision:>6.3f} {row.body_recall:>6.3f} {row.body_f1:>7.3f} "
            f"{row.ms_per_page:>7.2f}"
        )
    if any(s.crashed for s in report.pages):
        lines.append("\n! = some pages crashed the extractor (see the misses)")
    if misses:
        lines.append("")
        lines.extend(format_misses(report))
    return "\n".join(lines)


def format_misses(report: Report, body_below: float = 0.95) -> list[str]:
    """One line per missed field (and per body under ``body_below`` F1), by system."""
    lines = []
    for system in report.systems:
        lines.append(f"Misses of {system}:")
        count = 0
        for s in (s for s in report.pages if s.system == system):
            if s.error:
                lines.append(f"  {s.page}: {'CRASH ' if s.crashed else ''}no result: {s.error}")
                count += 1
                continue
            for miss in s.misses:
                lines.append(f"  {s.page}: {miss.field}: got {_short(miss.got)}, expected "
                             f"{_short(miss.expected)}")
                count += 1
            if s.body_f1 < body_below:
                lines.append(f"  {s.page}: body: P {s.body_precision:.3f} R {s.body_recall:.3f}"
                             f" F1 {s.body_f1:.3f}")
                count += 1
        if not count:
            lines.append("  none")
    return lines
