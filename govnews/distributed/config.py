"""``RedisConfig``: where the shared frontier and state live, and who this worker is."""

from __future__ import annotations

import os
import re
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from govnews.config import _get_int, setting

if TYPE_CHECKING:
    import redis

# A request that must stay in this process (it holds a browser page): never
# pushed to the shared queue (govnews.distributed.frontier).
LOCAL_META = "govnews_local"

_NAME = re.compile(r"[^0-9A-Za-z_-]+")
RUN_ID_LIMIT = 64


def default_worker_name() -> str:
    """Host name and process id, kept to the characters a run id allows.

    >>> default_worker_name().endswith(f"-{os.getpid()}")
    True
    """
    host = _NAME.sub("-", socket.gethostname()).strip("-")[:24] or "host"
    return f"{host}-{os.getpid()}"


def check_url(url: str) -> str:
    """A ``redis://host:port/db`` URL, or a UsageError saying what is wrong with it.

    >>> check_url("redis://127.0.0.1:6379/0")
    'redis://127.0.0.1:6379/0'
    >>> check_url("http://127.0.0.1:6379")
    Traceback (most recent call last):
    scrapy.exceptions.UsageError: GOVNEWS_REDIS_URL must look like redis://host:port/db, got 'http://127.0.0.1:6379'
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = None
    db = parts.path.strip("/") if parts else ""
    if parts is None or parts.scheme not in {"redis", "rediss", "unix"} or not (parts.hostname or parts.path) or (
        parts.scheme != "unix" and db and not db.isdigit()
    ):
        raise UsageError(f"GOVNEWS_REDIS_URL must look like redis://host:port/db, got {url!r}")
    return url


@dataclass(frozen=True)
class RedisConfig:
    """``GOVNEWS_REDIS_URL`` and the worker settings that only mean something with it."""

    url: str
    prefix: str
    worker: str
    heartbeat_seconds: int
    popular_lock_seconds: int

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RedisConfig | None:
        """The config, or None when ``GOVNEWS_REDIS_URL`` is not set (one process, as before)."""
        url = setting(settings, "GOVNEWS_REDIS_URL")
        if not url:
            return None
        worker = str(setting(settings, "GOVNEWS_WORKER_NAME") or default_worker_name())
        if not re.fullmatch(r"[0-9A-Za-z_-]{1,32}", worker):
            raise UsageError(f"GOVNEWS_WORKER_NAME must be 1-32 letters, digits, '-' or '_', got {worker!r}")
        prefix = str(setting(settings, "GOVNEWS_REDIS_PREFIX"))
        if not re.fullmatch(r"[0-9A-Za-z_.-]{1,40}", prefix):
            raise UsageError(f"GOVNEWS_REDIS_PREFIX must be 1-40 letters, digits, '.', '-' or '_', got {prefix!r}")
        return cls(
            url=check_url(str(url)),
            prefix=prefix,
            worker=worker,
            heartbeat_seconds=_get_int(settings, "GOVNEWS_WORKER_HEARTBEAT", 2),
            popular_lock_seconds=_get_int(settings, "GOVNEWS_POPULAR_LOCK_SECONDS", 1),
        )

    def client(self) -> redis.Redis:
        """A client whose calls fail within seconds when Redis is gone (never hang a crawl)."""
        import redis  # here, not at import: a crawl without GOVNEWS_REDIS_URL never loads it (6 MB)

        return redis.Redis.from_url(
            self.url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30
        )

    def key(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def run_key(self, run_id: str, *parts: str) -> str:
        """A key of one distributed run (its frontier, leases, claims, workers)."""
        return self.key("run", run_id, *parts)


def redis_problem(settings: BaseSettings) -> str | None:
    """Why the configured Redis cannot be used (unreachable, refusing), or None;
    checked before a crawl starts, like a read-only output folder. A worker
    that has no run to join is a usage error (UsageError)."""
    config = RedisConfig.from_settings(settings)
    if config is None:
        return None
    import redis

    client = config.client()
    try:
        client.ping()
        shared_run_id(settings, config, client)
    except redis.RedisError as exc:
        return f"Redis at {config.url} cannot be reached: {' '.join(str(exc).split())}"
    finally:
        client.close()
    return None


def worker_run_id(run_id: str, worker: str) -> str:
    """The run id of one worker's files and report: the shared run id and the worker.

    >>> worker_run_id("20261128T060000Z-tick", "node-a-41")
    '20261128T060000Z-tick_node-a-41'
    """
    combined = f"{run_id}_{worker}"
    if len(combined) > RUN_ID_LIMIT:
        raise UsageError(
            f"GOVNEWS_RUN_ID {run_id!r} and GOVNEWS_WORKER_NAME {worker!r} together exceed"
            f" {RUN_ID_LIMIT} characters"
        )
    return combined


def shared_run_id(settings: BaseSettings, config: RedisConfig, client: Any) -> str:
    """The run all workers share: ``GOVNEWS_RUN_ID``, else the tick seeded in Redis
    (``govnews tick``)."""
    run_id = setting(settings, "GOVNEWS_RUN_ID")
    if run_id:
        return str(run_id)
    tick = client.get(config.key("tick"))
    if not tick:
        raise UsageError(
            "GOVNEWS_REDIS_URL is set but no run is: set GOVNEWS_RUN_ID (the same for every"
            " worker of a run) or seed one with: govnews tick"
        )
    return tick.decode()
