"""The loopback multi-site sample, generated once per session and served on 127.0.0.1 ports.

``multisite`` yields one ``ServedSite`` per site: ``domain``, ``public_base_url``
(what canonical URLs, sitemaps and feeds name), ``base_url``
(``http://127.0.0.1:<port>``, where to fetch), ``dir`` and ``truth`` (the site's
``truth.json``: ``articles`` with headline, date_published, paragraphs, dateline,
trailer, ``listed_in``). Copy this fixture, or import ``serve_multisite``, in
the tests of the ``news`` spider.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.multisite import ServedSite, generate_multisite, serve_multisite


@pytest.fixture(scope="session")
def multisite_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("multisite")
    generate_multisite(out)
    return out


@pytest.fixture(scope="session")
def multisite(multisite_dir: Path) -> Iterator[list[ServedSite]]:
    with serve_multisite(multisite_dir) as sites:
        yield sites
