"""Synthetic identifiers for tests: valid in form, generated from a seed, never real people's.

Made by the redactor's own generators (``redaction/synthetic.py``), so the tests use the
same kinds of numbers the recognizers are measured on. A fixed seed gives the same value
in every run (use a fixed table, never ``hash(...)``: string hashes change per process).
"""
from __future__ import annotations

import random

from redaction.synthetic import dk_cpr, format_cpr, format_personnummer, se_personnummer


def synthetic_cpr(seed: int) -> str:
    """A Danish CPR number as ``DDMMYY-NNNN`` with a real date and a matching century digit."""
    return format_cpr(dk_cpr(random.Random(seed)), "hyphen")


def synthetic_personnummer(seed: int) -> str:
    """A Swedish personnummer ``YYMMDD-NNNC`` with a valid Luhn check digit."""
    born, digits = se_personnummer(random.Random(seed))
    return format_personnummer(born, digits, "hyphen")


def digits_only(identifier: str) -> str:
    """The identifier without separators (how it could appear if reformatted)."""
    return "".join(ch for ch in identifier if ch.isdigit())
