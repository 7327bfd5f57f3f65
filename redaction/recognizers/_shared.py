"""Regex fragments and keyword lists several recognizers use."""
from __future__ import annotations

import re

# A match must not continue a longer number: no digit right before/after, nor
# "digit + one separator" (so "1234 12345678" is not read as a phone number).
NUM_START = r"(?<!\d)(?<!\d[.\- ])"
NUM_END = r"(?!\d)(?![.\- ]\d)"
SEP = r"[.\- ]?"
# Inside an identifier: nothing, one separator, or one surrounded by spaces ("010203 - 1234"),
# or a line break ("040890\n3641"). Separator runs were already reduced to one character by
# redaction.normalize; NUM_END does not stop at a line break, so a number ending a line is
# also read alone.
ANY_SEP = r"(?:[ \t]?[.\-/][ \t]?|[ \t]|\n)?"
# A phone number may follow a reference number of another shape ("ordrenr 558120 26 82 10 28",
# "Order 90817 0730787786"): after a group of five digits or more and one space it may start.
PHONE_START = r"(?<!\d)(?:(?<!\d[.\- ])|(?<=\d{5} ))"


def digit_run(count: int) -> str:
    """``count`` digits with ANY_SEP between any two of them (spaced one by one, pairs, ...)."""
    return r"\d(?:" + ANY_SEP + r"\d){" + str(count - 1) + "}"

# Reference numbers that look like identifiers but are not personal data.
REFERENCE_WORDS = {
    "da": ["ordre", "faktura", "kundenr", "kundenummer", "aftalenr", "aftalenummer", "sagsnr",
           "sagsnummer", "ref", "forsendelse", "pakke", "tracking", "ean", "målepunkt",
           "målernummer", "målernr", "gsrn", "cvr", "se-nr", "p-nr", "varenr", "bon",
           "kvittering", "betalingsid", "afsnit", "punkt", "paragraf", "§"],
    "sv": ["order", "faktura", "kundnr", "kundnummer", "avtalsnr", "avtalsnummer", "ärende",
           "referens", "ref", "försändelse", "paket", "spårning", "ocr", "org.nr", "orgnr",
           "organisationsnummer", "momsnr", "artikelnr", "kvitto", "avsnitt", "punkt", "§"],
    "en": ["order", "invoice", "customer no", "customer number", "account id", "case", "ticket",
           "reference", "ref", "tracking", "parcel", "shipment", "receipt", "sku", "section",
           "clause", "vat", "company reg", "§"],
}

AMOUNT_SUFFIX = ("kr", "kr.", "dkk", "sek", "eur", "usd", "kroner", "kronor", "€", "$", "%", "øre", "öre")

_NON_DIGIT = re.compile(r"\D")


def digits_of(value: str) -> str:
    """Only the digits of ``value``."""
    return _NON_DIGIT.sub("", value)


def merged(*tables):
    """Per-language union of several keyword tables."""
    out = {}
    for table in tables:
        for lang, words in table.items():
            out.setdefault(lang, [])
            out[lang] = out[lang] + [w for w in words if w not in out[lang]]
    return out


def grouped_like_a_phone(value: str) -> bool:
    """A leading-zero prefix of three or four digits and two groups or more after it
    ("070 123 45 67", "0703 91 22 48", "010-488 21 70"): how a Swedish phone number is
    written, never how a CPR number or personnummer is (those lead with 6 or 8 digits)."""
    groups = [g for g in _NON_DIGIT.split(value) if g]
    return len(groups) > 2 and groups[0].startswith("0") and len(groups[0]) in (3, 4)
