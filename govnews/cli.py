"""``govnews``: the one command for people (crawl, extract, report, state, reprocess).

``govnews crawl ...`` is ``scrapy crawl ...`` with the project's settings,
from any folder; ``govnews extract`` runs one saved page through the crawl's
own path (page object, loaders, schema validation) and prints the result;
``govnews reprocess`` runs the same path over WARC archives, with no network.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from govnews import defaults

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def crawl(scrapy_args: list[str]) -> int:
    """``scrapy crawl`` with govnews's settings module (and its exit status)."""
    from scrapy.cmdline import execute

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "govnews.settings")
    try:
        execute(["scrapy", "crawl", *scrapy_args])
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return EXIT_OK


def reprocess(archives: list[Path], since: str | None, site: str | None, output: Path | None) -> int:
    """The ``reprocess`` spider over ``archives`` (``govnews.archive.reprocess``):
    ``scrapy crawl``'s exit status, nothing archived again."""
    missing = [str(p) for p in archives if not p.exists()]
    if missing:
        print(f"govnews reprocess: no such WARC file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    args = ["reprocess", "-a", f"archive={os.pathsep.join(str(p.resolve()) for p in archives)}",
            "-s", "GOVNEWS_ARCHIVE=off"]
    if since:
        args += ["-a", f"since={since}"]
    if site:
        args += ["-a", f"site={site}"]
    if output is not None:
        args += ["-s", f"GOVNEWS_OUTPUT_DIR={output}"]
    return crawl(args)


def extract(path: Path, url: str | None) -> tuple[int, dict[str, Any]]:
    """The cleaned, validated item of one saved page, or its quarantine record.

    The same code path as a crawl: the site's page object (else the generic
    extractor), the item loaders, the article schema.
    """
    from parsel import Selector

    from govnews.extraction.charset import decode_html
    from govnews.loaders import load_article
    from govnews.pipelines import quarantine_record, validate
    from govnews.schema import load_schema
    from govnews.sites import article_page_for, site_for

    html = decode_html(path.read_bytes()).text
    page_url = url or _page_url(html) or path.resolve().as_uri()
    site = site_for(page_url) if page_url.startswith(("http://", "https://")) else None
    public = site.public_base_url if site else page_url
    page = article_page_for(page_url, Selector(text=html), site=site, public_base_url=public)
    if not page.is_article:
        return EXIT_INVALID, {"url": page_url, "reasons": ["not_an_article"], "errors": [], "item": None}
    item = load_article(page.extract(), run_id="extract", downloaded_at=datetime.now(timezone.utc), url=page_url)
    record, errors = validate(item, load_schema(item.schema))
    if errors:
        return EXIT_INVALID, quarantine_record("extract", item.schema, record, errors)
    return EXIT_OK, record


def _page_url(html: str) -> str | None:
    """The URL a saved page names for itself (canonical, else og:url)."""
    from parsel import Selector

    sel = Selector(text=html)
    href = sel.css('link[rel="canonical"]::attr(href)').get() or sel.css('meta[property="og:url"]::attr(content)').get()
    href = (href or "").strip()
    return href if href.startswith(("http://", "https://")) else None


