"""The sample portal: a real loopback server whose pages match their ground-truth specs."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from pressarchive.sampleportal import REFERENCE_TITLE, Fault, Portal, PortalServer, build_portal
from pressarchive.sampleportal.spec import WEEKDAYS, ArticleSpec
from pressarchive.textnorm import clean_inline, strip_diacritics

SITE = "Cổng thông tin điện tử tỉnh Đồng Tháp"
AP = "com_liferay_asset_publisher_web_portlet_AssetPublisherPortlet_INSTANCE_"
CHROME = ["Xuất bản thông tin", "Ý kiến của bạn", "Ý kiến bạn đọc (0)", "Follow", "Chia sẻ",
          "In bài viết", "Tin xem nhiều", "Danh mục chính", "Chính quyền với báo chí",
          "Mục này cập nhật liên tục thông tin nổi bật của báo chí trong và ngoài tỉnh về vùng "
          "đất Sen Hồng", "Phản hồi báo chí", "Thông cáo báo chí", "Người phát ngôn",
          "Báo chí với Đồng Tháp", "Banner Bản tin chỉ đạo điều hành", "Banner Video",
          "Banner Megastory", "Banner Tin đồ họa", "Tin nổi bật", "Các tin đã đưa"]


def fetch(url: str, timeout: float = 5) -> tuple[int, str, str]:
    """(status, Content-Type, text) of one GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read().decode("utf-8")


def texts(nodes: list[Selector]) -> list[str]:
    return [clean_inline(n.xpath("string()").get()) for n in nodes]


def test_robots_txt(server: PortalServer) -> None:
    status, ctype, text = fetch(server.base_url + "/robots.txt")
    assert status == 200 and ctype.startswith("text/plain")
    assert text.splitlines() == ["User-agent: *", "Disallow: /c/portal/",
                                 "Disallow: /web/guest/tim-kiem"]


def test_home_page_links_every_section(server: PortalServer, portal: Portal) -> None:
    status, ctype, html = fetch(server.base_url + "/")
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    links = Selector(text=html).css("a::attr(href)").getall()
    assert {s.path for s in portal.sections} <= set(links)


def test_list_pages_paginate_like_liferay(server: PortalServer, portal: Portal) -> None:
    for section in portal.sections:
        expected = portal.section_articles(section)
        url, pages, seen = server.base_url + section.path, [], []
        while url:
            status, _, html = fetch(url)
            assert status == 200
            sel = Selector(text=html)
            portlet = sel.css(f"section.portlet#portlet_{AP}{section.instance}")
            assert portlet.css("h2 span.portlet-title-text::text").get() == section.name
            items = portlet.css("div.asset-abstract")
            seen += [urlsplit(h).path for h in items.css("h3.asset-title > a::attr(href)").getall()]
            dates = items.css("div.asset-metadata span.metadata-entry.metadata-publish-date::text")
            assert len(dates) == len(items) > 0 and all(items.css("div.asset-summary"))
            buttons = {clean_inline(li.css("a::text").get()): li
                       for li in sel.css("ul.lfr-pagination-buttons.pager > li")}
            assert list(buttons) == ["Đầu", "Trước", "Tiếp", "Cuối"]
            pages.append(buttons)
            assert f"Trang {len(pages)} / " in sel.css(".lfr-pagination").xpath("string()").get()
            nxt = buttons["Tiếp"]
            url = None if "disabled" in (nxt.attrib.get("class") or "") else nxt.css(
                "a::attr(href)").get()
            if url:
                assert f"_{AP}{section.instance}_cur={len(pages) + 1}" in url
        assert len(pages) >= 3
        assert seen == [a.path for a in expected]  # newest first, every article once
        for label in ("Đầu", "Trước"):
            assert pages[0][label].attrib["class"] == "disabled"
            assert pages[0][label].css("a::attr(href)").get() == "javascript:;"
        for label in ("Tiếp", "Cuối"):
            assert pages[-1][label].attrib["class"] == "disabled"
        same = fetch(f"{server.base_url}{section.path}?_{AP}{section.instance}_cur=1")[2]
        assert (Selector(text=same).css("h3.asset-title a::text").getall()
                == [a.title for a in expected[:portal.per_page]])


