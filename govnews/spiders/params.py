"""Spider arguments (``-a name=value``), parsed in one place into one typed record.

Every spider takes the same arguments and reads them through ``CrawlParams``,
so a bad value is the same usage error (exit 2) whichever spider gets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import UsageError

from govnews.config import spider_arg_int

DEFAULT_MAX_PAGES = 3


def parse_since(value: str | date | None) -> datetime | None:
    """``-a since=YYYY-MM-DD`` as the UTC start of that day.

    >>> parse_since("2021-12-01")
    datetime.datetime(2021, 12, 1, 0, 0, tzinfo=datetime.timezone.utc)
    >>> parse_since("") is None
    True
    >>> parse_since("1 Desember")
    Traceback (most recent call last):
    scrapy.exceptions.UsageError: -a since must be a date YYYY-MM-DD, got '1 Desember'
    """
    if not value:
        return None
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"-a since must be a date YYYY-MM-DD, got {value!r}") from None
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def parse_flag(value: Any, name: str) -> bool:
    """A boolean spider argument (``-a full=1``).

    >>> parse_flag("1", "full"), parse_flag("no", "full"), parse_flag(True, "full")
    (True, False, True)
    >>> parse_flag("maybe", "full")
    Traceback (most recent call last):
    scrapy.exceptions.UsageError: -a full must be 1/0, true/false or yes/no, got 'maybe'
    """
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise UsageError(f"-a {name} must be 1/0, true/false or yes/no, got {value!r}")


def normalise_base_url(base_url: str, name: str = "base_url") -> str:
    """The site root to crawl; only http(s) URLs are accepted.

    >>> normalise_base_url("http://127.0.0.1:8000/")
    'http://127.0.0.1:8000'
    >>> normalise_base_url("file:///etc")
    Traceback (most recent call last):
    scrapy.exceptions.UsageError: -a base_url must be an http(s) URL with a host, got 'file:///etc'
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError(f"-a {name} must be an http(s) URL with a host, got {base_url!r}")
    return f"{parts.scheme}://{parts.netloc}".rstrip("/")


def parse_site(value: str) -> str:
    """``-a site=`` as a site root URL: a domain gets ``https://``.

    >>> parse_site("detik.com"), parse_site("http://127.0.0.1:8001/x")
    ('https://detik.com', 'http://127.0.0.1:8001')
    """
    text = value.strip()
    if not text:
        raise UsageError("-a site must be a domain or an http(s) URL")
    if "://" not in text:
        text = f"https://{text}"
    return normalise_base_url(text, "site")


@dataclass(frozen=True)
class CrawlParams:
    """What a crawl was asked to do.

    ``base_url`` is the root to crawl (``-a base_url=`` or ``-a site=``);
    ``article_urls`` are the ``-a urls=`` to fetch besides discovery.
    """

    base_url: str
    max_pages: int
    article_urls: tuple[str, ...]
    since: datetime | None
    full: bool
    public_base_url: str | None = None

    @classmethod
    def from_args(
        cls,
        default_base_url: str | None,
        *,
        base_url: str | None = None,
        site: str | None = None,
        public_base_url: str | None = None,
        max_pages: int | str = DEFAULT_MAX_PAGES,
        urls: str = "",
        since: str = "",
        full: str | bool = False,
    ) -> CrawlParams:
        if site:
            root = parse_site(site)
        elif base_url or default_base_url:
            root = normalise_base_url(base_url or default_base_url or "")
        elif urls.strip():
            root = ""
        else:
            raise UsageError("give -a site=<domain or URL> (or -a urls=<article URLs>)")
        article_urls = tuple(
            urljoin(f"{root}/", u.strip()) if root else u.strip() for u in urls.split(",") if u.strip()
        )
        for url in article_urls:
            normalise_base_url(url, "urls")
        return cls(
            base_url=root,
            max_pages=spider_arg_int(max_pages, "max_pages", minimum=1),
            article_urls=article_urls,
            since=parse_since(since),
            full=parse_flag(full, "full"),
            public_base_url=normalise_base_url(public_base_url, "public_base_url") if public_base_url else None,
        )
