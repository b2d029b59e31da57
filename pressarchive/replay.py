"""Replay with pywb: one collection per site, indexed from the archive's WARC files.

The index lives in a cache folder (not the archive): one sorted CDXJ file per WARC file,
kept while the WARC file keeps its size and modification time, so a re-run indexes only
new or grown files; each site's collection index is those files merged. pywb reads the
WARC files where they are (``archive_paths`` is the archive's folder), nothing is copied.

pywb pins ``redis==2.10.6`` (the distributed crawl needs redis ≥ 5), so it lives in its
own virtualenv: ``setup.sh`` makes it at ``.venv/pywb``; ``$PRESSARCHIVE_PYWB`` names
another one (its folder, or its ``wayback`` program).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from warcio.timeutils import iso_date_to_timestamp, timestamp_to_iso_date

if TYPE_CHECKING:
    from .archive import Archive

DEFAULT_PORT = 8090  # pywb's own default (8080) is a common proxy port
DEFAULT_HOST = "127.0.0.1"
STATE = "state.json"


def replay_url(base: str, site: str, warc_date: str, url: str, *, raw: bool = False) -> str:
    """The pywb address of one capture: ``BASE/SITE/TIMESTAMP/URL`` (``…id_/URL``: the
    bytes as captured, unrewritten)."""
    stamp = iso_date_to_timestamp(warc_date) if "-" in warc_date else warc_date
    return f"{base.rstrip('/')}/{site}/{stamp}{'id_' if raw else ''}/{url}"


def replay_base() -> str:
    """Where ``pressarchive replay`` is reached: $PRESSARCHIVE_REPLAY_URL, else its
    default address."""
    return os.environ.get("PRESSARCHIVE_REPLAY_URL") or f"http://{DEFAULT_HOST}:{DEFAULT_PORT}"


def default_cache_dir(db_path: Path) -> Path:
    """$PRESSARCHIVE_REPLAY_CACHE, else
    ``$XDG_CACHE_HOME/pressarchive/replay/<archive's name>-<digest of its path>``."""
    if os.environ.get("PRESSARCHIVE_REPLAY_CACHE"):
        return Path(os.environ["PRESSARCHIVE_REPLAY_CACHE"])
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha1(str(db_path.resolve()).encode("utf-8")).hexdigest()[:12]
    return root / "pressarchive" / "replay" / f"{db_path.stem}-{digest}"


def find_pywb(program: str = "wayback") -> str | None:
    """pywb's ``program`` (``wayback``, ``wb-manager``): in the virtualenv
    $PRESSARCHIVE_PYWB names (or, for ``wayback``, that program itself), in ``.venv/pywb``
    next to this environment, or on PATH."""
    named = os.environ.get("PRESSARCHIVE_PYWB")
    if named:  # that one or none
        candidates = [Path(named)] if program == "wayback" else []
        candidates.append(Path(named) / "bin" / program)
    else:
        candidates = [Path(sys.prefix) / "pywb" / "bin" / program]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None if named else shutil.which(program)


def archive_warc_files(archive: Archive, site: str | None = None) -> dict[str, set[str]]:
    """Every WARC file of the archive (or of one site) -> the sites it holds captures of:
    those captures point to or a verify read (:meth:`Archive.site_warc_files`), and
    the files in its WARC folders whose warcinfo names one of its sites (an earlier
    crawl's file, once every article in it was fetched again, is pointed to by none)."""
    from .preserve import warcscan
    from .preserve.verify import Verifier

    files = archive.site_warc_files(site)
    for name in Verifier(archive, site=site).belonging_files():
        owner = warcscan.first_info(archive.path.parent / name).get("isPartOf")
        if owner and (site is None or owner == site):
            files.setdefault(name, set()).add(owner)
    return files


@dataclass
class IndexReport:
    indexed: list[str] = field(default_factory=list)  # WARC files (re)indexed this time
    reused: int = 0  # WARC files whose index was still good
    missing: list[str] = field(default_factory=list)  # WARC files not on this disk
    unreadable: list[str] = field(default_factory=list)  # damaged ones, with the error
    captures: dict[str, int] = field(default_factory=dict)  # site -> index lines


