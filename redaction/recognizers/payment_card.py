"""Payment card numbers (Visa/Dankort, Mastercard, Maestro, Amex, ...): IIN + Luhn."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from stdnum import luhn

from redaction.recognizers._shared import NUM_END, NUM_START, REFERENCE_WORDS, digits_of
from redaction.recognizers.base import NordicPatternRecognizer

# Issuer prefixes in use: Visa (incl. Visa/Dankort 4571), Mastercard 51-55 and
# 2221-2720, Maestro/Dankort 50, 56-69, Amex 34/37, Diners 36/38, Discover 6011/65, JCB 35.
_IIN = re.compile(r"^(?:4|5[0-5]|5[6-9]|6\d|3[4-8]|2(?:2[2-9]|[3-6]\d|7[01]|720))")


class PaymentCardRecognizer(NordicPatternRecognizer):
    """13-19 digits in any grouping (spaces, dashes, dots), a known issuer prefix
    and a valid Luhn check digit."""

    ENTITY = "CREDIT_CARD"
    PATTERNS = (
        ("card", NUM_START + r"(?P<value>[2-6]\d{3}(?:[ .\-]?\d){9,15})" + NUM_END, 0.5),
    )
    CONTEXT = {
        "*": ["visa", "mastercard", "dankort", "maestro", "amex", "kort", "card"],
        "da": ["betalingskort", "kortnummer", "kreditkort", "hævekort"],
        "sv": ["kortnummer", "kreditkort", "bankkort", "betalkort"],
        "en": ["credit", "debit", "card number"],
    }
    NEGATIVE_CONTEXT = REFERENCE_WORDS

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The longest prefix that is a valid card number (a match can run into the next number)."""
        cut = end
        while cut > start:
            if self.validate_result(text[start:cut]):
                return start, cut
            cut -= 1
            while cut > start and not text[cut - 1].isdigit():
                cut -= 1
        return None

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Length 13-19, a known issuer prefix and Luhn."""
        digits = digits_of(pattern_text)
        if not 13 <= len(digits) <= 19 or not _IIN.match(digits):
            return False
        return luhn.is_valid(digits)
