"""Indonesian typo correction, precision first.

Only lowercase ASCII words of four letters or more that the lexicon
(:mod:`govnews.cleaning.lexicon`: wordfreq + Sastrawi roots + affix
morphology) does not list are looked at.  Capitalised words (names, sentence
starts), acronyms, tokens with digits, URLs, e-mail addresses, English words
and words common across the crawl (:class:`CorpusFrequency`) are never
changed.  An unlisted word is corrected only on strong evidence:

* the candidates are the known words one edit away (deletion, insertion,
  substitution, transposition); words of nine letters or more with none get
  the listed words two edits away with the same first letter (rapidfuzz
  OSA distance);
* the best must be frequent enough for the word's length (a short unknown
  word is more likely a valid word the lexicon lacks, ``hibrid``, ``renja``,
  than a typo: :func:`min_frequency`) and 10x more frequent than any listed
  rival; five-letter words need a lone listed neighbour; a long word with a
  single known neighbour takes it;
* right after a closing quote, a lone attribution verb among the candidates
  wins (``," imbunya.`` -> ``imbuhnya``): reporters put one there;
* a word only the affix rules accept (``anggaraan`` = anggara + -an) is taken
  as a word, unless it is a doubled letter away from a far more frequent
  listed word (key stutter: ``anggaraan`` -> ``anggaran``).

A curated list (``data/typos_curated.tsv``) adds frequent non-standard
spellings that wordfreq lists as words (``kementrian`` -> ``kementerian``),
in lowercase or Title case.  An unlisted word without one confident
correction becomes a warning, never a change.

Every candidate carries a confidence (:data:`APPLY` and up changes the
text; below it, the candidate is a :class:`Suggestion` and the text keeps the
word).  A correction into a form only the affix rules accept, or one that
misses the frequency margin, is only ever suggested.  A word the text vouches
for (:mod:`govnews.cleaning.typo_context`: abbreviations, names, colloquial
``-in`` forms) is left alone; a correct listed word is never changed, save
the non-standard spellings the curated list and
:func:`~govnews.cleaning.typo_context.spelling_variants` name.

``mode``: ``fix`` applies confident corrections and suggests the rest,
``suggest`` applies none and suggests all.

Rules: ``typo`` (edit-distance correction), ``typo_curated`` (curated list).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import process
from rapidfuzz.distance import OSA

from govnews.cleaning.fixes import Cleaned, Fix, Suggestion
from govnews.cleaning.lexicon import Lexicon, lexicon
from govnews.cleaning.lexicon import stems as _stems
from govnews.cleaning.noise import apply_fixes
from govnews.cleaning.typo_candidates import edits1, first_letter_edits, listed_by_shape, two_edit_pool
from govnews.cleaning.typo_context import ABBREVIATIONS, is_colloquial, spelling_variants, vouched_words

_WORD = re.compile(r"[A-Za-z]+")
# Lowercase ASCII words not glued to other letters, digits or underscores.
_LOWER_WORD = re.compile(r"(?<!\w)[a-z]{4,}(?!\w)")
# Tokens that are codes, numbers, addresses or foreign script, not words;
# punctuation (quotes, dashes, the ellipsis, guillemets) does not count.
_SKIP_TOKEN = re.compile(r"[0-9@_]|://|^www\.|[A-Za-z]\.[A-Za-z]|[^\x00-\x7f\u2010-\u2027\u00ab\u00bb]")
_AFTER_QUOTE = re.compile(r"[\"”'’][ \u00a0]*\Z")
MIN_LENGTH = 6
# A long unknown word with a single known neighbour is that word mistyped.
UNIQUE_LENGTH = 8
# A form only the affix rules accept (``anggaraan`` = anggara + -an) yields to
# a listed neighbour this much more frequent (Zipf: 100x) and this common.
PARSED_MARGIN = 2.0
PARSED_MIN = 4.0
# Two edits are tried on long words only, for a lone listed word this common.
ED2_LENGTH = 9
ED2_MIN = 3.5
MARGIN = 1.0
# Confidence at or above which a correction changes the text.
APPLY = 0.9
CONFIDENT = 0.95  # listed word, frequency margin met / curated spelling
SURE = 0.9  # lone neighbour, key stutter, derived spelling variant
PARSE_ONLY = 0.6  # the correction is a form only the affix rules accept
WEAK = 0.4  # a best candidate without the margin
MODES = ("fix", "suggest", "off")
_ATTRIBUTION_ROOTS = (
    "kata", "ujar", "tutur", "imbuh", "tambah", "jelas", "ungkap", "sebut", "terang",
    "papar", "beber", "tegas", "pungkas", "tandas", "lanjut", "kilah", "akui", "ucap",
    "sambung", "tutup", "harap", "pesan", "ajak", "pinta", "katakan",
)
ATTRIBUTION = frozenset(root + "nya" for root in _ATTRIBUTION_ROOTS)
ATTRIBUTION_ZIPF = 4.5


def min_frequency(length: int) -> float:
    """The Zipf frequency a correction needs, by length of the unknown word.

    >>> [min_frequency(n) for n in (5, 6, 7, 8, 9, 14)]
    [4.5, 4.0, 3.5, 3.5, 3.0, 3.0]
    """
    if length <= 5:
        return 4.5
    if length <= 6:
        return 4.0
    if length <= 8:
        return 3.5
    return 3.0


def _load_curated() -> dict[str, str]:
    text = files("govnews.cleaning").joinpath("data", "typos_curated.tsv").read_text("utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {wrong.strip(): right.strip() for wrong, right in pairs}


CURATED = _load_curated()
# Curated spellings in lowercase or Title case (sentence starts, ministry
# names: "Kementrian Dalam Negeri"); never in CAPITALS, which may be a code.
_CURATED_WORD = re.compile(
    r"(?<!\w)(?:" + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in sorted(CURATED)) + r")(?!\w)"
)

# What a _CURATED_WORD match can be.  Curated words are lowercase ASCII
# letters (tests check it) and a match has no word character on either side,
# so it is a whole run that _WORD finds: one findall and a set test say
# whether the regex (an alternation tried at every position) can match.
_CURATED_FORMS = frozenset(CURATED) | {w[0].upper() + w[1:] for w in CURATED}


class CorpusFrequency:
    """Document frequencies of lowercase words across a crawl.

    The crawl calls :meth:`observe` once per article; a word that many
    articles use is a word of the domain (a regional name, a new coinage), not
    a typo, so :func:`correct_typos` leaves it alone however unknown it is.

    >>> corpus = CorpusFrequency(min_documents=2)
    >>> for text in ("renstra disusun", "renstra dibahas", "kordinasi"):
    ...     corpus.observe(text)
    >>> corpus.is_common("renstra"), corpus.is_common("kordinasi"), corpus.documents
    (True, False, 3)
    """

    def __init__(self, min_documents: int = 5) -> None:
        self.min_documents = min_documents
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def observe(self, text: str) -> None:
        self.documents += 1
        self.counts.update(self._words(text))

    @staticmethod
    def _words(text: str) -> set[str]:
        return {w for w in _WORD.findall(text) if w.islower()}

    def document_count(self, word: str) -> int:
        return self.counts[word]

    def is_common(self, word: str) -> bool:
        return self.counts[word] >= self.min_documents


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one unknown word: a candidate, how sure, or a warning."""

    correction: str | None = None
    confidence: float = 0.0
    warning: str | None = None


