"""Decide, per generated article, its time, region and which page variations it shows.

Variations are dealt in fixed proportions (exact counts, at least one each) so a
40-article site already shows every form the captures README lists; the seed
only decides which articles get which.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sitegen import content, seed
from sitegen.content import REGIONS, Region, Story
from sitegen.idtime import format_short_dm, zone_of

SITE_NOW = datetime(2021, 6, 30, 8, 0, tzinfo=timezone.utc)  # 15:00 WIB, when the home page was "saved"
RANGE_START = datetime(2020, 11, 1, 0, 0, tzinfo=timezone.utc)
KEMARIN_CLOCK = (14, 30)
# Ages (seconds) of the newest home-page cards, one per relative-time form; None is "Kemarin 14:30".
HOME_AGES: tuple[int | None, ...] = (0, 300, 2700, 3600, 7200, 10800, 82800, None, 97200, 180000, 450000, 691200)

# name -> share of all generated articles
PROPORTIONS: dict[str, float] = {
    "date_numeric": 0.10, "update_stamp": 0.15, "midnight": 0.05,
    "no_image": 0.15, "no_editor": 0.20, "no_source": 0.15, "no_tags": 0.10,
    "two_page": 0.10, "published_meta": 0.30, "typos": 0.06,
    "baca_juga": 0.40, "inline_ad": 0.60,
    "mojibake_cp1252_quotes": 0.06, "mojibake_cp1252_dash": 0.04, "mojibake_cp1252_apostrophe": 0.03,
    "mojibake_latin1_nbsp": 0.05, "mojibake_cp1257_nbsp": 0.04,
}
# Mutually exclusive choices: each article gets exactly one option of each.
CHOICES: dict[str, tuple[tuple[str, float], ...]] = {
    "zone": (("WIB", 0.60), ("WITA", 0.25), ("WIT", 0.15)),
    "dateline": (("strong", 0.40), ("gonews_comma", 0.25), ("paren_dash", 0.15), ("none", 0.20)),
    "json_ld": (("present", 0.60), ("malformed", 0.10), ("absent", 0.30)),
    "end_mark": (("***", 0.20), ("(***)", 0.15), ("", 0.65)),
}
OLD_SPELLING_SHARE_OF_FEB_NOV = 0.5


@dataclass
class ArticlePlan:
    index: int
    published_utc: datetime
    zone: str
    region: Region
    section_slug: str
    flags: set[str] = field(default_factory=set)
    choice: dict[str, str] = field(default_factory=dict)
    fixed_headline: str | None = None
    fixed_url_path: str | None = None
    quarantine_reason: str | None = None
    home_age: int | None = None
    is_kemarin: bool = False
    story: Story | None = None
    paragraph_count: int = 0

    @property
    def local(self) -> datetime:
        return self.published_utc.astimezone(zone_of(self.zone))


def _exact_count(total: int, share: float) -> int:
    return min(total, max(1, round(total * share))) if share > 0 else 0


def _deal_choices(rng: random.Random, total: int, options: tuple[tuple[str, float], ...]) -> list[str]:
    dealt: list[str] = []
    for name, share in options[:-1]:
        dealt.extend([name] * _exact_count(total, share))
    dealt = dealt[:total]
    dealt.extend([options[-1][0]] * (total - len(dealt)))
    rng.shuffle(dealt)
    return dealt


def _region_for_zone(rng: random.Random, zone: str) -> Region:
    return rng.choice([region for region in REGIONS if region.zone == zone])


def _companion_plans(rng: random.Random) -> list[ArticlePlan]:
    """The six stories of the seed's popular list, so its links lead somewhere."""
    slug_by_name = {name: slug for slug, name in content.SECTIONS}
    plans = []
    for headline, section, _relative, url_path in seed.SEED_POPULAR:
        year, month, day = (int(part) for part in url_path.split("/")[3:6])
        local = datetime(year, month, day, rng.randint(6, 17), rng.choice((5, 10, 25, 40, 55)),
                         tzinfo=zone_of("WIB"))
        plans.append(ArticlePlan(index=0, published_utc=local.astimezone(timezone.utc), zone="WIB",
                                 region=REGIONS[0], section_slug=slug_by_name[section],
                                 fixed_headline=headline, fixed_url_path=url_path))
    return plans