def test_some_list_links_carry_liferay_redirects(portal: Portal) -> None:
    base = "http://127.0.0.1:9"
    hrefs = []
    for section in portal.sections:
        for n in range(1, 4):
            html = portal.render(section.path, f"_{AP}{section.instance}_cur={n}", base)[2]
            hrefs += Selector(text=html.decode()).css("h3.asset-title a::attr(href)").getall()
    redirects = [h for h in hrefs if "?inheritRedirect=true&redirect=http%3A%2F%2F" in h]
    assert 0 < len(redirects) < len(hrefs) / 2


def test_reference_article_page(server: PortalServer, portal: Portal) -> None:
    spec = portal.article(REFERENCE_TITLE)
    assert spec.path == ("/-/asset_publisher/Xk3pQm8Rt2aB/content/"
                         "quyet-tam-moi-phuong-thuc-lanh-ao-moi-ket-qua-moi")
    assert (spec.section, spec.published, spec.published_precision) == (
        "Chính trị - Xây dựng Đảng", "2023-02-01T08:15:00+07:00", "minute")
    assert (spec.author, spec.source) == ("Văn Khương", None)
    assert spec.lead.startswith("Phát biểu tại Hội nghị giao ban thường trực Tỉnh ủy")
    assert len(spec.paragraphs) == 5 and spec.paragraphs[0].startswith("Muốn vậy")
    assert spec.paragraphs[2].endswith("v.v. – Bí thư Tỉnh ủy lưu ý.")  # the page's 4th
    assert spec.paragraphs[-1].endswith("chú trọng đến chất lượng kết nạp đảng viên.")
    assert spec.images[0][1].startswith("Bí thư Tỉnh ủy Lê Quốc Phong yêu cầu")
    status, ctype, html = fetch(server.base_url + spec.path)
    assert (status, ctype) == (200, "text/html; charset=utf-8")
    sel = Selector(text=html)
    assert sel.css("title::text").get() == f"{REFERENCE_TITLE} - {SITE}"
    assert sel.css("link[rel=canonical]::attr(href)").get() == server.base_url + spec.path
    assert sel.css("meta[property='og:type']::attr(content)").get() == "website"
    assert not sel.css("meta[property='article:published_time']")
    assert sel.css("meta[name=description]::attr(content)").get().startswith(
        "(Thứ tư, 01/02/2023 08:15) Phát biểu tại Hội nghị")
    head = sel.css("div.asset-full-content h4.component-title")
    assert head.css("span.header-back-to a span.taglib-text.hide-accessible::text").get() == "null"
    assert clean_inline(head.css("span.asset-title::text").get()) == REFERENCE_TITLE
    assert sel.css("span.text-ngayxam-page::text").get() == "(Thứ tư, 01/02/2023 08:15)"
    page_text = clean_inline(sel.xpath("string(//body)").get())
    for phrase in [*CHROME, "null", "Văn Khương", spec.lead, *spec.paragraphs, spec.images[0][1]]:
        assert phrase in page_text, phrase


