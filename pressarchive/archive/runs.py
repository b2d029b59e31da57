"""Runs, fetch errors, coverage and the layout-change alarm's records."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..items import FetchFailure, now_iso
from .errors import ArchiveError


@dataclass
class RunCounts:
    """What one crawl did; mirrored into its ``runs`` row."""

    pages: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    held: int = 0  # of the changed: versions held in pending_versions (not in runs)

    def add(self, other: RunCounts) -> None:
        for name in ("pages", "new", "changed", "unchanged", "failed", "held"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# The run's articles beside the versions they held back (what the run extracted).
_WITH_HELD = ("FROM articles a LEFT JOIN pending_versions p"
              " ON p.article_id = a.id AND p.run_id = a.run_id")


def _as_extracted(column: str) -> str:
    return f"(CASE WHEN p.article_id IS NULL THEN a.{column} ELSE p.{column} END)"


class RunsMixin:
    """The archive's runs methods (mixed into :class:`Archive`)."""

    def register_site(self, name: str, **info: Any) -> None:
        row = {"name": name, "updated": now_iso(), **info}
        with self._write():
            self.db["sites"].upsert(row, pk="name", alter=False)

    def start_run(self, site: str | None, options: dict[str, Any] | None = None) -> int:
        row = {
            "site": site,
            "started": now_iso(),
            "outcome": "running",
            "options": json.dumps(options or {}, ensure_ascii=False, sort_keys=True),
            "pid": os.getpid(),
            "host": os.uname().nodename,
        }
        with self._write():
            self._close_dead_runs(site)
            return int(self.db["runs"].insert(row).last_pk)

    def adopt_run(self, site: str, option: str, value: str) -> tuple[int, RunCounts] | None:
        """The run of ``site`` recorded with ``options[option] == value``, now owned by this
        process (a distributed writer taking over after a restart), with its counts."""
        row = self.db.execute(
            "SELECT id, pages, new, changed, unchanged, failed FROM runs WHERE site = ?"
            " AND json_extract(options, '$.' || ?) = ? ORDER BY id DESC LIMIT 1",
            [site, option, value]).fetchone()
        if row is None:
            return None
        with self._write():
            self.db.execute("UPDATE runs SET pid = ?, host = ? WHERE id = ?",
                            [os.getpid(), os.uname().nodename, row[0]])
        return int(row[0]), RunCounts(*row[1:])

    def set_run_option(self, run_id: int, name: str, value: Any) -> None:
        """Add or replace one key of a run's ``options``."""
        with self._write():
            self.db.execute("UPDATE runs SET options = json_set(coalesce(options, '{}'),"
                            " '$.' || ?, json(?)) WHERE id = ?",
                            [name, json.dumps(value, ensure_ascii=False), run_id])

    def _close_dead_runs(self, site: str | None) -> None:
        """Runs of this host whose process is gone (killed) are marked ``interrupted``."""
        here = os.uname().nodename
        for run_id, pid in self.db.execute(
            "SELECT id, pid FROM runs WHERE outcome = 'running' AND site IS ? AND host = ?",
            [site, here],
        ).fetchall():
            if pid and not _alive(pid):
                self.db.execute("UPDATE runs SET outcome = 'interrupted' WHERE id = ?", [run_id])

    def update_run(self, run_id: int, counts: RunCounts) -> None:
        with self._write():
            self._set_run_counts(run_id, counts)

    def _set_run_counts(self, run_id: int, counts: RunCounts) -> None:
        self.db.execute(
            "UPDATE runs SET pages = ?, new = ?, changed = ?, unchanged = ?, failed = ?"
            " WHERE id = ?",
            [counts.pages, counts.new, counts.changed, counts.unchanged, counts.failed, run_id],
        )

    def finish_run(self, run_id: int, counts: RunCounts, outcome: str) -> None:
        with self._write():
            self._set_run_counts(run_id, counts)
            self.db.execute(
                "UPDATE runs SET ended = ?, outcome = ? WHERE id = ?", [now_iso(), outcome, run_id]
            )

    def record_coverage(self, run_id: int) -> dict[str, int]:
        """How many of the run's articles lack a date, an author or a body (a page that
        gave no title/body is a failure ``no …``), as extracted (a held version counts,
        not the stored one it left live); kept in ``runs.coverage``."""
        site = self.run(run_id)["site"]
        total, no_date, no_author = self.db.execute(
            f"SELECT count(*), coalesce(sum({_as_extracted('published')} IS NULL), 0),"
            f" coalesce(sum({_as_extracted('author')} IS NULL), 0) {_WITH_HELD}"
            " WHERE a.site IS ? AND a.run_id = ?", [site, run_id]).fetchone()
        no_body = self.db.execute(
            "SELECT count(DISTINCT url) FROM fetch_errors WHERE run_id = ? AND kind = 'article'"
            " AND reason LIKE 'no %'", [run_id]).fetchone()[0]
        coverage = {"pages": total + no_body, "published": no_date, "author": no_author,
                    "body": no_body}
        with self._write():
            self.db.execute("UPDATE runs SET coverage = ? WHERE id = ?",
                            [json.dumps(coverage), run_id])
        return coverage

    def coverage_log(self, site: str | None, before_run: int, limit: int = 40
                     ) -> list[tuple[int, str, dict[str, int]]]:
        """(run id, outcome, coverage) of the site's finished runs before a run, newest
        first (interrupted runs left out)."""
        return [(r[0], r[1], json.loads(r[2])) for r in self.db.execute(
            "SELECT id, outcome, coverage FROM runs WHERE site IS ? AND id < ?"
            " AND coverage IS NOT NULL AND outcome NOT IN ('running', 'interrupted')"
            " ORDER BY id DESC LIMIT ?", [site, before_run, limit])]

    def missing_examples(self, run_ids: Sequence[int], field: str, limit: int = 5
                         ) -> list[str]:
        """URLs of the runs' articles without ``field`` (published, author) or, for
        ``body``, of their pages that gave no article; newest first."""
        if field == "body":
            sql = ("SELECT url FROM fetch_errors WHERE run_id IN (SELECT value FROM json_each(?))"
                   " AND kind = 'article' AND reason LIKE 'no %' GROUP BY url"
                   " ORDER BY max(id) DESC LIMIT ?")
        else:
            column = _as_extracted({"published": "published", "author": "author"}[field])
            sql = (f"SELECT a.url {_WITH_HELD} WHERE a.run_id IN (SELECT value FROM"
                   f" json_each(?)) AND {column} IS NULL ORDER BY a.id DESC LIMIT ?")
        return [r[0] for r in self.db.execute(sql, [json.dumps(list(run_ids)), limit])]

    def set_alarm(self, run_id: int, alarm: dict[str, Any]) -> None:
        with self._write():
            self.db.execute("UPDATE runs SET alarm = ? WHERE id = ?",
                            [json.dumps(alarm, ensure_ascii=False), run_id])

    def runs(self, site: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        sql = f"SELECT * FROM runs {where} ORDER BY id DESC LIMIT ?"
        return list(self.db.query(sql, [*params, limit]))

    def run(self, run_id: int) -> dict[str, Any]:
        rows = list(self.db.query("SELECT * FROM runs WHERE id = ?", [run_id]))
        if not rows:
            raise ArchiveError(f"no run {run_id} in {self.path}")
        return rows[0]

    def record_failures(self, failures: Iterable[FetchFailure], run_id: int | None) -> int:
        rows = [
            {"run_id": run_id, "site": f.site, "url": f.url, "status": f.status,
             "reason": f.reason, "time": f.time, "kind": f.kind, "category": f.category}
            for f in failures
        ]
        if rows:
            with self._write():
                self.db["fetch_errors"].insert_all(rows)
        return len(rows)

    def pending_failures(self, site: str) -> list[tuple[str, str | None]]:
        """(url, category) of article pages that failed in earlier runs and have not been
        fetched successfully since: the next run tries them again."""
        return [(r[0], r[1]) for r in self.db.execute(
            "SELECT url, max(category) FROM fetch_errors WHERE site = ? AND kind = 'article'"
            " AND resolved_run IS NULL GROUP BY url ORDER BY min(id)", [site],
        )]

    def mark_gone(self, urls: Iterable[str], when: str | None = None) -> int:
        """Articles that now answer 404/410: ``status = 'gone'``; nothing is deleted."""
        when = when or now_iso()
        with self._write():
            cursor = self.db.conn.executemany(
                "UPDATE articles SET status = 'gone', gone_since = coalesce(gone_since, ?)"
                " WHERE url = ?", [(when, u) for u in urls])
        return cursor.rowcount

    def walk_complete(self, site: str) -> bool:
        """Did the last finished run of ``site`` walk every list page (not killed, not cut
        short by --since/--max-articles)? Only then may a run stop at known articles."""
        row = self.db.execute(
            "SELECT outcome, options FROM runs WHERE site = ? AND outcome != 'running'"
            " ORDER BY id DESC LIMIT 1", [site]).fetchone()
        if row is None or row[0] not in ("ok", "partial"):
            return False
        options = json.loads(row[1] or "{}")
        return not options.get("since") and not options.get("max_articles")

    def known_since(self, site: str, published_since: str) -> list[dict[str, Any]]:
        """url, category, etag, last_modified of live articles published on or after a
        date (for --recheck)."""
        return list(self.db.query(
            "SELECT url, category, etag, last_modified FROM articles WHERE site = ?"
            " AND status = 'live' AND published >= ? ORDER BY published DESC",
            [site, published_since]))

    def touch(self, urls: Iterable[str], run_id: int | None) -> int:
        """Conditional re-checks answered 304: only ``last_seen`` moves."""
        seen = now_iso()
        with self._write():
            cursor = self.db.conn.executemany(
                "UPDATE articles SET last_seen = ?, run_id = ? WHERE url = ?",
                [(seen, run_id, u) for u in urls])
        return cursor.rowcount

    def resolve_failures(self, urls: Iterable[str], run_id: int) -> None:
        urls = list(urls)
        if not urls:
            return
        with self._write():
            self.db.conn.executemany(
                "UPDATE fetch_errors SET resolved_run = ? WHERE url = ? AND resolved_run IS NULL",
                [(run_id, u) for u in urls],
            )

    def fetch_errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        where, params = ("WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        return list(self.db.query(f"SELECT * FROM fetch_errors {where} ORDER BY id", params))
