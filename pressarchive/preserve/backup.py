"""``backup``: a consistent copy of the archive while a crawl may be writing to it.

The database first, through SQLite's backup API (one read snapshot: a writer is neither
blocked nor half-copied), then the WARC files (hard-linked on the same filesystem, else
copied; a file a live crawl may still append to is copied up to its last whole record),
so that every capture the copied database points to is in the copy. Last comes
``manifest-sha256.txt`` (``sha256sum -c`` reads it): a backup without one did not finish.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..archive import Archive
from . import warcscan
from .verify import Check, Problem, Report, Verifier

MANIFEST = "manifest-sha256.txt"


class BackupError(RuntimeError):
    """A backup that cannot be made (the destination is not empty, not writable)."""


@dataclass
class Placed:
    files: int = 0
    linked: int = 0
    bytes: int = 0
    skipped: list[str] = field(default_factory=list)


def empty_destination(dest: Path) -> None:
    """``dest`` is created, or an empty folder; anything else is refused."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not an empty folder; name a new one")
    dest.mkdir(parents=True, exist_ok=True)  # an OSError says why it cannot be


def archive_files(archive: Archive, snapshot: Archive | None = None) -> list[str]:
    """The WARC files that are the archive's (relative names): the ones ``snapshot``'s
    captures point to, the registered ones and the ones whose warcinfo names its sites."""
    referenced, registered, belonging, _ = Verifier(archive)._files()
    names = set(snapshot.capture_files() if snapshot else referenced)
    return sorted(names | set(registered) | set(belonging))


def place_files(home: Path, names: Iterable[str], dest: Path, *, copy: bool = False,
                on_file: Callable[[str], None] | None = None) -> Placed:
    """Put each named file (relative to ``home``) at the same place under ``dest``."""
    names = list(names)
    growing = warcscan.live_files(names)
    placed = Placed()
    for name in names:
        source, target = home / name, dest / name
        if Path(name).is_absolute() or name.startswith(".."):
            placed.skipped.append(f"{name}: outside the archive's folder, not copied")
            continue
        if not source.is_file():
            placed.skipped.append(f"{name}: missing, not copied")
            continue
        if on_file:
            on_file(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if name in growing:
            _snapshot(source, target)
        elif copy or not _link(source, target):
            shutil.copy2(source, target)
        else:
            placed.linked += 1
        placed.files += 1
        placed.bytes += target.stat().st_size
    return placed


def _link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:  # another filesystem, or links not allowed
        return False
    return True


def _snapshot(source: Path, target: Path) -> None:
    """Copy a file a crawl is appending to, up to the end of its last whole record."""
    size = source.stat().st_size
    with source.open("rb") as src, target.open("wb") as dst:
        shutil.copyfileobj(_Limited(src, size), dst)
    end = warcscan.scan(target).end
    os.truncate(target, end)
    shutil.copystat(source, target)


class _Limited:
    def __init__(self, fh: object, size: int) -> None:
        self.fh, self.left = fh, size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.fh.read(n) if n else b""  # type: ignore[attr-defined]
        self.left -= len(data)
        return data


def sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_manifest(dest: Path, names: Iterable[str]) -> None:
    lines = "".join(f"{sha256(dest / n)}  {n}\n" for n in sorted(names))
    part = dest / (MANIFEST + ".part")
    part.write_text(lines, encoding="utf-8")
    os.replace(part, dest / MANIFEST)


def backup(archive: Archive, dest: Path, *, copy: bool = False,
           on_file: Callable[[str], None] | None = None) -> tuple[Placed, int]:
    """Back the archive up into the empty folder ``dest``: (WARC files placed, articles)."""
    empty_destination(dest)
    db = dest / archive.path.name
    part = db.with_name(db.name + ".part")
    archive.copy_to(part)
    os.replace(part, db)
    with Archive(db, readonly=True) as snapshot:
        names = archive_files(archive, snapshot)
        articles = snapshot.count("articles")
    placed = place_files(archive.path.parent, names, dest, copy=copy, on_file=on_file)
    kept = [n for n in names if (dest / n).is_file()]
    write_manifest(dest, [db.name, *kept])
    return placed, articles


def verify_backup(dest: Path, *, on_item: Callable[[str], None] | None = None) -> Report:
    """The manifest's sums, and the copied archive's own full verify (read-only)."""
    manifest = Check("manifest")
    listed: dict[str, str] = {}
    try:
        for line in (dest / MANIFEST).read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            listed[name] = digest
    except OSError as exc:
        manifest.problems.append(Problem("manifest", f"no manifest ({exc.strerror}): the"
                                         " backup did not finish", file=MANIFEST))
    for name, digest in listed.items():
        manifest.items += 1
        path = dest / name
        if not path.is_file():
            manifest.problems.append(Problem("manifest", "missing", file=name))
        elif sha256(path) != digest:
            manifest.problems.append(Problem("manifest", "sha256 differs from the manifest:"
                                             " changed since the backup", file=name))
        else:
            manifest.bytes += path.stat().st_size
    for path in sorted(dest.rglob("*")):
        name = str(path.relative_to(dest))
        if path.is_file() and name not in listed and not name.startswith(MANIFEST):
            manifest.problems.append(Problem("manifest", "not in the manifest", file=name))
    databases = [n for n in listed if "/" not in n and n.endswith(".db")]
    if not databases:
        report = Report(str(dest), "backup", None, _now())
        report.checks = {"manifest": manifest, **report.checks}
        report.notes.append("no archive in the manifest")
        return report
    with Archive(dest / databases[0], readonly=True) as copy:
        report = Verifier(copy, on_item=on_item).full()
    report.scope = f"backup {dest}"
    report.checks = {"manifest": manifest, **report.checks}
    report.notes = [n for n in report.notes if not n.startswith("read-only")]
    return report


def _now() -> str:
    from ..items import now_iso

    return now_iso()
