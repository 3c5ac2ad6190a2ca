"""GoNews.co: page objects for its modelled markup, its heuristics, its popular list and its spider.

The markup is a reconstruction (see the captures' README), so the page
objects fall back to the generic extractor field by field.
"""

from govnews.sites import Site, register
from govnews.sites.gonews.pages import PUBLIC_BASE_URL, ArticlePage

SITE = register(Site(name="gonews.co", public_base_url=PUBLIC_BASE_URL, article_page=ArticlePage))
