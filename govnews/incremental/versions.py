"""The versions rule: store new articles and new versions, drop what is already stored."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem

from govnews.incremental.state import state_for, version_of
from govnews.items import ArticleItem
from govnews.pipelines import Quarantined
from govnews.urls import article_key, on_public_host


class VersionPipeline:
    """Passes on new articles and new versions; drops what is already stored.

    Runs after validation, before export: a (key, content_hash) seen earlier
    in this run, or stored by an earlier run as the latest version, is dropped
    and counted; anything else is stored and counted as new or new version.
    """

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        self.state = state_for(crawler)
        self._seen: set[tuple[str, str]] = set()
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)

    def _public_base_url(self, item: Any) -> str:
        return getattr(self.crawler.spider, "public_base_url", "") or item["url"]

    def item_dropped(self, item: Any, exception: BaseException, **kwargs: Any) -> None:
        if not isinstance(exception, Quarantined) or not isinstance(item, ArticleItem) or not item.get("url"):
            return
        key = article_key(on_public_host(item["url"], self._public_base_url(item)))
        self.state.record_quarantine(
            key, item.get("run_id") or "", exception.reasons, datetime.now(timezone.utc)
        )

    @classmethod
    def from_crawler(cls, crawler: Any) -> VersionPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        version = version_of(item, self._public_base_url(item))
        identity = (version.key, version.content_hash)
        if identity in self._seen:
            # Its URL still names the article: next run skips this link too.
            self.state.add_aliases(version.key, version.aliases)
            self.stats.inc_value("govnews/incremental/duplicate")
            raise DropItem(f"duplicate of an article stored in this run: {version.key}", "INFO")
        self._seen.add(identity)
        latest = self.state.latest([version.key, *version.aliases])
        if latest is not None and latest.content_hash == version.content_hash:
            self.state.add_aliases(latest.key, [version.key, *version.aliases])
            self.stats.inc_value("govnews/incremental/unchanged")
            raise DropItem(f"unchanged since run {latest.run_id}: {version.key}", "INFO")
        self.stats.inc_value(
            "govnews/incremental/new_version" if latest is not None else "govnews/incremental/new"
        )
        return item
