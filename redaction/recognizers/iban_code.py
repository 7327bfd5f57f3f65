"""International bank account numbers (IBAN), checked with mod 97 and the country format."""
from __future__ import annotations

from typing import Optional, Tuple

from stdnum import iban

from redaction.recognizers.base import NordicPatternRecognizer


class IbanCodeRecognizer(NordicPatternRecognizer):
    """DK50 0040 0440 1162 43 and friends; a match running into the next word
    is cut back to the longest prefix that is a valid IBAN."""

    ENTITY = "IBAN_CODE"
    FAIL_CLOSED = True
    PATTERNS = (
        ("iban", r"(?<![A-Za-z0-9])(?P<value>[A-Z]{2} ?\d{2}(?:[ \-.\n]?[A-Z0-9]){11,32})", 0.5),
        ("iban_lower", r"(?<![A-Za-z0-9])(?P<value>[a-z]{2} ?\d{2}(?:[ \-.\n]?[a-z0-9]){11,32})", 0.5),
    )
    REGEX_FLAGS = 0
    CONTEXT = {"*": ["iban", "konto", "account", "bank"]}

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The longest prefix of the match that validates."""
        cut = end
        while cut - start >= 15:
            if self._valid(text[start:cut]):
                return start, cut
            cut -= 1
            while cut > start and not text[cut - 1].isalnum():
                cut -= 1
        return None

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """mod 97 check and the country's length/format (python-stdnum)."""
        return self._valid(pattern_text)

    @staticmethod
    def _valid(candidate: str) -> bool:
        compact = "".join(ch for ch in candidate if ch.isalnum()).upper()
        return iban.is_valid(compact)
