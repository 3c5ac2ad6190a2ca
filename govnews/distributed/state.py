"""``RedisState``: the ``ArticleState`` every worker of every run shares.

The stage -> rename -> commit handshake of ``govnews.incremental.state``
stays; each step is one Lua script, so Redis applies it whole or not at all.
Staging is also the fence of exactly-once: it checks that this worker still
holds the claim of every row (``govnews.distributed.claims``) and that its
heartbeat is alive; a worker the others gave up on gets ``ClaimLost``, its
file is never renamed, and the run ends as a storage failure.

Keys under ``<prefix>:state:``:

- ``v:<key>``: hash content_hash -> version record (JSON, with its file);
- ``alias``: hash alias -> key;
- ``quarantined``, ``dead``: hashes key -> JSON record;
- ``pending:<file>``: list of staged records; ``pending-files:<run>``: set
  of files; ``pending-runs``: hash run -> the output folder it writes to
  (host and path: only a worker on that folder can tell whether a file was
  renamed); ``staged``: hash key -> file, for the take-over of a dead
  worker's leases.

A Redis that is unreachable or goes away raises ``StorageFailure`` naming
Redis: the run ends (exit 1), and rows never committed are never claimed.
"""

from __future__ import annotations

import functools
import json
import socket
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

import redis

from govnews.config import OutputConfig
from govnews.distributed.config import RedisConfig
from govnews.incremental.dead import DeadLink
from govnews.incremental.state import StoredVersion
from govnews.runs.storage import StorageFailure

T = TypeVar("T")


class ClaimLost(StorageFailure):
    """This worker no longer holds the claim of a row it was about to commit."""


_LATEST = """
local out = {}
for _, k in ipairs(KEYS) do
  local target = redis.call('HGET', ARGV[1] .. 'alias', k)
  for _, name in ipairs({k, target}) do
    if name then
      for _, record in ipairs(redis.call('HVALS', ARGV[1] .. 'v:' .. name)) do table.insert(out, record) end
    end
  end
end
return out
"""

# KEYS: claim keys of the rows. ARGV: state prefix, file, run, location, worker, heartbeat key, records...
_STAGE = """
if redis.call('EXISTS', ARGV[6]) == 0 then return {0, 'heartbeat'} end
for i, claim in ipairs(KEYS) do
  if redis.call('GET', claim) ~= ARGV[5] then return {0, claim} end
end
local p = ARGV[1]
for i = 7, #ARGV do
  local record = cjson.decode(ARGV[i])
  redis.call('RPUSH', p .. 'pending:' .. ARGV[2], ARGV[i])
  redis.call('HSET', p .. 'staged', record['key'], ARGV[2])
  for _, alias in ipairs(record['aliases']) do redis.call('HSET', p .. 'staged', alias, ARGV[2]) end
end
redis.call('SADD', p .. 'pending-files:' .. ARGV[3], ARGV[2])
redis.call('HSET', p .. 'pending-runs', ARGV[3], ARGV[4])
return {1, ''}
"""

# ARGV: state prefix, file, run, keep (1: commit the rows, 0: drop them)
_SETTLE = """
local p = ARGV[1]
local records = redis.call('LRANGE', p .. 'pending:' .. ARGV[2], 0, -1)
for _, raw in ipairs(records) do
  local record = cjson.decode(raw)
  local names = {record['key']}
  for _, alias in ipairs(record['aliases']) do table.insert(names, alias) end
  if ARGV[4] == '1' then
    record['file'] = ARGV[2]
    redis.call('HSET', p .. 'v:' .. record['key'], record['content_hash'], cjson.encode(record))
    for _, alias in ipairs(record['aliases']) do redis.call('HSET', p .. 'alias', alias, record['key']) end
    for _, name in ipairs(names) do
      redis.call('HDEL', p .. 'quarantined', name)
      redis.call('HDEL', p .. 'dead', name)
    end
  end
  for _, name in ipairs(names) do redis.call('HDEL', p .. 'staged', name) end
end
redis.call('DEL', p .. 'pending:' .. ARGV[2])
redis.call('SREM', p .. 'pending-files:' .. ARGV[3], ARGV[2])
if redis.call('SCARD', p .. 'pending-files:' .. ARGV[3]) == 0 then redis.call('HDEL', p .. 'pending-runs', ARGV[3]) end
return #records
"""

_RECORD_DEAD = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local record
if raw then
  record = cjson.decode(raw)
  record['status'] = tonumber(ARGV[2])
  record['failures'] = record['failures'] + 1
  record['last_failed_at'] = ARGV[3]
else
  record = {key = ARGV[1], status = tonumber(ARGV[2]), failures = 1, first_failed_at = ARGV[3], last_failed_at = ARGV[3]}
