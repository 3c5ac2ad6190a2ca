"""Project commands; ``crawl`` here replaces Scrapy's to give the exit-status contract."""
