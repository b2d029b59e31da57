"""List pages parse in time linear in their size, with the same links and dates."""

from __future__ import annotations

import time
from urllib.parse import urljoin

from parsel import Selector
from scrapy.http import HtmlResponse

from pressarchive.discovery import join_url, list_matches, node_text
from pressarchive.extract.select import select, text_of
from pressarchive.spiders.portal import PortalSpider

NESTED = """<html><body>
<div class="asset-abstract"><h3 class="asset-title"><a href="/-/a">Tin <b>một</b></a></h3>
  <div class="asset-abstract"><h3 class="asset-title"><a href="/-/b">Tin hai</a></h3></div>
  <script>var x = "<a>";</script><span class="metadata-publish-date">01/02/2023</span>
</div>
<div class="asset-title"><a href="/-/c">Ngoài danh sách</a></div>
<div class="asset-abstract x"><h3 class="asset-title"><a href="/-/d">Tin  bốn</a>
  <!-- ghi chú --> đuôi</h3></div>
</body></html>"""


def test_list_matches_equal_the_plain_selector() -> None:
    sel = Selector(text=NESTED)
    for rule in [".asset-abstract .asset-title a::attr(href)", ".asset-abstract h3 a",
                 ".asset-abstract .asset-title", ".asset-abstract .metadata-publish-date",
                 "div.asset-abstract a::text", ".asset-abstract > h3 a", "//a/@href",
                 "//div[has-class('asset-abstract')]//a/@href",  # a parsel XPath extension
                 ".asset-abstract .asset-title a::attr(href), .asset-title a::attr(href)"]:
        plain = [text_of(n) for n in select(sel, rule)]
        assert [node_text(n) for n in list_matches(sel, rule)] == plain, rule
    assert [node_text(n) for n in list_matches(sel, ".asset-abstract .asset-title")] == [
        "Tin một", "Tin hai", "Tin bốn đuôi"]


def test_join_url_equals_urljoin() -> None:
    base = "http://127.0.0.1:8000/tin-tuc/chinh-tri?_cur=2"
    for href in ["/-/asset_publisher/x/content/bai-1", "https://dongthap.gov.vn/-/a", "?id=5",
                 "bai.html", "//cdn.example/x", "/a/../b", "/a#top", "HTTPS://X/y", "/x?",
                 "https://", "/tin tuc", "http://[::1]/x"]:
        assert join_url(base, href) == urljoin(base, href), href


def list_page(entries: int) -> HtmlResponse:
    items = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title"><a href="/-/asset_publisher/'
        f'Xk3pQm8Rt2aB/content/bai-so-{n}">Bài số {n}</a></h3><div class="asset-metadata">'
        f'<span class="metadata-entry metadata-publish-date">{1 + n % 28:02d}/01/2023</span>'
        f'</div><div class="asset-more"><a href="/-/asset_publisher/Xk3pQm8Rt2aB/content/'
        f'bai-so-{n}">Xem thêm</a></div></div>\n' for n in range(entries))
    return HtmlResponse("http://127.0.0.1:8000/tin-tuc/chinh-tri", encoding="utf-8",
                        body=f"<html><body>{items}</body></html>".encode())


def parse_seconds(spider: PortalSpider, entries: int) -> float:
    response = list_page(entries)
    started = time.perf_counter()
    items = spider._list_items(response)
    took = time.perf_counter() - started
    assert len(items) == entries and all(day is not None for _, day in items)
    return took


def test_a_list_page_parses_in_linear_time() -> None:
    """5x the entries must cost about 5x the time (it was quadratic: 100,000 entries took
    over four minutes of reactor time, blocking every download)."""
    spider = PortalSpider(site="dongthap", base_url="http://127.0.0.1:8000")
    parse_seconds(spider, 500)  # warm-up: imports, the first date parse
    small = min(parse_seconds(spider, 10_000) for _ in range(2))
    large = parse_seconds(spider, 50_000)
    assert large < 8 * small + 0.5, (small, large)
    assert large < 15
