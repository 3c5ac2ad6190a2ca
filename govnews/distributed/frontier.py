"""The shared frontier: scrapy-redis's scheduler and duplicate filter, with leases.

A request popped from Redis is not gone: the same atomic step (a Lua
script) moves it into this worker's lease hash, ``<run>:leases:<worker>``.
The lease ends when the request's work is safe:

- a request whose callback yields no article item: when the callback's
  output has been consumed (its links are in the Redis queue by then);
- a request whose callback yields an article: when the row is committed
  (``RedisState.commit``) or the item is dropped (unchanged, quarantined,
  claimed by another worker);
- a download that failed: at once (a retry goes back to the queue itself).

A worker that dies (SIGKILL, a node lost) keeps its leases in Redis; the
first live worker to see its heartbeat gone puts them back on the queue
(``govnews.distributed.workers``), except articles the state already holds.
A worker that ends cleanly has committed everything: its leases go.

The duplicate filter keys article requests by ``govnews.urls.article_key``
like ``RunDupeFilter``, once per run for all workers (a Redis set), so no
article page is fetched twice across the workers; requeued leases bypass it.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from typing import Any
from weakref import WeakKeyDictionary

import redis
from scrapy import signals
from scrapy.http import Request
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from govnews.distributed.config import RedisConfig
from govnews.distributed.config import LOCAL_META
from govnews.items import ArticleItem
from govnews.middlewares import ARTICLE_KEY_META
from govnews.runs.storage import storage_failed

logger = logging.getLogger(__name__)

LEASE_META = "govnews_lease"
_LEASES: WeakKeyDictionary[Any, Leases] = WeakKeyDictionary()

# Pop the best request and lease it in one step: a kill between the two
# would otherwise lose the request. The worker shows busy from the same
# step on, so no other worker takes the run for finished meanwhile.
_POP_AND_LEASE = """
local found = redis.call('ZRANGE', KEYS[1], 0, 0)
if #found == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], ARGV[1], found[1])
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('SET', KEYS[3], 'busy', 'PX', ARGV[2]) end
return found[1]
"""


class Leases:
    """This worker's leases: which popped requests are not finished yet."""

    def __init__(self, config: RedisConfig, run_id: str, client: redis.Redis):
        self.config = config
        self.client = client
        self.key = config.run_key(run_id, "leases", config.worker)
        self.heartbeat_key = config.run_key(run_id, "hb", config.worker)
        self.status = "busy"  # as the heartbeat says: busy, or idle with nothing in hand
        self._held: dict[str, list[str]] = {}  # article URL -> leases waiting for its commit

    @classmethod
    def for_crawler(cls, crawler: Any) -> Leases:
        leases = _LEASES.get(crawler)
        if leases is None:
            from govnews.distributed.workers import shared_run

            config, run_id = shared_run(crawler.settings)
            leases = cls(config, run_id, config.client())
            _LEASES[crawler] = leases
        return leases

    def hold(self, url: str, lease: str) -> None:
        """Keep ``lease`` until the article fetched at ``url`` is committed or dropped."""
        self._held.setdefault(url, []).append(lease)

    def release(self, *leases: str) -> None:
        if leases:
            self.client.hdel(self.key, *leases)

    def release_articles(self, urls: list[str]) -> None:
        self.release(*(lease for url in urls for lease in self._held.pop(url, ())))

    def drop_all(self) -> None:
        """A clean end: every row is committed, nothing is left to hand back."""
        self.client.delete(self.key)
        self._held.clear()


class ArticleDupeFilter(RFPDupeFilter):
    """scrapy-redis's filter, keyed by article where the request says so.

    >>> ArticleDupeFilter(None, "k").key_of(Request("http://h/a", meta={"govnews_article_key": "h/a"}))
    'article:h/a'
    """

    def key_of(self, request: Request) -> str:
        key = request.meta.get(ARTICLE_KEY_META)
        return f"article:{key}" if key else self.request_fingerprint(request)

    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_urls"):
            return False  # as RunDupeFilter: REDIRECT_MAX_TIMES bounds a loop
        return self.server.sadd(self.key, self.key_of(request)) == 0

    def close(self, reason: str = "") -> None:
        """Kept: other workers of the run still filter against it."""


