"""Synthetic identifiers for the web tests: valid in form, generated, never real people's."""
from __future__ import annotations

import random
from datetime import date, timedelta


def synthetic_cpr(seed: int) -> str:
    """A Danish CPR number with a real date and a matching century digit (born 1950–1999).

    The seventh digit 0–3 means "born in the 1900s"; modulus 11 is not required
    (numbers issued since 2007 need not pass it), so the serial is random.
    """
    rng = random.Random(seed)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    serial = f"{rng.randrange(4)}{rng.randrange(1000):03d}"
    return f"{born:%d%m%y}-{serial}"


def _luhn_digit(digits: str) -> int:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


def synthetic_personnummer(seed: int) -> str:
    """A Swedish personnummer YYMMDD-NNNC with a valid Luhn check digit."""
    rng = random.Random(seed)
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    body = f"{born:%y%m%d}{rng.randrange(1000):03d}"
    return f"{body[:6]}-{body[6:]}{_luhn_digit(body)}"


def digits_only(identifier: str) -> str:
    """The identifier without separators (how it could appear if reformatted)."""
    return "".join(ch for ch in identifier if ch.isdigit())
