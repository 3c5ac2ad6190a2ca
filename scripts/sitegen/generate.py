"""Generate the sample site: HTML pages, ``routes.json`` and the ground truth.

Layout of a site directory::

    pages/...                 the served bodies (HTML, robots.txt)
    routes.json               {"routes": {request path incl. query: route}, "not_found": route}
                              route = {"file", "status", "headers"}
    truth.json                site facts, popular lists, every listing page's entries
    truth-articles.jsonl      one ground-truth record per article, newest first
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sitegen import seed
from sitegen.articles import BuiltArticle, article_url_path, build_article, build_seed_article
from sitegen.content import SECTIONS
from sitegen.idtime import iso_utc, kemarin, relative_time, zone_of
from sitegen.plan import HOME_AGES, PROPORTIONS, SITE_NOW, ArticlePlan, plan_articles
from sitegen.render import NOT_FOUND_HTML, ROBOTS_TXT, Card, pagination, popular_payload, render_listing

CARDS_PER_PAGE = 10
HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
POPULAR_SIZE = 6


@dataclass
class SiteSummary:
    out_dir: Path
    article_count: int
    page_count: int
    route_count: int


def _file_for(request_path: str) -> str:
    """Where a request path's body lives under ``pages/``."""
    if request_path == "/":
        return "pages/index.html"
    if request_path == "/robots.txt":
        return "pages/robots.txt"
    path, _, query = request_path.partition("?")
    suffix = f".{query.replace('=', '-')}" if query else ""
    return f"pages{path}{suffix}.html"


def _popular_entries(rng: random.Random, plans: list[ArticlePlan], paths: dict[int, str]) -> list[dict[str, Any]]:
    candidates = [plan for plan in plans[:30] if plan.quarantine_reason is None and plan.story is not None]
    chosen = rng.sample(candidates, min(POPULAR_SIZE, len(candidates)))
    entries = []
    for position, plan in enumerate(chosen, start=1):
        hours = rng.randint(12, 20)
        assert plan.story is not None
        entries.append({"position": position, "url_path": paths[plan.index], "headline": plan.story.headline,
                        "section": plan.story.section, "relative_time_raw": f"{hours} jam yang lalu",
                        "age_seconds": hours * 3600})
    return entries


def _payload(entries: list[dict[str, Any]]) -> str:
    return popular_payload([{"u": entry["url_path"], "j": entry["headline"], "k": entry["section"],
                             "w": entry["relative_time_raw"]} for entry in entries])


def _seed_popular_entries() -> list[dict[str, Any]]:
    return [{"position": number, "url_path": path, "headline": headline, "section": section,
             "relative_time_raw": relative, "age_seconds": int(relative.split()[0]) * 3600}
            for number, (headline, section, relative, path) in enumerate(seed.SEED_POPULAR, start=1)]


def build_site(article_count: int, seed_value: int) -> tuple[dict[str, tuple[int, str, bytes]], dict[str, Any],
                                                              list[dict[str, Any]]]:
    """All served bodies (path -> (status, content type, bytes)), the site truth and the article truths."""
    rng = random.Random(seed_value)
    plans = plan_articles(rng, article_count)
    taken = {seed.SEED_URL_PATH}
    paths: dict[int, str] = {}
    for plan in plans:
        paths[plan.index] = article_url_path(plan, taken)
        taken.add(paths[plan.index])
    popular = _popular_entries(rng, plans, paths)
    popular_base64 = _payload(popular)
    seed_popular = _seed_popular_entries()

    built: list[BuiltArticle] = []
    for plan in plans:
        # "Baca Juga" points at an older story, as editors link the background piece.
        older = plans[plan.index + 1: plan.index + 20] or plans[max(0, plan.index - 5): plan.index]
        related_plan = rng.choice(older) if older else None
        related = None
        if related_plan is not None and related_plan.story is not None:
            related = (paths[related_plan.index], related_plan.story.headline)
        built.append(build_article(plan, paths[plan.index], rng, related, popular_base64))
    nias = seed.SEED_POPULAR[seed.SEED_BACA_JUGA_INDEX]
    built.append(build_seed_article(_payload(seed_popular), (nias[3], nias[0])))
    built.sort(key=lambda article: article.published_utc_iso or "", reverse=True)

    bodies: dict[str, tuple[int, str, bytes]] = {"/robots.txt": (200, TEXT_TYPE, ROBOTS_TXT.encode())}
    for article in built:
        for request_path, html in article.pages.items():
            bodies[request_path] = (200, HTML_TYPE, html.encode("utf-8"))
    listings: list[dict[str, Any]] = []
    home_plans = [plan for plan in plans if plan.index < len(HOME_AGES) and plan.quarantine_reason is None
                  and (plan.home_age is not None or plan.is_kemarin)]
    bodies["/"], home_truth = _home_page(home_plans, paths, popular_base64, popular)
    listings.append(home_truth)
    for slug, name in SECTIONS:
        members = [article for article in built if article.section_slug == slug]
        listings.extend(_paginated(bodies, f"/berita/kategori/{slug}", name, members, popular_base64, popular))
    listings.extend(_paginated(bodies, "/indeks", "Indeks Berita", built, popular_base64, popular))

    articles_truth = [article.truth for article in built]
    months = sorted({record["date_published"][:7] for record in articles_truth if record["date_published"]})
    site_truth = {
        "generator": {"seed": seed_value, "articles_requested": article_count, "site_now": iso_utc(SITE_NOW),
                      "proportions": PROPORTIONS},
        "counts": {"articles": len(articles_truth),
                   "store": sum(record["expect"] == "store" for record in articles_truth),
                   "quarantine": sum(record["expect"] == "quarantine" for record in articles_truth),
                   "served_paths": len(bodies), "published_months_utc": months},
        "seed_url_path": seed.SEED_URL_PATH,
        "popular_entries": popular, "seed_popular_entries": seed_popular,
        "listings": listings, "articles_file": "truth-articles.jsonl",
    }
    return bodies, site_truth, articles_truth


