"""Payment card numbers (Visa/Dankort, Mastercard, Maestro, Amex, ...): IIN + Luhn."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from stdnum import luhn

from redaction.recognizers._shared import ANY_SEP, NUM_END, NUM_START, REFERENCE_WORDS, digits_of, merged
from redaction.recognizers.base import NordicPatternRecognizer

# Issuer prefixes in use: Visa (incl. Visa/Dankort 4571), Mastercard 51-55 and
# 2221-2720, Maestro/Dankort 50, 56-69, Amex 34/37, Diners 36/38, Discover 6011/65, JCB 35.
# Fail closed: any 2-6 prefix (all major networks, incl. ranges not yet issued).
_IIN = re.compile(r"^[2-6]")


class PaymentCardRecognizer(NordicPatternRecognizer):
    """13-19 digits in any grouping (spaces, dashes, dots), a known issuer prefix
    and a valid Luhn check digit."""

    ENTITY = "CREDIT_CARD"
    FAIL_CLOSED = True
    PATTERNS = (
        ("card", NUM_START + r"(?P<value>[2-6](?:" + ANY_SEP + r"\d){12,18})" + NUM_END, 0.5),
    )
    CONTEXT = {
        "*": ["visa", "mastercard", "dankort", "maestro", "amex", "kort", "card"],
        "da": ["betalingskort", "kortnummer", "kreditkort", "hævekort"],
        "sv": ["kortnummer", "kreditkort", "bankkort", "betalkort"],
        "en": ["credit", "debit", "card number"],
    }
    # Reference and bank-account words lower (never drop) the card reading, so that a
    # Danish reg.nr. + konto of 14 digits after "account" keeps its own label.
    NEGATIVE_CONTEXT = merged(REFERENCE_WORDS, {"da": ["konto", "reg.nr", "regnr"], "sv": ["konto", "clearing"], "en": ["account"]})

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The longest prefix, ending at a group boundary, that is a valid card number
        (a match can run into the next number; a cut inside a digit group would turn
        long reference numbers into cards one time in ten)."""
        cut = end
        while cut > start:
            if (cut == end or not text[cut].isdigit()) and self.validate_result(text[start:cut]):
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