class LeasedScheduler(Scheduler):
    """scrapy-redis's ``Scheduler`` on this run's keys, leasing what it pops."""

    crawler: Any

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeasedScheduler:
        from govnews.distributed.workers import shared_run

        config, run_id = shared_run(crawler.settings)
        leases = Leases.for_crawler(crawler)
        server = leases.client
        dupefilter = ArticleDupeFilter(
            server, config.run_key(run_id, "seen"), crawler.settings.getbool("DUPEFILTER_DEBUG")
        )
        scheduler = cls(
            server=server,
            persist=True,  # the queue belongs to the run, not to this worker
            queue_key=config.run_key(run_id, "requests"),
            queue_cls="scrapy_redis.queue.PriorityQueue",
            dupefilter=dupefilter,
        )
        scheduler.stats = crawler.stats
        scheduler.crawler = crawler
        scheduler.leases = leases
        scheduler.config = config
        scheduler._local: deque[Request] = deque()
        scheduler._pop = server.register_script(_POP_AND_LEASE)
        return scheduler

    def open(self, spider: Any) -> None:
        try:
            super().open(spider)
        except redis.RedisError as exc:
            self._redis_failed(exc)

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(LOCAL_META):
            self._local.append(request)
            return True
        try:
            return bool(super().enqueue_request(request))
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return False

    def next_request(self) -> Request | None:
        if self._local:
            return self._local.popleft()
        queue: PriorityQueue = self.queue
        lease = uuid.uuid4().hex
        try:
            data = self._pop(
                keys=[queue.key, self.leases.key, self.leases.heartbeat_key],
                args=[lease, self.config.heartbeat_seconds * 1000],
            )
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return None
        if not data:
            return None
        request = queue._decode_request(data)
        request.meta[LEASE_META] = lease
        self.leases.status = "busy"
        self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self._local:
            return True
        try:
            return len(self.queue) > 0
        except redis.RedisError as exc:
            self._redis_failed(exc)
            return False

    def requeue(self, data: bytes) -> None:
        """Put an encoded request back (a dead worker's lease), past the duplicate filter."""
        request = self.queue._decode_request(data)
        self.server.execute_command("ZADD", self.queue.key, -request.priority, data)

    def _redis_failed(self, exc: BaseException) -> None:
        storage_failed(self.crawler, f"the frontier in Redis at {self.config.url}", exc)


def lease_of(request: Request | None) -> str | None:
    return request.meta.get(LEASE_META) if request is not None else None


class LeaseMiddleware:
    """Spider and downloader middleware: ends leases when their work is done (module doc)."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.leases = Leases.for_crawler(crawler)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LeaseMiddleware:
        return cls(crawler)

    async def process_spider_output_async(self, response: Any, result: Any, spider: Any = None) -> Any:
        lease = lease_of(response.request)
        holds = False
        async for output in result:
            holds = self._held_by(output, lease) or holds
            yield output
        if lease and not holds:
            self._release(lease)

    def process_spider_output(self, response: Any, result: Any, spider: Any = None) -> Any:
        lease = lease_of(response.request)
        holds = False
        for output in result:
            holds = self._held_by(output, lease) or holds
            yield output
        if lease and not holds:
            self._release(lease)

    def _held_by(self, output: Any, lease: Any) -> bool:
        """An article keeps the page's lease until its row is committed (or dropped)."""
        if lease and isinstance(output, ArticleItem) and output.get("url"):
            self.leases.hold(output["url"], lease)
            return True
        return False

    def process_exception(self, request: Request, exception: BaseException, spider: Any = None) -> None:
        lease = lease_of(request)
        if lease:
            self._release(lease)

    def item_dropped(self, item: Any, **kwargs: Any) -> None:
        if isinstance(item, ArticleItem) and item.get("url"):
            self._guarded(self.leases.release_articles, [item["url"]])

    def _release(self, lease: str) -> None:
        self._guarded(self.leases.release, lease)

    def _guarded(self, call: Any, *args: Any) -> None:
        try:
            call(*args)
        except redis.RedisError as exc:
            storage_failed(self.crawler, f"the frontier in Redis at {self.leases.config.url}", exc)