def _random_moment(rng: random.Random, latest: datetime) -> datetime:
    span = int((latest - RANGE_START).total_seconds())
    moment = RANGE_START + timedelta(seconds=rng.randrange(span))
    return moment.replace(second=0, minute=moment.minute - moment.minute % 5)


def plan_articles(rng: random.Random, article_count: int) -> list[ArticlePlan]:
    """Plans for the generated articles, the seed's companions and the defective pages, newest first."""
    sections = [slug for slug, _ in content.SECTIONS]
    plans: list[ArticlePlan] = []
    for position in range(article_count):
        if position < len(HOME_AGES):
            age = HOME_AGES[position]
            if age is None:
                wib_now = SITE_NOW.astimezone(zone_of("WIB"))
                kemarin = (wib_now - timedelta(days=1)).replace(hour=KEMARIN_CLOCK[0], minute=KEMARIN_CLOCK[1])
                published = kemarin.astimezone(timezone.utc)
            else:
                published = SITE_NOW - timedelta(seconds=age)
        else:
            published = _random_moment(rng, SITE_NOW - timedelta(days=9))
        plan = ArticlePlan(index=position, published_utc=published, zone="WIB", region=REGIONS[0],
                           section_slug=rng.choices(sections, weights=content.SECTION_WEIGHTS)[0],
                           home_age=age if position < len(HOME_AGES) else None,
                           is_kemarin=position < len(HOME_AGES) and HOME_AGES[position] is None)
        plans.append(plan)
    plans.extend(_companion_plans(rng))
    defective_count = max(1, article_count // 200)
    for reason in ("missing headline", "missing date"):
        for _ in range(defective_count):
            plans.append(ArticlePlan(index=0, published_utc=_random_moment(rng, SITE_NOW - timedelta(days=9)),
                                     zone="WIB", region=REGIONS[0],
                                     section_slug=rng.choice(sections), quarantine_reason=reason))
    _deal_features(rng, plans)
    for plan in plans:
        plan.paragraph_count = rng.randint(8, 12) if "two_page" in plan.flags else rng.randint(4, 12)
        plan.story = content.compose_story(rng, plan.region, plan.section_slug, plan.paragraph_count,
                                           format_short_dm(plan.local))
        if plan.fixed_headline:
            plan.story.headline = plan.fixed_headline
    plans.sort(key=lambda plan: plan.published_utc, reverse=True)
    for number, plan in enumerate(plans):
        plan.index = number
    return plans


def _deal_features(rng: random.Random, plans: list[ArticlePlan]) -> None:
    total = len(plans)
    for kind, options in CHOICES.items():
        for plan, option in zip(plans, _deal_choices(rng, total, options)):
            plan.choice[kind] = option
    for plan in plans:
        plan.zone = plan.choice["zone"]
        if not plan.fixed_url_path:
            plan.region = _region_for_zone(rng, plan.zone)
        else:
            plan.zone = plan.choice["zone"] = "WIB"
    # Home-page cards keep their exact ages, and path-fixed companions their day.
    movable = [plan for plan in plans if plan.home_age is None and not plan.is_kemarin
               and not plan.fixed_url_path]
    for name, share in PROPORTIONS.items():
        pool = movable if name == "midnight" else plans
        for plan in rng.sample(pool, min(len(pool), _exact_count(total, share))):
            plan.flags.add(name)
    _move_to_midnight(rng, [plan for plan in plans if "midnight" in plan.flags])
    february_november = [plan for plan in plans if plan.local.month in (2, 11)]
    if february_november:
        for plan in rng.sample(february_november, max(1, math.floor(len(february_november)
                                                                     * OLD_SPELLING_SHARE_OF_FEB_NOV))):
            plan.flags.add("old_month_spelling")


def _move_to_midnight(rng: random.Random, plans: list[ArticlePlan]) -> None:
    """Local times just after midnight: the UTC instant falls on the previous day,
    and for every third one (moved to the 1st) in the previous month."""
    for number, plan in enumerate(plans):
        local = plan.local
        if number % 3 == 0:
            local = local.replace(day=1)
        local = local.replace(hour=0, minute=rng.choice((5, 10, 15, 30, 45)))
        plan.published_utc = local.astimezone(timezone.utc)
