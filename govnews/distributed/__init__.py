"""Scaling out: several crawler processes on one frontier and one state in Redis.

Switched on by ``GOVNEWS_REDIS_URL`` alone (``govnews.distributed.addon``);
without it nothing here is loaded. The parts:

- ``config``: ``RedisConfig``, the URL checked and Redis reached at start-up;
- ``frontier``: scrapy-redis's scheduler with leases on popped requests, and
  its duplicate filter keyed by article like ``RunDupeFilter``;
- ``workers``: heartbeats, the idle rule, taking over a dead worker's
  leases, the popular-list lock;
- ``state``: ``RedisState``, the ``ArticleState`` of all workers;
- ``claims``: the item pipeline that lets one worker only store an article;
- ``vocabulary``: the typo rule's word document frequencies, shared.

``govnews tick`` seeds a run; ``govnews report DIR --run RUN --folder DIR2``
shows it as a whole and per worker (``govnews.runs.report``).

Keys live under ``<GOVNEWS_REDIS_PREFIX>:``; the frontier and claims of one
run under ``<prefix>:run:<run id>:``, so a new tick starts a clean frontier.
"""
