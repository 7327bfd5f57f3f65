"""Identifiers split over two messages: "mit cpr er 010203" ... "og de sidste fire 1234".

Each message alone holds only a fragment that no recognizer may take (a date, four
digits). Together they are a CPR number. :func:`split_identifiers` joins the last
number of the previous user message with the first number of the next (and the other
way round) and runs the same redactor on the pair; a finding that covers characters of
both fragments means each fragment is part of one identifier, and both are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from redaction.normalize import normalise
from redaction.redactor import redact

# Identifiers checked by a check digit or a date, so two unrelated numbers rarely form
# one by chance. Two 4-digit numbers in a row ("ordre 4471" ... "1234 stk") would make a
# phone number far too often: phone numbers, IP addresses and plates are not joined.
SPLIT_TYPES = frozenset({"DK_CPR", "SE_PERSONNUMMER", "SE_SAMORDNINGSNUMMER", "CREDIT_CARD", "IBAN_CODE", "DK_BANK_ACCOUNT"})
# A number as the normaliser leaves it: digits with single separators between them.
_NUMBER = re.compile(r"\d(?:[ \t]?[.\-/+][ \t]?\d|[ \t]\d|\d)*")


@dataclass(frozen=True)
class SplitIdentifier:
    """One identifier split over two messages: its type and the ORIGINAL text of each part."""

    type: str
    earlier: str
    later: str


def _numbers(text: str) -> List[str]:
    """The numbers of ``text`` as they are written in it (original characters)."""
    view = normalise(text)
    out = []
    for match in _NUMBER.finditer(view.text):
        start, end = view.span(match.start(), match.end())
        out.append(text[start:end])
    return out


def _joined(first: str, second: str, lang: Optional[str]) -> Optional[str]:
    """The type of an identifier that ``first`` and ``second`` form together and
    neither forms alone, or None."""
    joined = f"{first} {second}"
    cut = len(first)
    for finding in redact(joined, lang).findings:
        if finding.type in SPLIT_TYPES and finding.start < cut and finding.end > cut + 1:
            return finding.type
    return None


def split_identifiers(earlier: str, later: str, lang: Optional[str] = None) -> List[SplitIdentifier]:
    """Identifiers whose parts are the last number of ``earlier`` and the first of ``later``
    (or the first of ``later`` followed by the last of ``earlier``)."""
    before, after = _numbers(earlier), _numbers(later)
    if not before or not after:
        return []
    a, b = before[-1], after[0]
    found: List[SplitIdentifier] = []
    for first, second in ((a, b), (b, a)):
        kind = _joined(first, second, lang)
        if kind:
            found.append(SplitIdentifier(kind, a, b))
            break
    return found


def remove_fragment(text: str, fragment: str, entity_type: str) -> Tuple[str, int]:
    """``text`` with every occurrence of ``fragment`` replaced by the type's placeholder."""
    if not fragment or fragment not in text:
        return text, 0
    return text.replace(fragment, f"<{entity_type}>"), text.count(fragment)
