"""An article's body by content heuristics over the DOM, for any news page.

One walk of the document cuts its text into paragraphs (a block element, or a
run of text between ``<br>``s), pruning what is never body (scripts, embedded
posts, share bars, related-link boxes, ads, captions: see ``boilerplate``).
Each paragraph that reads like prose credits the element holding it and, by
half, that element's parent; the best-credited element, penalised by the share
of its text that is links, is the article container. A second walk of the
container alone gives the paragraphs, from which boilerplate lines, the
dateline and the sign-off are taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from govnews.extraction import boilerplate
from govnews.extraction.dateline import is_dashless_dateline, split_dateline, split_trailer
from govnews.extraction.tree import Page, root_of


@dataclass(frozen=True)
class Body:
    """The story's paragraphs, dateline and sign-off kept apart."""

    paragraphs: list[str]
    dateline: str | None
    trailer: str | None
    image_caption: str | None
    warnings: list[str]


# Text in these belongs to the paragraph of the nearest block around them.
_INLINE = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "span", "small", "big", "sup", "sub", "font",
        "mark", "abbr", "cite", "q", "s", "strike", "time", "label", "code", "tt", "var",
        "dfn", "bdi", "bdo", "wbr", "del", "ins_text",
    }
)  # fmt: skip
_BOLD = frozenset({"b", "strong"})
# A paragraph held by one of these credits the element around it; text sitting
# directly in any other block (a <div> with <br>s) credits that block itself.
_PARAGRAPH_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"})
_CAPTION = re.compile(r"caption|pic|photo|foto", re.I)
_CAPTION_TAGS = frozenset({"figcaption", "figure"})
_BODY = etree.XPath("//body")
_CAPTION_TEXT = etree.XPath(".//text()[not(parent::script or parent::style)]")

MIN_PROSE_CHARS = 25
MAX_LINK_DENSITY = 0.5
SIBLING_PROSE_CHARS = 80
# A story is told in <p>s when this share of its prose paragraphs are <p>s.
P_STORY_SHARE = 0.6
MAX_SIGN_OFF_CHARS = 40


@dataclass
class _Paragraph:
    text: str
    link_chars: int
    bold_chars: int
    lead_bold: str
    owner: etree._Element
    owner_tag: str

    @property
    def link_density(self) -> float:
        return self.link_chars / max(_visible(self.text), 1)

    @property
    def all_bold(self) -> bool:
        return self.bold_chars >= _visible(self.text) * 0.9


def _visible(text: str) -> int:
    return len("".join(text.split()))


@lru_cache(maxsize=4096)
def _role(tag: str, names: str) -> tuple[bool, bool]:
    """Whether an element with this tag and class/id is skipped, and whether it is a caption."""
    if tag in boilerplate.SKIPPED_TAGS or boilerplate.is_embedded_post(names):
        return True, tag in _CAPTION_TAGS
    if names.strip() and boilerplate.is_boilerplate_element(names):
        return True, bool(_CAPTION.search(names))
    return False, False


