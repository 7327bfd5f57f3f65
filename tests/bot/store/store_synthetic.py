"""Synthetic identifiers for store tests, from the redaction package's generators.

Valid-looking (dates, check digits), random, never a real person's.
"""
from __future__ import annotations

import random
from typing import Dict

from redaction import synthetic


def identifiers(seed: int = 4) -> Dict[str, str]:
    """One of each kind the store test plants, reproducible from ``seed``."""
    rng = random.Random(seed)
    born, pnr = synthetic.se_personnummer(rng)
    return {
        "cpr": synthetic.format_cpr(synthetic.dk_cpr(rng), "hyphen"),
        "personnummer": synthetic.format_personnummer(born, pnr, "hyphen"),
        "email": f"testkunde.{rng.randrange(1000, 9999)}@example.org",
        "phone": synthetic.format_dk_phone(synthetic.dk_phone(rng), "intl_pairs"),
    }
