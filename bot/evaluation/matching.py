"""Whether an answer carries a fact: normalised text, whole numbers, spelled-out small numbers."""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, Tuple

# Small numbers an answer may spell out ("två år", "six months"); matched as whole words.
NUMBER_WORDS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "da": {"2": ("to",), "3": ("tre",), "4": ("fire",), "5": ("fem",), "6": ("seks",), "12": ("tolv",)},
    "sv": {"2": ("två",), "3": ("tre",), "4": ("fyra",), "5": ("fem",), "6": ("sex",), "12": ("tolv",)},
    "en": {"2": ("two",), "3": ("three",), "4": ("four",), "5": ("five",), "6": ("six",), "12": ("twelve",)},
}

_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[ \-](?=\d)")


def normalise(text: str) -> str:
    """NFC, plain spaces and apostrophes, and digit groups joined ("70 10 20 33" -> "70102033")."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'").replace("\u2011", "-")
    text = re.sub(r"\s+", " ", text)
    return _DIGIT_SEPARATOR.sub("", text)


def contains_fact(text: str, fact: str) -> bool:
    """Whether ``text`` carries ``fact``.

    Numbers match whole ("180" is not in "1800"; "5" is not in "2025"; :meth:`Fact.found_in`
    also accepts small numbers spelled out in the answer's language), phone numbers and
    org.nr match whatever the spacing; short upper-case tokens ("EU", "CPR", "IP") match
    as words, case-sensitively; anything else matches case-insensitively as a substring,
    so a stem like "anonymi" accepts "anonymised" and "anonymized".
    """
    hay = normalise(text)
    needle = normalise(fact).strip()
    if re.fullmatch(r"[\d.,+()/ ]+", needle):
        digits = sum(ch.isdigit() for ch in needle)
        left = r"(?<![\d.,])" if digits <= 4 else ""
        pattern = left + re.escape(needle) + r"(?![\d])"
        if re.search(pattern, hay):
            return True
        # A short number may also be one group of a longer one as written ("179" in
        # "+46 (0)10 179 72 80"), which joining the groups hides.
        spaced = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
        return digits <= 4 and re.search(r"(?<![\d.,])" + re.escape(needle) + r"(?![\d])", spaced) is not None
    if len(needle) <= 4 and needle.isupper() and needle.replace("/", "").isalnum():
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay) is not None
    return needle.casefold() in hay.casefold()



def number_words(lang: str, option: str) -> Tuple[str, ...]:
    """The spelled-out forms of a small number ``option`` in ``lang`` ("2" -> "to" in Danish)."""
    return NUMBER_WORDS.get(lang, {}).get(option.strip(), ())