_NOTHING = Decision()


# Small on purpose: real text keeps bringing new unknown words, so a memo
# sized for every word of a crawl (100,000 before) only grew (~55 MB with
# is_word's) while hitting 2 % of lookups on the realistic benchmark site.
@lru_cache(maxsize=10_000)
def _decide(word: str, after_quote: bool) -> Decision:
    """The decision for one lowercase word; memoised per process (recent words only)."""
    lex = lexicon()
    if lex.is_listed(word) or lex.is_english(word):
        return _NOTHING
    if lex.is_word(word):
        return _decide_parsed(lex, word, after_quote)
    if is_colloquial(lex, word):
        return _NOTHING
    if len(word) < MIN_LENGTH - 1:
        return Decision(warning=f"unknown word {word!r}: too short to correct")
    candidates = _candidates(lex, word)
    if len(word) < MIN_LENGTH:
        # Five letters have many neighbours: only a lone, common listed one.
        listed = [c for c in candidates if lex.is_listed(c)]
        if len(listed) == 1 and candidates[listed[0]] >= min_frequency(len(word)):
            return Decision(listed[0], SURE)
        return Decision(warning=f"unknown word {word!r}: too short to correct")
    if not candidates and len(word) >= ED2_LENGTH:
        return _decide_two_edits(lex, word)
    if not candidates:
        return Decision(warning=f"unknown word {word!r}: no candidate")
    if after_quote:
        verbs = [c for c in candidates if c in ATTRIBUTION]
        if len(verbs) == 1:
            return Decision(verbs[0], CONFIDENT)
    # Ties broken by the word itself: candidate sets iterate in hash order,
    # which changes from process to process, and the output must not.
    ranked = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))
    best, score = ranked[0]
    # A correction into a form only the affix rules accept is a guess
    # (mengutaran -> mengularan): suggested, never made.
    # So is one only a dictionary knows (no wordfreq count): implantasi for
    # implentasi, two edits from the common implementasi.
    sure = CONFIDENT if best in lex.zipf or best in ATTRIBUTION else PARSE_ONLY
    if len(ranked) == 1 and score >= 2.0:
        if len(word) >= UNIQUE_LENGTH or (len(word) == UNIQUE_LENGTH - 1 and lex.is_listed(best)):
            return Decision(best, min(sure, SURE))
    # A rival only the affix rules accept counts less than a listed one.
    runner_up = max((f if lex.is_listed(c) or c in ATTRIBUTION else f - 1.0 for c, f in ranked[1:]), default=0.0)
    if score < min_frequency(len(word)) or score - runner_up < MARGIN:
        names = ", ".join(c for c, _ in ranked[:3])
        return Decision(best, WEAK, f"unknown word {word!r}: no confident correction (candidates: {names})")
    return Decision(best, sure)


