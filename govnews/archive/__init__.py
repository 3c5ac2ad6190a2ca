"""The WARC archive of raw pages, and reprocessing it without the network.

- ``config``: ``ArchiveConfig`` (``GOVNEWS_ARCHIVE``, rotation size);
- ``http``: what a record's HTTP headers say, given what Scrapy already
  undid (decompression, de-chunking): pure functions;
- ``writer``: WARC 1.1 files per site and fetch date, written with warcio
  under a temporary name, renamed when closed, rotated by size;
- ``middleware``: the downloader middleware that feeds the writer;
- ``reader``: records of our own or foreign WARCs as Scrapy responses;
- ``reprocess``: the ``reprocess`` spider behind ``govnews reprocess``.
"""

# request.meta key: when the response arrived (the record's WARC-Date, the row's date_downloaded).
FETCHED_AT_META = "govnews_fetched_at"
