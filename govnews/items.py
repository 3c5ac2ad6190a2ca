"""Item types: plain dicts that say which dataset they belong to and how it is partitioned."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any, ClassVar


def _utc(value: datetime | str) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(timezone.utc)


def article_partition(record: Mapping[str, Any]) -> dict[str, str]:
    """Articles live under their site and the UTC month they were published.

    >>> from datetime import timedelta
    >>> wib = timezone(timedelta(hours=7))
    >>> article_partition({"site": "gonews.co", "date_published": datetime(2021, 12, 1, 6, 15, tzinfo=wib)})
    {'site': 'gonews.co', 'published_month': '2021-11'}
    """
    return {"site": record["site"], "published_month": _utc(record["date_published"]).strftime("%Y-%m")}


def popular_partition(record: Mapping[str, Any]) -> dict[str, str]:
    """Popular-list observations live under their site and the UTC day they were seen."""
    return {"site": record["site"], "observed_date": _utc(record["observed_at"]).strftime("%Y-%m-%d")}


class DatasetItem(dict[str, Any]):
    """A record of one dataset: ``schema`` names its JSON Schema in ``govnews/schemas/``,
    ``directory`` its folder under the output directory."""

    schema: ClassVar[str]
    directory: ClassVar[str]
    partition_of: ClassVar[Callable[[Mapping[str, Any]], dict[str, str]]]


class ArticleItem(DatasetItem):
    schema = "article"
    directory = "articles"
    partition_of = staticmethod(article_partition)


class PopularItem(DatasetItem):
    schema = "popular"
    directory = "popular"
    partition_of = staticmethod(popular_partition)


DATASETS: tuple[type[DatasetItem], ...] = (ArticleItem, PopularItem)
