"""Danish CPR numbers (personnummer), DDMMYY-SSSS."""
from __future__ import annotations

from typing import Optional

from stdnum.dk import cpr
from stdnum.exceptions import ValidationError

from redaction.recognizers._shared import NUM_END, NUM_START, REFERENCE_WORDS, SEP, digits_of, merged
from redaction.recognizers.base import NordicPatternRecognizer

PHONE_WORDS = {
    "da": ["tlf", "telefon", "mobil", "ring", "sms"],
    "sv": ["tel", "mobil", "ring", "sms"],
    "en": ["phone", "mobile", "call", "tel", "sms"],
}


class DkCprRecognizer(NordicPatternRecognizer):
    """CPR numbers with or without hyphen/space/dots.

    Validated by date and century digit (7th digit), NOT modulus 11: numbers
    issued since 2007 need not pass it and are fully valid (CPR-kontoret).
    """

    ENTITY = "DK_CPR"
    PATTERNS = (
        (
            "cpr",
            NUM_START + r"(?P<value>[0-3]\d" + SEP + r"[01]\d" + SEP + r"\d{2}\s?[-/.]?\s?\d{4})" + NUM_END,
            0.5,
        ),
    )
    CONTEXT = {
        "*": ["cpr"],
        "da": ["personnummer", "personnr", "cpr-nr", "fødselsdato", "sundhedskort", "sygesikring"],
        "sv": ["danskt personnummer"],
        "en": ["danish", "civil registration", "personal number", "personal id", "social security"],
    }
    NEGATIVE_CONTEXT = merged(REFERENCE_WORDS, PHONE_WORDS, {"da": ["konto", "reg.nr", "regnr"], "sv": ["konto"], "en": ["account"]})
    NEGATIVE_SUFFIX = ("kr", "kr.", "dkk", "sek", "eur")

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Valid date for the century the 7th digit gives, not in the future."""
        digits = digits_of(pattern_text)
        if len(digits) != 10:
            return False
        try:
            cpr.validate(digits)  # date + century + not future; stdnum skips modulus 11 too
        except ValidationError:
            return False
        return True
