"""Republications across portals: two fixture portals crawled for real (the Liferay sample
portal as dongthap, the WordPress fixture with planted copies of some of its articles), then
``duplicates``, ``search --collapse``, ``stats`` and re-crawls through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FAST, HOME, run_cli

from pressarchive.archive import Archive
from pressarchive.extract.model import Article
from pressarchive.sampleportal import REFERENCE_TITLE, PortalServer, build_portal
from pressarchive.sampleportal.republish import (
    bulletins,
    labelled_pairs,
    notice_series,
    wordpress_with_copies,
)
from pressarchive.syndication import DEFAULT_SIMILARITY, compare, evaluate, syllables

TEST_SITES = str(Path(__file__).parent / "sites")
WP_HOME = "https://baophudien.example"
CREDIT = "Cổng TTĐT Đồng Tháp"


def crawl_site(name: str, server: PortalServer, db: Path, *extra: str):  # noqa: ANN201
    return run_cli("crawl", name, "--base-url", server.base_url, "--db", str(db), *FAST, *extra,
                   env={"PRESSARCHIVE_SITES": TEST_SITES}, timeout=180)


def cli(*args: str):  # noqa: ANN201
    return run_cli(*args, env={"PRESSARCHIVE_SITES": TEST_SITES})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Both portals crawled into one archive; the originals, copies and look-alikes."""
    db = tmp_path_factory.mktemp("dupes") / "archive.db"
    liferay = build_portal()
    originals = [liferay.article(REFERENCE_TITLE)] + [
        a for a in liferay.articles if not a.attachments and len(a.paragraphs) >= 3
        and a.title != REFERENCE_TITLE][:2]
    notice = next(a for a in liferay.articles if a.title.startswith("Thông báo lịch tiếp"))
    month_later = notice_series(notice.when.replace(day=1), 2)[1]  # the next month's issue
    weekly = bulletins(2, __import__("random").Random(5))
    lookalikes = [month_later] + [(f"Bản tin tuần số {k + 1}", b.split("\n\n")[0], b)
                                  for k, b in enumerate(weekly)]
    edits = [{"cut_lead": True, "share": 0.1}, {"cut_lead": False, "share": 0.2},
             {"cut_lead": True, "share": 0.3}]  # retitled and "Theo …" all three
    wordpress, copies = wordpress_with_copies(originals, CREDIT, notices=lookalikes,
                                              edits=edits)
    with PortalServer(liferay) as one:
        first = crawl_site("dongthap", one, db)
    with PortalServer(wordpress) as two:  # type: ignore[arg-type]
        second = crawl_site("wordpress-fixture", two, db)
    assert first.returncode == 0, first.stderr[-3000:]
    assert second.returncode == 0, second.stderr[-3000:]
    return {"db": db, "liferay": liferay, "wordpress": wordpress, "originals": originals,
            "copies": copies, "notice": notice, "month_later": month_later}


