"""Danish phone numbers: 8 digits (first 2-9), optionally +45 / 0045."""
from __future__ import annotations

from typing import Optional

from redaction.recognizers._phone_words import PHONE_CONTEXT
from redaction.recognizers._shared import AMOUNT_SUFFIX, NUM_END, NUM_START, REFERENCE_WORDS, digits_of
from redaction.recognizers.base import NordicPatternRecognizer

_PREFIX = r"(?:(?:\+|\b00)\s?45|\(\s?\+?45\s?\))[\s.\-]?"
_PAIRS = r"[2-9]\d(?P<sep>[ .\-]?)\d{2}(?P=sep)\d{2}(?P=sep)\d{2}"
_QUADS = r"[2-9]\d{3}[ .\-]?\d{4}"
_TRIPLE = r"[2-9]\d{2} \d{2} \d{3}"


class DkPhoneRecognizer(NordicPatternRecognizer):
    """+45 numbers are certain; bare 8-digit numbers need a context word
    ("tlf", "ring", "mobil"), because order and customer numbers look the same."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        ("dk_phone_prefixed", r"(?<![\w+])(?P<value>" + _PREFIX + r"(?:" + _PAIRS + r"|" + _QUADS + r"|" + _TRIPLE + r"))" + NUM_END, 0.85),
        ("dk_phone_pairs", NUM_START + r"(?P<value>[2-9]\d(?P<sep>[ .\-])\d{2}(?P=sep)\d{2}(?P=sep)\d{2})" + NUM_END, 0.55),
        ("dk_phone_quads", NUM_START + r"(?P<value>[2-9]\d{3}[ .\-]\d{4})" + NUM_END, 0.4),
        ("dk_phone_plain", NUM_START + r"(?P<value>[2-9]\d{7})" + NUM_END, 0.3),
    )
    CONTEXT = PHONE_CONTEXT
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    NEGATIVE_SUFFIX = AMOUNT_SUFFIX

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Eight national digits after any +45/0045 prefix, first digit 2-9."""
        digits = digits_of(pattern_text)
        if len(digits) == 12 and digits.startswith("0045"):
            digits = digits[4:]
        elif len(digits) == 10 and digits.startswith("45"):
            digits = digits[2:]
        if len(digits) != 8 or digits[0] in "01":
            return False
        return None  # format is right; the score (and context) decides
