"""Danish bank accounts: registration number (4 digits) + account number (up to 10)."""
from __future__ import annotations

from redaction.recognizers._shared import NUM_END, NUM_START, REFERENCE_WORDS
from redaction.recognizers.base import NordicPatternRecognizer

_REG = r"(?:reg(?:istrerings)?\.?\s?(?:nr|nummer|no)\.?|reg\.?)"
# The account number: 6-10 digits, also grouped ("12 34 56 78 90", "1234 567 890").
_ACCOUNT = r"\d(?:[ .\-]?\d){5,9}"
_KONTO = r"(?:konto(?:nummer|nr)?\.?|kto\.?(?:\s?nr\.?)?|account(?:\s+(?:number|no\.?))?)"


class DkBankAccountRecognizer(NordicPatternRecognizer):
    """"1234-1234567890", "reg.nr. 1234 kontonr. 0001234567"; no checksum exists
    that all Danish banks use, so the format plus context decide."""

    ENTITY = "DK_BANK_ACCOUNT"
    PATTERNS = (
        (
            "dk_bank_labelled",
            r"(?<!\w)" + _REG + r"[\s:]*(?P<value>\d{4}(?:[\s,;/\-]|\s(?:og|and|och)\s)*(?:" + _KONTO + r"[\s:]*)?" + _ACCOUNT + ")" + NUM_END,
            0.85,
        ),
        ("dk_bank_account_only", r"(?<!\w)" + _KONTO + r"[\s:]*(?:er\s+|är\s+|is\s+)?(?P<value>\d{4}[\s\-]?\d{6,10}|" + _ACCOUNT + ")" + NUM_END, 0.7),
        # reg.nr. + a 10-digit (zero-padded) account with a hyphen or slash is specific enough alone.
        ("dk_bank_pair_10", NUM_START + r"(?P<value>\d{4}\s?[\-/]\s?\d{10})" + NUM_END, 0.55),
        ("dk_bank_pair", NUM_START + r"(?P<value>\d{4}\s?[\-/]\s?\d{6,10})" + NUM_END, 0.45),
        ("dk_bank_pair_space", NUM_START + r"(?P<value>\d{4} \d{6,10})" + NUM_END, 0.3),
    )
    CONTEXT = {
        "*": ["reg", "konto", "kto", "bank", "nemkonto"],
        "da": ["kontonummer", "kontonr", "registreringsnummer", "pengeinstitut", "danske bank", "nordea", "jyske",
               "sydbank", "nykredit", "spar nord", "arbejdernes landsbank", "lunar", "overføre", "overfør", "overførsel",
               "tilbagebetaling", "udbetaling", "udbetal", "refusion", "refunder"],
        "sv": ["kontonummer", "bankkonto", "clearingnummer"],
        "en": ["account", "sort code", "bank details"],
    }
    NEGATIVE_CONTEXT = REFERENCE_WORDS
