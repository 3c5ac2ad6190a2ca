"""Text cleaning with an audit trail: every change is a :class:`Fix`.

``clean_text(raw)`` repairs mojibake, removes noise and corrects confident
typos; see :mod:`govnews.cleaning.text` for the rules and their order.
"""

from __future__ import annotations

from govnews.cleaning.fixes import Cleaned, Fix
from govnews.cleaning.text import RULES, clean_text
from govnews.cleaning.typos import CorpusFrequency

__all__ = ["RULES", "Cleaned", "CorpusFrequency", "Fix", "clean_text"]
