"""What the download handler costs a plain-HTTP crawl: Scrapy's, ours, scrapy-playwright's.

A few hundred small static pages are served on 127.0.0.1 by the sitegen
server (its own process), and a bare spider follows every link once, with:

* ``scrapy``     -- Scrapy's HTTP/1.1 handler (``DOWNLOAD_HANDLERS = {}``)
* ``govnews``    -- ``govnews.rendering.RenderingDownloadHandler``, rendering on
* ``playwright`` -- scrapy-playwright's handler installed for http and https

No request asks for a browser, so any difference is per-request overhead (or
work the handler does while the crawl runs). Runs alternate between handlers;
the median and the best pages/s of each are reported (the best is the least
disturbed by other work on the machine).

    python scripts/bench_rendering_handler.py [--pages 1500] [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

REPO = Path(__file__).resolve().parent.parent
HANDLERS: dict[str, dict[str, str]] = {
    "scrapy": {},
    "govnews": {
        "http": "govnews.rendering.RenderingDownloadHandler",
        "https": "govnews.rendering.RenderingDownloadHandler",
    },
    "playwright": {
        "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
        "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    },
}
LINKS_PER_PAGE = 5


def write_site(folder: Path, pages: int) -> None:
    """Pages ``/p/0`` .. ``/p/<pages-1>``, each linking the next few, in sitegen's routes.json format."""
    (folder / "pages").mkdir(parents=True)
    routes: dict[str, Any] = {}
    html_type = {"Content-Type": "text/html; charset=utf-8"}
    for n in range(pages):
        links = "".join(
            f'<li><a href="/p/{(n + k) % pages}">halaman {(n + k) % pages}</a></li>'
            for k in range(1, LINKS_PER_PAGE + 1)
        )
        body = f"<html><head><title>p{n}</title></head><body><h1>Halaman {n}</h1><ul>{links}</ul>{'<p>isi berita</p>' * 20}</body></html>"
        (folder / "pages" / f"{n}.html").write_text(body, encoding="utf-8")
        routes[f"/p/{n}"] = {"file": f"pages/{n}.html", "status": 200, "headers": html_type}
    (folder / "pages" / "404.html").write_text("<html><body>404</body></html>", encoding="utf-8")
    manifest = {"routes": routes, "not_found": {"file": "pages/404.html", "status": 404, "headers": html_type}}
    (folder / "routes.json").write_text(json.dumps(manifest), encoding="utf-8")


class FollowSpider(scrapy.Spider):
    name = "bench_follow"

    def __init__(self, base_url: str, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.base_url = base_url

    async def start(self) -> Any:
        yield scrapy.Request(f"{self.base_url}/p/0")

    def parse(self, response: Response) -> Any:
        # Timed from the first response to the last: start-up and the idle
        # wait at the end are the same for every handler and only add noise.
        now, cpu = time.perf_counter(), time.process_time()
        stats = self.crawler.stats
        if stats.get_value("bench/first_response") is None:
            stats.set_value("bench/first_response", now)
            stats.set_value("bench/first_cpu", cpu)
        stats.set_value("bench/last_response", now)
        stats.set_value("bench/last_cpu", cpu)
        for href in response.css("li a::attr(href)").getall():
            yield response.follow(href)


def crawl_once(base_url: str, handler: str, stats_out: Path) -> None:
    process = CrawlerProcess(
        {
            "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
            "DOWNLOAD_HANDLERS": HANDLERS[handler],
            "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
        }
    )
    crawler = process.create_crawler(FollowSpider)
    process.crawl(crawler, base_url=base_url)
    process.start()
    stats = crawler.stats.get_stats()
    stats_out.write_text(json.dumps(stats, default=str), encoding="utf-8")


def measure(base_url: str, handler: str) -> tuple[float, float]:
    """Pages per second and CPU microseconds per page of one crawl, in a fresh
    process (a reactor starts once). CPU time is the crawl process's own, so it
    moves less than wall time when other work shares the machine."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stats.json"
        command = [sys.executable, __file__, "_crawl", base_url, handler, str(out)]
        subprocess.run(command, cwd=REPO, check=True, env={"PYTHONPATH": f"{REPO}:{REPO / 'scripts'}"})
        stats = json.loads(out.read_text(encoding="utf-8"))
    pages = int(stats["response_received_count"]) - 1
    seconds = float(stats["bench/last_response"]) - float(stats["bench/first_response"])
    cpu = float(stats["bench/last_cpu"]) - float(stats["bench/first_cpu"])
    return pages / seconds, cpu / pages * 1e6


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_crawl"]:
        crawl_once(argv[1], argv[2], Path(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--handlers", default=",".join(HANDLERS))
    args = parser.parse_args(argv)
    handlers = args.handlers.split(",")
    results: dict[str, list[tuple[float, float]]] = {h: [] for h in handlers}
    with tempfile.TemporaryDirectory() as tmp:
        write_site(Path(tmp), args.pages)
        server = subprocess.Popen(
            [sys.executable, str(REPO / "scripts" / "sample_site.py"), "serve", tmp, "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            base_url = line.split()[1]
            for _ in range(args.rounds):
                for handler in handlers:
                    results[handler].append(measure(base_url, handler))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{args.pages} pages, {args.rounds} rounds")
    print(f"  {'handler':<10} {'pages/s median':>14} {'best':>6} {'CPU us/page median':>19} {'best':>6}")
    for handler, values in results.items():
        rates, cpus = [v[0] for v in values], [v[1] for v in values]
        print(
            f"  {handler:<10} {statistics.median(rates):14.0f} {max(rates):6.0f}"
            f" {statistics.median(cpus):19.0f} {min(cpus):6.0f}"
            f"   (pages/s: {', '.join(f'{r:.0f}' for r in rates)})"
        )
    return 0


if __name__ == "__main__":
    start = time.monotonic()
    code = main()
    if sys.argv[1:2] != ["_crawl"]:
        print(f"took {time.monotonic() - start:.0f} s")
    sys.exit(code)
