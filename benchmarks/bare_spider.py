"""The floor a crawl is measured against: a Scrapy spider that walks the sample portal's
list pages and fetches every article, keeping nothing.

    .venv/bin/python benchmarks/bare_spider.py BASE_URL [--concurrency 16]

Run by ``benchmarks/crawl_portal.py`` in a child process, on the same server and with the
same download settings as ``pressarchive crawl``, so the two CPU times compare.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

SECTIONS = ("/tin-tuc/chinh-tri", "/tin-tuc/kinh-te", "/tin-tuc/van-hoa-xa-hoi")


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [base_url + path for path in SECTIONS]

    def parse(self, response: scrapy.http.Response) -> Iterator[Any]:
        for href in response.css(".asset-abstract .asset-title a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_article)
        for href in response.xpath("//ul[contains(@class,'lfr-pagination-buttons')]/li"
                                   "/a[normalize-space()='Tiếp']/@href").getall():
            yield response.follow(href, callback=self.parse)

    def parse_article(self, response: scrapy.http.Response) -> Iterator[dict[str, Any]]:
        yield {"url": response.url}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    process = CrawlerProcess({
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False, "COOKIES_ENABLED": False,
        "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_ITEMS": 10,
        "CONCURRENT_REQUESTS": args.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
    })
    process.crawl(BareSpider, base_url=args.base_url)
    process.start()


if __name__ == "__main__":
    main()
