"""Dead links: article URLs that answered 404 or 410, and when to ask them again.

The state keeps one ``DeadLink`` per key (``ArticleState.record_dead``); the
listing triage skips a link until ``dead_retry_at`` has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone  # noqa: F401 (doctests)
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govnews.incremental.state import IncrementalConfig


@dataclass(frozen=True)
class DeadLink:
    """An article URL that answered 404 or 410: when, and how many times in a row."""

    key: str
    status: int
    failures: int
    first_failed_at: datetime
    last_failed_at: datetime


def dead_retry_at(link: DeadLink, config: IncrementalConfig) -> datetime | None:
    """When a dead link may be requested again; None once it is given up.

    The wait doubles with every failure, up to ``dead_retry_max_hours``;
    after ``dead_max_tries`` failures the link is not requested again
    (``-a full=1`` still does).

    >>> from govnews.incremental.state import IncrementalConfig
    >>> at = datetime(2026, 12, 1, tzinfo=timezone.utc)
    >>> cfg = IncrementalConfig(0, 60, dead_retry_hours=24, dead_retry_max_hours=72, dead_max_tries=4)
    >>> [str(dead_retry_at(DeadLink("k", 404, n, at, at), cfg)) for n in (1, 2, 3, 4)]
    ['2026-12-02 00:00:00+00:00', '2026-12-03 00:00:00+00:00', '2026-12-04 00:00:00+00:00', 'None']
    """
    if link.failures >= config.dead_max_tries:
        return None
    hours = min(config.dead_retry_hours * 2 ** (link.failures - 1), config.dead_retry_max_hours)
    return link.last_failed_at + timedelta(hours=hours)
