"""Workers of one run: heartbeats, the idle rule, dead workers' leases, the popular lock.

Every worker registers in ``<run>:workers`` and keeps ``<run>:hb:<worker>``
alive (value ``busy`` or ``idle``, a TTL of ``GOVNEWS_WORKER_HEARTBEAT``
seconds, refreshed three times per TTL). A key that expired means its
worker is dead: SIGKILL, OOM, a lost node. The first live worker that sees
it takes ``<run>:recover:<worker>`` (SET NX with a lease) and puts the dead
worker's leases back on the queue, except articles the state holds or has
staged (``govnews.distributed.frontier``). A worker whose own heartbeat was
found expired has been given up on by the others: it must not store what
they may now store, so its run ends at once as a storage failure.

The idle rule: a worker with nothing to do stays while the queue holds
requests or another live worker is busy (it may still add links, or die
and leave leases to take over), and closes when every worker is idle and
the queue is empty.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from govnews.distributed.config import RedisConfig
from govnews.incremental.state import state_for
from govnews.middlewares import ARTICLE_KEY_META
from govnews.runs.storage import STORAGE_FAILED_STAT, storage_failed

logger = logging.getLogger(__name__)
IDLE_POLL_SECONDS = 0.5
RUN_KEYS_DAYS = 7  # a finished run's duplicate filter is kept this long, then Redis drops it
# Requests that must stay in the process that made them (a rendered page
# holding a browser page): never serialized into Redis.

# Refresh this worker's heartbeat only if it still exists: one that expired
# was declared dead by the others, who may be storing its articles now.
_REFRESH = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


def shared_run(settings: Any) -> tuple[RedisConfig, str]:
    """The Redis config and the shared run id the add-on settled at start-up."""
    config = RedisConfig.from_settings(settings)
    run_id = settings.get("GOVNEWS_SHARED_RUN_ID")
    if config is None or not run_id:
        raise NotConfigured("govnews.distributed needs GOVNEWS_REDIS_URL (see govnews.distributed.addon)")
    return config, str(run_id)


def take_lock(client: redis.Redis, key: str, owner: str, lease_seconds: int) -> bool:
    """An exclusive lock with a lease: SET NX PX. Its holder dying frees it after the lease."""
    return bool(client.set(key, owner, nx=True, px=lease_seconds * 1000))


class Worker:
    """Extension: this worker's presence in the run, and the run's idle rule."""

    def __init__(self, crawler: Any):
        from govnews.distributed.frontier import Leases

        self.crawler = crawler
        self.stats = crawler.stats
        self.config, self.run_id = shared_run(crawler.settings)
        self.leases = Leases.for_crawler(crawler)
        self.client = self.leases.client
        self.workers_key = self.config.run_key(self.run_id, "workers")
        self.heartbeat_key = self.leases.heartbeat_key
        self.ttl_ms = self.config.heartbeat_seconds * 1000
        self._refresh = self.client.register_script(_REFRESH)
        self._beat: task.LoopingCall | None = None
        self._heart = Heartbeat(self)
        self._failed = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Worker:
        return cls(crawler)

    def heartbeat_of(self, worker: str) -> str:
        return self.config.run_key(self.run_id, "hb", worker)

    def spider_opened(self, spider: Any) -> None:
        self._redis(lambda: (
            self.client.set(self.heartbeat_key, self.leases.status, px=self.ttl_ms),
            self.client.sadd(self.workers_key, self.config.worker),
        ))
        self.stats.set_value("govnews/distributed/run_id", self.run_id)
        self.stats.set_value("govnews/distributed/worker", self.config.worker)
        self._scheduler = self.crawler.engine._slot.scheduler
        self._heart.start()
        self._beat = task.LoopingCall(self.beat)
        self._beat.start(self.config.heartbeat_seconds / 3, now=False)

    def beat(self) -> None:
        """On the reactor: act on what the heartbeat thread found; take over dead workers."""
        if self._failed:
            return
        if self._heart.problem is not None:
            self._failed = True
            storage_failed(self.crawler, f"the run's workers in Redis at {self.config.url}", self._heart.problem)
            return
        self._redis(self.recover_dead)

    def spider_idle(self, spider: Any) -> None:
        if self._failed or self.stats.get_value(STORAGE_FAILED_STAT):
            return
        self._set_status("idle")
        work_left = self._redis(lambda: self.recover_dead() or self.others_busy() or self.queued())
        if work_left:
            # Scrapy looks at the scheduler again every 5 s when kept open;
            # new links from a busy worker are taken up sooner.
            from twisted.internet import reactor  # the one Scrapy installed, never at import

            slot = getattr(self.crawler.engine, "_slot", None)
            if slot is not None:
                reactor.callLater(IDLE_POLL_SECONDS, slot.nextcall.schedule)
            raise DontCloseSpider("other workers of the run are busy or requests are queued")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        self._heart.stop()
        if self._failed or self.stats.get_value(STORAGE_FAILED_STAT):
            # Rows may be lost with the open files: the leases stay, and
            # another worker takes them over when the heartbeat expires.
            return
        try:
            if reason == "finished":
                self.leases.drop_all()  # every request's work is done and committed
            else:
                # Closed early (SIGTERM, a CLOSESPIDER_* limit): requests popped but
                # not done go back to the queue now, for the other workers.
                self._take_over(self.config.worker)
            self.client.delete(self.heartbeat_key)
            self.client.srem(self.workers_key, self.config.worker)
            # A run's frontier outlives its workers only so long: ticks would pile up.
            for part in ("seen", "requests", "workers"):
                self.client.expire(self.config.run_key(self.run_id, part), RUN_KEYS_DAYS * 86400)
        except redis.RedisError as exc:
            logger.error("could not sign off from Redis at %s: %s", self.config.url, exc)

    def others_busy(self) -> bool:
        for worker in self._members():
            if worker != self.config.worker and self.client.get(self.heartbeat_of(worker)) == b"busy":
                return True
        return False

    def queued(self) -> bool:
        return bool(self.client.zcard(self.config.run_key(self.run_id, "requests")))

    def recover_dead(self) -> int:
        """Requeue the leases of workers whose heartbeat expired; the number requeued."""
        requeued = 0
        for worker in self._members():
            if worker == self.config.worker or self.client.exists(self.heartbeat_of(worker)):
                continue
            lock = self.config.run_key(self.run_id, "recover", worker)
            if not take_lock(self.client, lock, self.config.worker, 60):
                continue
            requeued += self._take_over(worker)
            self.client.delete(lock)
        return requeued

    def _take_over(self, worker: str) -> int:
        scheduler = self._scheduler
        leases_key = self.config.run_key(self.run_id, "leases", worker)
        state = state_for(self.crawler)
        requeued = skipped = 0
        for data in self.client.hvals(leases_key):
            request = scheduler.queue._decode_request(data)
            key = request.meta.get(ARTICLE_KEY_META)
            latest = state.latest([key]) if key else None
            if key and ((latest is not None and latest.run_id.startswith(f"{self.run_id}_")) or state.is_staged(key)):
                skipped += 1  # stored by this run, or in a file its own output folder will settle
                continue
            # ZADD of the same bytes twice is one entry: a take-over cut short and redone is safe.
            scheduler.requeue(data)
            requeued += 1
        self.client.delete(leases_key)
        self.client.srem(self.workers_key, worker)
        if worker == self.config.worker:
            self.stats.inc_value("govnews/distributed/handed_back", requeued)
            logger.info("worker %s stopped early: %d requests handed back to the queue", worker, requeued)
            return requeued
        self.stats.inc_value("govnews/distributed/dead_workers")
        self.stats.inc_value("govnews/distributed/requeued", requeued)
        logger.warning(
            "worker %s died: %d of its requests put back on the queue, %d already stored",
            worker, requeued, skipped,
        )
        return requeued

    def _members(self) -> list[str]:
        return sorted(m.decode() for m in self.client.smembers(self.workers_key))

    def _set_status(self, status: str) -> None:
        self.leases.status = status
        self._redis(lambda: self._refresh(keys=[self.heartbeat_key], args=[status, self.ttl_ms]))

    def _redis(self, call: Any) -> Any:
        try:
            return call()
        except redis.RedisError as exc:
            self._failed = True
            storage_failed(self.crawler, f"the run's workers in Redis at {self.config.url}", exc)
            return None


class Heartbeat(threading.Thread):
    """Refreshes the worker's heartbeat from a thread of its own: a reactor
    busy parsing for seconds is a live worker, only a dead process goes quiet."""

    def __init__(self, worker: Worker):
        super().__init__(name="govnews-heartbeat", daemon=True)
        self.worker = worker
        self.client = worker.config.client()
        self.refresh = self.client.register_script(_REFRESH)
        self.problem: BaseException | None = None
        self._stopped = threading.Event()

    def run(self) -> None:
        worker = self.worker
        interval = worker.config.heartbeat_seconds / 3
        while not self._stopped.wait(interval):
            try:
                alive = self.refresh(keys=[worker.heartbeat_key], args=[worker.leases.status, worker.ttl_ms])
            except redis.RedisError as exc:
                self.problem = exc
                return
            if alive == 0:
                self.problem = RuntimeError(
                    f"worker {worker.config.worker}'s heartbeat lapsed: the other workers took over its requests"
                )
                return

    def stop(self) -> None:
        self._stopped.set()


def render_once(crawler: Any, what: str) -> bool:
    """Whether this process should do ``what`` (the popular list): always for one
    process; for a worker, when it takes the run's lock of it (a lease of
    ``GOVNEWS_POPULAR_LOCK_SECONDS``), so the run does it once whatever the
    number of workers. A holder that dies frees it when the lease ends."""
    config = RedisConfig.from_settings(crawler.settings)
    if config is None:
        return True
    _, run_id = shared_run(crawler.settings)
    client = config.client()
    try:
        return take_lock(client, config.run_key(run_id, "lock", what), config.worker, config.popular_lock_seconds)
    except redis.RedisError as exc:
        storage_failed(crawler, f"the run's locks in Redis at {config.url}", exc)
        return False
    finally:
        client.close()


def seed_tick(config: RedisConfig, run_id: str | None = None) -> str:
    """Start a new run: workers started without ``GOVNEWS_RUN_ID`` from now on join it."""
    from datetime import datetime, timezone

    from govnews.runs.run import new_run_id

    tick = run_id or new_run_id(datetime.now(timezone.utc))
    client = config.client()
    try:
        client.set(config.key("tick"), tick)
    finally:
        client.close()
    return tick