def check_page(spec: ArticleSpec, html: str) -> None:
    """The page shows exactly what the spec says (by the selectors the profile relies on)."""
    assert unicodedata.is_normalized("NFD" if spec.nfd else "NFC", html)
    sel = Selector(text=unicodedata.normalize("NFC", html))
    article = sel.css("div.asset-full-content div.asset-content > div.journal-content-article")
    assert article.attrib["data-analytics-asset-title"] == spec.title
    detail = article.css("div.news-detail")
    assert texts(detail.css("h3.title-news")) == [spec.title]
    assert texts(detail.css("div.sapo")) == [spec.lead]
    body = detail.xpath("./p[contains(@style, 'justify')] | ./ol/li")
    assert texts(body) == spec.paragraphs
    assert detail.css("img::attr(src)").getall() == [p for p, _ in spec.images]
    captions = detail.css("figcaption, td.image_desc, p[style*=center] > em")
    assert texts(captions) == [c for _, c in spec.images if c]
    links = detail.css("a[href^='/documents/']")
    assert [(a.attrib["href"], clean_inline(a.xpath("string()").get())) for a in links] == (
        spec.attachments)
    byline = detail.xpath("./p[last()][contains(@style, 'right')]/strong")
    assert texts(byline) == ([spec.byline_line] if spec.byline_line else [])
    assert len(detail.css("div.tin-khac")) == spec.related_inside
    date_text = clean_inline(sel.css(".text-ngayxam-page, .date-info, .ngay-dang")
                             .xpath("string()").get())
    assert date_text == spec.date_line
    if match := re.fullmatch(r"\((.+), (\d\d/\d\d/\d{4}) \d\d:\d\d\)", date_text):
        day = datetime.strptime(match[2], "%d/%m/%Y")
        assert match[1] == WEEKDAYS[day.weekday()]
    assert spec.published.startswith(spec.when.strftime("%Y-%m-%d"))


def test_every_article_page_matches_its_spec(portal: Portal) -> None:
    for spec in portal.articles:
        status, headers, body = portal.render(spec.path, "", "http://127.0.0.1:9")
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        check_page(spec, body.decode("utf-8"))
        text = clean_inline(Selector(text=body.decode()).xpath("string(//body)").get())
        assert all(phrase in text for phrase in CHROME)


def test_default_portal_has_every_variant(portal: Portal) -> None:
    arts = portal.articles
    assert len(arts) == 36 and len({a.title for a in arts}) == 36
    by_section = [portal.section_articles(s) for s in portal.sections]
    assert all(len(items) > 2 * portal.per_page for items in by_section)  # 3 list pages or more
    for items in by_section:
        assert [a.when for a in items] == sorted((a.when for a in items), reverse=True)
    assert {a.date_style for a in arts} == {"ngayxam", "xuatban", "ngaydang", "sach", "capnhat",
                                           "ngaythang"}
    assert {a.published_precision for a in arts} == {"day", "minute", "second"}
    assert any(a.date_line.endswith(" CH") for a in arts)  # 12-hour clock, afternoon
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+07:00)?", a.published)
               for a in arts)
    assert {a.published[:4] for a in arts} == {"2022", "2023", "2024"}
    assert {a.caption_style for a in arts if a.images} == {"figure", "em", "table"}
    assert {"TTXVN", "Báo Đồng Tháp"} <= {a.source for a in arts}
    assert {"Minh Tâm", "PV", "Thanh Hà - Ngọc Lan", "Văn Khương"} <= {a.author for a in arts}
    assert any(a.author and a.author.isupper() for a in arts)
    assert any(a.author is None and a.source is None and not a.byline_line for a in arts)
    assert sum(a.nfd for a in arts) == 1
    notices = [a for a in arts if a.attachments]
    assert len(notices) == 2 and all(a.title.startswith("Thông báo") for a in notices)
    assert {p.rsplit(".", 1)[1].split("/")[0] for a in notices for p, _ in a.attachments} == {
        "pdf", "docx"}
    for flag in ("list_len", "nbsp", "empty_paragraph", "related_inside", "bold_lead",
                 "entity_og_title", "redirect_link"):
        assert 0 < sum(bool(getattr(a, flag)) for a in arts) < len(arts), flag
    # "quyet tam moi" (README, Datasette test) must find the reference article alone.
    assert [a.title for a in arts if "quyet" in strip_diacritics(a.title + a.body)] == [
        REFERENCE_TITLE]
    assert any(re.search(r"\d\d/\d\d/\d{4}|\d+\.\d+\.\d{4}|\d+ & \d+\.\d+", p)
               for a in arts for p in a.paragraphs)  # event dates in the prose
    for a in arts:
        assert 3 <= len(a.paragraphs) and 1 <= a.lead.count(". ") + 1 <= 3
        for text in [a.title, a.lead, *a.paragraphs]:
            assert text == clean_inline(text) and unicodedata.is_normalized("NFC", text)


