"""Incremental runs: what earlier runs stored, what to fetch, what to store, recovery.

- ``state``: the ``ArticleState`` protocol and its SQLite backend (stored
  versions, aliases, quarantine memory).
- ``triage``: ``ListingTriage``, which links of a listing to request and when
  a listing is old enough to stop paging.
- ``versions``: ``VersionPipeline``, the versions rule (store new articles and
  new versions, never the same content twice).
- ``recovery``: ``RunRecovery``, the start-up check that finishes what a
  killed run left behind.
"""
