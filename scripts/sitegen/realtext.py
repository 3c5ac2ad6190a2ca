"""Article text with a realistic vocabulary, for the benchmark site (``sitegen.realistic``).

Words are drawn from wordfreq's Indonesian list (every word it has, 30,758
alphabetic ones) with its own frequencies, so the draw is Zipf-distributed the
way news text is: a few function words make most tokens, and most words are
rare. Into that stream go, at the rates measured on real text:

- ``UNKNOWN_NAME_RATE`` capitalised tokens outside the list (names of people
  and places), made up from syllables, so they never repeat across articles;
- ``UNKNOWN_WORD_RATE`` lowercase tokens outside the list (words the lexicon
  lacks), made the same way;
- ``TYPO_RATE`` misspellings: one edit (drop, double, swap or substitute a
  letter) of a drawn word of five letters or more.

The rates (see ``sitegen.realistic``'s docstring for how they were measured):
tokens outside wordfreq's list are 6.7 % of the body tokens of the 18
Indonesian pages in ``../shared/real-pages`` (4.2 % capitalised, 2.4 %
lowercase); the hand-judged real-text set has 55 genuine misspellings (19
right corrections and 36 noticed misses) in about 13,400 tokens, 4.1 per
1,000. The lowercase unknowns include those typos, so made-up lowercase words
take the remaining 2.0 %.
"""
from __future__ import annotations

import itertools
import random
from functools import lru_cache

UNKNOWN_NAME_RATE = 0.042
TYPO_RATE = 0.0041
UNKNOWN_WORD_RATE = 0.024 - TYPO_RATE
WORDS_PER_SENTENCE = (6, 27)      # uniform: mean 16.5, measured mean 16.4
COMMA_RATE = 0.06                 # commas per token
_ONSETS = ("b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y", "")
_VOWELS = ("a", "a", "i", "u", "e", "o")
_CODAS = ("", "", "", "n", "ng", "r", "t", "k", "s", "h", "l", "m")
_LETTERS = "abcdefghijklmnoprstuwy"


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """wordfreq's Indonesian words (alphabetic) and their cumulative frequencies."""
    from wordfreq import top_n_list, word_frequency

    words = tuple(word for word in top_n_list("id", 50_000) if word.isalpha())
    cumulative = tuple(itertools.accumulate(word_frequency(word, "id") for word in words))
    return words, cumulative


def made_up_word(rng: random.Random) -> str:
    """An Indonesian-looking word of 2-4 syllables; with ~10^9 combinations, new every time.

    >>> made_up_word(random.Random(3)).isalpha()
    True
    """
    syllables = rng.randint(2, 4)
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + (rng.choice(_CODAS) if n == syllables - 1 or
                                                                 rng.random() < 0.2 else "")
                   for n in range(syllables))


def misspell(word: str, rng: random.Random) -> str:
    """One edit of ``word``: a dropped, doubled, swapped or substituted letter.

    >>> misspell("pemerintah", random.Random(1)) != "pemerintah"
    True
    """
    position = rng.randrange(1, len(word) - 1)
    edit = rng.randrange(4)
    if edit == 0:
        typo = word[:position] + word[position + 1:]
    elif edit == 1:
        typo = word[:position] + word[position] + word[position:]
    elif edit == 2:
        typo = word[:position] + word[position + 1] + word[position] + word[position + 2:]
    else:
        typo = word[:position] + rng.choice(_LETTERS.replace(word[position], "")) + word[position + 1:]
    return typo if typo != word else word[:position] + word[position + 1:]


def sentence(rng: random.Random, length: int) -> str:
    words, cumulative = vocabulary()
    drawn = rng.choices(words, cum_weights=cumulative, k=length)
    tokens = []
    for word in drawn:
        roll = rng.random()
        if roll < UNKNOWN_NAME_RATE:
            word = made_up_word(rng).capitalize()
        elif roll < UNKNOWN_NAME_RATE + UNKNOWN_WORD_RATE:
            word = made_up_word(rng)
        elif roll < UNKNOWN_NAME_RATE + UNKNOWN_WORD_RATE + TYPO_RATE and len(word) >= 5:
            word = misspell(word, rng)
        if rng.random() < COMMA_RATE and tokens:
            tokens[-1] += ","
        tokens.append(word)
    tokens[0] = tokens[0][0].upper() + tokens[0][1:]
    return " ".join(tokens).rstrip(",") + "."


def paragraphs(rng: random.Random, word_count: int, paragraph_count: int) -> list[str]:
    """``paragraph_count`` paragraphs of about ``word_count`` words in all, whole sentences each.

    >>> len(paragraphs(random.Random(2), 300, 9))
    9
    """
    per_paragraph = max(6, word_count // max(1, paragraph_count))
    result = []
    for _ in range(paragraph_count):
        sentences, words = [], 0
        while words < per_paragraph:
            length = min(rng.randint(*WORDS_PER_SENTENCE), max(4, per_paragraph - words + 3))
            sentences.append(sentence(rng, length))
            words += length
        result.append(" ".join(sentences))
    return result
