"""Swedish personnummer: YYMMDD-NNNC / YYYYMMDDNNNC, '+' for people aged 100+."""
from __future__ import annotations

import datetime
import re
from typing import Optional

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from redaction.recognizers._shared import NUM_END, NUM_START, REFERENCE_WORDS, SEP
from redaction.recognizers.base import NordicPatternRecognizer

_PARTS = re.compile(r"^(?P<century>\d{2})?(?P<yy>\d{2})\D?(?P<mm>\d{2})\D?(?P<dd>\d{2})\s?(?P<sep>[-+.]?)\s?(?P<serial>\d{4})$")


def swedish_id_date(value: str, coordination: bool) -> Optional[datetime.date]:
    """Birth date of a personnummer (or of a samordningsnummer: day + 60) if the
    number is valid (Luhn check digit, real date, 12-digit form not in the future)."""
    parts = _PARTS.match(value.strip())
    if not parts:
        return None
    day = int(parts["dd"])
    if coordination:
        if not 61 <= day <= 91:
            return None
        day -= 60
    elif not 1 <= day <= 31:
        return None
    ten = parts["yy"] + parts["mm"] + parts["dd"] + parts["serial"]
    if not luhn.is_valid(ten):
        return None
    sep = "+" if parts["sep"] == "+" else "-"
    century = parts["century"]
    if century and century not in ("18", "19", "20"):
        return None
    probe = f"{century or ''}{parts['yy']}{parts['mm']}{day:02d}{sep}{parts['serial']}"
    try:
        born = personnummer.get_birth_date(probe)
    except (ValidationError, ValueError):
        return None
    if century and born > datetime.date.today():
        return None
    return born


class SePersonnummerRecognizer(NordicPatternRecognizer):
    """Swedish personal identity numbers, 10 or 12 digits, '-' or '+' separator, Luhn.

    Stricter than Presidio's own SE recognizer: the date must exist.
    """

    ENTITY = "SE_PERSONNUMMER"
    DAY = r"[0-3]\d"
    COORDINATION = False
    PATTERNS = ()
    CONTEXT = {
        "*": ["personnummer", "personnr", "pnr", "person-nr"],
        "sv": ["födelsenummer", "personnumret", "legitimation", "bankid"],
        "da": ["svensk"],
        "en": ["swedish", "personal identity", "personal number", "social security"],
    }
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    NEGATIVE_SUFFIX = ("kr", "kr.", "dkk", "sek", "eur")

    def __init__(self, supported_language: str = "sv") -> None:
        self.PATTERNS = (
            (
                self.ENTITY.lower(),
                NUM_START
                + r"(?P<value>(?:1[89]|20)?\d{2}"
                + SEP
                + r"[01]\d"
                + SEP
                + self.DAY
                + r"\s?[-+.]?\s?\d{4})"
                + NUM_END,
                0.5,
            ),
        )
        super().__init__(supported_language)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Luhn check digit and a real birth date."""
        return swedish_id_date(pattern_text, self.COORDINATION) is not None
