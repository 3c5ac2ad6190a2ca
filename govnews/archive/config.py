"""``ArchiveConfig``: which responses go into the WARC archive, and how big a file grows."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from govnews.config import _get_int, setting

ARCHIVE_MODES = ("articles", "all", "off")
MIN_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class ArchiveConfig:
    """``GOVNEWS_ARCHIVE``: ``articles`` archives the responses handed to the
    article callback, ``all`` every response (listings, sitemaps, robots.txt
    too), ``off`` none. ``GOVNEWS_ARCHIVE_MAX_FILE_BYTES``: a file past this
    size is closed and the next one begun.

    >>> from scrapy.settings import Settings
    >>> ArchiveConfig.from_settings(Settings({"GOVNEWS_ARCHIVE": " ALL "})).mode
    'all'
    >>> ArchiveConfig.from_settings(Settings({"GOVNEWS_ARCHIVE": "yes"}))
    Traceback (most recent call last):
    ...
    scrapy.exceptions.UsageError: GOVNEWS_ARCHIVE must be one of articles, all, off, got 'yes'
    """

    mode: str
    max_file_bytes: int

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> ArchiveConfig:
        raw = setting(settings, "GOVNEWS_ARCHIVE")
        mode = str(raw).strip().lower()
        if mode not in ARCHIVE_MODES:
            raise UsageError(f"GOVNEWS_ARCHIVE must be one of {', '.join(ARCHIVE_MODES)}, got {raw!r}")
        return cls(mode=mode, max_file_bytes=_get_int(settings, "GOVNEWS_ARCHIVE_MAX_FILE_BYTES", MIN_FILE_BYTES))
