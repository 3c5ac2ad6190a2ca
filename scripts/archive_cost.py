"""Disk cost of the WARC archive: bytes of WARC per archived page.

    python scripts/archive_cost.py --output output            # a crawl's own archive (its run reports)
    python scripts/archive_cost.py --pages ../shared/real-pages  # real pages' sizes, archived as a crawl would

``--pages`` writes every ``*.html`` under the folder through the archive's
own writer (a request and a response record each, gzip per record, one
warcinfo per file) into a temporary folder, with the headers a crawl sends
and typical response headers, and prints bytes per page beside the HTML
size. Nothing is kept, and no page text is printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govnews.archive.writer import ArchiveWriter, Exchange  # noqa: E402
from govnews.runs.run import WrittenFile  # noqa: E402

REQUEST_HEADERS = [
    ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    ("Accept-Language", "en"),
    ("User-Agent", "govnews/0.1.0 (+news research crawler; Scrapy)"),
    ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ("Referer", "https://news.example/"),
]
RESPONSE_HEADERS = [
    ("Date", "Wed, 02 Dec 2026 10:00:00 GMT"),
    ("Content-Type", "text/html; charset=UTF-8"),
    ("Server", "nginx"),
    ("Cache-Control", "max-age=60, public"),
    ("Vary", "Accept-Encoding"),
    ("X-Govnews-Original-Content-Encoding", "gzip"),
]


def cost_of_pages(folder: Path) -> dict[str, float]:
    pages = sorted(folder.rglob("*.html"))
    if not pages:
        raise SystemExit(f"no *.html under {folder}")
    closed: list[WrittenFile] = []
    with tempfile.TemporaryDirectory() as out:
        writer = ArchiveWriter(Path(out), "cost", 100 * 1024 * 1024, closed.append)
        sizes = []
        for number, page in enumerate(pages):
            body = page.read_bytes()
            sizes.append(len(body))
            writer.write("news.example", Exchange(
                url=f"https://news.example/berita/{number}", fetched_at=datetime.now(timezone.utc), status=200,
                response_headers=[*RESPONSE_HEADERS, ("Content-Length", str(len(body)))], body=body,
                request_headers=REQUEST_HEADERS,
                govnews={"Role": "article", "Site": "news.example", "Public-Base-URL": "https://news.example"}))
        writer.close_all()
    warc = sum(f.bytes for f in closed)
    return {"pages": len(pages), "html_bytes_mean": statistics.mean(sizes), "html_bytes_median": statistics.median(sizes),
            "warc_bytes": warc, "warc_bytes_per_page": warc / len(pages), "warc_to_html": warc / sum(sizes)}


def cost_of_output(output: Path) -> dict[str, float]:
    files, pages, articles, payload = 0, 0, 0, 0
    warc = 0
    for manifest in sorted((output / "_runs").glob("*.json")):
        document = json.loads(manifest.read_text("utf-8"))
        archived = document.get("archive_files") or []
        files += len(archived)
        warc += sum(f["bytes"] for f in archived)
        pages += sum(f["rows"] for f in archived)
        stats = document.get("stats", {})
        articles += stats.get("govnews/archive/responses/article", 0)
        payload += stats.get("govnews/archive/payload_bytes", 0)
    if not pages:
        raise SystemExit(f"no WARC files listed in {output / '_runs'}")
    return {"files": files, "pages": pages, "article_first_pages": articles, "warc_bytes": warc,
            "warc_bytes_per_page": warc / pages, "warc_bytes_per_article": warc / max(articles, 1),
            "html_bytes_per_page": payload / pages, "warc_to_html": warc / max(payload, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="a folder of saved HTML pages")
    parser.add_argument("--output", type=Path, help="a govnews output folder with archived runs")
    args = parser.parse_args()
    if not args.pages and not args.output:
        parser.error("give --pages or --output")
    if args.output:
        print(json.dumps({"output": str(args.output), **cost_of_output(args.output)}, indent=2))
    if args.pages:
        print(json.dumps({"pages_folder": str(args.pages), **cost_of_pages(args.pages)}, indent=2))


if __name__ == "__main__":
    main()
