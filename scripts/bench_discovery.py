"""Time govnews.discovery on synthetic documents (and feedparser on the same feed, when importable).

    python scripts/bench_discovery.py [--entries 1000] [--repeat 20]
"""
from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govnews.discovery import discover  # noqa: E402

START = datetime(2021, 3, 2, 9, 15, tzinfo=timezone(timedelta(hours=7)))


def news_sitemap(count: int) -> bytes:
    urls = "".join(
        f"<url><loc>https://www.kabar.test/daerah/{i}/judul-berita-{i}/</loc><news:news><news:publication>"
        f"<news:name>Kabar</news:name><news:language>id</news:language></news:publication>"
        f"<news:publication_date>{(START - timedelta(minutes=7 * i)).isoformat()}</news:publication_date>"
        f"<news:title>Pemkot Gelar Pasar Murah Nomor {i}</news:title></news:news></url>\n" for i in range(count))
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode()


def rss(count: int) -> bytes:
    items = "".join(
        f"<item><title><![CDATA[Pemkot Gelar Pasar Murah Nomor {i}]]></title>"
        f"<link>https://www.kabar.test/daerah/{i}/judul-berita-{i}/</link>"
        f"<pubDate>{(START - timedelta(minutes=7 * i)):%a, %d %b %Y %H:%M:%S %z}</pubDate>"
        f"<category>Daerah</category><description><![CDATA[<p>Ringkasan berita {i}</p>]]></description></item>\n"
        for i in range(count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title>{items}</channel></rss>'.encode()


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    timings = []
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        found = run()
        timings.append(time.perf_counter() - started)
    return min(timings), found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    sitemap, feed = news_sitemap(args.entries), rss(args.entries)
    cases: dict[str, Callable[[], int]] = {
        "news sitemap": lambda: len(discover(sitemap, "application/xml", "https://www.kabar.test/news.xml").entries),
        "news sitemap .gz": lambda: len(discover(gzip.compress(sitemap), None, "https://www.kabar.test/n.xml.gz").entries),
        "rss": lambda: len(discover(feed, "application/rss+xml", "https://www.kabar.test/feed/").entries),
    }
    try:
        import feedparser  # type: ignore[import-not-found]
    except ImportError:
        print("feedparser not importable: its row is left out")
    else:
        cases["rss (feedparser)"] = lambda: len(feedparser.parse(feed).entries)
    for name, run in cases.items():
        seconds, found = best_of(args.repeat, run)
        print(f"{name:<18} {found:>6} entries  {seconds * 1000:8.1f} ms  {found / seconds:10.0f} entries/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
