"""What the load and soak benchmarks send: the visitors' questions and the identifiers in them.

Shared by ``bench/bench_load.py`` and ``bench/bench_soak.py`` so both load a server the same
way. The identifiers come from the redactor's own generators (``redaction/synthetic.py``):
valid in form, drawn from the visitor's seeded random source, never real people's.
"""
from __future__ import annotations

import random
from typing import List, Tuple

from redaction.synthetic import dk_cpr, format_cpr, format_personnummer, se_personnummer

# (lang, company, question); {cpr} and {pnr} are filled with fresh numbers for every message.
QUESTIONS: List[Tuple[str, str, str]] = [
    ("da", "OK", "Hvor længe gemmer I mine chatbeskeder?"),
    ("da", "OK", "Hvem er dataansvarlig hos jer?"),
    ("da", "OK", "Kan I slette alt hvad I har om mig?"),
    ("da", "OK", "mit cpr er {cpr}, hvad gør I med det?"),
    ("sv", "OJCO", "Hur länge sparar ni mina uppgifter?"),
    ("sv", "OJCO", "Hur gör jag för att se vilka uppgifter ni har om mig?"),
    ("sv", "OJCO", "mitt personnummer är {pnr}, kan ni radera det?"),
    ("en", "OK", "Who do you share my data with?"),
    ("en", "OJCO", "Do you use cookies?"),
    ("en", "OK", "How do I complain about how you handle my data?"),
]


def message_text(question: str, rng: random.Random) -> str:
    """``question`` with a synthetic CPR number and personnummer where it asks for them."""
    born, digits = se_personnummer(rng)
    return question.format(cpr=format_cpr(dk_cpr(rng), "hyphen"), pnr=format_personnummer(born, digits, "hyphen"))
