"""Incremental runs: skip what is stored, stop where listings get old, store changes.

Two places decide, both against ``govnews.incremental.state``:

- ``ListingTriage`` (used by the spider on every listing page) says which
  linked articles to request: not those already stored, unless ``-a full=1``
  or their stored publication date is within ``GOVNEWS_REFRESH_HOURS``; and
  whether to follow the page's "next" link: not once a whole page holds only
  stored articles (listings are newest first, so further pages hold older
  ones), or with ``-a since=YYYY-MM-DD`` only articles listed before that day.
  An article quarantined less than ``GOVNEWS_QUARANTINE_RETRY_HOURS`` ago is
  not fetched again either: its run already said so, loudly. An article URL
  that answered 404 or 410 (``record_dead``) is not requested again until
  its back-off has passed (``govnews.incremental.state.dead_retry_at``),
  and never after ``GOVNEWS_DEAD_MAX_TRIES``; one that answers again is
  forgotten as dead (``answered``).
- ``VersionPipeline`` (``govnews.incremental.versions``, between validation
  and export) says which downloaded
  articles to store: a new article, or a new version of a stored one (its
  content hash differs: an update stamp, a new body); never the same
  (key, content_hash) twice.

Readers: an article is identified by ``canonical_url`` (keyed with
``govnews.urls.article_key``); each stored row is one version, unique by
(key, ``content_hash``); the current version is the one with the latest
``date_downloaded``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone  # noqa: F401 (doctests)
from typing import Any

from govnews.cleaning.dates import parse_date_detailed
from govnews.incremental.dead import dead_retry_at
from govnews.incremental.state import (
    ArticleState,
    IncrementalConfig,
    StoredVersion,
    state_for,
)
from govnews.records import ListingEntry
from govnews.urls import article_key, clean_url, is_http_url, on_public_host, same_host

DEAD_STATUSES = frozenset({404, 410})


def page_is_stale(entries: Iterable[tuple[bool, datetime | None]], since: datetime | None) -> bool:
    """Whether a listing page says "nothing further back is wanted".

    ``entries`` are (already stored, listed date) per linked article. Without
    ``since``: every article on the page is stored. With ``since``: every
    article is listed before it (stored or not: a backfill wants them all).
    An empty page never stops anything: it says nothing about the next one.

    >>> old, new = datetime(2021, 1, 1, tzinfo=timezone.utc), datetime(2021, 12, 6, tzinfo=timezone.utc)
    >>> page_is_stale([(True, new), (True, old)], None), page_is_stale([(True, new), (False, old)], None)
    (True, False)
    >>> since = datetime(2021, 6, 1, tzinfo=timezone.utc)
    >>> page_is_stale([(True, new), (True, old)], since), page_is_stale([(False, old), (False, None)], since)
    (False, False)
    >>> page_is_stale([(False, old)], since), page_is_stale([], None)
    (True, False)
    """
    entries = list(entries)
    if not entries:
        return False
    if since is None:
        return all(stored for stored, _ in entries)
    return all(listed is not None and listed < since for _, listed in entries)


@dataclass(frozen=True)
class ArticleLink:
    """A listing link the spider should follow: the URL to request and the article's key."""

    url: str
    key: str