def warm() -> None:
    """Build every table the typo rule uses (about a second, once per process),
    so no article pays for it and timings measure the rule alone."""
    lex = lexicon()
    _fine_words(lex)
    _listed_words(lex)
    spelling_variants(lex)
    listed_by_shape()


def _decide_two_edits(lex: Lexicon, word: str) -> Decision:
    """Long words only: one listed word within two edits, common enough."""
    matches = process.extract(word, two_edit_pool(len(word), word[0]), scorer=OSA.distance, score_cutoff=2, limit=None)
    found = [m[0] for m in matches]
    if len(found) == 1 and lex.zipf.get(found[0], 0.0) >= ED2_MIN:
        return Decision(found[0], SURE)
    if found:
        return Decision(found[0], WEAK, f"unknown word {word!r}: no confident correction (candidates: {', '.join(found[:3])})")
    return Decision(warning=f"unknown word {word!r}: no candidate")


def _decide_parsed(lex: Lexicon, word: str, after_quote: bool) -> Decision:
    """A word only the affix rules accept (``anggaraan`` = anggara + -an).

    Two typos hide as such words: a mistyped attribution verb after a quote,
    and a doubled letter (key stutter) next to a far more frequent listed
    word.  Anything else parsable is taken as a real word and left alone.
    """
    if word in ATTRIBUTION:
        return _NOTHING
    if after_quote:
        verbs = [c for c in edits1(word) if c in ATTRIBUTION]
        if len(verbs) == 1:
            return Decision(verbs[0], CONFIDENT)
    # meng-/peng- before a g- root doubles the g by rule (menggenang <-
    # genang): that is assimilation, not a key stutter.
    assimilated = word[:5] in ("mengg", "pengg") and word[4:] in lex.roots
    undoubled = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    listed = [(lex.zipf[c], c) for c in undoubled if c in lex.zipf]
    if len(listed) != 1 or len(word) < MIN_LENGTH + 2:
        return _NOTHING
    score, best = listed[0]
    if score >= PARSED_MIN and score - lex.frequency(word) >= PARSED_MARGIN:
        return Decision(best, WEAK if assimilated or _root_parse(lex, word) else SURE)
    return _NOTHING


def _root_parse(lex: Lexicon, word: str) -> bool:
    """The word parses onto a dictionary root through a prefix (a real
    derived word: menggenang <- genang), not just onto a listed word."""
    return any(stem in lex.roots and len(stem) >= 4 and not word.startswith(stem) for stem in _stems(word))


def _score(lex: Lexicon, candidate: str) -> float:
    # Attribution verbs are far more common in news than in wordfreq's mixed
    # sources (ujarnya 3.7, imbuhnya unlisted): as rivals they must count.
    if candidate in ATTRIBUTION:
        return max(lex.frequency(candidate), ATTRIBUTION_ZIPF)
    return lex.frequency(candidate)


