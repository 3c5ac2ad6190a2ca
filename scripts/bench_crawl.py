"""Crawl runs for the benchmark: the sample site's server, and three crawlers against it.

Every crawl runs in its own process with the same Scrapy settings; its pages
per second come from its own stats (``downloader/response_count`` over
``elapsed_time_seconds``, so interpreter start-up is left out), its peak RSS
and CPU time from the kernel (``ru_maxrss``, see ``bench_rss.py``), and the
server's CPU share from the server process's CPU time over the crawl.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"

# Identical for the three crawlers: no politeness delays, so the crawl runs as
# fast as the crawler can go; robots.txt obeyed by all, as govnews does live.
COMMON_SETTINGS: dict[str, str] = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "ROBOTSTXT_OBEY": "True",
    "LOG_LEVEL": "WARNING",
    "COOKIES_ENABLED": "False",
    "TELNETCONSOLE_ENABLED": "False",
    "RETRY_TIMES": "2",
}
PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
CRAWLS = ("bare", "govnews", "govnews+playwright")


@dataclass(frozen=True)
class CrawlRun:
    kind: str
    pages: int
    elapsed_s: float
    wall_s: float
    crawler_cpu_s: float
    server_cpu_s: float
    peak_rss_bytes: int
    memusage_max_bytes: int | None
    memusage_startup_bytes: int | None
    items_stored: int | None
    output_dir: Path | None

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def server_cpu_share(self) -> float:
        """Server CPU seconds per second of crawl (1.0 = one core kept busy)."""
        return self.server_cpu_s / self.elapsed_s if self.elapsed_s > 0 else 0.0


class CrawlFailed(RuntimeError):
    pass


class SiteServer:
    """The sample site's loopback server, in its own process."""

    def __init__(self, site_dir: Path):
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPTS / "sample_site.py"), "serve", str(site_dir), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("serving "):
            self.process.kill()
            raise RuntimeError(f"sample site server did not start: {line!r} {self.process.stderr.read()!r}")
        self.base_url = line.split()[1]
        self._ps = psutil.Process(self.process.pid)

    def cpu_seconds(self) -> float:
        times = self._ps.cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def serving(site_dir: Path) -> Iterator[SiteServer]:
    server = SiteServer(site_dir)
    try:
        yield server
    finally:
        server.stop()


def _settings_args(settings: dict[str, str]) -> list[str]:
    args: list[str] = []
    for name, value in settings.items():
        args += ["-s", f"{name}={value}"]
    return args


def crawl_command(kind: str, base_url: str, max_pages: int, work_dir: Path) -> list[str]:
    if kind == "bare":
        return [
            sys.executable, str(SCRIPTS / "bench_bare.py"), "--base-url", base_url,
            "--stats-out", str(work_dir / "stats.json"), *_settings_args(COMMON_SETTINGS),
        ]
    settings = {
        **COMMON_SETTINGS,
        "GOVNEWS_POPULAR_ENABLED": "False",
        "GOVNEWS_OUTPUT_DIR": str(work_dir / "output"),
    }
    if kind == "govnews+playwright":
        settings["DOWNLOAD_HANDLERS"] = json.dumps({"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER})
    elif kind != "govnews":
        raise ValueError(f"unknown crawl kind {kind!r}")
    return [
        sys.executable, "-m", "scrapy", "crawl", "gonews",
        "-a", f"base_url={base_url}", "-a", f"max_pages={max_pages}", *_settings_args(settings),
    ]


def _run_measured(command: list[str], work_dir: Path, timeout: float) -> tuple[int, dict[str, Any]]:
    """Exit code and kernel accounting (peak RSS, CPU) of ``command``, through ``bench_rss.py``."""
    usage_path = work_dir / "usage.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with (work_dir / "crawl.log").open("wb") as log:
        # Its own process group, so a crawl that hangs is stopped with whatever it started.
        process = subprocess.Popen(
            [sys.executable, str(SCRIPTS / "bench_rss.py"), str(usage_path), "--", *command],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise CrawlFailed(f"crawl did not finish in {timeout:.0f} s: {' '.join(command)}") from None
    usage = json.loads(usage_path.read_text("utf-8")) if usage_path.exists() else {}
    return code, usage


def _stats(kind: str, work_dir: Path) -> dict[str, Any]:
    if kind == "bare":
        path = work_dir / "stats.json"
        return json.loads(path.read_text("utf-8")) if path.exists() else {}
    reports = sorted((work_dir / "output" / "_runs").glob("*.json"))
    return json.loads(reports[-1].read_text("utf-8")) if reports else {}


def run_crawl(kind: str, server: SiteServer, max_pages: int, work_dir: Path, timeout: float = 3600) -> CrawlRun:
    """One crawl of ``kind`` against ``server``; raises ``CrawlFailed`` with its log tail."""
    work_dir.mkdir(parents=True, exist_ok=True)
    command = crawl_command(kind, server.base_url, max_pages, work_dir)
    server_before = server.cpu_seconds()
    started = time.perf_counter()
    code, usage = _run_measured(command, work_dir, timeout)
    wall = time.perf_counter() - started
    server_cpu = server.cpu_seconds() - server_before
    report = _stats(kind, work_dir)
    stats = report.get("stats", report) if kind != "bare" else report
    if code != 0 or not stats.get("downloader/response_count"):
        tail = (work_dir / "crawl.log").read_text("utf-8", errors="replace")[-3000:]
        raise CrawlFailed(f"{kind} crawl exited {code} with stats {bool(stats)}; log tail:\n{tail}")
    output = work_dir / "output" if kind != "bare" else None
    rows = report.get("rows", {}) if kind != "bare" else {}
    return CrawlRun(
        kind=kind,
        pages=int(stats["downloader/response_count"]),
        elapsed_s=float(stats["elapsed_time_seconds"]),
        wall_s=wall,
        crawler_cpu_s=float(usage.get("user_s", 0.0)) + float(usage.get("system_s", 0.0)),
        server_cpu_s=server_cpu,
        peak_rss_bytes=int(usage.get("max_rss_bytes", 0)),
        memusage_max_bytes=stats.get("memusage/max"),
        memusage_startup_bytes=stats.get("memusage/startup"),
        items_stored=rows.get("articles") if kind != "bare" else None,
        output_dir=output,
    )


def profile_crawl(server: SiteServer, max_pages: int, work_dir: Path, timeout: float = 3600) -> Path:
    """cProfile stats of one ``scrapy crawl gonews`` (Scrapy's ``--profile``); not timed."""
    work_dir.mkdir(parents=True, exist_ok=True)
    command = crawl_command("govnews", server.base_url, max_pages, work_dir)
    profile = work_dir / "crawl.prof"
    command[command.index("gonews") + 1:command.index("gonews") + 1] = ["--profile", str(profile)]
    code, _ = _run_measured(command, work_dir, timeout)
    if code != 0 or not profile.exists():
        tail = (work_dir / "crawl.log").read_text("utf-8", errors="replace")[-3000:]
        raise CrawlFailed(f"profiled crawl exited {code}; log tail:\n{tail}")
    return profile


def max_pages_for(site_dir: Path) -> int:
    """A ``max_pages`` no listing can reach: the number of routes the site serves."""
    routes = json.loads((site_dir / "routes.json").read_text("utf-8"))["routes"]
    return max(1, len(routes))
