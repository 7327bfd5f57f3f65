"""Swedish personnummer: YYMMDD-NNNC / YYYYMMDDNNNC, '+' for people aged 100+."""
from __future__ import annotations

import datetime
from typing import Optional

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from redaction.recognizers._shared import NUM_END, NUM_START, REFERENCE_WORDS, digit_run, digits_of, grouped_like_a_phone
from redaction.recognizers.base import NordicPatternRecognizer, words_for
from redaction.recognizers.dk_cpr import PHONE_WORDS



def swedish_id_date(value: str, coordination: bool) -> Optional[datetime.date]:
    """Birth date of a personnummer (or of a samordningsnummer: day + 60) if the
    number is valid (Luhn check digit, real date, 12-digit form not in the future).
    Any separators are allowed; a '+' marks a person aged 100 or more."""
    digits = digits_of(value)
    if len(digits) == 12:
        century, ten = digits[:2], digits[2:]
        if century not in ("18", "19", "20"):
            return None
    elif len(digits) == 10:
        century, ten = "", digits
    else:
        return None
    day = int(ten[4:6])
    if coordination:
        if not 61 <= day <= 91:
            return None
        day -= 60
    elif not 1 <= day <= 31:
        return None
    if not luhn.is_valid(ten):
        return None
    sep = "+" if "+" in value else "-"
    probe = f"{century}{ten[:4]}{day:02d}{sep}{ten[6:]}"
    try:
        born = personnummer.get_birth_date(probe)
    except (ValidationError, ValueError):
        return None
    if century and born > datetime.date.today():
        return None
    return born


DOTTED_SCORE = 0.85


class SePersonnummerRecognizer(NordicPatternRecognizer):
    """Swedish personal identity numbers, 10 or 12 digits, '-' or '+' separator, Luhn.

    Stricter than Presidio's own SE recognizer: the date must exist.
    """

    ENTITY = "SE_PERSONNUMMER"
    FAIL_CLOSED = True
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

    def _init_patterns(self) -> None:
        # 12 or 10 digits in any grouping, or YYMMDD+NNNN (aged 100+); the date is checked after.
        self.PATTERNS = (
            (
                self.ENTITY.lower(),
                NUM_START
                + r"(?P<value>" + digit_run(12) + "|" + digit_run(6) + r"[ \t]?\+[ \t]?" + digit_run(4)
                + "|" + digit_run(10) + ")"
                + NUM_END,
                0.5,
            ),
        )

    def __init__(self, supported_language: str = "sv") -> None:
        self._init_patterns()
        super().__init__(supported_language)
        self._phone_words = tuple(words_for(PHONE_WORDS, supported_language))

    def context_verdict(self, text: str, start: int, end: int) -> int:
        """As the base, plus: a Swedish mobile number (07x…) after a phone word is a phone
        number; the personnummer reading is lowered (never dropped: fail closed)."""
        verdict = super().context_verdict(text, start, end)
        # Grouped like a phone number ("010-488 21 70"): never how a personnummer is written.
        if grouped_like_a_phone(text[start:end]):
            return -1
        if verdict <= 0 and text[start:end].startswith("07"):
            before = text[max(0, start - 60) : start].lower()
            if any(word in before for word in self._phone_words):
                return -1
        return verdict

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """As the base; a number with dots between its date parts ("06.12.30.1309") is
        written the Danish way, so when it is also a valid CPR number that reading wins."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            if "." in text[result.start : result.end]:
                result.score = min(result.score, DOTTED_SCORE)
        return results

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        """Luhn check digit and a real birth date."""
        return swedish_id_date(pattern_text, self.COORDINATION) is not None