class ListingTriage:
    """Decides, per listing page, which articles to request and whether to go on."""

    def __init__(
        self,
        state: ArticleState,
        stats: Any,
        config: IncrementalConfig,
        *,
        base_url: str,
        public_base_url: str,
    ):
        self.state = state
        self.stats = stats
        self.config = config
        self.base_url = base_url
        self.public_base_url = public_base_url
        self._requested: set[str] = set()
        self._skipped: set[str] = set()
        self._retrying_dead: set[str] = set()

    @classmethod
    def for_spider(cls, spider: Any, since: datetime | None, full: bool) -> ListingTriage:
        config = IncrementalConfig.from_settings(spider.crawler.settings)
        config = replace(config, since=since, full=full)
        return cls(
            state_for(spider.crawler),
            spider.crawler.stats,
            config,
            base_url=spider.base_url,
            public_base_url=spider.public_base_url,
        )

    def followable(self, url: str | None) -> bool:
        """Only http(s) links on the crawled site are followed; the rest is counted."""
        if not url:
            return False
        if not is_http_url(url):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            # The scheme comes from the page: only a plain one names a stat.
            label = scheme if re.fullmatch(r"[a-z][a-z0-9+.-]{0,19}", scheme) else "other"
            self.stats.inc_value(f"govnews/links/ignored/{label}")
            return False
        if not same_host(url, self.base_url):
            self.stats.inc_value("govnews/links/ignored/offsite")
            return False
        return True

    def key_of(self, url: str) -> str:
        return article_key(on_public_host(url, self.public_base_url))

    def triage(self, entries: Iterable[ListingEntry], now: datetime) -> tuple[list[ArticleLink], bool]:
        """The articles of a listing page to request, and whether the page is stale."""
        links: list[ArticleLink] = []
        seen_on_page: list[tuple[bool, datetime | None]] = []
        for entry in entries:
            if not self.followable(entry.url):
                continue
            listed = _listed_at(entry.time_raw, now)
            link, known = self._decide(entry.url, listed, now)
            seen_on_page.append((known, listed))
            if link is not None:
                links.append(link)
        stale = not self.config.full and page_is_stale(seen_on_page, self.config.since)
        if stale:
            self.stats.inc_value("govnews/incremental/pagination_stopped")
        return links, stale

    def admit(self, url: str, now: datetime) -> ArticleLink | None:
        """One article link found outside a listing (the popular list): request it or not."""
        if not self.followable(url):
            return None
        return self._decide(url, None, now)[0]

    def _decide(self, raw_url: str, listed: datetime | None, now: datetime) -> tuple[ArticleLink | None, bool]:
        url = clean_url(raw_url, drop_article_part=True)
        key = self.key_of(url)
        stored = None if self.config.full else self.state.latest([key])
        recently_quarantined = stored is None and self._recently_quarantined(key, now)
        known = stored is not None or recently_quarantined
        if self.config.since and listed is not None and listed < self.config.since:
            self.stats.inc_value("govnews/incremental/older_than_since")
            return None, known
        if recently_quarantined:
            self._skip(key, "govnews/incremental/skipped_quarantined")
            return None, known
        if stored is not None and not self._due_for_refresh(stored, now):
            self._skip(key, "govnews/incremental/skipped")
            return None, known
        if key in self._requested:
            return None, known
        if key not in self._retrying_dead and self._dead_and_waiting(key, now):
            self._skip(key, "govnews/incremental/skipped_dead")
            return None, True
        if stored is not None:
            self.stats.inc_value("govnews/incremental/refreshed")
        self._requested.add(key)
        self.stats.inc_value("govnews/incremental/requested")
        return ArticleLink(url, key), known

    def _skip(self, key: str, stat: str) -> None:
        # Counted once per article, however many listings link it.
        if key not in self._skipped:
            self._skipped.add(key)
            self.stats.inc_value(stat)

    def _dead_and_waiting(self, key: str, now: datetime) -> bool:
        # Looked up only for links about to be requested: one query per new link.
        if self.config.full or not self.config.dead_retry_hours:
            return False
        dead = self.state.dead_link(key)
        if dead is None:
            return False
        retry_at = dead_retry_at(dead, self.config)
        if retry_at is None or now < retry_at:
            return True
        self._retrying_dead.add(key)
        self.stats.inc_value("govnews/incremental/dead_retried")
        return False

    def record_dead(self, key: str, status: int, now: datetime) -> None:
        """The article ``key`` answered ``status``; remember it if that means "gone"."""
        if status not in DEAD_STATUSES:
            return
        self.stats.inc_value("govnews/incremental/answered_dead")
        if not self.config.dead_retry_hours:
            return
        dead = self.state.record_dead(key, status, now)
        if dead_retry_at(dead, self.config) is None:
            self.stats.inc_value("govnews/incremental/dead_given_up")

    def retrying_dead(self, key: str | None) -> bool:
        """Whether ``key`` is a dead link this run requested again after its back-off."""
        return key in self._retrying_dead

    def answered(self, key: str | None) -> None:
        """The article ``key`` answered 200: a dead link retried in this run is alive again."""
        if key in self._retrying_dead:
            self._retrying_dead.discard(key)
            self.state.clear_dead([key])
            self.stats.inc_value("govnews/incremental/dead_revived")

    def _recently_quarantined(self, key: str, now: datetime) -> bool:
        if self.config.full or not self.config.quarantine_retry_hours:
            return False
        last = self.state.last_quarantined(key)
        return last is not None and now - last < timedelta(hours=self.config.quarantine_retry_hours)

    def _due_for_refresh(self, stored: StoredVersion, now: datetime) -> bool:
        # Articles are updated ("Diperbarui") in their first hours: re-reading
        # those is how a changed text becomes a new version without -a full=1.
        if not self.config.refresh_hours or not stored.date_published:
            return False
        published = datetime.fromisoformat(stored.date_published)
        return now - published < timedelta(hours=self.config.refresh_hours)


def _listed_at(time_raw: str | None, now: datetime) -> datetime | None:
    if not time_raw:
        return None
    try:
        return parse_date_detailed(" ".join(time_raw.split()), reference=now).instant
    except ValueError:
        return None
