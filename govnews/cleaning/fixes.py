"""The audit trail every cleaning function returns with its value."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Fix:
    """One change a cleaning function made, small enough to audit and revert.

    ``before`` and ``after`` are the smallest fragments that show the change
    (a word, a character run), not the whole text; ``start`` is the offset of
    ``before`` in the text the rule was given, when the rule knows it.
    ``field`` is filled in by the loader, which knows which item field it is.
    """

    rule: str
    before: str
    after: str
    start: int | None = None
    field: str | None = None

    def for_field(self, name: str) -> Fix:
        return replace(self, field=name)

    def as_record(self) -> dict[str, Any]:
        """The item's ``quality.fixes`` entry (field, rule, before, after)."""
        return {"field": self.field, "rule": self.rule, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A correction not confident enough to make: the text keeps ``before``."""

    before: str
    suggested: str
    confidence: float
    start: int | None = None
    field: str | None = None

    def for_field(self, name: str) -> Suggestion:
        return replace(self, field=name)

    def as_record(self) -> dict[str, Any]:
        """The item's ``quality.suggestions`` entry."""
        return {"field": self.field, "before": self.before, "suggested": self.suggested, "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned value with the fixes made and the suspicions left unchanged."""

    text: str
    fixes: tuple[Fix, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)
