"""The sitemaps a site names in its robots.txt."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from govnews.urls import is_http_url

_SITEMAP_LINE = re.compile(r"^\s*site-?map\s*:\s*(?P<url>\S+)", re.IGNORECASE)


def sitemap_urls(robots_txt: str, base_url: str) -> list[str]:
    """Every ``Sitemap:`` URL of a robots.txt, absolute against ``base_url``, first spelling kept, once each.

    The directive is read wherever it stands (it belongs to no user-agent group),
    in any case; a relative path, which some sites write, is joined to the base.

    >>> sitemap_urls("User-agent: *\\nDisallow: /cari\\nSitemap: https://www.kabar.test/sitemap.xml\\n"
    ...              "sitemap: /news-sitemap.xml # Google News\\nSitemap: https://www.kabar.test/sitemap.xml",
    ...              "https://www.kabar.test/robots.txt")
    ['https://www.kabar.test/sitemap.xml', 'https://www.kabar.test/news-sitemap.xml']
    """
    found: list[str] = []
    for line in robots_txt.lstrip("\ufeff").splitlines():
        match = _SITEMAP_LINE.match(line)
        if match is None:
            continue
        url = urljoin(base_url, match["url"])
        if is_http_url(url) and url not in found:
            found.append(url)
    return found
