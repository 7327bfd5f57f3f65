"""Names from the name lists (redaction/data/names/): without a cue word, a first name
alone, and lower-case names after a cue."""
from __future__ import annotations

import re
from pathlib import Path
from typing import FrozenSet, List

from redaction.recognizers.base import NordicPatternRecognizer

NAMES_DIR = Path(__file__).resolve().parent.parent / "data" / "names"


def read_names(filename: str) -> List[str]:
    """The names of one list file (comments and blank lines skipped)."""
    lines = (NAMES_DIR / filename).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _alternation(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


FIRST = read_names("first_names.txt")
SURNAMES = read_names("surnames.txt")
AMBIGUOUS: FrozenSet[str] = frozenset(n.lower() for n in read_names("ambiguous.txt"))
_CLEAR_FIRST = [n for n in FIRST if n.lower() not in AMBIGUOUS]
_ALL_FIRST = sorted(set(FIRST) | {n for n in read_names("ambiguous.txt")})
# Words after which a name, in any case, comes: "ring til jens", "spoke to sarah", "/Jens".
_CUES = (
    r"hedder|heter|named|called|til|fra|från|med|hos|spørg\s+efter|fråga\s+efter|ask\s+for|talte\s+med|snakkede\s+med|"
    r"pratade\s+med|talade\s+med|spoke\s+(?:to|with)|talked\s+to|mvh\.?|hilsen|vh\.?|kh\.?|hälsningar|hälsning|regards|cheers|thanks|tak|tack"
)

_WEAK_CUES = r"this\s+is|it'?s|det\s+er|det\s+är|her\s+er|här\s+är|jeg\s+er|jag\s+är|i'?m|i\s+am"


class ListedNameRecognizer(NordicPatternRecognizer):
    """A listed first name followed by a listed surname ("Lars Lindqvist"), a listed
    first name alone when it is no everyday word ("Mette"), and any listed first name,
    also in lower case, after a cue ("ring til jens", "hilsen ole", "/Jens")."""

    ENTITY = "PERSON"
    REGEX_FLAGS = re.MULTILINE  # case matters: "Mette" is a name, "mette" (full) is not
    PATTERNS = (
        (
            "listed_full_name",
            rf"(?<![\w])(?P<value>(?:{_alternation(_ALL_FIRST)})(?:[ \t]+(?:{_alternation(_ALL_FIRST)}))?[ \t]+(?:{_alternation(SURNAMES)}))(?![\w])",
            0.85,
        ),
        ("listed_first_name", rf"(?<![\w@.])(?P<value>{_alternation(_CLEAR_FIRST)})(?![\w@])", 0.7),
        (
            "cued_name",
            rf"(?<![\w])(?i:{_CUES})[\s,:]+(?P<value>(?i:{_alternation(_ALL_FIRST)}))(?![\w@])",
            0.75,
        ),
        # Weaker cues ("this is john", "det er mette") only with names that are no everyday word.
        (
            "weak_cued_name",
            rf"(?<![\w])(?i:{_WEAK_CUES})[ \t]+(?P<value>(?i:{_alternation(_CLEAR_FIRST)}))(?![\w@])",
            0.75,
        ),
        ("slash_sign_off", rf"(?:^|(?<=\s))[/\-–][ \t]?(?P<value>(?i:{_alternation(_ALL_FIRST)}))[ \t]*[.!]?[ \t]*$", 0.8),
    )