end
raw = cjson.encode(record)
redis.call('HSET', KEYS[1], ARGV[1], raw)
return raw
"""


def _redis_errors(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def guarded(self: RedisState, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except redis.RedisError as exc:
            raise StorageFailure(
                f"the state in Redis at {self.config.url} failed: {' '.join(str(exc).split())}"
            ) from exc
    return guarded


def _record(version: StoredVersion) -> str:
    return json.dumps({**version.__dict__, "aliases": list(version.aliases)})


def _version(raw: bytes) -> StoredVersion:
    record = json.loads(raw)
    record.pop("file", None)
    record["aliases"] = tuple(record.get("aliases") or ())
    return StoredVersion(**record)


class RedisState:
    """``ArticleState`` in Redis, for all workers of all runs on one dataset."""

    def __init__(self, config: RedisConfig, client: redis.Redis, *, location: str,
                 claims_of: Callable[[StoredVersion], str] | None = None, heartbeat_key: str = ""):
        self.config = config
        self.client = client
        self.prefix = config.key("state") + ":"
        self.location = location
        self.claims_of = claims_of
        self.heartbeat_key = heartbeat_key
        self.on_committed: Callable[[list[str]], None] | None = None
        self._latest = client.register_script(_LATEST)
        self._stage = client.register_script(_STAGE)
        self._settle = client.register_script(_SETTLE)
        self._record_dead = client.register_script(_RECORD_DEAD)
        self._staged: dict[str, tuple[str, list[str]]] = {}  # file -> (run id, article URLs)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedisState:
        from govnews.distributed.claims import claim_key
        from govnews.distributed.frontier import Leases
        from govnews.distributed.workers import shared_run

        config, run_id = shared_run(crawler.settings)
        leases = Leases.for_crawler(crawler)
        output_dir = OutputConfig.from_settings(crawler.settings).output_dir.resolve()
        state = cls(
            config,
            leases.client,
            location=f"{socket.gethostname()}:{output_dir}",
            claims_of=lambda version: claim_key(config, run_id, version.key),
            heartbeat_key=leases.heartbeat_key,
        )
        state.on_committed = leases.release_articles
        try:
            leases.client.ping()
        except redis.RedisError as exc:
            raise StorageFailure(f"Redis at {config.url} cannot be reached: {exc}") from exc
        return state

    @_redis_errors
    def latest(self, keys: Iterable[str]) -> StoredVersion | None:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return None
        records = [_version(raw) for raw in self._latest(keys=wanted, args=[self.prefix])]
        return max(records, key=lambda v: v.date_downloaded) if records else None

    @_redis_errors
    def stage(self, file: str, versions: Sequence[StoredVersion]) -> None:
        claims = [self.claims_of(v) for v in versions] if self.claims_of else []
        run_id = versions[0].run_id if versions else ""
        ok, what = self._stage(
            keys=claims,
            args=[self.prefix, file, run_id, self.location, self.config.worker,
                  self.heartbeat_key or "-", *(_record(v) for v in versions)],
        )
        if not ok:
            what = what.decode() if isinstance(what, bytes) else what
            raise ClaimLost(
                f"worker {self.config.worker} lost {'its heartbeat' if what == 'heartbeat' else 'the claim ' + what}"
                f" in Redis at {self.config.url}: another worker stores these articles; {file} is not committed"
            )
        self._staged[file] = (run_id, [v.url for v in versions])

    @_redis_errors
    def commit(self, file: str) -> None:
        run_id, urls = self._staged.pop(file)
        self._settle(args=[self.prefix, file, run_id, "1"])
        if self.on_committed is not None:
            self.on_committed(urls)

    @_redis_errors
    def recover(self, run_id: str, file_exists: Callable[[str], bool]) -> tuple[int, int]:
        committed = dropped = 0
        for raw in sorted(self.client.smembers(f"{self.prefix}pending-files:{run_id}")):
            file = raw.decode()
            keep = file_exists(file)
            count = int(self._settle(args=[self.prefix, file, run_id, "1" if keep else "0"]))
            if keep:
                committed += count
            else:
                dropped += count
        return committed, dropped

    @_redis_errors
    def add_aliases(self, key: str, aliases: Iterable[str]) -> None:
        mapping = {alias: key for alias in aliases if alias != key}
        if mapping:
            self.client.hset(f"{self.prefix}alias", mapping=mapping)

    @_redis_errors
    def record_quarantine(self, key: str, run_id: str, reasons: Sequence[str], at: datetime) -> None:
        record = {"run_id": run_id, "reasons": list(reasons), "quarantined_at": at.isoformat()}
        self.client.hset(f"{self.prefix}quarantined", key, json.dumps(record))

    @_redis_errors
    def last_quarantined(self, key: str) -> datetime | None:
        raw = self.client.hget(f"{self.prefix}quarantined", key)
        return datetime.fromisoformat(json.loads(raw)["quarantined_at"]) if raw else None

    @_redis_errors
    def record_dead(self, key: str, status: int, at: datetime) -> DeadLink:
        raw = self._record_dead(keys=[f"{self.prefix}dead"], args=[key, status, at.isoformat()])
        return _dead_link(raw)

    @_redis_errors
    def dead_link(self, key: str) -> DeadLink | None:
        raw = self.client.hget(f"{self.prefix}dead", key)
        return _dead_link(raw) if raw else None

    @_redis_errors
    def clear_dead(self, keys: Iterable[str]) -> None:
        names = list(keys)
        if names:
            self.client.hdel(f"{self.prefix}dead", *names)

    @_redis_errors
    def pending_runs(self) -> list[str]:
        """Runs with staged rows in this worker's output folder (only it can see their files)."""
        runs = self.client.hgetall(f"{self.prefix}pending-runs")
        return sorted(run.decode() for run, where in runs.items() if where.decode() == self.location)

    @_redis_errors
    def is_staged(self, key: str) -> bool:
        """Whether ``key`` is in a file being committed (its worker's folder settles it)."""
        return bool(self.client.hexists(f"{self.prefix}staged", key))

    def close(self) -> None:
        self.client.close()


def _dead_link(raw: bytes) -> DeadLink:
    record = json.loads(raw)
    return DeadLink(
        record["key"], int(record["status"]), int(record["failures"]),
        datetime.fromisoformat(record["first_failed_at"]), datetime.fromisoformat(record["last_failed_at"]),
    )
