"""The baseline of the crawl benchmark: a bare Scrapy spider over the GoNews site.

It requests what the govnews spider requests (home, nav categories, their
``rel="next"`` pages, the articles the cards link to, the "Tampilkan Semua"
page of split articles) and extracts nothing, so the difference to
``scrapy crawl gonews`` is what govnews' extraction, cleaning, validation and
export cost.

    python scripts/bench_bare.py --base-url http://127.0.0.1:PORT --stats-out stats.json -s NAME=VALUE ...

The crawl's stats (``downloader/response_count``, ``elapsed_time_seconds``,
...) are written as JSON to ``--stats-out``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

# Scrapy's own defaults plus only what the benchmark sets: this is "bare Scrapy".
BASE_SETTINGS: dict[str, Any] = {
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    "USER_AGENT": "govnews-bench-bare (+benchmark baseline; Scrapy)",
}


class BareGoNewsSpider(scrapy.Spider):
    name = "bare_gonews"

    def __init__(self, base_url: str, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.base_url = base_url.rstrip("/")

    async def start(self) -> Any:
        yield scrapy.Request(f"{self.base_url}/", callback=self.parse_listing, cb_kwargs={"home": True})

    def parse_listing(self, response: Response, home: bool = False) -> Iterator[scrapy.Request]:
        if home:
            for href in response.css("nav.menu-utama a::attr(href)").getall():
                if "/berita/kategori/" in href:
                    yield response.follow(href, callback=self.parse_listing)
        for card in response.css("div.card-berita"):
            href = card.css("h2.card-judul a::attr(href)").get() or card.css("a.card-thumb::attr(href)").get()
            if href:
                yield response.follow(href, callback=self.parse_article)
        next_page = response.css('ul.pagination a[rel="next"]::attr(href), link[rel="next"]::attr(href)').get()
        if next_page:
            yield response.follow(next_page, callback=self.parse_listing)

    def parse_article(self, response: Response) -> Iterator[scrapy.Request]:
        parts = response.css("div.halaman a::attr(href)").getall()
        show_all = [href for href in parts if "page=all" in href]
        # One request for the whole text, as govnews does; without that link,
        # the other parts (the dupefilter drops the ones already fetched).
        for href in show_all[:1] or parts:
            yield response.follow(href, callback=self.parse_article)


def parse_settings(pairs: list[str]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"-s expects NAME=VALUE, got {pair!r}")
        settings[name] = value
    return settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--stats-out", required=True, type=Path)
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    process = CrawlerProcess({**BASE_SETTINGS, **parse_settings(args.settings)})
    crawler = process.create_crawler(BareGoNewsSpider)
    process.crawl(crawler, base_url=args.base_url)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    args.stats_out.write_text(json.dumps(stats, default=str, indent=1), encoding="utf-8")
    return 0 if stats.get("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
