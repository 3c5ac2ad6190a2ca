"""Sites are plug-ins: a registry from domain to what knows that site's pages.

Each ``govnews/sites/<site>/`` package registers a ``Site`` when imported.
Outside this package nothing imports a site: code asks ``site_for(url)`` and
``article_page_for(...)``, which fall back to the generic extractor
(``govnews.extraction``) for every site without a page object of its own.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from parsel import Selector

from govnews.records import ArticleExtractor
from govnews.urls import site_of

ArticlePageFactory = Callable[[str, "str | Selector", str], ArticleExtractor]


@dataclass(frozen=True)
class Site:
    """What govnews knows of one site beyond the generic path.

    ``name`` is the registrable domain (the ``site`` partition);
    ``article_page(url, html, public_base_url)`` builds its article page object.
    """

    name: str
    public_base_url: str
    article_page: ArticlePageFactory


_REGISTRY: dict[str, Site] = {}


def register(site: Site) -> Site:
    """Add a site (called by its package on import); a name is registered once."""
    existing = _REGISTRY.get(site.name)
    if existing is not None and existing != site:
        raise ValueError(f"site {site.name!r} is registered twice")
    _REGISTRY[site.name] = site
    return site


@cache
def _load_sites() -> None:
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg:
            importlib.import_module(f"{__name__}.{module.name}")


def registered_sites() -> dict[str, Site]:
    _load_sites()
    return dict(_REGISTRY)


def site_for(url_or_domain: str) -> Site | None:
    """The registered site of a URL or a bare domain, or None (the generic path).

    >>> site_for("https://www.gonews.co/berita/baca/x").name
    'gonews.co'
    >>> site_for("example.org") is None
    True
    """
    target = url_or_domain if "://" in url_or_domain else f"https://{url_or_domain}"
    _load_sites()
    return _REGISTRY.get(site_of(target))


def article_page_for(url: str, html: str | Selector, *, site: Site | None, public_base_url: str) -> ArticleExtractor:
    """The page object for an article page: its site's, else the generic one."""
    if site is not None:
        return site.article_page(url, html, public_base_url)
    from govnews.extraction import GenericArticlePage

    return GenericArticlePage(url, html)

