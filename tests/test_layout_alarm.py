"""The layout-change alarm: a run whose pages suddenly lack dates and bylines is degraded."""

from __future__ import annotations

import json
import sqlite3
from html import escape
from pathlib import Path

from conftest import HOME, crawl, run_cli

from pressarchive.sampleportal import Portal, PortalServer


def redesign(portal: Portal, *, moved: bool = False) -> None:
    """The portal drops its date lines and bylines from article pages (a new theme); with
    ``moved``, the new theme still has them, in attributes the profile does not know yet
    (so the run is degraded until the profile is mended)."""
    original = portal.render

    def render(path: str, query: str, base_url: str):  # noqa: ANN202
        status, headers, body = original(path, query, base_url)
        spec = next((a for a in portal.articles if a.path == path), None)
        if spec is not None:
            for line in (spec.date_line, spec.byline_line):
                if line:
                    body = body.replace(escape(line).encode(), b"")
            if moved:
                info = (f'<div class="thong-tin-moi" data-ngay="{escape(spec.date_line)}"'
                        f' data-tac-gia="{escape(spec.byline_line or "")}"></div>\n')
                body = body.replace(b'<div class="news-detail">\n',
                                    b'<div class="news-detail">\n' + info.encode())
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


def mended_profile(folder: Path) -> dict[str, str]:
    """The dongthap profile with rules for the new theme first (PRESSARCHIVE_SITES)."""
    from pressarchive.profiles import load_profile

    bundled = load_profile("dongthap")
    rules = {"published": [".thong-tin-moi::attr(data-ngay)", *bundled.rules("published")],
             "byline": [".thong-tin-moi::attr(data-tac-gia)", *bundled.rules("byline")]}
    text = bundled.path.read_text(encoding="utf-8") + "\n[fields]\n" + "".join(
        f"{name} = {json.dumps(values, ensure_ascii=False)}\n" for name, values in rules.items())
    folder.mkdir()
    (folder / "dongthap.toml").write_text(text, encoding="utf-8")
    return {"PRESSARCHIVE_SITES": str(folder)}


def stored(db: Path) -> dict[str, tuple[str | None, str | None, str]]:
    conn = sqlite3.connect(db)
    try:
        return {url: (published, author, body) for url, published, author, body in conn.execute(
            "SELECT url, published, author, body FROM articles")}
    finally:
        conn.close()


def published(row: dict[str, str]) -> str | None:
    """The archive's ``published`` again, from an export's published_* columns."""
    if row["published_offset"]:
        return row["published_local"].replace(" ", "T") + row["published_offset"]
    return row["published_date"] or None


def test_a_degraded_run_keeps_the_stored_dates_and_authors(server: PortalServer, portal: Portal,
                                                           tmp_path: Path) -> None:
    import csv

    db = tmp_path / "a.db"
    assert crawl(server, db).returncode == 0
    good = stored(db)
    assert sum(1 for p, a, _ in good.values() if p and a) >= 27

    redesign(portal, moved=True)
    edited = portal.articles[4]  # the portal also edits one article during the redesign
    portal.edit_article(edited.path, [*edited.paragraphs, "Đoạn viết thêm sau khi đổi giao diện."])
    degraded = crawl(server, db, "--full")
    assert degraded.returncode == 4, degraded.stdout + degraded.stderr[-2000:]
    now = stored(db)
    assert [u for u in good if now[u] != good[u]] == []
    assert now == good  # no value replaced by a missing one, not even the edited body
    alarm = json.loads(sqlite3.connect(db).execute(
        "SELECT alarm FROM runs ORDER BY id DESC").fetchone()[0])
    kept = alarm["kept"]  # every article that lost its date or byline (some never had one)
    assert kept >= 30 and f"{kept} article(s) kept their stored values" in degraded.stdout
    out = tmp_path / "after.csv"
    assert run_cli("export", "--format", "csv", "-o", str(out), "--db", str(db)).returncode == 0
    with out.open(encoding="utf-8") as fh:
        exported = {r["url"]: (published(r), r["author"] or None) for r in csv.DictReader(fh)}
    assert exported == {url: (p, a) for url, (p, a, _) in good.items()}

    again = crawl(server, db, "--full")  # still broken: still kept, still degraded
    assert again.returncode == 4 and stored(db) == good

    env = mended_profile(tmp_path / "sites")
    mended = run_cli("reextract", "--db", str(db), env=env)
    assert mended.returncode == 0, mended.stderr
    assert "re-extracted 36 articles" in mended.stdout and "kept" not in mended.stdout
    after = stored(db)  # the dates and bylines as before, and the portal's edit applied
    assert {u: v[:2] for u, v in after.items()} == {u: v[:2] for u, v in good.items()}
    assert after[HOME + edited.path][2].endswith("sau khi đổi giao diện.")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pending_versions").fetchone()[0] == 0
    conn.close()
    healthy = crawl(server, db, "--full", env=env)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr[-2000:]
    assert "changed 0 · unchanged 36" in healthy.stdout


def test_reextract_with_an_unmended_profile_keeps_the_values(server: PortalServer,
                                                            portal: Portal,
                                                            tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert crawl(server, db).returncode == 0
    good = stored(db)
    redesign(portal)
    assert crawl(server, db, "--full").returncode == 4
    result = run_cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "35 kept their stored values" in result.stdout and stored(db) == good


def test_small_runs_hold_their_versions_until_a_verdict(server: PortalServer, portal: Portal,
                                                        tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    assert crawl(server, db).returncode == 0
    good = stored(db)
    redesign(portal)
    codes = []
    for _ in range(3):  # nightly re-checks of the 4 newest articles: too few to judge alone
        result = crawl(server, db, "--full", "--max-articles", "4")
        codes.append(result.returncode)
        assert stored(db) == good  # nothing written before a verdict says it is healthy
    assert codes == [0, 0, 4], codes
    alarm = json.loads(sqlite3.connect(db).execute(
        "SELECT alarm FROM runs ORDER BY id DESC").fetchone()[0])
    assert alarm["kept"] >= 3 and "of the last 3 runs" in result.stdout  # of the 4 newest
