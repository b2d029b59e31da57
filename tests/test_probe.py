"""`pressarchive probe`: fields beside their rules, suggestions for what is missing."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from conftest import run_cli

from pressarchive.sampleportal import REFERENCE_TITLE, Fault, Portal, PortalServer

BASE = "https://dongthap.gov.vn"


def reference(portal: Portal):  # noqa: ANN201
    return next(a for a in portal.articles if a.title == REFERENCE_TITLE)


def test_live_page_shows_each_field_and_its_rule(server: PortalServer, portal: Portal) -> None:
    spec = reference(portal)
    result = run_cli("probe", server.base_url + spec.path, "--site", "dongthap")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert REFERENCE_TITLE in lines["title"] and "[profile]" in lines["title"]
    assert "2023-02-01T08:15:00+07:00" in lines["published"]
    assert "Văn Khương" in lines["author"]
    assert ".asset-full-content" in lines["body"]
    # One polite fetch: robots.txt first, the page once, with our User-Agent.
    assert server.hits["/robots.txt"] == 1 and server.hits[spec.path] == 1
    assert all(ua.startswith("pressarchive/") for ua in server.user_agents)


def test_missing_date_and_byline_get_selector_suggestions(portal: Portal,
                                                          tmp_path: Path) -> None:
    spec = reference(portal)
    _, _, body = portal.render(spec.path, "", BASE)
    html = body.decode("utf-8")
    for line in (spec.date_line, spec.byline_line):  # a new theme moved them …
        html = html.replace(escape(line), "")
    moved = ('<div class="thong-tin-bai"><span class="ngay-cap-nhat">Cập nhật: 01/02/2023'
             ' 08:15</span></div></body>')
    html = re.sub(r"</body>", moved, html)  # … to the page footer, in unknown classes
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = run_cli("probe", str(page), "--url", BASE + spec.path, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["profile"] == "dongthap" and report["values"]["title"] == REFERENCE_TITLE
    # No date line any more: at best a date from the prose, which probe does not trust.
    assert report["values"]["published_source"] in (None, "prose")
    dates = report["suggestions"]["published"]
    assert {"selector": "div.thong-tin-bai span.ngay-cap-nhat",
            "text": "Cập nhật: 01/02/2023 08:15",
            "note": "→ 2023-02-01T08:15:00+07:00"} in dates
    text = run_cli("probe", str(page), "--url", BASE + spec.path).stdout
    assert "published is " in text and '"div.thong-tin-bai span.ngay-cap-nhat"' in text


def test_refused_fetches_are_one_line_errors(server: PortalServer, portal: Portal,
                                             tmp_path: Path) -> None:
    spec = reference(portal)
    portal.robots_disallow.append(spec.path)
    blocked = run_cli("probe", server.base_url + spec.path)
    assert blocked.returncode == 1 and "robots.txt" in blocked.stderr
    assert server.hits[spec.path] == 0
    portal.faults["/-/gone"] = Fault(status=404)
    gone = run_cli("probe", server.base_url + "/-/gone")
    assert gone.returncode == 1 and "HTTP 404" in gone.stderr
    assert "Traceback" not in blocked.stderr + gone.stderr
    missing = run_cli("probe", str(tmp_path / "nope.html"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    no_url = run_cli("probe", __file__)
    assert no_url.returncode == 2 and "--url" in no_url.stderr
