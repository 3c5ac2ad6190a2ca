"""Spiders express the crawl: where to start, which links to follow."""
