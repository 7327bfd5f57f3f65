"""Danish licence plates: two letters and five digits (AB 12 345)."""
from __future__ import annotations

import re

from redaction.recognizers._shared import REFERENCE_WORDS
from redaction.recognizers.base import NordicPatternRecognizer


class DkLicencePlateRecognizer(NordicPatternRecognizer):
    """OK reads plates for Fri Vask and parking; "AB 12 345" is taken as it is,
    "AB12345" needs a context word (nummerplade, bil, Fri Vask, parkering)."""

    ENTITY = "DK_LICENCE_PLATE"
    PATTERNS = (
        ("dk_plate_spaced", r"(?<![\w])(?P<value>[A-Z]{2}[ \-]?[1-9]\d[ \-]\d{3})(?![\w])", 0.6),
        ("dk_plate_compact", r"(?<![\w])(?P<value>[A-Z]{2}[ \-]?[1-9]\d{4})(?![\w])", 0.4),
        # "ab 12 345", "Ab12345", "AB 12.345": lower case or odd separators need a context word.
        ("dk_plate_loose", r"(?<![\w])(?P<value>[A-Za-z]{2}[ \-.]?[1-9]\d[ \-.]?\d{3})(?![\w])", 0.3),
    )
    REGEX_FLAGS = 0  # plates are written in capitals; lower case "ab12345" is rarely a plate
    CONTEXT = {
        "da": ["nummerplade", "nummerpladen", "registreringsnummer", "reg.nr", "regnr", "bil", "bilen",
               "vask", "parkering", "parkeret", "køretøj", "plade", "ladestander", "opladning", "elbil"],
        "sv": ["registreringsnummer", "regnummer", "bil", "bilen", "skylt", "parkering", "tvätt"],
        "en": ["licence", "license", "plate", "registration", "car", "vehicle", "parking", "wash"],
    }
    NEGATIVE_CONTEXT = REFERENCE_WORDS