def test_unknown_paths_and_faults(server: PortalServer, portal: Portal) -> None:
    status, _, html = fetch(server.base_url + "/khong-co-trang-nay")
    assert status == 404 and "Không tìm thấy trang" in html
    victim, slow, blank = portal.articles[1], portal.articles[2], portal.articles[3]
    portal.faults[victim.path] = Fault(status=500)
    portal.faults[slow.path] = Fault(delay=1.0)
    portal.faults[blank.path] = Fault(body="<html><body><p>Trang trống</p></body></html>".encode())
    status, _, html = fetch(server.base_url + victim.path)
    assert status == 500 and len(html) < 500
    assert fetch(server.base_url + blank.path)[2] == "<html><body><p>Trang trống</p></body></html>"
    started = time.monotonic()
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        fetch(server.base_url + slow.path, timeout=0.2)
    assert time.monotonic() - started < 0.9
    portal.faults.clear()
    assert fetch(server.base_url + victim.path)[0] == 200


def test_documents_are_served(server: PortalServer, portal: Portal) -> None:
    spec = portal.article(REFERENCE_TITLE)
    with urllib.request.urlopen(server.base_url + spec.images[0][0], timeout=5) as resp:
        assert resp.status == 200 and resp.headers["Content-Type"] == "image/jpeg"
    notice = next(a for a in portal.articles if a.attachments)
    with urllib.request.urlopen(server.base_url + notice.attachments[0][0], timeout=5) as resp:
        assert resp.headers["Content-Type"] == "application/pdf"
        assert resp.read().startswith(b"%PDF")
    assert fetch(server.base_url + "/documents/34223/0/khong-co.pdf/0000")[0] == 404


def test_edit_shows_up_and_hits_are_counted(server: PortalServer, portal: Portal) -> None:
    spec = portal.articles[5]
    url = server.base_url + spec.path
    before = fetch(url)[2]
    portal.edit_article(spec.path, [*spec.paragraphs[:-1], "Đoạn cuối đã được  cổng sửa lại."])
    edited = portal.article(spec.path)
    assert edited.paragraphs[-1] == "Đoạn cuối đã được cổng sửa lại."
    assert edited.body.endswith("\n\nĐoạn cuối đã được cổng sửa lại.")
    after = fetch(url)[2]
    assert before != after
    assert "Đoạn cuối đã được cổng sửa lại." in texts(Selector(text=after).xpath("//body"))[0]
    check_page(edited, after)
    section = portal.sections[0]
    fetch(f"{server.base_url}{section.path}?_{AP}{section.instance}_cur=2")
    assert server.hits[spec.path] == 2
    assert server.hits[f"{section.path}?_{AP}{section.instance}_cur=2"] == 1
    assert sum(server.hits.values()) == 3


def test_big_portal_builds_fast_with_unique_articles() -> None:
    started = time.perf_counter()
    big = build_portal(2000, per_page=20)
    assert time.perf_counter() - started < 2.0
    assert len(big.articles) == 2000
    for attr in ("title", "path", "body"):
        assert len({getattr(a, attr) for a in big.articles}) == 2000, attr
    assert REFERENCE_TITLE in {a.title for a in big.articles}
    assert [a.when for a in big.articles] == sorted((a.when for a in big.articles), reverse=True)
    assert all("2022" <= a.published[:4] <= "2024" for a in big.articles)
    assert build_portal(2000, per_page=20).articles == big.articles  # deterministic
    assert build_portal(36, seed=7).articles != build_portal(36).articles
    started = time.perf_counter()
    for spec in big.articles[:200]:
        big.render(spec.path, "", "http://127.0.0.1:9")
    assert time.perf_counter() - started < 1.0  # well over 500 pages/s before the network


def test_command_line_serves_until_stopped() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "pressarchive.sampleportal", "--port", "0",
                             "--articles", "50", "--per-page", "10"],
                            stdout=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
        assert fetch(base + "/robots.txt")[0] == 200
        assert fetch(base + "/tin-tuc/kinh-te")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