@dataclass
class _Walker:
    """Cuts a subtree into paragraphs in one recursive pass."""

    paragraphs: list[_Paragraph] = field(default_factory=list)
    captions: list[tuple[etree._Element, str]] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _has_text: bool = False
    _link_chars: int = 0
    _bold_chars: int = 0
    _lead_bold: str = ""
    _links: int = 0
    _bolds: int = 0
    _owners: list[etree._Element] = field(default_factory=list)

    def walk(self, element: etree._Element) -> None:
        self._owners.append(element)
        self._children(element)
        self._flush()

    def _add(self, text: str | None) -> None:
        if not text:
            return
        self._parts.append(text)
        if not (self._links or self._bolds):
            self._has_text = self._has_text or not text.isspace()
            return
        visible = _visible(text)
        if self._bolds:
            if not self._has_text:
                self._lead_bold += text
            self._bold_chars += visible
        if self._links:
            self._link_chars += visible
        self._has_text = self._has_text or visible > 0

    def _flush(self) -> None:
        if not self._parts:
            return  # nothing since the last flush: every counter is still at zero
        if self._has_text:
            text = " ".join("".join(self._parts).split())
            owner = self._owners[-1]
            lead_bold = " ".join(self._lead_bold.split())
            self.paragraphs.append(_Paragraph(text, self._link_chars, self._bold_chars, lead_bold, owner, owner.tag))
        self._parts, self._has_text, self._link_chars, self._bold_chars, self._lead_bold = [], False, 0, 0, ""

    def _children(self, element: etree._Element) -> None:
        # Called for every element walked, so the common cases are decided here,
        # without a call: empty texts and tails, elements with no attributes.
        add, flush, owners = self._add, self._flush, self._owners
        if text := element.text:
            add(text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str):
                names = child.keys()
                if (names or tag in boilerplate.SKIPPED_TAGS) and self._skipped(child, tag, names):
                    pass
                elif tag in _INLINE:
                    link, bold = tag == "a", tag in _BOLD
                    self._links += link
                    self._bolds += bold
                    self._children(child)
                    self._links -= link
                    self._bolds -= bold
                elif tag == "br":
                    flush()
                else:
                    flush()
                    owners.append(child)
                    self._children(child)
                    flush()
                    owners.pop()
            if tail := child.tail:
                add(tail)

    def _skipped(self, element: etree._Element, tag: str, names: list[str]) -> bool:
        """Whether the element is left out (its role, or hidden); a caption's text is kept apart."""
        if not names:
            skipped, caption = tag in boilerplate.SKIPPED_TAGS, tag in _CAPTION_TAGS
        else:
            # element.get, not element.attrib: the attrib proxy would be an object made per element.
            get = element.get
            skipped, caption = _role(tag, f"{get('class', '')} {get('id', '')}")
        if skipped:
            if caption:
                self._caption(element)
            return True
        return bool(names) and ("hidden" in names or "display:none" in element.get("style", "").replace(" ", ""))

    def _caption(self, element: etree._Element) -> None:
        words = " ".join(_CAPTION_TEXT(element)).split()
        if words:
            self.captions.append((element, " ".join(words)))


def _is_prose(paragraph: _Paragraph) -> bool:
    return (
        paragraph.owner_tag != "h1"
        and len(paragraph.text) >= MIN_PROSE_CHARS
        and not boilerplate.is_date_stamp(paragraph.text)
        and paragraph.link_density < 0.33
        and not boilerplate.is_boilerplate_text(paragraph.text)
    )


def _container(walker: _Walker) -> etree._Element | None:
    """The element holding the most prose (``None`` when nothing reads as prose)."""
    scores: dict[etree._Element, float] = {}
    direct: dict[etree._Element, list[_Paragraph]] = {}
    for paragraph in walker.paragraphs:
        if not _is_prose(paragraph):
            continue
        owner = paragraph.owner
        holder = owner.getparent() if paragraph.owner_tag in _PARAGRAPH_TAGS else owner
        if holder is None:
            holder = owner
        score = 1 + paragraph.text.count(",") + min(len(paragraph.text) / 100, 3)
        scores[holder] = scores.get(holder, 0) + score
        direct.setdefault(holder, []).append(paragraph)
        parent = holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score / 2
    if not scores:
        return None
    return _with_split_parts(max(scores, key=scores.__getitem__), direct)


def _with_split_parts(best: etree._Element, direct: dict[etree._Element, list[_Paragraph]]) -> etree._Element:
    """The container's parent when the story continues beside the container.

    A story split over sibling blocks (one <div> per paragraph, or an opening
    paragraph printed before the block with the rest) credits each block
    apart; any sizeable prose in the parent or a sibling means the parent
    holds the story.
    """
    parent = best.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return best
    for holder in (parent, *parent):
        if holder is not best and any(len(p.text) >= SIBLING_PROSE_CHARS for p in direct.get(holder, [])):
            return parent
    return best


def _clean(paragraphs: list[_Paragraph], headline: str | None) -> tuple[list[_Paragraph], list[_Paragraph]]:
    """The story's paragraphs without boilerplate lines, and what follows the
    first line that closes the story (credits, syndication notes)."""
    kept: list[_Paragraph] = []
    for number, paragraph in enumerate(paragraphs):
        text = paragraph.text
        # The <h1> is the headline, whether or not the caller knows it.
        if (headline and text == headline) or paragraph.owner_tag == "h1" or not boilerplate.has_words(text):
            continue
        if boilerplate.ends_body(text) and any(map(_is_prose, kept)):
            # A closing line ends the story unless prose follows it (a
            # "Berita Terkait" box in the middle of the story).
            if not any(_is_prose(p) and p.link_density < 0.1 for p in paragraphs[number + 1 :]):
                return _from_story_start(_without_pull_quotes(kept)), paragraphs[number:]
        if (
            boilerplate.is_boilerplate_text(text)
            or paragraph.link_density > MAX_LINK_DENSITY
            or boilerplate.is_date_stamp(text)
        ):
            continue
        kept.append(paragraph)
    return _from_story_start(_without_pull_quotes(kept)), []


