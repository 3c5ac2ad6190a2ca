"""The benchmark's realistic sample site: page weight, text statistics and serving."""
from __future__ import annotations

import hashlib
import json
import random
import re
import statistics
import urllib.request
from pathlib import Path

import pytest

from sitegen import realtext
from sitegen.realistic import (NAV_SHARE, PAGE_BYTES_CLASSES, SCRIPT_SHARE, generate_realistic_site, load_chromes,
                               served_html)
from sitegen.server import serve_in_thread

ARTICLES = 30


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("realistic")
    generate_realistic_site(folder, ARTICLES, 3)
    return folder


def test_same_arguments_same_bytes(site: Path, tmp_path: Path) -> None:
    generate_realistic_site(tmp_path, ARTICLES, 3)
    assert _digest(tmp_path) == _digest(site)


def test_pages_weigh_what_their_template_says(site: Path) -> None:
    routes = json.loads((site / "routes.json").read_text("utf-8"))["routes"]
    chromes = load_chromes(site)
    assert len(chromes) == len(PAGE_BYTES_CLASSES)
    articles = {path: route for path, route in routes.items() if path.startswith("/berita/baca/")}
    assert len(articles) > ARTICLES
    for path, route in articles.items():
        html = served_html(site, route, chromes)
        target = PAGE_BYTES_CLASSES[int(route["chrome"][1:])]
        size = len(html.encode("utf-8"))
        # The article itself varies; the template brings the page near its size class.
        assert 0.8 * target < size < 0.8 * target + 60_000, (path, size, target)
        scripts = sum(len(block) for block in re.findall(r"<script.*?</script>", html, re.S))
        assert abs(scripts / target - SCRIPT_SHARE) < 0.05, (path, scripts / target)
        nav = re.search(r'<nav class="menu-mega">.*?</nav>', html, re.S)
        assert nav is not None and abs(len(nav.group()) / target - NAV_SHARE) < 0.03
        # The chrome goes outside the article markup the extractors read.
        assert html.index("</header>") < html.index('<nav class="menu-mega">')


def test_article_lengths(site: Path) -> None:
    with (site / "truth-articles.jsonl").open(encoding="utf-8") as handle:
        truths = [json.loads(line) for line in handle]
    generated = [t for t in truths if "seed" not in t["variations"]]
    words = [sum(len(p.split()) for p in t["body_paragraphs"]) for t in generated]
    assert min(words) >= 100 and 180 < statistics.median(words) < 420
    assert len(truths) == len(generated) + 1


def test_text_rates_match_the_measured_ones() -> None:
    words, _ = realtext.vocabulary()
    known = set(words)
    rng = random.Random(5)
    sentences = [[token.strip(",.") for token in realtext.sentence(rng, 50).split()] for _ in range(400)]
    tokens = [token for sentence in sentences for token in sentence]
    # Names: capitalised inside a sentence (every sentence's first word is capitalised anyway).
    capitalised = [t for sentence in sentences for t in sentence[1:] if t[0].isupper()]
    unknown = [t for t in tokens if t.lower() not in known]
    assert len(tokens) == 20_000
    # 6.7 % of real tokens are outside wordfreq's list, 4.2 % capitalised.
    assert 0.055 < len(unknown) / len(tokens) < 0.08
    assert 0.035 < len(capitalised) / len(tokens) < 0.06
    # Zipf: the commonest words make a large share, and most distinct words are rare.
    counts: dict[str, int] = {}
    for token in tokens:
        counts[token.lower()] = counts.get(token.lower(), 0) + 1
    top = sorted(counts.values(), reverse=True)
    assert sum(top[:10]) / len(tokens) > 0.12
    assert sum(1 for c in top if c == 1) / len(top) > 0.5


def test_server_sends_the_dressed_page(site: Path) -> None:
    routes = json.loads((site / "routes.json").read_text("utf-8"))["routes"]
    chromes = load_chromes(site)
    path = next(p for p in routes if p.startswith("/berita/baca/"))
    with serve_in_thread(site) as base_url:
        with urllib.request.urlopen(base_url + path, timeout=10) as response:
            body = response.read()
            length = int(response.headers["Content-Length"])
        with urllib.request.urlopen(base_url + "/", timeout=10) as response:
            home = response.read().decode("utf-8")
    assert length == len(body)
    assert body.decode("utf-8") == served_html(site, routes[path], chromes)
    assert '<nav class="menu-mega">' in home and 'class="card-berita"' in home
