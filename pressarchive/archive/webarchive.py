"""Queries behind the WACZ export and pywb replay: which captures and WARC files."""

from __future__ import annotations

from typing import Any

from .queries import Filters


class WebArchiveMixin:
    db: Any

    def page_captures(self, site: str | None = None, since: str | None = None,
                      url: str | None = None) -> list[dict[str, Any]]:
        """Every article with a capture (its latest live version's WARC record): id, url,
        fetched_url, site, title, published, warc_file, warc_offset, warc_worker; by id."""
        where, params = Filters(site=site, since=since).sql("a")
        if url is not None:
            where, params = where + " AND a.url = ?", [*params, url]
        return list(self.db.query(
            "SELECT a.id, a.url, a.fetched_url, a.site, a.title, a.published, a.warc_file,"
            " a.warc_offset, a.warc_worker FROM articles a WHERE a.warc_file IS NOT NULL"
            f"{where} ORDER BY a.id", params))

    def site_warc_files(self, site: str | None = None) -> dict[str, set[str]]:
        """WARC file name (relative to the archive's folder) -> the sites whose captures it
        holds: the files articles, held versions and documents point to, and those a full
        verify read whole (``warc_files``, list pages and robots.txt included)."""
        where, params = ("AND site = ?", [site]) if site else ("", [])
        files: dict[str, set[str]] = {}
        for table in ("articles", "pending_versions", "documents", "warc_files"):
            column = "name" if table == "warc_files" else "warc_file"
            for name, owner in self.db.execute(
                    f"SELECT DISTINCT {column}, site FROM {table}"
                    f" WHERE {column} IS NOT NULL AND site IS NOT NULL {where}", params):
                files.setdefault(name, set()).add(owner)
        return files
