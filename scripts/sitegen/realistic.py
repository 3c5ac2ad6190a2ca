"""The benchmark's realistic sample site: the GoNews markup at the weight of real news pages.

Fixed before any code was tuned on it; its parameters were measured on
``../shared/real-pages`` (20 pages, 9 sites) and ``../shared/real-text``, and
only numbers were taken from them:

======================  ===================================  ===========================================
quantity                measured on the real pages           generated
======================  ===================================  ===========================================
page bytes              min 34.6 K, quartiles 55.8 K /        8 page templates ("chromes"), one per
                        128.6 K / 198.4 K, max 544.5 K,       size class at the eighths of the measured
                        mean 150.1 K                          sizes: 38.7, 52.6, 67.4, 104.6, 142.3,
                                                              171.3, 224.2, 286.6 KB (mean 136 KB)
``<script>`` share      mean 18.5 % (median 19.1 %)          18.5 % of the page
``<style>`` share       mean 1.5 % (median 0.2 %)            1.5 %
nav/header/footer       mean 14.8 % (median 11.1 %)          14.8 % (a mega-menu ``<nav>``)
links per page          median 168                           ~1 per 180 bytes of nav/related markup
words per article       quartiles 222 / 264 / 364,           log-normal, median 264, sigma 0.55,
                        mean 370, max 1,258                  clipped to 120..1,300 (mean ~300)
paragraphs per article  quartiles 7 / 8.5 / 15, mean 12.4    one per 30 words (measured 31 / 30)
words per sentence      mean 16.4                            uniform 6..27
vocabulary              --                                   Zipf: wordfreq's Indonesian frequencies
tokens outside wordfreq 6.7 % (4.2 % capitalised)            4.2 % names, 2.0 % words, made up anew
typos                   4.1 per 1,000 tokens (real-text)     0.41 %, one edit of a word of 5+ letters
======================  ===================================  ===========================================

Everything else (sections, dates, zones, defects, listings, split articles)
is the default GoNews sample site's (``sitegen.generate``), so the govnews
spider and the bare one crawl it unchanged. Real sites send the same
scripts, styles and menus with every page, so the chrome is written once per
template (``chrome.json``) and the server puts it into each page as it sends
it (``sitegen.server``): a 50,000-article site is ~1.4 GB on disk, not 7 GB,
and is written article by article, never held in memory.
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import realtext, seed
from sitegen.articles import BuiltArticle, article_url_path, build_article, build_seed_article
from sitegen.content import SECTIONS, slugify
from sitegen.generate import (HTML_TYPE, TEXT_TYPE, SiteSummary, _file_for, _home_page, _paginated, _payload,
                              _popular_entries, _seed_popular_entries, _write_json)
from sitegen.idtime import iso_utc
from sitegen.plan import PROPORTIONS, SITE_NOW, plan_articles
from sitegen.render import NOT_FOUND_HTML, ROBOTS_TXT

PAGE_BYTES_CLASSES = (38_700, 52_600, 67_400, 104_600, 142_300, 171_300, 224_200, 286_600)
SCRIPT_SHARE = 0.185
STYLE_SHARE = 0.015
NAV_SHARE = 0.148
WORDS_MEDIAN, WORDS_SIGMA, WORDS_RANGE = 264, 0.55, (120, 1300)
WORDS_PER_PARAGRAPH = 30
# The GoNews markup around the article, without any chrome: measured on the generated pages.
BASE_PAGE_BYTES = 10_500
BASE_SCRIPT_BYTES = 3_300   # its own scripts: the popular list, ads, JSON-LD
CHROME_MARKERS = ("</head>", "</header>", "</body>")


@dataclass(frozen=True)
class Chrome:
    """What one template adds to every page: before ``</head>``, after ``</header>``, before ``</body>``."""

    head: str
    nav: str
    tail: str

    def dress(self, html: str) -> str:
        """``html`` with the chrome put in, as the server sends it."""
        for marker, part in zip(CHROME_MARKERS, (self.head, self.nav, self.tail)):
            at = html.find(marker)
            if at >= 0:
                at += len(marker) if marker == "</header>" else 0
                html = html[:at] + part + html[at:]
        return html


def _words(rng: random.Random, count: int) -> str:
    words, cumulative = realtext.vocabulary()
    return " ".join(rng.choices(words, cum_weights=cumulative, k=count))


def _fill(rng: random.Random, size: int, make: Any) -> str:
    parts, total = [], 0
    while total < size:
        part = make(rng)
        parts.append(part)
        total += len(part)
    return "".join(parts)


def _css_rule(rng: random.Random) -> str:
    name = f".{realtext.made_up_word(rng)}-{rng.randint(1, 99)}"
    return (f"{name} .{realtext.made_up_word(rng)}{{margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
            f"padding:{rng.randint(0, 16)}px;color:#{rng.randrange(16**6):06x};font-size:{rng.randint(11, 22)}px}}\n")


def _js_statement(rng: random.Random) -> str:
    key = realtext.made_up_word(rng)
    return (f'gn.cfg["{key}{rng.randint(1, 999)}"]={{id:{rng.randint(10**5, 10**6)},slot:"div-gpt-ad-'
            f'{rng.randrange(16**8):08x}",sizes:[[300,250],[336,280],[{rng.randint(300, 970)},90]],'
            f'targeting:{{kanal:"{key}",pos:"{rng.choice("abcdefgh")}{rng.randint(1, 9)}"}}}};\n')


def _nav_item(rng: random.Random) -> str:
    subs = "".join(f'<li><a href="/topik/{slugify(_words(rng, 2))}">{_words(rng, 2).title()}</a></li>'
                   for _ in range(rng.randint(3, 8)))
    return f'<li class="mega-item"><a href="/topik/{slugify(_words(rng, 1))}">{_words(rng, 1).title()}</a><ul>{subs}</ul></li>\n'


def _related_item(rng: random.Random) -> str:
    slug = slugify(_words(rng, 5))
    return (f'<div class="jaringan-item"><a class="thumb" href="/topik/{slug}"><img src="/img/{slug}.jpg" '
            f'alt="{_words(rng, 5)}" loading="lazy"></a><h4><a href="/topik/{slug}">{_words(rng, 7).capitalize()}'
            f'</a></h4><span class="waktu">{rng.randint(1, 23)} jam lalu</span></div>\n')


def make_chrome(rng: random.Random, page_bytes: int) -> Chrome:
    """One template's chrome for pages of ``page_bytes`` in all."""
    script = max(2_000, int(page_bytes * SCRIPT_SHARE) - BASE_SCRIPT_BYTES)
    head = (f"<style>\n{_fill(rng, int(page_bytes * STYLE_SHARE), _css_rule)}</style>\n"
            f"<script>\nvar gn=window.gn||{{cfg:{{}}}};\n{_fill(rng, script // 2, _js_statement)}</script>\n")
    nav = f'<nav class="menu-mega"><ul>\n{_fill(rng, int(page_bytes * NAV_SHARE), _nav_item)}</ul></nav>\n'
    other = max(0, int(page_bytes * (1 - SCRIPT_SHARE - STYLE_SHARE - NAV_SHARE)) - BASE_PAGE_BYTES)
    blocks = max(1, math.ceil(script / 2 / 8_000))
    scripts = "".join(f"<script>\n{_fill(rng, script // 2 // blocks, _js_statement)}</script>\n"
                      for _ in range(blocks))
    tail = f'<section class="jaringan">\n{_fill(rng, other, _related_item)}</section>\n{scripts}'
    return Chrome(head, nav, tail)


