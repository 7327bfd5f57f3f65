"""Swedish samordningsnummer (co-ordination numbers): a personnummer with day + 60."""
from __future__ import annotations

from redaction.recognizers.se_personnummer import SePersonnummerRecognizer


class SeSamordningsnummerRecognizer(SePersonnummerRecognizer):
    """Co-ordination numbers for people not (yet) registered in Sweden; day 61-91."""

    ENTITY = "SE_SAMORDNINGSNUMMER"
    DAY = r"[6-9]\d"
    COORDINATION = True
    CONTEXT = {
        "*": ["samordningsnummer", "samordningsnr", "personnummer", "personnr"],
        "sv": ["samordningsnumret", "skatteverket"],
        "da": ["svensk"],
        "en": ["coordination number", "swedish"],
    }
