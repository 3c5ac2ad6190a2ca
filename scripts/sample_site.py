"""Generate, serve and load-test the bundled GoNews sample site.

    python scripts/sample_site.py generate --out DIR [--articles N] [--seed S]
    python scripts/sample_site.py serve [DIR] [--port 8000] [--captures CAPTURES_DIR] [--verbose]
    python scripts/sample_site.py bench DIR [--requests 20000] [--connections 16] [--url URL]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitegen.bench import run_bench  # noqa: E402
from sitegen.generate import generate_site  # noqa: E402
from sitegen.server import serve_forever, serve_in_thread  # noqa: E402


def _generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    summary = generate_site(args.out, args.articles, args.seed)
    elapsed = time.perf_counter() - started
    print(f"wrote {summary.article_count} articles, {summary.page_count} files, {summary.route_count} routes "
          f"to {summary.out_dir} in {elapsed:.1f}s")
    return 0


def _serve(args: argparse.Namespace) -> int:
    if args.site is None and args.captures is None:
        print("serve needs a site directory, --captures, or both", file=sys.stderr)
        return 2
    try:
        asyncio.run(serve_forever(args.site, args.captures, args.port, args.verbose))
    except KeyboardInterrupt:
        pass
    return 0


def _bench(args: argparse.Namespace) -> int:
    routes = json.loads((Path(args.site) / "routes.json").read_text(encoding="utf-8"))["routes"]
    paths = sorted(routes)
    if args.url:
        result = asyncio.run(run_bench(args.url, paths, args.requests, args.connections))
    else:
        # Server and client then share one interpreter, so this understates the server.
        with serve_in_thread(args.site) as base_url:
            result = asyncio.run(run_bench(base_url, paths, args.requests, args.connections))
    print(f"{result.requests} requests over {args.connections} keep-alive connections in {result.seconds:.2f}s: "
          f"{result.per_second:.0f} req/s, {result.errors} errors")
    return 0 if result.errors == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write a deterministic sample site")
    generate.add_argument("--out", required=True, type=Path)
    generate.add_argument("--articles", type=int, default=40)
    generate.add_argument("--seed", type=int, default=1)
    generate.set_defaults(handler=_generate)
    serve = commands.add_parser("serve", help="serve a site and/or the captures on 127.0.0.1")
    serve.add_argument("site", nargs="?", type=Path)
    serve.add_argument("--port", type=int, default=8000, help="0 picks a free port (printed)")
    serve.add_argument("--captures", type=Path, help="mount the GoNews captures at their real paths")
    serve.add_argument("--verbose", action="store_true", help="log one line per request")
    serve.set_defaults(handler=_serve)
    bench = commands.add_parser("bench", help="measure requests/s the server sustains")
    bench.add_argument("site", type=Path)
    bench.add_argument("--requests", type=int, default=20000)
    bench.add_argument("--connections", type=int, default=16)
    bench.add_argument("--url", help="load an already running server (e.g. http://127.0.0.1:8000) instead")
    bench.set_defaults(handler=_bench)
    args = parser.parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
