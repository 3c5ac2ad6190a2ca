"""Run ``scrapy crawl gonews`` for real, in a subprocess, against a loopback site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FAST = {
    "AUTOTHROTTLE_ENABLED": "False",
    "DOWNLOAD_DELAY": "0",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}


def run_spider(
    spider: str,
    spider_args: list[str],
    output_dir: Path,
    settings: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl <spider> -a ...`` with test-speed politeness, from the repo root."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for arg in spider_args:
        command += ["-a", arg]
    for key, value in {**FAST, "GOVNEWS_OUTPUT_DIR": str(output_dir), **(settings or {})}.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)


def scrapy_crawl(
    base_url: str,
    output_dir: Path,
    *spider_args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl gonews -a base_url=...``."""
    return run_spider("gonews", [f"base_url={base_url}", *spider_args], output_dir, settings, timeout)


def news_crawl(
    site_url: str,
    output_dir: Path,
    *spider_args: str,
    settings: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl news -a site=...``."""
    return run_spider("news", [f"site={site_url}", *spider_args], output_dir, settings, timeout)


def manifests(output_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((output_dir / "_runs").glob("*.json"))]

