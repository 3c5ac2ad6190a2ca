"""Typed configuration, read once per component from ``GOVNEWS_*`` settings.

Each component calls ``<Config>.from_settings(crawler.settings)`` in its
``from_crawler`` and keeps the result; a bad value fails the crawl at start-up
with a message naming the setting, never half-way through a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from govnews import defaults

_RUN_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def _as_int(raw: Any, label: str, minimum: int) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise UsageError(f"{label} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise UsageError(f"{label} must be >= {minimum}, got {value}")
    return value


def default_of(name: str) -> Any:
    """The default of a ``GOVNEWS_*`` setting (``govnews.defaults``)."""
    return getattr(defaults, name)


def setting(settings: BaseSettings, name: str) -> Any:
    """A setting's value, or its default when the settings lack it."""
    return settings.get(name, default_of(name))


def _get_int(settings: BaseSettings, name: str, minimum: int) -> int:
    return _as_int(setting(settings, name), name, minimum)


def _get_ratio(settings: BaseSettings, name: str) -> float:
    raw = setting(settings, name)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a number between 0 and 1, got {raw!r}") from None
    if not 0.0 <= value <= 1.0:
        raise UsageError(f"{name} must be between 0 and 1, got {value}")
    return value


@dataclass(frozen=True)
class OutputConfig:
    """Where and how datasets are written (``GOVNEWS_OUTPUT_DIR`` and friends)."""

    output_dir: Path
    row_group_size: int
    max_rows_per_file: int
    max_buffered_rows: int
    compression: str
    run_id: str | None

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> OutputConfig:
        run_id = setting(settings, "GOVNEWS_RUN_ID") or None
        if run_id is not None and not _RUN_ID.match(str(run_id)):
            raise UsageError(
                f"GOVNEWS_RUN_ID must be 1-64 letters, digits, '-' or '_', got {run_id!r}"
            )
        compression = str(setting(settings, "GOVNEWS_PARQUET_COMPRESSION"))
        if compression not in {"zstd", "snappy", "gzip", "brotli", "lz4", "none"}:
            raise UsageError(f"GOVNEWS_PARQUET_COMPRESSION {compression!r} is not supported")
        row_group = _get_int(settings, "GOVNEWS_ROW_GROUP_SIZE", 1)
        max_rows = _get_int(settings, "GOVNEWS_MAX_ROWS_PER_FILE", 1)
        if max_rows < row_group:
            raise UsageError(
                f"GOVNEWS_MAX_ROWS_PER_FILE ({max_rows}) must be >= GOVNEWS_ROW_GROUP_SIZE ({row_group})"
            )
        return cls(
            output_dir=Path(setting(settings, "GOVNEWS_OUTPUT_DIR") or default_of("GOVNEWS_OUTPUT_DIR")).expanduser(),
            row_group_size=row_group,
            max_rows_per_file=max_rows,
            max_buffered_rows=_get_int(settings, "GOVNEWS_MAX_BUFFERED_ROWS", 1),
            compression=compression,
            run_id=run_id,
        )


@dataclass(frozen=True)
class HealthConfig:
    """When a run counts as unhealthy (and ``scrapy crawl`` exits non-zero)."""

    max_error_ratio: float
    max_quarantine_ratio: float
    require_popular: bool

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> HealthConfig:
        return cls(
            max_error_ratio=_get_ratio(settings, "GOVNEWS_MAX_ERROR_RATIO"),
            max_quarantine_ratio=_get_ratio(settings, "GOVNEWS_MAX_QUARANTINE_RATIO"),
            require_popular=_get_bool(settings, "GOVNEWS_REQUIRE_POPULAR"),
        )


def spider_arg_int(value: Any, name: str, minimum: int = 0) -> int:
    """A spider argument (``-a name=value``) as an int, with a clear error."""
    return _as_int(value, f"-a {name}", minimum)


def _get_bool(settings: BaseSettings, name: str) -> bool:
    try:
        return settings.getbool(name, default_of(name))
    except ValueError:
        raise UsageError(f"{name} must be true or false, got {settings.get(name)!r}") from None


@dataclass(frozen=True)
class PopularConfig:
    """The "most read" list: whether a browser renders it, how long to wait, which browser.

    ``chromium`` is ``GOVNEWS_CHROMIUM``, a browser executable that wins over
    ``PLAYWRIGHT_LAUNCH_OPTIONS["executable_path"]``; see ``govnews.rendering``.
    """

    enabled: bool
    timeout_seconds: float
    chromium: str | None

    @property
    def timeout_ms(self) -> int:
        return int(self.timeout_seconds * 1000)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> PopularConfig:
        raw = setting(settings, "GOVNEWS_POPULAR_TIMEOUT")
        try:
            timeout = float(raw)
        except (TypeError, ValueError):
            raise UsageError(f"GOVNEWS_POPULAR_TIMEOUT must be a number of seconds, got {raw!r}") from None
        if not 0 < timeout <= 600:
            raise UsageError(f"GOVNEWS_POPULAR_TIMEOUT must be between 0 and 600 seconds, got {timeout:g}")
        return cls(
            enabled=_get_bool(settings, "GOVNEWS_POPULAR_ENABLED"),
            timeout_seconds=timeout,
            chromium=str(setting(settings, "GOVNEWS_CHROMIUM") or "").strip() or None,
        )


TYPO_MODES = ("fix", "suggest", "off")


@dataclass(frozen=True)
class TyposConfig:
    """``GOVNEWS_TYPOS``: ``fix`` makes confident typo corrections and records
    the rest as ``quality.suggestions``; ``suggest`` records every candidate
    and keeps the newsroom's text; ``off`` looks for no typos."""

    mode: str

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> TyposConfig:
        mode = str(setting(settings, "GOVNEWS_TYPOS")).strip().lower()
        if mode not in TYPO_MODES:
            raise UsageError(f"GOVNEWS_TYPOS must be one of {', '.join(TYPO_MODES)}, got {settings.get('GOVNEWS_TYPOS')!r}")
        return cls(mode=mode)
