"""Throughput of N crawler workers on one Redis against one, on the same loopback site.

    python scripts/bench_workers.py [--articles 2000] [--workers 2] [--repeat 1]

Generates the sample site, serves it from its own process, starts its own
redis-server on a free loopback port, and times (wall clock, whole
processes, start-up included) three crawls of the same site, each on fresh
Redis keys and fresh output folders:

- ``single``: one plain process, no Redis (the baseline of today);
- ``1 worker``: one process with ``GOVNEWS_REDIS_URL`` (the cost of the shared frontier);
- ``N workers``: N processes with the same command.

It prints articles stored per second for each, and the ratios against
``single`` measured in the same run. On a machine of C cores the ratio of N
workers is bounded by min(N, C) (every worker is CPU-bound: parsing,
cleaning, validation), less the CPU the site server and redis-server take
from the same cores, less each worker's start-up (~2-3 s of imports),
and less the time the run is serial: the listing pages are a chain (page
k names page k+1), so early on there are fewer queued requests than workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from sitegen.generate import generate_site  # noqa: E402

FAST = ["AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "GOVNEWS_POPULAR_ENABLED=False", "LOG_LEVEL=WARNING"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def crawl(base_url: str, folders: list[Path], redis_url: str | None, run_id: str) -> tuple[float, float]:
    """Wall seconds until every worker (one per folder) has exited, and the CPU
    seconds they used together; raises on a failed worker."""
    started, cpu = time.perf_counter(), children_cpu()
    processes = []
    for folder in folders:
        command = [sys.executable, "-m", "scrapy", "crawl", "gonews", "-a", f"base_url={base_url}",
                   "-a", "max_pages=1000", "-s", f"GOVNEWS_OUTPUT_DIR={folder}"]
        for setting in FAST + ([f"GOVNEWS_REDIS_URL={redis_url}", f"GOVNEWS_RUN_ID={run_id}",
                                f"GOVNEWS_WORKER_NAME={folder.name}",
                                # fresh keys: the state in Redis is the dataset's, shared by every run
                                f"GOVNEWS_REDIS_PREFIX={run_id}"] if redis_url else []):
            command += ["-s", setting]
        processes.append(subprocess.Popen(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for process in processes:
        _, stderr = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"a worker failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return time.perf_counter() - started, children_cpu() - cpu


def stored(folders: list[Path]) -> int:
    import pyarrow.dataset as ds

    return sum(ds.dataset(f / "articles", partitioning="hive").count_rows() for f in folders if (f / "articles").exists())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("bench_workers: no redis-server on PATH (scripts/setup.sh installs Debian's)")
    # A bench stopped with SIGTERM still stops its servers (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    work = Path(tempfile.mkdtemp(prefix="govnews-bench-workers-"))
    generate_site(work / "site", article_count=args.articles, seed_value=11)
    port = free_port()
    redis_process = subprocess.Popen([redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no", "--dir", str(work)], stdout=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, str(REPO / "scripts" / "sample_site.py"), "serve", str(work / "site"),
                               "--port", "0"], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO / "scripts")})
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().split()[1]
        time.sleep(0.5)
        redis_url = f"redis://127.0.0.1:{port}/0"
        results: dict[str, list[float]] = {}
        cpu_per_article: dict[str, list[float]] = {}
        for n in range(args.repeat):
            for label, count, url in (("single", 1, None), ("1 worker", 1, redis_url),
                                      (f"{args.workers} workers", args.workers, redis_url)):
                folders = [work / f"out-{n}-{label.replace(' ', '')}-{i}" for i in range(count)]
                seconds, cpu = crawl(base_url, folders, url, f"bench{n}{label.replace(' ', '')}")
                rows = stored(folders)
                results.setdefault(label, []).append(rows / seconds)
                cpu_per_article.setdefault(label, []).append(cpu / rows * 1000)
                print(f"{label:>10}: {rows} articles in {seconds:.1f} s = {rows / seconds:.1f} articles/s,"
                      f" {cpu / rows * 1000:.1f} CPU ms per article", flush=True)
        base = max(results["single"])
        print(f"cores: {os.cpu_count()}; best of {args.repeat}, ratio against single:")
        for label, rates in results.items():
            print(f"{label:>10}: {max(rates):.1f} articles/s  x{max(rates) / base:.2f},"
                  f" {min(cpu_per_article[label]):.1f} CPU ms per article")
    finally:
        server.terminate()
        redis_process.terminate()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
