"""Danish phone numbers: 8 digits (first 2-9), optionally +45 / 0045."""
from __future__ import annotations

from typing import Optional

from redaction.recognizers._phone_words import PHONE_CONTEXT
from redaction.recognizers._shared import AMOUNT_SUFFIX, NUM_END, NUM_START, PHONE_START, REFERENCE_WORDS, digits_of, merged
from redaction.recognizers.base import NordicPatternRecognizer

_PREFIX = r"(?:(?:\+|\b00)\s?45|\(\s?\+?45\s?\))[\s.\-]?(?:\(0\)\s?)?"
_PAIRS = r"[2-9]\d(?P<sep>[ .\-/]?)\d{2}(?P=sep)\d{2}(?P=sep)\d{2}"
_QUADS = r"[2-9]\d{3}[ .\-]?\d{4}"
_TRIPLE = r"[2-9]\d{2} \d{2} \d{3}"


class DkPhoneRecognizer(NordicPatternRecognizer):
    """+45 numbers are certain; bare 8-digit numbers need a context word
    ("tlf", "ring", "mobil"), because order and customer numbers look the same."""

    ENTITY = "PHONE_NUMBER"
    PATTERNS = (
        ("dk_phone_prefixed", r"(?<![\w+])(?P<value>" + _PREFIX + r"(?:" + _PAIRS + r"|" + _QUADS + r"|" + _TRIPLE + r"))" + NUM_END, 0.85),
        # Dotted pairs "22.33.44.55" look like an IP address too; 0.62 wins over an IP
        # reading without a cue, an "IP" word makes it an address (ip_address.py).
        ("dk_phone_dotted_pairs", NUM_START + r"(?P<value>[2-9]\d\.\d{2}\.\d{2}\.\d{2})" + NUM_END, 0.62),
        ("dk_phone_pairs", PHONE_START + r"(?P<value>[2-9]\d(?P<sep>[ .\-/])\d{2}(?P=sep)\d{2}(?P=sep)\d{2})" + NUM_END, 0.55),
        # 4-4 and 3-2-3 are how Danes write their own numbers; taken without a phone word
        # unless a reference word, an amount or a year range ("2019-2024") says otherwise.
        ("dk_phone_quads", PHONE_START + r"(?!(?:19|20)\d\d\s?[\-/]\s?(?:19|20)\d\d)(?!(?:19|20)\d\d/)(?P<value>[2-9]\d{3}[ .\-/]\d{4})" + NUM_END, 0.5),
        ("dk_phone_triple", PHONE_START + r"(?P<value>[2-9]\d{2}[ .\-]\d{2}[ .\-]\d{3})" + NUM_END, 0.5),
        ("dk_phone_plain", PHONE_START + r"(?P<value>[2-9]\d{7})" + NUM_END, 0.3),
    )
    CONTEXT = PHONE_CONTEXT
    # Account and card numbers, PIN and codes come in groups of four too.
    NEGATIVE_CONTEXT = merged(REFERENCE_WORDS, {
        "da": ["konto", "kontonr", "kontonummer", "reg", "regnr", "reg.nr", "kort", "kortnummer", "kode", "pinkode", "postnr", "postnummer"],
        "sv": ["konto", "kontonr", "kontonummer", "clearing", "clearingnr", "kort", "kortnummer", "kod", "pinkod", "postnr", "postnummer"],
        "en": ["account", "sort code", "card", "pin", "code", "postcode"],
    })
    NEGATIVE_SUFFIX = AMOUNT_SUFFIX

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Eight national digits after any +45/0045 prefix, first digit 2-9."""
        # "+45 (0) 22 33 44 55": the trunk zero in brackets is no part of the number.
        digits = digits_of(pattern_text.replace("(0)", ""))
        if len(digits) == 12 and digits.startswith("0045"):
            digits = digits[4:]
        elif len(digits) == 10 and digits.startswith("45"):
            digits = digits[2:]
        if len(digits) != 8 or digits[0] in "01":
            return False
        return None  # format is right; the score (and context) decides
