"""Swedish phone numbers: +46 / 0046 or a national 0-prefixed number."""
from __future__ import annotations

import re
from typing import Optional

import phonenumbers

from redaction.recognizers._phone_words import PHONE_CONTEXT
from redaction.recognizers._shared import AMOUNT_SUFFIX, NUM_END, PHONE_START, REFERENCE_WORDS, digits_of
from redaction.recognizers.base import NordicPatternRecognizer

_DATE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
_GROUPS = r"\d(?:[ .\-]?\d){5,9}"


class SePhoneRecognizer(NordicPatternRecognizer):
    """Validated with the phonenumbers metadata (area codes, lengths), so only
    numbers that can exist in Sweden are taken."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        ("se_phone_prefixed", r"(?<![\w+])(?P<value>(?:\+|\b00)\s?46\s?(?:\(0\)\s?)?[\-.]?\s?[1-9]" + _GROUPS + r")" + NUM_END, 0.85),
        # 0.65: above a CPR reading lowered by its grouping (dk_cpr: "070 123 45 67").
        ("se_phone_mobile", PHONE_START + r"(?P<value>07\d(?:[ .\-/]\s?|\s?-\s?)\d{2,3}(?:[ .\-]?\d{2,3}){1,3})" + NUM_END, 0.65),
        # "010-488 21 70", "08-123 45 67": an area code and the number in pairs is the standard
        # written form; 0.65 like a mobile, above a personnummer reading lowered by this grouping.
        ("se_phone_area_pairs", PHONE_START + r"(?P<value>0[1-9]\d{0,2}(?:\s?-\s?|\s)\d{2,3}[ ]\d{2}[ ]\d{2})" + NUM_END, 0.65),
        ("se_phone_area", PHONE_START + r"(?P<value>0[1-9]\d{0,2}(?:\s?[-/]\s?|\s)\d{2,3}(?:[ .\-]?\d{2,3}){1,3})" + NUM_END, 0.55),
        ("se_phone_plain_mobile", PHONE_START + r"(?P<value>07\d{8})" + NUM_END, 0.5),
        ("se_phone_plain", PHONE_START + r"(?P<value>0[1-9]\d{6,8})" + NUM_END, 0.3),
    )
    CONTEXT = PHONE_CONTEXT
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    NEGATIVE_SUFFIX = AMOUNT_SUFFIX

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """A number phonenumbers considers valid in Sweden; never a date."""
        if _DATE.match(pattern_text.strip()):
            return False
        digits = digits_of(pattern_text)
        if digits.startswith("0046"):
            digits = digits[4:]
        elif digits.startswith("46") and not digits.startswith("0"):
            digits = digits[2:]
        digits = digits.lstrip("0")
        try:
            number = phonenumbers.parse("+46" + digits, None)
        except phonenumbers.NumberParseException:
            return False
        if not phonenumbers.is_valid_number(number):
            return False
        return None  # valid; the pattern's score (and context) decides
