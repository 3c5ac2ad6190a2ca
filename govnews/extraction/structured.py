"""What a page says about itself in its head: JSON-LD, OpenGraph, ``article:*``,
parsely, Dublin Core and plain metas, ``<link rel=canonical>``.

Everything here is read, never trusted blindly: the headline is checked against
the visible ``<h1>``, dates are cross-checked with the stamp the page shows
(``govnews.extraction.dates``). Malformed JSON-LD is repaired where a browser's
lenient reading would be obvious (raw newlines, trailing commas) and recorded
as a warning; it never raises.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from govnews.extraction.tree import HeadTags, Page, head_tags, root_of

__all__ = ["ARTICLE_TYPES", "Structured", "json_ld_objects", "read_structured", "strip_site_name"]

ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report"}
)  # fmt: skip
_PAGE_TYPES = frozenset({"WebPage", "ItemPage"})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_HTML_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")

# Compiled once: a path string given to .xpath() is compiled again on every call.
_HTML_LANG = etree.XPath("/html/@lang | /html/@xml:lang")
_BODY_H1 = etree.XPath("//body//h1")
_H1_TEXT = etree.XPath(".//text()[not(ancestor::script)]")
_BODY_ELEMENTS = etree.XPath("//body//*")


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _load_json(block: str) -> tuple[Any, str | None]:
    """The block's JSON and, when it needed repair or failed, why.

    >>> _load_json('{"a": 1,}')
    ({'a': 1}, 'trailing comma removed')
    >>> _load_json('{"a": ')[0] is None
    True
    """
    text = _HTML_WRAPPER.sub("", block.strip())
    try:
        return json.loads(text), None
    except ValueError:
        pass
    try:
        return json.loads(text, strict=False), "control characters inside strings"
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False), "trailing comma removed"
    except ValueError as exc:
        return None, f"unreadable ({exc.msg} at line {exc.lineno} column {exc.colno})"


def json_ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top-level lists, ``@graph``, ``mainEntity``.

    >>> [o["@type"] for o in json_ld_objects([{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle"}]}])]
    ['WebPage', 'NewsArticle']
    """
    if isinstance(data, list):
        for entry in data:
            yield from json_ld_objects(entry)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for key in ("@graph", "mainEntity"):
            if isinstance(data.get(key), (list, dict)):
                yield from json_ld_objects(data[key])


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _names(value: Any) -> list[str]:
    """Names of a JSON-LD person/organisation/thing, a list of them, or a string."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        name = _clean(value.get("name"))
        return [name] if name else []
    name = _clean(value)
    return [name] if name else []


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return _clean(value)


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [k for v in value for k in _keywords(v)]
    text = _clean(value)
    return [k.strip() for k in text.split(",") if k.strip()] if text else []


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(value, None)
    return list(seen)


@dataclass(frozen=True)
class Structured:
    """What the head says, each value with where it came from (for cross-checks)."""

    headlines: list[tuple[str, str]]
    published: list[tuple[str, str]]
    modified: list[tuple[str, str]]
    canonical_url: str | None
    description: str | None
    authors: list[str]
    section: str | None
    breadcrumbs: list[str]
    tags: list[str]
    image_url: str | None
    structured_image: str | None
    site_name: str | None
    languages: list[str]
    warnings: list[str] = field(default_factory=list)
    article_types: list[str] = field(default_factory=list)


def _metas(tags: HeadTags) -> dict[str, list[str]]:
    """Every ``<meta>`` content under its lower-cased property/name/itemprop."""
    found: dict[str, list[str]] = {}
    for meta in tags.metas:
        content = _clean(meta.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(content)
    return found


def _parsely(metas: dict[str, list[str]], warnings: list[str]) -> dict[str, Any]:
    """parsely-page JSON merged with the separate parsely-* metas."""
    page: dict[str, Any] = {}
    if "parsely-page" in metas:
        data, problem = _load_json(metas["parsely-page"][0])
        if isinstance(data, dict):
            page.update(data)
        if problem:
            warnings.append(f"parsely-page JSON {problem}")
    for key in ("title", "link", "pub-date", "section", "author", "tags", "image-url"):
        if f"parsely-{key}" in metas:
            page.setdefault(key.replace("-", "_"), metas[f"parsely-{key}"][0])
    return page


def read_structured(page: Page, url: str) -> Structured:
    """Read every structured source of the page, in the order they are trusted."""
    root = root_of(page)
    head = head_tags(root)
    warnings: list[str] = []
    articles: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    crumbs: list[str] = []
    for index, block in enumerate(head.json_ld):
        data, problem = _load_json(block)
        if problem:
            warnings.append(f"json-ld block {index} {problem}")
        for obj in json_ld_objects(data):
            kinds = _types(obj)
            if kinds & ARTICLE_TYPES:
                articles.append(obj)
            elif kinds & _PAGE_TYPES:
                pages.append(obj)
            if "BreadcrumbList" in kinds and not crumbs:
                items = obj.get("itemListElement") or []
                items = sorted((i for i in items if isinstance(i, dict)), key=lambda i: i.get("position") or 0)
                crumbs = [n for i in items for n in _names(i.get("item") if isinstance(i.get("item"), dict) else i)]
    metas = _metas(head)
    parsely = _parsely(metas, warnings)

    def meta(*keys: str) -> list[tuple[str, str]]:
        return [(k, v) for k in keys for v in metas.get(k, [])]

    ld = [(f"json-ld {'/'.join(sorted(_types(o)))}", o) for o in [*articles, *pages]]
    headlines = [(src, h) for src, o in ld[: len(articles) or 1] if (h := _clean(o.get("headline")))]
    headlines += meta("og:title", "twitter:title")
    if parsely.get("title"):
        headlines.append(("parsely", str(parsely["title"])))
    headlines += meta("dc.title", "dcterms.title", "title")
    title = _clean(" ".join(head.title_texts))
    if title:
        headlines.append(("title", title))

    published = [(src, d) for src, o in ld if (d := _clean(o.get("datePublished")))]
    published += meta("article:published_time", "og:article:published_time", "datepublished")
    if parsely.get("pub_date"):
        published.append(("parsely", str(parsely["pub_date"])))
    published += meta("dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "pubdate", "publishdate",
                      "date", "sailthru.date", "article.published", "published_time", "datecreated")  # fmt: skip
    for node in head.dated:
        if node.get("itemprop") == "datePublished" and (value := _clean(node.get("datetime"))):
            published.append(("itemprop datetime", value))
    modified = [(src, d) for src, o in ld if (d := _clean(o.get("dateModified")))]
    modified += meta("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")

    first = articles[0] if articles else {}
    authors = _names(first.get("author"))
    if not authors and parsely.get("author"):
        authors = _names(parsely["author"]) if not isinstance(parsely["author"], str) else [parsely["author"]]
    if not authors:
        authors = [v for _, v in meta("author", "dc.creator", "dcterms.creator", "article:author")
                   if not v.startswith(("http://", "https://"))]  # fmt: skip
    section = (
        _clean(first.get("articleSection") if not isinstance(first.get("articleSection"), list)
               else (first["articleSection"] or [None])[0])
        or next((v for _, v in meta("article:section")), None)
        or _clean(parsely.get("section"))
    )  # fmt: skip
    tags = _keywords(first.get("keywords")) or [v for _, v in meta("article:tag")]
    if not tags and parsely.get("tags"):
        tags = _keywords(parsely["tags"])
    if not tags:
        tags = next((_keywords(v) for _, v in meta("news_keywords", "keywords", "dc.subject")), [])

    ld_image = next((img for _, o in ld if (img := _image_url(o.get("image")))), None)
    og_image = next((v for _, v in meta("og:image", "og:image:url", "twitter:image")), None)
    image = og_image or ld_image or _clean(head.link_href("image_src"))

    canonical = _clean(head.link_href("canonical"))
    canonical = canonical or next((v for _, v in meta("og:url")), None) or _clean(parsely.get("link"))
    if canonical:
        canonical = urljoin(url, canonical)
        if urlsplit(canonical).scheme not in {"http", "https"}:
            canonical = None

    languages = [str(v) for v in _HTML_LANG(root) if v.strip()]
    languages += [v for _, v in meta("og:locale", "content-language", "language", "dc.language", "inlanguage")]
    languages += _names(first.get("inLanguage"))
    return Structured(
        headlines=[(src, h) for src, h in headlines if h],
        published=published,
        modified=modified,
        canonical_url=canonical,
        description=next((v for _, v in meta("description", "og:description", "twitter:description")), None),
        authors=_unique(authors),
        section=section,
        breadcrumbs=crumbs,
        tags=_unique(tags),
        image_url=urljoin(url, image) if image else None,
        structured_image=ld_image,
        site_name=next((v for _, v in meta("og:site_name", "application-name")), None)
        or next((n for o in articles for n in _names(o.get("publisher"))), None),
        languages=languages,
        warnings=warnings,
        article_types=sorted({kind for o in articles for kind in _types(o) & ARTICLE_TYPES}),
    )


_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·|•|/)\s+")
_SQUASH = re.compile(r"[^0-9a-z]+")


def _brand_tokens(url: str, site_name: str | None) -> set[str]:
    host = (urlsplit(url).hostname or "").lower()
    labels = [x for x in host.split(".") if x not in {"www", "m", "com", "co", "id", "net", "org", "or", "go", "ac"}]
    tokens = {x for x in labels if len(x) >= 4}
    if site_name:
        tokens.add(_SQUASH.sub("", site_name.lower()))
    return {t for t in tokens if t}


def _is_site_name(segment: str, brands: set[str]) -> bool:
    # A site name is short and is not a "Kicker: headline" segment.
    if ":" in segment.replace("::", "") or len(segment.split()) > 4:
        return False
    squashed = _SQUASH.sub("", segment.lower())
    return bool(squashed) and any(b in squashed or squashed in b for b in brands if len(squashed) >= 3)


def strip_site_name(title: str, url: str, site_name: str | None = None) -> str:
    """A title without the site name (and what follows it) at its end or start.

    >>> strip_site_name("Banjir Rob di Pekalongan - News Kabarkita.com", "https://news.kabarkita.com/x")
    'Banjir Rob di Pekalongan'
    >>> strip_site_name("Banjir Rob | Nasional | Warta.Co :: Portal Berita", "https://warta.co/x")
    'Banjir Rob | Nasional'
    >>> strip_site_name("Kabarkita: Banjir Rob - Warga Mengungsi", "https://kabarkita.com/x")
    'Kabarkita: Banjir Rob - Warga Mengungsi'

    A title that is only the site's name names no article:

    >>> strip_site_name("Kabarkita | Kabarkita", "https://kabarkita.com/x"), strip_site_name("Kabarkita", "https://kabarkita.com/")
    ('', '')
    """
    brands = _brand_tokens(url, site_name)
    parts = _SEPARATOR.split(title.strip())
    if all(_is_site_name(part, brands) for part in parts):
        return ""
    if len(parts) < 2:
        return title.strip()
    for index in range(len(parts) - 1, 0, -1):
        if _is_site_name(parts[index], brands):
            kept = parts[:index]
            break
    else:
        kept = parts[1:] if _is_site_name(parts[0], brands) else parts
    seps = _SEPARATOR.findall(title.strip())
    start = parts.index(kept[0])
    out = kept[0]
    for offset, part in enumerate(kept[1:], start=start):
        out += seps[offset] + part
    return out.strip()


_QUOTES = str.maketrans({"`": "'", "‘": "'", "’": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _overlap(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(_key(a))), set(_WORD.findall(_key(b)))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _shown_node(root: etree._Element, headline: str) -> etree._Element | None:
    """The element (outside links) whose own text is the headline, e.g. a ``<div class=title>``."""
    wanted = _key(headline)
    # Case folding makes a character at most three (U+0390), collapsing spaces only
    # shortens: a shorter text cannot have the headline's key (most texts are indentation).
    shortest = len(wanted) / 3
    for element in _BODY_ELEMENTS(root):
        # Cheap tests first: the ancestors are looked at only for the one that matches.
        text = element.text
        if (
            text
            and len(text) >= shortest
            and element.tag != "a"
            and _key(text) == wanted
            and not any(a.tag == "a" for a in element.iterancestors())
        ):
            return element
    return None


def choose_headline(structured: Structured, page: Page, url: str) -> tuple[str | None, Any]:
    """The headline as displayed, and its ``<h1>`` node when one shows it.

    The structured titles, without the site name, are checked against every
    visible ``<h1>``: an ``<h1>`` that says the same (or nearly, for an SEO
    title that differs by a word or two) is the headline readers see; a logo or
    section ``<h1>`` matches nothing, and the best structured title is used.
    """
    # The canonical host names the site too when the page was fetched from a copy.
    named_by = structured.canonical_url or url
    titles = [strip_site_name(text, named_by, structured.site_name) for _, text in structured.headlines]
    titles = [t for t in titles if t]
    root = root_of(page)
    h1s = [(node, _clean(" ".join(_H1_TEXT(node)))) for node in _BODY_H1(root)]
    shown = [(node, text) for node, text in h1s if text]
    for title in titles:
        for node, text in shown:
            if _key(text) == _key(title):
                return text, node
    best = max(((_overlap(text, t), node, text) for node, text in shown for t in titles[:3]),
               key=lambda c: c[0], default=None)  # fmt: skip
    if best is not None and best[0] >= 0.6 and len(best[2].split()) >= 3:
        return best[2], best[1]
    if titles:
        return titles[0], _shown_node(root, titles[0])
    return (shown[0][1], shown[0][0]) if shown else (None, None)


def page_language(languages: list[str]) -> str | None:
    """``id`` or ``en`` from the page's own declarations (first that is either).

    Templates ship ``<html lang="en">`` on Indonesian pages, so a content
    declaration (``content-language``, ``og:locale``) that says ``id`` wins over it.

    >>> page_language(["en", "In-Id"]), page_language(["en-US"]), page_language(["fr"])
    ('id', 'en', None)
    """
    codes = [re.split(r"[-_]", v.strip().lower())[-1 if v.lower().startswith("in-") else 0] for v in languages]
    codes = ["id" if c in {"id", "in", "ind", "indonesian"} else "en" if c in {"en", "eng", "english"} else c
             for c in codes]  # fmt: skip
    if "id" in codes[1:] and codes and codes[0] == "en":
        return "id"
    return next((c for c in codes if c in {"id", "en"}), None)