def clusters(db: Path, *extra: str) -> list[dict]:
    result = cli("duplicates", "--json", "--db", str(db), *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_copies_are_clustered_with_their_original_which_comes_first(world: dict) -> None:
    found = clusters(world["db"])
    by_url = {m["url"]: c for c in found for m in c["members"]}
    for original, copy in zip(world["originals"], world["copies"], strict=False):
        cluster = by_url.get(HOME + original.path)
        assert cluster is not None, original.title
        urls = [m["url"] for m in cluster["members"]]
        assert WP_HOME + copy.path in urls, (original.title, urls)
        assert cluster["earliest"] == HOME + original.path  # published first
        copy_row = next(m for m in cluster["members"] if m["url"] == WP_HOME + copy.path)
        assert copy_row["is_earliest"] == 0 and DEFAULT_SIMILARITY <= copy_row["similarity"] <= 1
        assert copy_row["credits"] == CREDIT  # "Theo Cổng TTĐT Đồng Tháp"
        credited = next(m for m in cluster["members"] if m["id"] == copy_row["credits_member"])
        assert credited["site"] == "dongthap"
        assert copy_row["title"] != original.title  # retitled, still found
        assert copy.body != original.body
    # Nothing else: the portals' own articles share stock sentences, but none is a copy.
    assert len(found) == len(world["copies"]) - 3


def test_template_notices_and_bulletins_are_not_clustered(world: dict) -> None:
    members = {m["title"] for c in clusters(world["db"], "--min-similarity", "0.5")
               for m in c["members"]}
    assert world["notice"].title not in members
    assert world["month_later"][0] not in members
    assert not any(t.startswith("Bản tin tuần") for t in members)
    # ... though their bodies are nearly the same: they differ only in the month.
    pair = compare(syllables(world["notice"].body), syllables(world["month_later"][2]))
    assert pair.similarity > 0.95 and pair.template


def test_duplicates_filters_and_formats(world: dict) -> None:
    db = world["db"]
    assert len(clusters(db, "--site", "wordpress-fixture")) == 3
    assert clusters(db, "--since", "2030-01-01") == []
    text = cli("duplicates", "--db", str(db))
    assert text.returncode == 0 and "original" in text.stdout and f"Theo {CREDIT}" in text.stdout
    rows = list(csv.DictReader(io.StringIO(cli("duplicates", "--format", "csv", "--db",
                                               str(db)).stdout)))
    assert len(rows) == 6 and {r["site"] for r in rows} == {"dongthap", "wordpress-fixture"}
    bad = cli("duplicates", "--min-similarity", "2", "--db", str(db))
    assert bad.returncode == 2 and bad.stderr.startswith("error:")
    unknown = cli("duplicates", "--site", "nowhere", "--db", str(db))
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_search_collapse_shows_one_hit_per_cluster(world: dict) -> None:
    db = world["db"]
    plain = json.loads(cli("search", "quyet tam moi", "--format", "json", "--db",
                           str(db)).stdout)
    assert len(plain) == 2  # the speech and its copy
    folded = cli("search", "quyet tam moi", "--collapse", "--format", "json", "--db", str(db))
    hits = json.loads(folded.stdout)
    assert len(hits) == 1
    assert [o["site"] for o in hits[0]["also_on"]] in (["dongthap"], ["wordpress-fixture"])
    text = cli("search", "quyet tam moi", "--collapse", "--db", str(db)).stdout
    assert "also on: " in text


def test_stats_count_originals_and_republications(world: dict) -> None:
    out = cli("stats", "--db", str(world["db"])).stdout
    section = out.split("Originals and republications")[1]
    lines = {ln.split()[0]: ln.split()[1:] for ln in section.strip().splitlines()[2:]}
    assert lines["dongthap"][1:] == ["3", "0"]
    assert lines["wordpress-fixture"][1:] == ["0", "3"]


def test_recrawl_with_an_edited_copy_updates_the_cluster(world: dict,
                                                         tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    db.write_bytes(world["db"].read_bytes())
    wordpress, copy = world["wordpress"], world["copies"][1]
    # The republisher rewrites the copy into another story: it leaves the cluster.
    other = world["liferay"].articles[-3]
    rewritten = replace(copy, lead=other.lead, paragraphs=other.paragraphs[::-1])
    _swap(wordpress, copy, rewritten)
    with PortalServer(wordpress) as two:  # type: ignore[arg-type]
        assert crawl_site("wordpress-fixture", two, db, "--recheck", "1000").returncode == 0
    urls = {m["url"] for c in clusters(db) for m in c["members"]}
    assert WP_HOME + copy.path not in urls
    assert HOME + world["originals"][1].path not in urls  # a cluster of one is none
    assert HOME + world["originals"][0].path in urls
    # ... and back: the copy's first text again joins its original.
    _swap(wordpress, rewritten, copy)
    with PortalServer(wordpress) as two:  # type: ignore[arg-type]
        assert crawl_site("wordpress-fixture", two, db, "--recheck", "1000").returncode == 0
    urls = {m["url"] for c in clusters(db) for m in c["members"]}
    assert {WP_HOME + copy.path, HOME + world["originals"][1].path} <= urls


def _swap(portal, old, new) -> None:  # noqa: ANN001 - a FamilyPortal and two specs
    """The portal serves ``new`` where it served ``old`` (same URL, other text)."""
    portal._by_target[old.path] = new
    portal.articles[portal.articles.index(old)] = new


def test_empty_and_short_bodies_are_not_matched(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    words = " ".join(["Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng mười."] * 3)
    with Archive(db) as archive:
        archive.store_articles([
            Article(url=f"https://a.example/{n}", title=f"Tin {n}", body=body, site="a")
            for n, body in enumerate(["", " ", "Tin ngắn.", words, words])])
    waiting = cli("duplicates", "--db", str(db))
    assert waiting.returncode == 0 and "5 article(s) not matched yet" in waiting.stderr
    result = cli("duplicates", "--update", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "5 article(s) (5 too short)" in result.stderr and "not matched" not in result.stderr
    bad_day = cli("duplicates", "--since", "2023-13-01", "--db", str(db))
    assert bad_day.returncode == 2 and bad_day.stderr.count("\n") == 1
    with Archive(db, readonly=True) as archive:
        assert archive.db.execute(
            "SELECT count(*) FROM signatures WHERE minhash IS NULL").fetchone()[0] == 5


def test_labelled_set_precision_and_recall_at_the_default_threshold() -> None:
    pairs = labelled_pairs()
    kinds = {p.kind for p in pairs}
    assert kinds == {"republished", "notice", "bulletin", "unrelated"}
    score = evaluate(pairs)
    assert score["precision"] >= 0.95 and score["recall"] >= 0.9, score


def test_syllables_fold_as_strip_diacritics_does() -> None:
    import re

    from pressarchive.textnorm import strip_diacritics

    text = "Đồng Tháp: “Quyết tâm mới” – năm 2023, Ủy ban nhân dân TỈNH họp."
    nfd = __import__("unicodedata").normalize("NFD", text)
    want = [w.encode() for w in re.findall(r"\w+", strip_diacritics(text))]
    assert syllables(text) == syllables(nfd) == want
    assert want[:2] == [b"dong", b"thap"]


def test_datasette_shows_a_cluster_side_by_side_with_a_diff(world: dict) -> None:
    """The metadata ``serve`` gives Datasette, and the plugin, in Datasette's own client."""
    import asyncio

    from datasette.app import Datasette

    from pressarchive.serve import metadata

    db = world["db"]
    cluster = clusters(db)[0]
    base = f"/{db.stem}"

    async def fetch() -> tuple[str, dict, str]:
        ds = Datasette([str(db)], metadata=metadata(db.stem))
        page = await ds.client.get(f"{base}/cluster_side_by_side?cluster={cluster['cluster']}")
        data = await ds.client.get(f"{base}/cluster_side_by_side.json?cluster="
                                   f"{cluster['cluster']}&_shape=objects")
        listing = await ds.client.get(f"{base}/duplicate_clusters")
        return page.text, data.json(), listing.text

    page, data, listing = asyncio.run(fetch())
    rows = data["rows"]
    assert len(rows) == cluster["size"] and rows[0]["is_earliest"] == 1
    assert rows[0]["original"] == rows[0]["this"] and "\x01" not in rows[0]["changes"]
    assert "\x01" in rows[1]["changes"] or "\x03" in rows[1]["changes"]  # words changed
    assert "<del>" in page or "<ins>" in page
    assert cluster["members"][0]["title"] in listing
