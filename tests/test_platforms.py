"""Platform families: ASP.NET/SharePoint and WordPress/NukeViet fixture portals crawled end to
end with profiles of a few lines (tests/sites/*.toml), and every bundled profile validated."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from conftest import FAST, run_cli

from pressarchive.profiles import SITES_DIR, load_all, load_profile_file
from pressarchive.sampleportal import PortalServer
from pressarchive.sampleportal.aspnet import build_aspnet_portal
from pressarchive.sampleportal.family import FamilyPortal
from pressarchive.sampleportal.wordpress import build_wordpress_portal

TEST_SITES = Path(__file__).parent / "sites"
CHROME = ["Ý kiến của bạn", "Ý kiến bạn đọc", "Tin xem nhiều", "Banner", "Tin khác",
          "Các tin khác", "Tin liên quan", "Những tin cũ hơn", "Chia sẻ", "Lượt xem",
          "In trang", "Gửi email", "Bản in", "Liên kết website", "Trang chủ", "Từ khóa",
          "Gửi bình luận", "Tải về"]
FIXTURES = {  # test profile -> fixture portal
    "aspnet-fixture": lambda: build_aspnet_portal(variant="sharepoint"),
    "aspnet-cms-fixture": lambda: build_aspnet_portal(variant="cms"),
    "wordpress-fixture": lambda: build_wordpress_portal(variant="wordpress"),
    "nukeviet-fixture": lambda: build_wordpress_portal(variant="nukeviet"),
}
PROVINCIAL = ["quangninh", "haiduong", "dbndthanhhoa", "danang", "daklak"]


def rows(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def crawl_fixture(name: str, server: PortalServer, db: Path):  # noqa: ANN201
    return run_cli("crawl", name, "--base-url", server.base_url, "--db", str(db), *FAST,
                   env={"PRESSARCHIVE_SITES": str(TEST_SITES)}, timeout=180)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_portal_crawls_exactly(name: str, tmp_path: Path) -> None:
    portal: FamilyPortal = FIXTURES[name]()
    db = tmp_path / "archive.db"
    with PortalServer(portal) as server:  # type: ignore[arg-type]
        result = crawl_fixture(name, server, db)
        hits = dict(server.hits)
    assert result.returncode == 0, result.stderr[-3000:]
    stored = {r["url"]: r for r in rows(db, "SELECT * FROM articles")}
    assert len(stored) == len(portal.articles) == 30
    home = load_profile_file(TEST_SITES / f"{name}.toml").base_url  # not the port's host
    mismatches = []
    for spec in portal.articles:
        row = stored.get(home + spec.path)
        assert row is not None, spec.path
        expected = {
            "title": spec.title, "published": spec.published,
            "published_precision": spec.published_precision, "author": spec.author,
            "source": spec.source, "lead": spec.lead, "body": spec.body,
            "category": spec.section,
        }
        mismatches += [(spec.path, key, row[key], value) for key, value in expected.items()
                       if row[key] != value]
        images = rows(db, "SELECT url, caption FROM images WHERE article_id = ? "
                          "ORDER BY position", (row["id"],))
        want = [(home + p, c) for p, c in spec.images]
        if [(i["url"], i["caption"]) for i in images] != want:
            mismatches.append((spec.path, "images", [tuple(i) for i in images], want))
        files = rows(db, "SELECT url, name FROM attachments WHERE article_id = ? "
                         "ORDER BY position", (row["id"],))
        want_files = [(home + p, n) for p, n in spec.attachments]
        if [(f["url"], f["name"]) for f in files] != want_files:
            mismatches.append((spec.path, "attachments", [tuple(f) for f in files], want_files))
        for phrase in CHROME:
            if phrase in row["body"]:
                mismatches.append((spec.path, "chrome in body", phrase, None))
    assert mismatches == [], "\n".join(map(repr, mismatches))
    # Pagination followed to the last list page of every section, and no further.
    for section in portal.sections:
        last = portal.pages(section)
        assert last >= 3
        assert portal.list_url(section, last) in hits, (section.path, sorted(hits))  # type: ignore[attr-defined]
        assert portal.list_url(section, last + 1) not in hits  # type: ignore[attr-defined]
    (run,) = rows(db, "SELECT * FROM runs")
    assert run["outcome"] == "ok" and run["new"] == 30


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_profile_is_a_few_lines(name: str) -> None:
    """A portal on a known platform: name, title, base_url, platform, sections — no rules."""
    path = TEST_SITES / f"{name}.toml"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    assert len(lines) <= 12
    assert not any(ln.startswith("[") for ln in lines)  # no [fields]/[discovery] tables
    profile = load_profile_file(path)
    assert profile.platform in ("aspnet", "wordpress")
    assert profile.fields["body"] and profile.discovery["next_page"]  # from the platform


@pytest.mark.parametrize("builder", [
    lambda: build_aspnet_portal(variant="sharepoint"), lambda: build_aspnet_portal(variant="cms"),
    lambda: build_wordpress_portal(variant="wordpress"),
    lambda: build_wordpress_portal(variant="nukeviet"),
])
def test_fixture_portal_serves_robots_files_and_404(builder) -> None:  # noqa: ANN001
    portal = builder()
    status, headers, body = portal.render("/robots.txt", "", "http://x")
    assert status == 200 and body.startswith(b"User-agent: *\nDisallow: ")
    assert portal.render("/khong-co-trang-nay.aspx", "", "http://x")[0] == 404
    assert portal.render("/", "", "http://x")[0] == 200
    spec = next(a for a in portal.articles if a.images)
    status, headers, _ = portal.render(spec.images[0][0], "", "http://x")
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    # Texts are Vietnamese from the sample pools, never the real reference article.
    assert all("Quyết tâm mới" not in a.title for a in portal.articles)
    assert len({a.path for a in portal.articles}) == len(portal.articles)


def test_every_bundled_profile_loads_and_validates() -> None:
    profiles = {p.name: p for p in load_all()}
    assert {"dongthap", *PROVINCIAL} <= profiles.keys()
    for name in PROVINCIAL:
        profile = profiles[name]
        assert profile.verified is False, name  # until `pressarchive probe` on the live site
        assert profile.enabled is False, name  # `crawl --all` skips unverified portals
        assert profile.platform in ("liferay", "aspnet", "wordpress"), name
        text = (SITES_DIR / f"{name}.toml").read_text(encoding="utf-8")
        assert re.search(r"^# Sources?:", text, re.MULTILINE), f"{name}: no source comment"
        for section, url in profile.section_urls():
            assert url.startswith(profile.base_url), (name, section)


def test_platform_files_validate_like_profiles(tmp_path: Path) -> None:
    from pressarchive.profiles import ProfileError, load_platform

    for platform in ("liferay", "aspnet", "wordpress"):
        data = load_platform(platform, tmp_path / "x.toml")
        assert data["fields"]["body"] and data["discovery"]["article_url_pattern"]
    bad = tmp_path / "typo.toml"
    bad.write_text('name = "typo"\ntitle = "T"\nplatform = "aspnet"\n'
                   'base_url = "https://t.gov.vn"\nsections = [{ name = "A", path = "/a" }]\n'
                   '[fields]\nbodyy = [".x"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="fields.bodyy"):
        load_profile_file(bad)
