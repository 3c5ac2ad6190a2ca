"""The Indonesian lexicon the typo rule checks words against.

Sources, both installed by ``pip install -e .`` (see pyproject.toml):

* **wordfreq** (PyPI ``wordfreq``; code Apache-2.0, data CC-BY-SA 4.0): the
  Indonesian ``id`` word list, about 31,000 words with their frequencies
  (Zipf scale, 3.0 = once per million words and up), gathered from subtitles,
  Wikipedia, news and web text.  Its English ``en`` list tells English words
  apart, since news quotes them (``online``, ``major project``).
* **PySastrawi** (PyPI ``PySastrawi``, MIT): ``kata-dasar.txt``, about
  30,000 root words of the KBBI dictionary, the stems the Sastrawi stemmer uses.
* **hunspell-id** (Debian ``hunspell-id``, LGPL; ``scripts/setup.sh``
  installs it where it can): the stems of ``/usr/share/hunspell/id_ID.dic``
  join the roots (about 770 that Sastrawi lacks).  Optional: without it the
  lexicon is smaller and the typo rule leaves more words as warnings, never
  makes more changes.

wordfreq knows which words are *common*, Sastrawi which roots are *standard*;
neither lists every affixed form (``imbuhnya``, ``pencairannya``,
``mensinkronkan``), so :meth:`Lexicon.is_word` also accepts a word that
:func:`stems` reduces to a known root.  Everything is loaded once per process
(:func:`lexicon`) and per-word answers are memoised.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from wordfreq import get_frequency_dict

_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_DERIVATIONAL = ("kan", "an", "i")
# Productive noun/adjective suffixes on a base word: -itas (kreativitas <-
# kreatif is curated; formalitas <- formal), -isme, -is, -wan/-wati, -isasi.
_NOMINAL = ("itas", "isme", "isasi", "wati", "wan", "is")
HUNSPELL_DIC = Path("/usr/share/hunspell/id_ID.dic")
_VOWELS = frozenset("aeiou")
_MIN_STEM = 3


def _strip_suffixes(word: str) -> set[str]:
    """The word without any of its possible suffix layers (and with them).

    >>> sorted(_strip_suffixes("pencairannya"))
    ['pencair', 'pencairan', 'pencairannya']
    """
    forms = {word}
    for group in (_PARTICLES, _POSSESSIVES, _DERIVATIONAL, _NOMINAL):
        for form in list(forms):
            for suffix in group:
                if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_STEM:
                    forms.add(form[: -len(suffix)])
    return forms


_INNER = ("per", "ber", "ter", "ke")


def _strip_inner_prefix(word: str) -> set[str]:
    """Bases left by a second, inner prefix: only these follow another one
    (memper-, diper-, pember-, keber-, keter-, berke-); ``ke-se-jahar-an``
    is not a word.

    >>> sorted(_strip_inner_prefix("perkuat")), _strip_inner_prefix("sejahar")
    (['kuat', 'rkuat'], set())
    """
    bases = {word[len(p) :] for p in _INNER if word.startswith(p)}
    if word[:2] in ("be", "te", "pe") and word[2:3] == "r":
        bases.add(word[2:])
    return {b for b in bases if len(b) >= _MIN_STEM}


def _strip_prefix(word: str) -> set[str]:
    """Bases left by one prefix, undoing nasal assimilation of me(N)-/pe(N)-.

    >>> sorted(_strip_prefix("menyampaikan"))
    ['nyampaikan', 'sampaikan']
    >>> "tulis" in _strip_prefix("menulis"), "pakai" in _strip_prefix("memakai")
    (True, True)
    """
    bases: set[str] = set()
    w = word
    for prefix in ("di", "ke", "se", "ter", "ber", "per"):
        if w.startswith(prefix):
            bases.add(w[len(prefix) :])
    if w[:2] in ("be", "te", "pe") and w[2:3] == "r":
        bases.add(w[2:])  # be-/te-/pe- before r: berencana <- rencana
    if w.startswith("be") and w[3:5] == "er":
        bases.add(w[2:])  # bekerja, beserta, beternak
    for nasal in ("me", "pe"):
        if not w.startswith(nasal):
            continue
        rest = w[2:]
        # Assimilation follows the root's first sound; a wrong pairing
        # (me-bahas, men-atasi) is not a word, so only the right ones parse.
        if rest[:1] in ("l", "r", "w", "y") or rest.startswith(("ny", "ng")):
            bases.add(rest)  # melihat, merasa, menyanyi
        if rest.startswith("nge"):
            bases.add(rest[3:])  # menge-: monosyllabic roots (mengebom)
        if rest.startswith("ng") and rest[2:3] in _VOWELS | {"g", "h", "k"}:
            bases.add(rest[2:])  # meng- + vowel, g, h, kh (mengkaji: loans)
            if rest[2:3] in _VOWELS:
                bases.add("k" + rest[2:])  # k dropped: mengawal <- kawal
        if rest.startswith("ny") and rest[2:3] in _VOWELS:
            bases.add("s" + rest[2:])  # s dropped: menyampaikan <- sampai
        if rest.startswith("m") and rest[1:2] in {"b", "f", "v", "p"}:
            bases.add(rest[1:])  # mem- + b, f, v, p-cluster
        if rest.startswith("m") and rest[1:2] in _VOWELS:
            bases.add("p" + rest[1:])  # p dropped: memakai <- pakai
        if rest.startswith("n") and rest[1:2] in {"c", "d", "j", "t", "s", "z"}:
            bases.add(rest[1:])  # men- + c, d, j, t-cluster, sy, z, s (loans)
        if rest.startswith("n") and rest[1:2] in _VOWELS:
            bases.add("t" + rest[1:])  # t dropped: menulis <- tulis
    if w.startswith("bel") or w.startswith("pel"):
        bases.add(w[3:])  # belajar, pelajar <- ajar
    return {b for b in bases if len(b) >= _MIN_STEM}


def stems(word: str) -> set[str]:
    """Every root the word might be built on, up to two prefix layers.

    >>> "tanggungjawab" in stems("dipertanggungjawabkan")
    True
    >>> "selenggara" in stems("penyelenggaraan")
    True
    """
    found: set[str] = set()
    for base in _strip_suffixes(word):
        found.add(base)
        for once in _strip_prefix(base):
            found.add(once)
            found.update(_strip_inner_prefix(once))
    return found


def _load_roots() -> frozenset[str]:
    data = files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt")
    roots = {line.strip() for line in data.read_text("utf-8").splitlines() if line.strip()}
    return frozenset(roots | hunspell_stems(HUNSPELL_DIC))


def hunspell_stems(path: Path) -> set[str]:
    """Lowercase ASCII stems of a hunspell dictionary; empty if it is absent.

    Capitalised entries are names (``Abraham``) and stay out.
    """
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()[1:]
    except OSError:
        return set()
    stems = (line.split("/", 1)[0].strip() for line in lines)
    return {s for s in stems if s.isascii() and s.isalpha() and s.islower()}


def _zipf_table(language: str) -> dict[str, float]:
    return {
        word: round(math.log10(freq) + 9, 2)
        for word, freq in get_frequency_dict(language, "small").items()
        if word.isalpha() and word.islower()
    }


class Lexicon:
    """Indonesian words, their frequencies and the roots affixed forms reduce to."""

    def __init__(self, zipf: dict[str, float], roots: frozenset[str], english: dict[str, float]) -> None:
        self.zipf = zipf
        self.roots = roots
        self.english = english
        # Stems may be any listed word long enough not to match by accident
        # (wordfreq also lists names and function words: "yang", "anggara").
        self.bases = roots | {w for w in zipf if len(w) >= 5}
        # Recent words only: see typos._decide (new words never stop coming).
        self.is_word = lru_cache(maxsize=20_000)(self._is_word)

    def is_listed(self, word: str) -> bool:
        """In wordfreq's list or a Sastrawi root, not just parsable."""
        return word in self.zipf or word in self.roots

    def _is_word(self, word: str) -> bool:
        if word in self.zipf or word in self.roots:
            return True
        return any(stem in self.bases for stem in stems(word))

    def frequency(self, word: str) -> float:
        """Zipf frequency; an affixed form wordfreq does not list is estimated
        at a tenth of its most frequent root (a root only Sastrawi knows
        counts as 3.0, the floor of the wordfreq list), and below 3.5 so that
        it never outranks a listed word by a root such as ``yang``."""
        listed = self.zipf.get(word)
        if listed is not None:
            return listed
        best = 0.0
        for stem in stems(word):
            if stem in self.bases:
                best = max(best, self.zipf.get(stem, 3.0))
        return min(3.49, best - 1.0) if best else 0.0

    def is_english(self, word: str) -> bool:
        """An English word more common in English than in Indonesian text."""
        return self.english.get(word, 0.0) >= 3.0 and self.english.get(word, 0.0) > self.zipf.get(word, 0.0)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (about a second)."""
    return Lexicon(_zipf_table("id"), _load_roots(), _zipf_table("en"))
