"""``bag``: the archive (or an extract of some sites and dates) as a BagIt bag for a
repository (bagit-python: the Library of Congress's own implementation), with its WARC
files, the schema document and ``bag-info.txt`` saying who made it, with what and of when;
validated by bagit's own validator once made."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import bagit

from .. import __version__
from ..archive import Archive
from .backup import BackupError, archive_files, empty_destination, place_files

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


@dataclass
class Bagged:
    path: Path
    summary: dict[str, Any]
    files: int
    info: dict[str, str]


def contact() -> str:
    """``$PRESSARCHIVE_CONTACT``, else the crawler's default contact setting."""
    from ..settings import PRESSARCHIVE_CONTACT

    return os.environ.get("PRESSARCHIVE_CONTACT") or PRESSARCHIVE_CONTACT


def bag_info(summary: dict[str, Any], selection: str, *, organization: str | None,
             contact_value: str) -> dict[str, str]:
    """bag-info.txt: the reserved BagIt fields, then pressarchive's own."""
    info = {"Source-Organization": organization or contact_value,
            "Contact": contact_value,
            "Bagging-Date": date.today().isoformat(),
            "External-Description": (
                f"pressarchive archive of {summary['articles']} news articles of"
                f" {', '.join(summary['sites']) or 'no site'} ({selection}), published"
                f" {summary['earliest_published'] or '?'} to"
                f" {summary['latest_published'] or '?'}: the SQLite archive"
                f" (data/{summary['db']}), its WARC captures (data/warc/) and its schema"
                " (data/docs/schema.md)"),
            "Pressarchive-Version": __version__,
            "Pressarchive-Selection": selection,
            "Earliest-Published": summary["earliest_published"] or "",
            "Latest-Published": summary["latest_published"] or "",
            "First-Captured": summary["first_captured"] or "",
            "Last-Captured": summary["last_captured"] or "",
            "Article-Count": str(summary["articles"]),
            "Sites": ", ".join(summary["sites"])}
    email = contact_value.removeprefix("mailto:")
    if "@" in email and "://" not in email:
        info["Contact-Email"] = email
    return {k: v for k, v in info.items() if v}


def make_bag(archive: Archive, dest: Path, *, sites: Sequence[str] = (),
             since: str | None = None, organization: str | None = None, copy: bool = False,
             on_file: Callable[[str], None] | None = None) -> Bagged:
    """Build the bag in the empty folder ``dest`` and validate it (bagit raises)."""
    selected = bool(sites or since)
    ids = archive.selected_ids(sites, since)
    if selected and not ids:
        raise BackupError("no article matches the selection; nothing to bag")
    empty_destination(dest)
    summary = archive.selection_summary(ids)
    db = dest / archive.path.name
    if selected:
        with Archive(db) as extract:
            for table, columns, rows in archive.selection_rows(ids, sites or summary["sites"]):
                extract.insert_rows(table, columns, rows)
            extract.single_file()
        names = summary["warc_files"]
        parts = [f"site {s}" for s in sites] + ([f"published since {since}"] if since else [])
        selection = "an extract: " + ", ".join(parts)
    else:
        archive.copy_to(db)
        with Archive(db, readonly=True) as snapshot:
            names = archive_files(archive, snapshot)
        selection = "the whole archive"
    summary["db"] = db.name
    placed = place_files(archive.path.parent, names, dest, copy=copy, on_file=on_file)
    if SCHEMA_DOC.is_file():
        (dest / "docs").mkdir(exist_ok=True)
        shutil.copy2(SCHEMA_DOC, dest / "docs" / "schema.md")
    info = bag_info(summary, selection, organization=organization, contact_value=contact())
    bag = bagit.make_bag(str(dest), info, processes=1, checksums=["sha256", "sha512"])
    bag.validate()
    return Bagged(dest, summary, placed.files, info)


def validate(path: Path) -> list[str]:
    """bagit's own validation of a bag: its problems (none when valid)."""
    try:
        bagit.Bag(str(path)).validate()
    except bagit.BagValidationError as exc:
        return [str(d) for d in exc.details] or [str(exc)]
    except bagit.BagError as exc:
        return [str(exc)]
    return []
