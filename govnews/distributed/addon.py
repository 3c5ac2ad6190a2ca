"""The switch: ``GOVNEWS_REDIS_URL`` set, the crawl becomes one worker of a shared run.

A Scrapy add-on (``ADDONS`` in ``govnews.settings``), so the one setting can
come from anywhere settings come from (``-s``, the environment, a project's
settings) and still swap components before the crawler builds them. Without
the URL it changes nothing. With it:

- ``SCHEDULER``: ``LeasedScheduler`` (scrapy-redis's, with leases) and its
  article-keyed duplicate filter, on the run's keys;
- ``GOVNEWS_STATE_CLASS``: ``RedisState``;
- ``ClaimPipeline`` between the versions rule and export; ``LeaseMiddleware``;
  the ``Worker`` extension (heartbeat, idle rule, take-over of dead workers);
- the run id: every worker shares ``GOVNEWS_RUN_ID`` (or the tick ``govnews
  tick`` seeded); its own files, manifest and quarantine are named
  ``<run id>_<worker>``, so workers may share one output folder, which then
  has several live runs at once (``GOVNEWS_ALLOW_CONCURRENT_RUNS``).
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import UsageError

from govnews.distributed.config import RedisConfig, shared_run_id, worker_run_id

FORCED = "cmdline"  # the project's own settings must not win over the switch


class DistributedAddon:
    def __init__(self, crawler: Any = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> DistributedAddon:
        return cls(crawler)

    def update_settings(self, settings: Any) -> None:
        config = RedisConfig.from_settings(settings)
        if config is None:
            return
        if settings.get("GOVNEWS_SHARED_RUN_ID"):
            return  # settled already (a crawler made twice from one settings object)
        import redis  # only for distributed runs: every other crawl never loads it

        client = config.client()
        try:
            run_id = shared_run_id(settings, config, client)
        except redis.RedisError as exc:
            raise UsageError(f"Redis at {config.url} cannot be reached: {' '.join(str(exc).split())}") from None
        finally:
            client.close()
        settings.set("GOVNEWS_SHARED_RUN_ID", run_id, priority=FORCED)
        settings.set("GOVNEWS_RUN_ID", worker_run_id(run_id, config.worker), priority=FORCED)
        settings.set("SCHEDULER", "govnews.distributed.frontier.LeasedScheduler", priority=FORCED)
        settings.set("GOVNEWS_STATE_CLASS", "govnews.distributed.state.RedisState", priority=FORCED)
        settings.set("GOVNEWS_ALLOW_CONCURRENT_RUNS", True, priority=FORCED)
        settings["ITEM_PIPELINES"]["govnews.distributed.claims.ClaimPipeline"] = 600
        settings["SPIDER_MIDDLEWARES"]["govnews.distributed.frontier.LeaseMiddleware"] = 10
        # First to see a failed download, before a retry takes it back to the queue.
        settings["DOWNLOADER_MIDDLEWARES"]["govnews.distributed.frontier.LeaseMiddleware"] = 990
        settings["EXTENSIONS"]["govnews.distributed.workers.Worker"] = 450
