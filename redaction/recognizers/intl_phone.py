"""Phone numbers written in international form (+CC ...) for other countries."""
from __future__ import annotations

from typing import Optional

import phonenumbers

from redaction.recognizers._phone_words import PHONE_CONTEXT
from redaction.recognizers._shared import AMOUNT_SUFFIX, NUM_END, NUM_START, REFERENCE_WORDS, digits_of
from redaction.recognizers.base import NordicPatternRecognizer


class IntlPhoneRecognizer(NordicPatternRecognizer):
    """"+44 20 7946 0958", "0047 22 12 34 56": any country, checked with phonenumbers."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        ("intl_phone", r"(?<![\w+])(?P<value>(?:\+|\b00)(?!4[56])[1-9]\d{0,2}\s?(?:\(0\)\s?)?[\-.]?\s?\(?\d(?:[ .\-)]{0,2}\d){5,13})" + NUM_END, 0.8),
        # A UK mobile written nationally, "07911 123456" (11 digits: never Danish or Swedish).
        ("gb_mobile", NUM_START + r"(?P<value>07\d{3}[ \-]?\d{3}[ \-]?\d{3})" + NUM_END, 0.6),
    )
    CONTEXT = PHONE_CONTEXT
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    NEGATIVE_SUFFIX = AMOUNT_SUFFIX

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Valid for the country its calling code names."""
        digits = digits_of(pattern_text)
        if len(digits) == 11 and digits.startswith("07"):
            digits = "44" + digits[1:]
        elif digits.startswith("00"):
            digits = digits[2:]
        try:
            number = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            return False
        return True if phonenumbers.is_valid_number(number) else False