def _without_pull_quotes(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Without block quotes that repeat a sentence of the story (pull quotes)."""
    others = [p.text for p in paragraphs if p.owner_tag != "blockquote"]
    return [
        p
        for p in paragraphs
        if p.owner_tag != "blockquote" or not any(p.text.strip(" .…\"'“”") in other for other in others)
    ]


def _from_story_start(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Without the bylines, dates, kickers and captions before the story.

    When the story is told in <p>s, what comes before its first <p> of prose
    is not story, except a dateline printed on its own (``<b>Jakarta</b> -``).
    Otherwise the short lines before the first prose are dropped.
    """
    prose = [p for p in paragraphs if _is_prose(p)]
    if not prose:
        return paragraphs
    if sum(p.owner_tag == "p" for p in prose) >= len(prose) * P_STORY_SHARE:
        # Links may be dense in an opening <p> (tagged names): length suffices.
        first = next(i for i, p in enumerate(paragraphs) if p.owner_tag == "p" and len(p.text) >= MIN_PROSE_CHARS)
    else:
        first = next(i for i, p in enumerate(paragraphs) if _is_prose(p) or _is_dateline_only(p.text))
    lead = [p for p in paragraphs[:first] if _is_dateline_only(p.text)][-1:]
    return [*lead, *paragraphs[first:]]


def _is_dateline_only(text: str) -> bool:
    dateline, rest = split_dateline(text + " X")
    return dateline is not None and rest == "X"


def _join_dateline(paragraphs: list[_Paragraph]) -> list[str]:
    """Texts, with a dateline printed apart from its paragraph joined to it."""
    texts = [p.text for p in paragraphs]
    if len(texts) >= 2 and _is_dateline_only(texts[0]):
        texts[:2] = [f"{texts[0]} {texts[1]}"]
    return texts


def _split_sign_off(texts: list[str], last_paragraph: _Paragraph) -> tuple[list[str], str | None]:
    """The texts without the sign-off that ends the last one or is the last one."""
    last = texts[-1]
    own = len(texts) >= 2 and len(last) <= MAX_SIGN_OFF_CHARS and (last_paragraph.all_bold or last.startswith("("))
    rest, trailer = split_trailer(last, own_paragraph=own)
    if trailer is None:
        return texts, None
    return ([*texts[:-1], rest] if rest else texts[:-1]), trailer


def extract_body(page: Page, *, headline: str | None = None) -> Body:
    """The story of a news page: its paragraphs, dateline and sign-off.

    The tree is not changed (the same tree serves the metadata).
    """
    root = root_of(page)
    body_roots = _BODY(root) if isinstance(root, etree._Element) else []
    walker = _Walker()
    walker.walk(body_roots[0] if body_roots else root)
    container = _container(walker)
    if container is None:
        return Body([], None, None, None, ["body: no paragraph of prose found"])
    inside = set(container.iter())
    captions = [text for element, text in walker.captions if element in inside]
    headline = " ".join(headline.split()) if headline else None
    paragraphs, after_story = _clean([p for p in walker.paragraphs if p.owner in inside], headline)
    if not paragraphs:
        return Body([], None, None, captions[0] if captions else None, ["body: nothing left after boilerplate removal"])
    texts, trailer = _split_sign_off(_join_dateline(paragraphs), paragraphs[-1])
    if trailer is None and after_story:
        # The sign-off may close the page after a syndication note.
        rest, last = split_trailer(after_story[-1].text, own_paragraph=True)
        trailer = last if not rest and last and last.startswith("(") else None
    dateline, first = split_dateline(texts[0]) if texts else (None, "")
    if dateline is None and is_dashless_dateline(paragraphs[0].lead_bold):
        dateline, first = paragraphs[0].lead_bold, texts[0][len(paragraphs[0].lead_bold) :].lstrip()
    texts = [text for text in (first, *texts[1:]) if text]
    warnings = []
    if sum(_is_prose(p) for p in paragraphs) < 2:
        warnings.append("body: fewer than two paragraphs of prose")
    return Body(texts, dateline, trailer, captions[0] if captions else None, warnings)
