"""The layout-change alarm: a run whose pages suddenly lack dates and bylines is degraded."""

from __future__ import annotations

import json
import sqlite3
from html import escape
from pathlib import Path

from conftest import crawl, run_cli

from pressarchive.sampleportal import Portal, PortalServer


def redesign(portal: Portal) -> None:
    """The portal drops its date lines and bylines from article pages (a new theme)."""
    original = portal.render

    def render(path: str, query: str, base_url: str):  # noqa: ANN202
        status, headers, body = original(path, query, base_url)
        spec = next((a for a in portal.articles if a.path == path), None)
        if spec is not None:
            for line in (spec.date_line, spec.byline_line):
                if line:
                    body = body.replace(escape(line).encode(), b"")
        return status, headers, body

    portal.render = render  # type: ignore[method-assign]


def test_redesigned_portal_makes_the_run_degraded(server: PortalServer, portal: Portal,
                                                   tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    first = crawl(server, db)
    assert first.returncode == 0, first.stderr[-2000:]
    again = crawl(server, db, "--full")  # an unchanged portal: no alarm
    assert again.returncode == 0 and "LAYOUT" not in again.stdout

    redesign(portal)
    degraded = crawl(server, db, "--full")
    assert degraded.returncode == 4, degraded.stdout + degraded.stderr[-2000:]
    assert "LAYOUT CHANGE?" in degraded.stdout and "author missing in" in degraded.stdout
    assert "LAYOUT CHANGE?" in degraded.stderr  # the crawl log says it too, at ERROR
    conn = sqlite3.connect(db)
    outcome, alarm = conn.execute("SELECT outcome, alarm FROM runs ORDER BY id DESC").fetchone()
    conn.close()
    assert outcome == "degraded"
    fields = json.loads(alarm)["fields"]
    assert {"published", "author"} <= set(fields)
    assert fields["author"]["usually"] < 0.5 < fields["author"]["missing"]
    example = fields["author"]["examples"][0]
    assert f"!! no author: {example}" in degraded.stdout
    listing = run_cli("runs", "--db", str(db))
    assert "degraded" in listing.stdout and "author missing in" in listing.stdout


def test_a_small_or_first_run_never_alarms(server: PortalServer, portal: Portal,
                                           tmp_path: Path) -> None:
    redesign(portal)  # broken from the start: there is no history to compare with
    result = crawl(server, tmp_path / "a.db")
    assert result.returncode == 0 and "LAYOUT" not in result.stdout


def test_a_slow_portal_alarms_once_enough_pages_came_in(server: PortalServer, portal: Portal,
                                                       tmp_path: Path) -> None:
    from dataclasses import replace
    from datetime import timedelta

    db = tmp_path / "a.db"
    assert crawl(server, db).returncode == 0  # 36 good pages: the site's history
    redesign(portal)
    codes = []
    template = portal.articles[0]
    for day in range(3):  # an incremental run a day, four new articles each
        for k in range(4):
            n = day * 4 + k
            new = replace(template, title=f"Tin mới số {n} về phong trào thi đua ở Đồng Tháp",
                          path=f"{template.path}-moi-{n}",
                          when=template.when + timedelta(hours=n + 1))
            portal.articles.insert(0, new)
            portal._by_path[new.path] = new
        result = crawl(server, db)
        codes.append(result.returncode)
    assert codes == [0, 0, 4], codes  # 4 and 8 pages are too few to judge; 12 are not
    assert "of the last 3 runs" in result.stdout and "!! no author:" in result.stdout
