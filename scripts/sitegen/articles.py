"""Turn an article plan into its served pages and its ground-truth record."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sitegen import defects, seed
from sitegen.content import EDITORS, photo_credit, slugify
from sitegen.idtime import format_long, format_numeric, iso_utc
from sitegen.plan import ArticlePlan
from sitegen.render import PUBLIC_ORIGIN, ArticlePage, json_ld_block, page_links, render_article

DATELINE_FORMS: dict[str, tuple[str, str]] = {
    # form -> (html template, how the truth names the place)
    "strong": ("<strong>{upper}</strong> - ", "{upper}"),
    "gonews_comma": ("{upper}, GoNews.co - ", "{upper}"),
    "paren_dash": ("{city} (GoNews) \u2013 ", "{city}"),
}


@dataclass
class BuiltArticle:
    url_path: str
    headline: str | None
    section_slug: str
    section: str
    description: str
    card_time: str | None           # absolute date for category cards
    thumb_path: str | None
    published_utc_iso: str | None
    pages: dict[str, str] = field(default_factory=dict)   # request path -> html
    truth: dict[str, Any] = field(default_factory=dict)


def article_url_path(plan: ArticlePlan, taken: set[str]) -> str:
    if plan.fixed_url_path:
        return plan.fixed_url_path
    assert plan.story is not None
    local = plan.local
    base = f"/berita/baca/{local:%Y/%m/%d}/{slugify(plan.story.headline)}"
    path, suffix = base, 2
    while path in taken:
        path, suffix = f"{base}-{suffix}", suffix + 1
    return path


def _date_text(plan: ArticlePlan, rng: random.Random) -> tuple[str, str | None]:
    """The text of div.detail-tanggal and the UTC ISO of the update, if any."""
    local = plan.local
    old = "old_month_spelling" in plan.flags
    shown = format_numeric(local, plan.zone) if "date_numeric" in plan.flags else format_long(local, plan.zone, old)
    if "update_stamp" not in plan.flags:
        return shown, None
    modified = local + timedelta(minutes=rng.randint(30, 48 * 60) // 5 * 5)
    return f"{shown} | Diperbarui: {format_long(modified, plan.zone, old)}", iso_utc(modified)


def build_article(plan: ArticlePlan, url_path: str, rng: random.Random, related: tuple[str, str] | None,
                  popular_base64: str) -> BuiltArticle:
    story = plan.story
    assert story is not None
    clean = list(story.paragraphs)
    page_text = list(clean)
    found_defects: list[list[str]] = []
    used: set[int] = set()
    for kind in defects.MOJIBAKE_KINDS:
        if f"mojibake_{kind}" not in plan.flags:
            continue
        prepared = defects.prepare_mojibake(clean, kind, rng)
        if prepared is None or prepared[0] in used:
            continue
        index, clean_paragraph = prepared
        used.add(index)
        clean[index] = clean_paragraph
        page_text[index], fixes = defects.garble(clean_paragraph, kind)
        found_defects.extend([bad, good] for bad, good in fixes)
    if "typos" in plan.flags:
        candidates = defects.applicable_typos(page_text)
        for bad, good in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            if defects.inject_typo(page_text, bad, good):
                found_defects.append([bad, good])
    end_mark = plan.choice["end_mark"]
    if end_mark:
        page_text[-1] += end_mark if end_mark == "***" else f" {end_mark}"

    local = plan.local
    date_text, modified_iso = _date_text(plan, rng)
    dateline_form = plan.choice["dateline"]
    dateline_html, dateline = "", None
    if dateline_form in DATELINE_FORMS:
        html_form, truth_form = DATELINE_FORMS[dateline_form]
        names = {"upper": story.region.city.upper(), "city": story.region.city}
        dateline_html, dateline = html_form.format(**names), truth_form.format(**names)
    headline = None if plan.quarantine_reason == "missing headline" else story.headline
    shows_date = plan.quarantine_reason != "missing date"
    image_path = None if "no_image" in plan.flags else f"/uploads/images/{local:%Y/%m/%d}/{story.image_name}.jpg"
    credit = photo_credit(rng, story.region)
    editor = None if "no_editor" in plan.flags else rng.choice(EDITORS)
    source = None if "no_source" in plan.flags else f"Humas {story.region.government}"
    tags = [] if "no_tags" in plan.flags else story.tags
    canonical = PUBLIC_ORIGIN + url_path
    json_ld_form = plan.choice["json_ld"] if shows_date else "absent"

    def page(paragraphs: list[str], *, first: bool, links: str | None, footer: bool, author: str,
             ad_after: int | None) -> ArticlePage:
        json_ld = None
        if json_ld_form != "absent" and headline:
            json_ld = json_ld_block(canonical, headline, f"{local:%Y-%m-%d %H:%M:%S}", author,
                                    PUBLIC_ORIGIN + image_path if image_path else None, json_ld_form == "malformed")
        return ArticlePage(
            url_path=url_path, title=headline, section_slug=story.section_slug, section=story.section,
            description=story.description, date_text=date_text if shows_date else None,
            dateline_html=dateline_html if first else "", paragraphs=paragraphs,
            baca_juga=related if first and "baca_juga" in plan.flags else None, ad_after=ad_after,
            image_path=image_path, image_caption=story.image_caption,
            image_credit_html=f"(foto: {credit})" if credit.startswith("ist.") else f"(Foto: {credit})",
            editor=editor, source=source, tags=tags, json_ld=json_ld,
            published_meta=local.isoformat() if "published_meta" in plan.flags and shows_date else None,
            page_links=links, show_footer_fields=footer)

    has_ad = "inline_ad" in plan.flags
    author = editor or "Redaksi"
    pages: dict[str, str] = {}
    if "two_page" in plan.flags:
        first_len = math.ceil(len(page_text) / 2)
        ad_after = min(6, first_len) if has_ad else None
        # As on the capture, page 1's structured data names the desk, not the editor.
        pages[url_path] = render_article(page(page_text[:first_len], first=True, links=page_links(url_path, "1"),
                                              footer=False, author="Redaksi", ad_after=ad_after), popular_base64)
        pages[f"{url_path}?page=2"] = render_article(
            page(page_text[first_len:], first=False, links=page_links(url_path, "2"), footer=True,
                 author=author, ad_after=None), popular_base64)
        whole = page(page_text, first=True, links=None, footer=True, author=author, ad_after=ad_after)
        pages[f"{url_path}?page=all"] = render_article(whole, popular_base64)
    else:
        ad_after = (6 if len(page_text) > 6 else len(page_text) - 1) if has_ad else None
        pages[url_path] = render_article(page(page_text, first=True, links=None, footer=True, author=author,
                                              ad_after=ad_after), popular_base64)

    variations = sorted(plan.flags) + [f"{kind}={value}" for kind, value in sorted(plan.choice.items())]
    truth = {
        "url_path": url_path, "canonical_url": canonical, "headline": headline, "section": story.section,
        "breadcrumbs": ["Home", "Berita", story.section], "tags": tags,
        "date_published_raw": date_text if shows_date else None,
        "date_published": iso_utc(plan.published_utc) if shows_date else None,
        "date_published_local": local.isoformat() if shows_date else None,
        "date_modified": modified_iso if shows_date else None,
        "dateline": dateline, "body_paragraphs": clean, "editor": editor, "source": source,
        "image_url_path": image_path, "image_caption": story.image_caption if image_path else None,
        "image_credit": credit if image_path else None, "description": story.description,
        "defects": found_defects, "expect": "quarantine" if plan.quarantine_reason else "store",
        "quarantine_reason": plan.quarantine_reason, "served_paths": list(pages), "variations": variations,
    }
    card_time = format_long(local, plan.zone, "old_month_spelling" in plan.flags)
    thumb = f"/uploads/images/thumb/{local:%Y/%m/%d}/{story.image_name}.jpg" if image_path else None
    return BuiltArticle(url_path=url_path, headline=story.headline, section_slug=story.section_slug,
                        section=story.section, description=story.description, card_time=card_time,
                        thumb_path=thumb, published_utc_iso=iso_utc(plan.published_utc), pages=pages, truth=truth)


def build_seed_article(popular_base64: str, related: tuple[str, str]) -> BuiltArticle:
    """The seed document in the capture's markup, its defects kept byte for byte."""
    path = seed.SEED_URL_PATH
    page = ArticlePage(
        url_path=path, title=seed.SEED_HEADLINE, section_slug="pemerintahan", section=seed.SEED_SECTION,
        description=seed.SEED_DESCRIPTION, date_text=seed.SEED_DATE_RAW,
        dateline_html=f"<strong>{seed.SEED_DATELINE}</strong> - ", paragraphs=list(seed.SEED_RAW_PARAGRAPHS),
        baca_juga=related, ad_after=6, image_path=seed.SEED_IMAGE_URL_PATH,
        image_caption=seed.SEED_IMAGE_CAPTION, image_credit_html=f"(foto: {seed.SEED_IMAGE_CREDIT})",
        editor=seed.SEED_EDITOR, source=seed.SEED_SOURCE, tags=list(seed.SEED_TAGS),
        json_ld=json_ld_block(PUBLIC_ORIGIN + path, seed.SEED_HEADLINE, "2021-02-25 18:20:00", seed.SEED_EDITOR,
                              PUBLIC_ORIGIN + seed.SEED_IMAGE_URL_PATH, malformed=False))
    truth = {
        "url_path": path, "canonical_url": PUBLIC_ORIGIN + path, "headline": seed.SEED_HEADLINE,
        "section": seed.SEED_SECTION, "breadcrumbs": ["Home", "Berita", seed.SEED_SECTION],
        "tags": list(seed.SEED_TAGS), "date_published_raw": seed.SEED_DATE_RAW,
        "date_published": "2021-02-25T11:20:00+00:00", "date_published_local": "2021-02-25T18:20:00+07:00",
        "date_modified": None, "dateline": seed.SEED_DATELINE, "body_paragraphs": list(seed.SEED_CLEAN_PARAGRAPHS),
        "editor": seed.SEED_EDITOR, "source": seed.SEED_SOURCE, "image_url_path": seed.SEED_IMAGE_URL_PATH,
        "image_caption": seed.SEED_IMAGE_CAPTION, "image_credit": seed.SEED_IMAGE_CREDIT,
        "description": seed.SEED_DESCRIPTION,
        "defects": [["\u0100", "mojibake"], ["penyelenggraan", "penyelenggaraan"], ["imbunya", "imbuhnya"]],
        "expect": "store", "quarantine_reason": None, "served_paths": [path], "variations": ["seed"],
    }
    return BuiltArticle(url_path=path, headline=seed.SEED_HEADLINE, section_slug="pemerintahan",
                        section=seed.SEED_SECTION, description=seed.SEED_DESCRIPTION,
                        card_time=seed.SEED_DATE_RAW,
                        thumb_path="/uploads/images/thumb/2021/02/25/rakortekrenbang-2021-kemendagri.jpg",
                        published_utc_iso="2021-02-25T11:20:00+00:00",
                        pages={path: render_article(page, popular_base64)}, truth=truth)
