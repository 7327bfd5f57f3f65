"""Danish CPR numbers (personnummer), DDMMYY-SSSS."""
from __future__ import annotations

import datetime
import re
from typing import Optional

from stdnum.dk import cpr
from stdnum.exceptions import ValidationError

from redaction.recognizers._shared import (
    NUM_END, NUM_START, REFERENCE_WORDS, digit_run, digits_of, grouped_like_a_phone, merged,
)
from redaction.recognizers.base import NordicPatternRecognizer, words_for

PHONE_WORDS = {
    "da": ["tlf", "telefon", "mobil", "ring", "sms"],
    "sv": ["tel", "mobil", "ring", "sms", "mitt nr", "mobilnr", "telnr"],
    "en": ["phone", "mobile", "call", "tel", "sms"],
}


_DOTTED_QUAD = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def _real_day_and_month(digits: str) -> bool:
    """DDMM of a real date in some year (29 February allowed)."""
    try:
        datetime.date(2000, int(digits[2:4]), int(digits[0:2]))
    except ValueError:
        return False
    return True


class DkCprRecognizer(NordicPatternRecognizer):
    """CPR numbers in any grouping (hyphen, spaces, dots, digit by digit); fail closed.

    Validated by date and century digit (7th digit), NOT modulus 11: numbers
    issued since 2007 need not pass it and are fully valid (CPR-kontoret).
    """

    ENTITY = "DK_CPR"
    FAIL_CLOSED = True
    PATTERNS = (
        (
            "cpr",
            NUM_START + r"(?P<value>" + digit_run(10) + ")" + NUM_END,
            # Below the 0.5 threshold: a valid number scores VALIDATED_SCORE; a date-only
            # match needs the context boost.
            0.45,
        ),
    )
    CONTEXT = {
        "*": ["cpr"],
        # A credit check is run on a CPR number ("kreditvurdering på 0409496991").
        "da": ["personnummer", "personnr", "cpr-nr", "fødselsdato", "sundhedskort", "sygesikring", "kreditvurdering",
               "kreditvurderet", "kredittjek"],
        "sv": ["danskt personnummer"],
        "en": ["danish", "civil registration", "personal number", "personal id", "social security", "credit check"],
    }
    NEGATIVE_CONTEXT = merged(REFERENCE_WORDS, {"da": ["konto", "reg.nr", "regnr"], "sv": ["konto"], "en": ["account"]})
    NEGATIVE_SUFFIX = ("kr", "kr.", "dkk", "sek", "eur")

    def __init__(self, supported_language: str = "da") -> None:
        super().__init__(supported_language)
        self._phone_words = tuple(words_for(PHONE_WORDS, supported_language))

    def context_verdict(self, text: str, start: int, end: int) -> int:
        """As the base, plus: a phone word lowers the CPR reading only when the digits are
        grouped like a phone number ("070-123 45 67"), not like a CPR number ("ring 0902444141"),
        or the text is Swedish."""
        verdict = super().context_verdict(text, start, end)
        groups = [g for g in re.split(r"\D+", text[start:end]) if g]
        # Swedish phone numbers are 10 digits written plain too: in Swedish text a phone word decides.
        # A Swedish mobile number (07x) after a phone word is a phone number in any language.
        phone_like = (len(groups) > 1 and len(groups[0]) in (3, 4)) or (
            self.supported_language == "sv" or text[start:end].startswith("07")
        )
        # "070 123 45 67", "0703 91 22 48", "010-488 21 70": a Swedish phone number's grouping is
        # never how a CPR number is written; the phone reading wins (fail closed keeps this one
        # above threshold).
        if grouped_like_a_phone(text[start:end]):
            return -1
        # "151.202.85.88": four dotted groups of one to three digits, one of them not two long,
        # is how an IP address is written, never a CPR number (the IP reading wins the label).
        if _DOTTED_QUAD.match(text[start:end]) and any(len(g) != 2 for g in groups):
            return -1
        if verdict <= 0 and phone_like:
            before = text[max(0, start - 60) : start].lower()
            if any(word in before for word in self._phone_words):
                return -1
        return verdict

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Valid date for the century the 7th digit gives, not in the future."""
        digits = digits_of(pattern_text)
        if len(digits) != 10:
            return False
        try:
            cpr.validate(digits)  # date + century + not future; stdnum skips modulus 11 too
        except ValidationError:
            # A real day and month whose century digit gives a future year ("271142-6445"):
            # not a CPR number by the rules, but what people type (and tools invent) after
            # "cpr". Kept below the threshold, so only a CPR word brings it over.
            return None if _real_day_and_month(digits) else False
        return True