def _candidates(lex: Lexicon, word: str) -> dict[str, float]:
    """Listed words one edit away, with their scores: set lookups only.

    Forms only the affix rules accept are candidates only when no listed
    word is, and only first-letter slips (then they name the warning and a
    suggestion, never a change): as
    rivals they changed no decision on the injected-typo or real-text
    evaluations (measured: 0.998 precision either way, recall 0.812 -> 0.820)
    while the parse of every edit costs 10-50 ms per unknown word.
    """
    edits = edits1(word)
    listed = {c: _score(lex, c) for c in edits & _listed_words(lex)}  # one C-level intersection
    if listed:
        return listed
    # A slip of the first letter can hide a prefix (demora for memora): the
    # affix parse runs on those edits only, a handful, not on every edit.
    slips = {c for c in first_letter_edits(word) if c in edits}
    return {c: _score(lex, c) for c in slips if c[:2] in _PREFIX_STARTS and lex.is_word(c)}


_PREFIX_STARTS = frozenset(("di", "ke", "se", "te", "be", "pe", "me"))


@lru_cache(maxsize=1)
def _listed_words(lex: Lexicon) -> frozenset[str]:
    """Words a one-edit candidate must be: listed, or an attribution verb."""
    return frozenset(lex.zipf).union(lex.roots, ATTRIBUTION)


def _match_case(original: str, correction: str) -> str:
    return correction.capitalize() if original[:1].isupper() else correction


def correct_typos(
    text: str,
    *,
    corpus: CorpusFrequency | None = None,
    mode: str = "fix",
    vouched: frozenset[str] = frozenset(),
) -> Cleaned:
    """Correct confident typos; record every change, warn about the rest.

    >>> r = correct_typos('hadir," imbunya. Maksud dari penyelenggraan rapat')
    >>> r.text
    'hadir," imbuhnya. Maksud dari penyelenggaraan rapat'
    >>> [(f.rule, f.before, f.after) for f in r.fixes]
    [('typo', 'imbunya', 'imbuhnya'), ('typo', 'penyelenggraan', 'penyelenggaraan')]
    >>> correct_typos("Rakortekrenbang di Pangkep secara hibrid, lihat www.gonews.co").fixes
    ()
    """
    lex = lexicon()
    fixes = [
        Fix("typo_curated", m.group(), _match_case(m.group(), CURATED[m.group().lower()]), m.start())
        for m in (_CURATED_WORD.finditer(text) if not _CURATED_FORMS.isdisjoint(_WORD.findall(text)) else ())
    ]
    suggestions: list[Suggestion] = []
    warnings: list[str] = []
    fine = _fine_words(lex)
    variants = spelling_variants(lex)
    in_text: frozenset[str] | None = None
    # Most words are listed: one findall and one set lookup each, and a second
    # pass, with positions and the costlier token checks, only for text that
    # has a word that is not.
    matches = _LOWER_WORD.finditer(text) if not fine.issuperset(_LOWER_WORD.findall(text)) else ()
    for match in matches:
        word = match.group()
        if word in fine:
            continue
        start = match.start()
        if _SKIP_TOKEN.search(_token_at(text, start, match.end())):
            continue
        if corpus is not None and corpus.is_common(word):
            continue
        if word in variants:
            fixes.append(Fix("typo", word, variants[word], start))
            continue
        if in_text is None:
            in_text = vouched_words(text)
        if word in ABBREVIATIONS or word in in_text or word in vouched:
            continue
        after_quote = _AFTER_QUOTE.search(text, max(0, start - 3), start) is not None
        decision = _decide(word, after_quote)
        if decision.correction is not None and decision.confidence >= APPLY:
            fixes.append(Fix("typo", word, decision.correction, start))
        elif decision.correction is not None:
            suggestions.append(Suggestion(word, decision.correction, decision.confidence, start))
        if decision.warning is not None:
            warnings.append(decision.warning)
    if mode == "suggest":
        suggestions.extend(Suggestion(f.before, f.after, CONFIDENT, f.start) for f in fixes)
        fixes = []
    suggestions.sort(key=lambda g: g.start or 0)
    fixes.sort(key=lambda f: f.start or 0)
    applied = apply_fixes(text, fixes)
    return Cleaned(applied.text, applied.fixes, tuple(warnings), tuple(suggestions))


@lru_cache(maxsize=1)
def _fine_words(lex: Lexicon) -> frozenset[str]:
    """Words never looked at: listed in wordfreq or Sastrawi, or curated (the
    curated rule has them).  One set, so a word costs one lookup, not three."""
    return frozenset(lex.zipf).union(lex.roots, CURATED).difference(spelling_variants(lex))


def _token_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around text[start:end]."""
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return text[left:right]