def tick(url: str | None, run_id: str | None, prefix: str) -> int:
    """``govnews tick``: seed the run id the next workers share; prints it."""
    import redis
    from scrapy.exceptions import UsageError
    from scrapy.settings import Settings

    from govnews.distributed.config import RedisConfig
    from govnews.distributed.workers import seed_tick

    settings = Settings({"GOVNEWS_REDIS_URL": url, "GOVNEWS_REDIS_PREFIX": prefix, "GOVNEWS_RUN_ID": run_id})
    try:
        config = RedisConfig.from_settings(settings)
        if config is None:
            raise UsageError("govnews tick needs --redis or GOVNEWS_REDIS_URL")
        from govnews.config import OutputConfig

        OutputConfig.from_settings(settings)  # the run id's spelling
        print(seed_tick(config, run_id))
    except UsageError as exc:
        print(f"govnews tick: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except redis.RedisError as exc:
        print(f"govnews tick: Redis at {url} cannot be reached: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govnews", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    crawl_p = commands.add_parser("crawl", help="scrapy crawl with govnews's settings", add_help=False)
    crawl_p.add_argument("scrapy_args", nargs=argparse.REMAINDER)
    extract_p = commands.add_parser("extract", help="print the item of one saved page as JSON")
    extract_p.add_argument("path", type=Path)
    extract_p.add_argument("--url", help="the page's URL (default: its canonical URL)")
    report_p = commands.add_parser("report", help="print a run report")
    report_p.add_argument("output_dir", nargs="?", type=Path, default=Path("output"))
    report_p.add_argument("run_id", nargs="?")
    report_p.add_argument("--run", dest="shared_run", metavar="RUN_ID",
                          help="a distributed run as a whole and per worker; exit 1 when unhealthy")
    report_p.add_argument("--folder", dest="folders", action="append", type=Path, default=[],
                          help="another output folder of the run's workers (repeatable)")
    tick_p = commands.add_parser("tick", help="seed a new distributed run: workers without GOVNEWS_RUN_ID join it")
    tick_p.add_argument("--redis", default=os.environ.get("GOVNEWS_REDIS_URL"), help="default: $GOVNEWS_REDIS_URL")
    tick_p.add_argument("--run-id", help="default: the UTC time and a random suffix")
    tick_p.add_argument("--prefix", default=os.environ.get("GOVNEWS_REDIS_PREFIX") or defaults.GOVNEWS_REDIS_PREFIX)
    state_p = commands.add_parser("state", help="incremental state tools")
    state_p.add_argument("action", choices=["rebuild"])
    state_p.add_argument("output_dir", type=Path, help="GOVNEWS_OUTPUT_DIR of the dataset")
    state_p.add_argument("--public-base-url", help="host to key URLs on (default: each row's canonical host)")
    reprocess_p = commands.add_parser(
        "reprocess", help="extract, clean, validate and store archived pages again, with no network")
    reprocess_p.add_argument("--archive", type=Path, nargs="+", required=True,
                             help="WARC files or folders of them (output/_raw, a foreign .warc.gz)")
    reprocess_p.add_argument("--since", help="only pages fetched on or after this day (YYYY-MM-DD, UTC)")
    reprocess_p.add_argument("--site", help="only pages of this site (e.g. gonews.co)")
    reprocess_p.add_argument("--output", type=Path, help="GOVNEWS_OUTPUT_DIR to store into (default: output)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["crawl"]:
        return crawl(argv[1:])  # every other argument is scrapy's
    args = _parser().parse_args(argv)
    if args.command == "extract":
        if not args.path.is_file():
            print(f"govnews extract: no such file: {args.path}", file=sys.stderr)
            return EXIT_USAGE
        status, result = extract(args.path, args.url)
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        if str(result.get("url", "")).startswith("file:"):
            print("govnews extract: the page names no http(s) URL of its own (canonical, og:url); pass --url",
                  file=sys.stderr)
        return status
    if args.command == "reprocess":
        return reprocess(args.archive, args.since, args.site, args.output)
    if args.command == "report" and args.shared_run:
        from govnews.runs.report import render_run, run_manifests

        text, healthy = render_run(args.shared_run, run_manifests([args.output_dir, *args.folders], args.shared_run))
        print(text)
        return EXIT_OK if healthy else EXIT_INVALID
    if args.command == "report":
        from govnews.runs.report import latest_manifest, render

        try:
            path = (
                args.output_dir / "_runs" / f"{args.run_id}.json" if args.run_id else latest_manifest(args.output_dir)
            )
            manifest = json.loads(path.read_text("utf-8"))
        except (FileNotFoundError, json.JSONDecodeError) as exc:
            print(f"govnews report: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(render(manifest))
        return EXIT_OK
    if args.command == "tick":
        return tick(args.redis, args.run_id, args.prefix)
    from govnews.incremental.repair import rebuild, set_aside_unreadable
    from govnews.incremental.state import SQLITE_NAME, STATE_DIR_NAME

    moved = set_aside_unreadable(args.output_dir / STATE_DIR_NAME / SQLITE_NAME, datetime.now(timezone.utc))
    if moved is not None:
        print(f"unreadable state file moved to {moved}")
    rows = rebuild(args.output_dir, args.public_base_url)
    print(f"state rebuilt from {rows} stored rows in {args.output_dir / STATE_DIR_NAME / SQLITE_NAME}")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
