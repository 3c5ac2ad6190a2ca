"""``scrapy crawl`` with an exit status a scheduler can rely on.

Scrapy's own command exits 0 whenever the crawl ran. This one exits 1 when a
crawl's run report judged it unhealthy (see ``govnews.health``), so cron,
Scrapyd wrappers and Kubernetes CronJobs notice a bad run without parsing logs.
"""

from __future__ import annotations

import argparse
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

UNHEALTHY_EXIT_CODE = 1


class Command(ScrapyCrawlCommand):
    _crawler: Any = None

    def _create_crawler(self, spname: str) -> Any:
        # Scrapy forgets a crawler once it finishes; keep it to read its verdict.
        self._crawler = super()._create_crawler(spname)
        return self._crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = getattr(self._crawler, "stats", None)
        if not self.exitcode and stats is not None and stats.get_value("govnews/health") == "unhealthy":
            self.exitcode = UNHEALTHY_EXIT_CODE