def _home_page(plans: list[ArticlePlan], paths: dict[int, str], popular_base64: str,
               popular: list[dict[str, Any]]) -> tuple[tuple[int, str, bytes], dict[str, Any]]:
    cards: list[Card] = []
    entries: list[dict[str, Any]] = []
    for position, plan in enumerate(sorted(plans, key=lambda plan: plan.index), start=1):
        story = plan.story
        assert story is not None
        if plan.is_kemarin:
            wib = plan.published_utc.astimezone(zone_of("WIB"))
            text, age = kemarin(wib), None
        else:
            text, age = relative_time(int((SITE_NOW - plan.published_utc) / timedelta(seconds=1)))
        thumb = None if "no_image" in plan.flags else (
            f"/uploads/images/thumb/{plan.local:%Y/%m/%d}/{story.image_name}.jpg")
        cards.append(Card(paths[plan.index], story.headline, story.section_slug, story.section,
                          story.description, text, thumb))
        entries.append({"position": position, "url_path": paths[plan.index], "headline": story.headline,
                        "section": story.section, "relative_time_raw": text, "age_seconds": age})
    html = render_listing("Berita Terkini", "/", cards, "", popular_base64)
    truth = {"url_path": "/", "title": "Berita Terkini", "entries": entries, "next_page": None,
             "prev_page": None, "popular_entries": popular}
    return (200, HTML_TYPE, html.encode("utf-8")), truth


def _paginated(bodies: dict[str, tuple[int, str, bytes]], base_path: str, title: str,
               members: list[BuiltArticle], popular_base64: str,
               popular: list[dict[str, Any]]) -> list[dict[str, Any]]:
    last_page = max(1, -(-len(members) // CARDS_PER_PAGE))
    truths = []
    for page in range(1, last_page + 1):
        chunk = members[(page - 1) * CARDS_PER_PAGE: page * CARDS_PER_PAGE]
        cards = [Card(article.url_path, article.headline or "", article.section_slug, article.section,
                      article.description, article.card_time or "", article.thumb_path) for article in chunk]
        canonical = base_path if page == 1 else f"{base_path}?page={page}"
        html = render_listing(title, canonical, cards, pagination(base_path, page, last_page), popular_base64)
        body = (200, HTML_TYPE, html.encode("utf-8"))
        bodies[canonical] = body
        if page == 1:
            bodies[f"{base_path}?page=1"] = body
        entries = [{"position": number, "url_path": article.url_path, "headline": article.headline,
                    "section": article.section, "date_published_raw": article.card_time,
                    "date_published": article.truth["date_published"] or article.published_utc_iso}
                   for number, article in enumerate(chunk, start=1)]
        truths.append({
            "url_path": canonical, "title": title, "entries": entries,
            "next_page": f"{base_path}?page={page + 1}" if page < last_page else None,
            "prev_page": f"{base_path}?page={page - 1}" if page > 1 else None,
            "popular_entries": popular,
        })
    return truths


def generate_site(out_dir: Path | str, article_count: int = 40, seed_value: int = 1) -> SiteSummary:
    """Write the site into ``out_dir`` (created if needed); same arguments, same bytes."""
    out = Path(out_dir)
    bodies, site_truth, articles_truth = build_site(article_count, seed_value)
    routes: dict[str, dict[str, Any]] = {}
    files_written: dict[int, str] = {}
    made_dirs: set[Path] = set()
    for request_path, (status, content_type, body) in sorted(bodies.items()):
        # "?page=1" serves the same bytes as the bare listing; store them once.
        relative = files_written.get(id(body)) or _file_for(request_path)
        if id(body) not in files_written:
            target = out / relative
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            target.write_bytes(body)
            files_written[id(body)] = relative
        routes[request_path] = {"file": relative, "status": status, "headers": {"Content-Type": content_type}}
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "pages/404.html").write_bytes(NOT_FOUND_HTML.encode("utf-8"))
    not_found = {"file": "pages/404.html", "status": 404, "headers": {"Content-Type": HTML_TYPE}}
    _write_json(out / "routes.json", {"routes": routes, "not_found": not_found})
    _write_json(out / "truth.json", site_truth)
    with (out / "truth-articles.jsonl").open("w", encoding="utf-8") as handle:
        for record in articles_truth:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return SiteSummary(out_dir=out, article_count=len(articles_truth), page_count=len(files_written) + 1,
                       route_count=len(routes))


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_truth(site_dir: Path | str) -> dict[str, Any]:
    """``truth.json`` with its ``articles`` read from the jsonl file beside it."""
    site = Path(site_dir)
    truth = json.loads((site / "truth.json").read_text(encoding="utf-8"))
    with (site / truth["articles_file"]).open(encoding="utf-8") as handle:
        truth["articles"] = [json.loads(line) for line in handle if line.strip()]
    return truth
