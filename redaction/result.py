"""The values the redaction API returns: findings and the redacted text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

PathPart = Union[str, int]


@dataclass(frozen=True)
class Finding:
    """One piece of personal data that was removed.

    ``start``/``end`` are offsets (Python ``str`` indices) into the ORIGINAL text;
    the removed value itself is never kept. ``path`` is empty for plain text and,
    for :func:`redaction.redact_structure`, names where the string sat
    (e.g. ``("slots", 2, "value")``).
    """

    type: str
    start: int
    end: int
    score: float
    path: Tuple[PathPart, ...] = ()

    def as_dict(self) -> dict:
        """JSON-friendly form (type, start, end, score, and path when set)."""
        out = {"type": self.type, "start": self.start, "end": self.end, "score": round(self.score, 3)}
        if self.path:
            out["path"] = list(self.path)
        return out


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text (placeholders such as ``<DK_CPR>``) and what was found.

    ``language`` is the language the text was analysed as ("da", "sv", "en"),
    or None when it was unknown and the rules of all three were applied.
    """

    text: str
    findings: Tuple[Finding, ...]
    language: Optional[str]

    @property
    def types(self) -> Tuple[str, ...]:
        """The entity types found, sorted and without repeats."""
        return tuple(sorted({f.type for f in self.findings}))

    @property
    def changed(self) -> bool:
        """True when anything was redacted."""
        return bool(self.findings)