class ReplayIndex:
    """The pywb collections of one archive in ``cache``: ``indexes/`` (one CDXJ file a
    WARC file), ``collections/SITE.cdxj`` (merged) and ``config.yaml``."""

    def __init__(self, archive_folder: Path, cache: Path) -> None:
        self.folder = archive_folder.resolve()
        self.cache = cache
        self.state_path = cache / STATE
        try:
            self.state: dict[str, dict[str, int | str]] = json.loads(
                self.state_path.read_text("utf-8"))
        except (OSError, ValueError):
            self.state = {}

    def update(self, files: dict[str, set[str]]) -> IndexReport:
        """Index new or changed WARC files (name -> sites), merge each site's index."""
        from cdxj_indexer import CDXJIndexer

        report = IndexReport()
        (self.cache / "indexes").mkdir(parents=True, exist_ok=True)
        (self.cache / "collections").mkdir(exist_ok=True)
        present: dict[str, set[str]] = {}
        for name, sites in sorted(files.items()):
            path = self.folder / name
            try:
                stat = path.stat()
            except OSError:
                report.missing.append(name)
                continue
            known = self.state.get(name)
            stamp = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
            cdxj = self.cache / "indexes" / (hashlib.sha1(name.encode()).hexdigest() + ".cdxj")
            if known and all(known.get(k) == v for k, v in stamp.items()) and cdxj.exists():
                present[name] = sites
                report.reused += 1
                continue
            tmp = cdxj.with_suffix(f".{os.getpid()}.part")
            try:
                with tmp.open("w", encoding="utf-8") as out:
                    CDXJIndexer(out, [str(path)], sort=True, filename=name).process_all()
            except OSError:
                tmp.unlink(missing_ok=True)
                raise
            except Exception as exc:  # warcio: a damaged or cut-short file
                tmp.unlink(missing_ok=True)
                report.unreadable.append(f"{name} ({exc})"[:300])
                continue
            os.replace(tmp, cdxj)
            self.state[name] = {**stamp, "cdxj": cdxj.name}
            self._save_state()  # what is done stays done if we are stopped
            present[name] = sites
            report.indexed.append(name)
        for site in sorted({s for sites in present.values() for s in sites}):
            names = [n for n, sites in present.items() if site in sites]
            report.captures[site] = self._merge(site, names, changed=bool(report.indexed))
        self._write_config(sorted(report.captures))
        return report

    def _save_state(self) -> None:
        tmp = self.state_path.with_suffix(f".{os.getpid()}.part")
        tmp.write_text(json.dumps(self.state, indent=1), "utf-8")
        os.replace(tmp, self.state_path)

    def _merge(self, site: str, names: list[str], *, changed: bool) -> int:
        """Write ``collections/SITE.cdxj`` (when a file of it changed, or it lacks one or
        has another set of files); its number of lines."""
        target = self.cache / "collections" / f"{site}.cdxj"
        listing = target.with_suffix(".files")
        wanted = "\n".join(names)
        if not changed and target.exists() and listing.exists() \
                and listing.read_text("utf-8") == wanted:
            with target.open("rb") as fh:
                return sum(1 for _ in fh)
        tmp = target.with_suffix(f".{os.getpid()}.part")
        lines = 0
        with ExitStack() as stack, tmp.open("w", encoding="utf-8") as out:
            sources = [stack.enter_context(
                (self.cache / "indexes" / str(self.state[n]["cdxj"])).open(encoding="utf-8"))
                for n in names]
            for line in heapq.merge(*(_entries(s) for s in sources)):
                out.write(line)
                lines += 1
        os.replace(tmp, target)
        listing.write_text(wanted, "utf-8")
        return lines

    def _write_config(self, sites: list[str]) -> None:
        """pywb's ``config.yaml`` (JSON is YAML): the collections, unframed replay."""
        config = {
            "collections": {site: {
                "index_paths": str((self.cache / "collections" / f"{site}.cdxj").resolve()),
                "archive_paths": f"{self.folder}/"} for site in sites},
            "framed_replay": False,
            "enable_memento": True,
        }
        (self.cache / "config.yaml").write_text(json.dumps(config, indent=1), "utf-8")

    def lookup(self, site: str, urls: Iterable[str]) -> list[dict[str, str]]:
        """Every capture of ``urls`` in ``site``'s collection: url, timestamp, status,
        mime; oldest first (a binary search of the merged, sorted index)."""
        from surt import surt

        target = self.cache / "collections" / f"{site}.cdxj"
        found: list[dict[str, str]] = []
        if not target.exists():
            return found
        with target.open("rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            for key in {surt(u).encode("utf-8") + b" " for u in urls}:
                fh.seek(_first_line_at_least(fh, key, size))
                for line in iter(fh.readline, b""):
                    if not line.startswith(key):
                        break
                    _, stamp, data = line.decode("utf-8").split(" ", 2)
                    entry = json.loads(data)
                    found.append({"url": entry.get("url", ""), "timestamp": stamp,
                                  "status": entry.get("status", ""),
                                  "mime": entry.get("mime", "")})
        return sorted(found, key=lambda e: e["timestamp"])


def _line_after(fh: BinaryIO, position: int) -> tuple[int, bytes]:
    """The first whole line starting at or after ``position``: (its offset, it)."""
    fh.seek(position)
    if position:
        fh.readline()
    offset = fh.tell()
    return offset, fh.readline()


def _first_line_at_least(fh: BinaryIO, key: bytes, size: int) -> int:
    """The offset of the first line of a sorted file that is ≥ ``key`` (or its end)."""
    lo, hi = 0, size
    while lo < hi:
        mid = (lo + hi) // 2
        _, line = _line_after(fh, mid)
        if line and line < key:
            lo = mid + 1
        else:
            hi = mid
    return _line_after(fh, lo)[0]


def _entries(fh: Iterable[str]) -> Iterator[str]:
    """The index lines of one CDXJ file (its header lines, if any, skipped)."""
    for line in fh:
        if line and not line.startswith("!"):
            yield line if line.endswith("\n") else line + "\n"


def article_captures(row: dict[str, Any], folder: Path, cache: Path | None,
                     base: str) -> list[dict[str, str | None]]:
    """time, url (as fetched), status and replay address of each capture of one article
    (a ``page_captures`` row): the one its stored version came from (read from its WARC
    record) and every other the site's replay index holds (the index is only read: it
    is as complete as the last ``pressarchive replay``); oldest first."""
    from .warc import read_capture_header

    found: dict[tuple[str, str], str | None] = {}
    urls = {row["url"], row.get("fetched_url")}
    if row.get("warc_file"):
        try:
            target, date, status = read_capture_header(folder / row["warc_file"],
                                                       row["warc_offset"])
            found[(iso_date_to_timestamp(date), target)] = status
            urls.add(target)
        except (OSError, ValueError):
            pass  # a missing capture: `verify` reports it
    if cache is not None:
        for entry in ReplayIndex(folder, cache).lookup(row["site"], {u for u in urls if u}):
            found.setdefault((entry["timestamp"], entry["url"]), entry["status"])
    return [{"time": timestamp_to_iso_date(stamp), "url": url, "status": status,
             "replay": replay_url(base, row["site"], stamp, url)}
            for (stamp, url), status in sorted(found.items())]
