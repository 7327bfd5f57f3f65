"""The companies' own details and other values that look personal but are not.

Over-redaction destroys the training value of transcripts, so the contact details
printed in the two privacy policies (and the regulator's) are kept as they are.
Comparison is on a normalised form, so "70 10 20 33", "+45 70102033" and
"7010 2033" are all the same allowed number.
"""
from __future__ import annotations

import re
from typing import FrozenSet

from redaction.recognizers.email_address import canonical_email

# Phone numbers as national significant numbers (no country code, no trunk 0).
ALLOWED_PHONES: FrozenSet[str] = frozenset(
    {
        "70102033",  # OK a.m.b.a. customer service
        "33193200",  # Datatilsynet
        "101797280",  # OJCO AB, +46 (0)10 179 72 80
    }
)
ALLOWED_EMAILS: FrozenSet[str] = frozenset(
    {"ok@ok.dk", "security@ojco.se", "secruity@ojco.se", "dt@datatilsynet.dk"}
)
# Company registration numbers; any finding whose digits are exactly these stays.
ALLOWED_NUMBERS: FrozenSet[str] = frozenset({"39170418", "5565206199"})
ALLOWED_ADDRESSES = ("Åhave Parkvej 11", "Carl Jacobsens Vej 35", "Drottninggatan 60")

_DIGITS = re.compile(r"\D")
# Session ids, UUIDs and hashes: machine tokens whose digit runs can look like a CPR
# number or a card by chance (measured: about 1 in 300 random UUIDs), not personal data.
_TOKEN_CHARS = re.compile(r"[0-9A-Za-z-]")
_MACHINE_TOKEN = re.compile(
    r"(?:[A-Za-z]{1,12}-)?"  # an optional label such as "eval-" or "session-"
    r"(?P<hex>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{20,})"
)


def inside_machine_token(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies inside a UUID or a long hex string (ids, hashes)."""
    left, right = start, end
    while left > 0 and _TOKEN_CHARS.match(text[left - 1]):
        left -= 1
    while right < len(text) and _TOKEN_CHARS.match(text[right]):
        right += 1
    match = _MACHINE_TOKEN.fullmatch(text[left:right])
    if not match:
        return False
    # An all-digit run is a number a person may own; a UUID or hash mixes in letters.
    return sum(1 for ch in match.group("hex") if ch in "abcdefABCDEF") >= 4


def inside_allowed_address(text: str, start: int, end: int) -> bool:
    """True when text[start:end] lies inside one of the allowed addresses (street name,
    with or without the number): "Carl Jacobsens Vej" holds a first name and a surname."""
    lowered = text.lower()
    for address in ALLOWED_ADDRESSES:
        street = address.rstrip("0123456789 ").lower()
        at = lowered.find(street)
        while at != -1:
            if at <= start and end <= at + len(address):
                return True
            at = lowered.find(street, at + 1)
    return False


def national_phone(value: str) -> str:
    """The national significant number of a DK/SE phone number as written."""
    digits = _DIGITS.sub("", value)
    if digits.startswith("00"):
        digits = digits[2:]
    if value.lstrip().startswith(("+", "00", "(+")) or (len(digits) in (10, 11, 12) and digits[:2] in ("45", "46")):
        if digits.startswith(("45", "46")):
            digits = digits[2:]
    return digits.lstrip("0")


def is_allowed(entity_type: str, value: str) -> bool:
    """True when ``value`` (found as ``entity_type``) is on the allow-list."""
    if _DIGITS.sub("", value) in ALLOWED_NUMBERS:
        return True
    # The companies' phone numbers stay whatever a recognizer calls them: OJCO's
    # 010 179 72 80 is also a valid samordningsnummer by its digits.
    if any(ch.isdigit() for ch in value) and national_phone(value) in ALLOWED_PHONES:
        return True
    if entity_type == "PHONE_NUMBER":
        return national_phone(value) in ALLOWED_PHONES
    if entity_type == "EMAIL_ADDRESS":
        return canonical_email(value) in ALLOWED_EMAILS
    return False
