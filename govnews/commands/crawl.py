"""``scrapy crawl`` with an exit status a scheduler can rely on.

Scrapy's own command exits 0 whenever the crawl ran. This one
- checks the spider's arguments first, so ``-a max_pages=abc`` is a usage
  error (exit 2) instead of a traceback from inside the engine;
- exits 1 when the crawl's run report judged it unhealthy (``govnews.runs.health``),
  or when the crawl could not start, so cron, Scrapyd wrappers and Kubernetes
  CronJobs notice a bad run without parsing logs;
- on a storage failure (data, state or report could not be written, or the
  state is not a database; ``govnews.runs.storage``) prints one line,
  ``govnews: <reason>``, to stderr and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from govnews.archive.config import ArchiveConfig
from govnews.config import HealthConfig, OutputConfig, TyposConfig
from govnews.distributed.config import RedisConfig, redis_problem
from govnews.incremental.repair import state_problem
from govnews.incremental.state import IncrementalConfig
from govnews.runs.storage import STORAGE_FAILED_STAT, output_problem

UNHEALTHY_EXIT_CODE = 1


class Command(ScrapyCrawlCommand):
    _crawler: Any = None

    def _create_crawler(self, spname: str) -> Any:
        # Scrapy forgets a crawler once it finishes; keep it to read its verdict.
        self._crawler = super()._create_crawler(spname)
        return self._crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        for config in (OutputConfig, HealthConfig, IncrementalConfig, TyposConfig, ArchiveConfig, RedisConfig):
            config.from_settings(self.settings)  # a bad GOVNEWS_* value is a usage error
        if args and self.crawler_process is not None:
            spider_class = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spider_class, "check_arguments", None)
            if check is not None:
                check(**opts.spargs)  # raises UsageError, which scrapy reports cleanly
        output_dir = OutputConfig.from_settings(self.settings).output_dir
        problem = (
            output_problem(output_dir) or redis_problem(self.settings) or state_problem(self.settings)
        ) if args else None
        if problem:
            # After the usage checks, before the engine starts: one line, no traceback, nothing half-begun.
            print(f"govnews: {problem}", file=sys.stderr)
            self.exitcode = UNHEALTHY_EXIT_CODE
            return
        super().run(args, opts)
        stats = getattr(self._crawler, "stats", None)
        failure = stats.get_value(STORAGE_FAILED_STAT) if stats is not None else None
        if failure:
            print(f"govnews: {failure}", file=sys.stderr)
            self.exitcode = UNHEALTHY_EXIT_CODE
            return
        if self.exitcode:
            return
        try:
            health = self._crawler.stats.get_value("govnews/health")
        except (AttributeError, RuntimeError):  # the crawl never started
            health = "unhealthy"
        if health != "healthy":
            self.exitcode = UNHEALTHY_EXIT_CODE
