"""Swedish licence plates: three letters and three digits (ABC 123) or, since 2019,
two digits and a letter (ABC 12D)."""
from __future__ import annotations

import re

from redaction.recognizers._shared import AMOUNT_SUFFIX, REFERENCE_WORDS
from redaction.recognizers.base import NordicPatternRecognizer

# I, Q, V, Å, Ä, Ö are not used on Swedish plates; the last letter is never O.
_L = "A-HJ-PR-UW-Z"


class SeLicencePlateRecognizer(NordicPatternRecognizer):
    """"ABC 123" and "ABC 12D" are taken as they are; "ABC123" or lower case needs a
    context word (registreringsnummer, regnr, bil, skylt, nummerplade, plate, car)."""

    ENTITY = "SE_LICENCE_PLATE"
    PATTERNS = (
        ("se_plate_spaced", rf"(?<![\w\-])(?P<value>[{_L}]{{3}}[ \-]\d{{2}}[\dA-HJ-NPR-UW-Z])(?![\w\-])", 0.6),
        ("se_plate_compact", rf"(?<![\w\-])(?P<value>[{_L}]{{3}}\d{{2}}[\dA-HJ-NPR-UW-Z])(?![\w\-])", 0.4),
        ("se_plate_lower", rf"(?<![\w\-])(?P<value>[a-hj-pr-uw-z]{{3}}[ \-]?\d{{2}}[\da-hj-npr-uw-z])(?![\w\-])", 0.3),
    )
    REGEX_FLAGS = 0
    CONTEXT = {
        "sv": ["registreringsnummer", "regnummer", "regnr", "reg.nr", "bil", "bilen", "bilens", "skylt", "skylten",
               "nummerskylt", "fordon", "parkering", "parkerad", "tvätt", "biltvätt", "laddstolpe", "laddning", "elbil"],
        "da": ["nummerplade", "nummerpladen", "svensk", "bil", "bilen", "vask", "parkering", "registreringsnummer"],
        "en": ["licence", "license", "plate", "registration", "reg", "car", "vehicle", "parking", "wash"],
    }
    NEGATIVE_CONTEXT = REFERENCE_WORDS
    # "was 499 DKK": an amount, not a plate.
    NEGATIVE_SUFFIX = AMOUNT_SUFFIX