def article_word_count(rng: random.Random) -> int:
    low, high = WORDS_RANGE
    return min(high, max(low, round(rng.lognormvariate(math.log(WORDS_MEDIAN), WORDS_SIGMA))))


def _write(out: Path, request_path: str, body: bytes, routes: dict[str, Any], chrome: str | None,
           made_dirs: set[Path]) -> None:
    relative = _file_for(request_path)
    target = out / relative
    if target.parent not in made_dirs:
        target.parent.mkdir(parents=True, exist_ok=True)
        made_dirs.add(target.parent)
    target.write_bytes(body)
    route: dict[str, Any] = {"file": relative, "status": 200,
                             "headers": {"Content-Type": TEXT_TYPE if request_path == "/robots.txt" else HTML_TYPE}}
    if chrome is not None:
        route["chrome"] = chrome
    routes[request_path] = route


def generate_realistic_site(out_dir: Path | str, article_count: int, seed_value: int = 1) -> SiteSummary:
    """Write the realistic site into ``out_dir``; same arguments, same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed_value)
    chrome_rng = random.Random(seed_value * 7919)
    chromes = {f"c{number}": make_chrome(chrome_rng, size) for number, size in enumerate(PAGE_BYTES_CLASSES)}
    _write_json(out / "chrome.json", {name: chrome.__dict__ for name, chrome in chromes.items()})
    names = sorted(chromes)
    plans = plan_articles(rng, article_count)
    taken = {seed.SEED_URL_PATH}
    paths: dict[int, str] = {}
    for plan in plans:
        paths[plan.index] = article_url_path(plan, taken)
        taken.add(paths[plan.index])
    popular = _popular_entries(rng, plans, paths)
    popular_base64 = _payload(popular)
    routes: dict[str, Any] = {}
    made_dirs: set[Path] = set()
    _write(out, "/robots.txt", ROBOTS_TXT.encode(), routes, None, made_dirs)
    built: list[BuiltArticle] = []
    with (out / "truth-articles.unsorted.jsonl").open("w", encoding="utf-8") as truths:
        for plan in plans:
            assert plan.story is not None
            words = article_word_count(rng)
            plan.story.paragraphs = realtext.paragraphs(rng, words, max(4, round(words / WORDS_PER_PARAGRAPH)))
            older = plans[plan.index + 1: plan.index + 20] or plans[max(0, plan.index - 5): plan.index]
            related_plan = rng.choice(older) if older else None
            related = None
            if related_plan is not None and related_plan.story is not None:
                related = (paths[related_plan.index], related_plan.story.headline)
            article = build_article(plan, paths[plan.index], rng, related, popular_base64)
            chrome = names[plan.index % len(names)]
            for request_path, html in article.pages.items():
                _write(out, request_path, html.encode("utf-8"), routes, chrome, made_dirs)
            truths.write(json.dumps(article.truth, ensure_ascii=False, sort_keys=True) + "\n")
            article.pages, article.truth = {}, {"date_published": article.truth["date_published"]}
            plan.story.paragraphs = []
            built.append(article)
        nias = seed.SEED_POPULAR[seed.SEED_BACA_JUGA_INDEX]
        seed_article = build_seed_article(_payload(_seed_popular_entries()), (nias[3], nias[0]))
        for request_path, html in seed_article.pages.items():
            _write(out, request_path, html.encode("utf-8"), routes, names[0], made_dirs)
        truths.write(json.dumps(seed_article.truth, ensure_ascii=False, sort_keys=True) + "\n")
        seed_article.pages = {}
        built.append(seed_article)
    built.sort(key=lambda article: article.published_utc_iso or "", reverse=True)
    _sort_truths(out, [article.url_path for article in built])

    bodies: dict[str, tuple[int, str, bytes]] = {}
    from sitegen.plan import HOME_AGES
    home_plans = [plan for plan in plans if plan.index < len(HOME_AGES) and plan.quarantine_reason is None
                  and (plan.home_age is not None or plan.is_kemarin)]
    bodies["/"], _ = _home_page(home_plans, paths, popular_base64, popular)
    listing_groups = [(f"/berita/kategori/{slug}", name, [a for a in built if a.section_slug == slug])
                      for slug, name in SECTIONS] + [("/indeks", "Indeks Berita", built)]
    for base_path, title, members in [("", "", [])] + listing_groups:
        if base_path:
            _paginated(bodies, base_path, title, members, popular_base64, popular)
        for number, (request_path, (_, _, body)) in enumerate(sorted(bodies.items())):
            _write(out, request_path, body, routes, names[number % len(names)], made_dirs)
        bodies.clear()
    (out / "pages/404.html").write_bytes(NOT_FOUND_HTML.encode("utf-8"))
    not_found = {"file": "pages/404.html", "status": 404, "headers": {"Content-Type": HTML_TYPE}}
    _write_json(out / "routes.json", {"routes": routes, "not_found": not_found})
    site_truth = {
        "generator": {"seed": seed_value, "articles_requested": article_count, "site_now": iso_utc(SITE_NOW),
                      "proportions": PROPORTIONS, "realistic": True},
        "counts": {"articles": len(built), "served_paths": len(routes)},
        "seed_url_path": seed.SEED_URL_PATH, "popular_entries": popular, "articles_file": "truth-articles.jsonl",
    }
    _write_json(out / "truth.json", site_truth)
    return SiteSummary(out_dir=out, article_count=len(built), page_count=len(routes), route_count=len(routes))


def _sort_truths(out: Path, order: list[str]) -> None:
    """``truth-articles.jsonl`` newest first, as the default site writes it; one pass per 5,000 articles."""
    unsorted = out / "truth-articles.unsorted.jsonl"
    rank = {path: number for number, path in enumerate(order)}
    with (out / "truth-articles.jsonl").open("w", encoding="utf-8") as sorted_file:
        for start in range(0, len(order), 5_000):
            chunk: list[tuple[int, str]] = []
            with unsorted.open(encoding="utf-8") as handle:
                for line in handle:
                    position = rank[json.loads(line)["url_path"]]
                    if start <= position < start + 5_000:
                        chunk.append((position, line))
            sorted_file.writelines(line for _, line in sorted(chunk))
    unsorted.unlink()


def load_chromes(site_dir: Path | str) -> dict[str, Chrome]:
    """The chromes of a realistic site (none for the default site)."""
    path = Path(site_dir) / "chrome.json"
    if not path.exists():
        return {}
    return {name: Chrome(**parts) for name, parts in json.loads(path.read_text("utf-8")).items()}


def served_html(site_dir: Path | str, route: dict[str, Any], chromes: dict[str, Chrome]) -> str:
    """A route's page as the server sends it."""
    html = (Path(site_dir) / route["file"]).read_text("utf-8")
    chrome = route.get("chrome")
    return chromes[chrome].dress(html) if chrome else html
