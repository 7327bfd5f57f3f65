"""Names a message states: "jeg hedder ...", "mitt namn är ...", "my name is ...", "Mvh ..."."""
from __future__ import annotations

import re
from typing import Optional, Tuple

from redaction.recognizers.base import NordicPatternRecognizer
from redaction.recognizers.listed_name import FIRST_LOWER, SURNAMES_LOWER

_UPPER = "A-ZÆØÅÄÖÜÉÈÁÍÓÚ"
_LOWER = "a-zæøåäöüéèáíóúñßç"
_CAP_WORD = rf"(?:[{_UPPER}][{_LOWER}]+(?:[-'][{_UPPER}]?[{_LOWER}]+)*|[{_UPPER}]\.)"
_ANY_WORD = rf"[{_UPPER}{_LOWER}][{_LOWER}]+(?:[-'][{_UPPER}{_LOWER}][{_LOWER}]+)*"
_PARTICLE = r"(?:von|van|de|af|der|den|la|le|du|da|di|bin|al)"

# Capitalised words that follow a greeting or "I am" but are not names.
_NOT_NAMES = {
    "jeg", "vi", "og", "i", "du", "de", "hej", "tak", "ok", "okay", "kundeservice", "danmark", "sverige",
    "jag", "och", "ni", "tack", "hälsningar", "kunde", "kund", "kunden", "kundservice",
    "and", "the", "a", "thanks", "thank", "regards", "customer", "support", "team", "from", "here",
    "mvh", "hilsen", "vh", "kh", "best", "kind", "med", "venlig", "vänliga", "vänlig", "ojco", "ok a.m.b.a",
}
_FUNCTION_WORDS = _NOT_NAMES | {
    "er", "har", "skal", "vil", "kan", "bor", "fra", "på", "til", "med", "om", "men", "så", "for",
    "är", "har", "ska", "vill", "kan", "bor", "från", "på", "till", "för", "men", "så", "som", "det",
    "is", "am", "have", "will", "can", "live", "from", "on", "to", "with", "about", "but", "so", "for",
    "and", "or", "eller", "jeg", "mig", "min", "mit", "mine", "jag", "mig", "my", "me", "i", "im",
    "ikke", "inte", "not", "noget", "något", "nothing", "intet", "bare", "bara", "just", "kun", "endast",
    "only", "også", "också", "also", "egentlig", "egentligen", "actually", "really", "heller", "either",
}

_INTRO = {
    "da": r"jeg\s+hedder|mit\s+(?:fulde\s+)?navn\s+er|navnet\s+er|navn\s*:|kontaktperson\s*:|jeg\s+er\s+(?:kunde\s+og\s+)?hedder|det\s+er\s+(?=[A-ZÆØÅ]\w+\s+[A-ZÆØÅ]\w+\s+(?:her|der\s+skriver))",
    "sv": r"jag\s+heter|mitt\s+(?:fullständiga\s+)?namn\s+är|namnet\s+är|namn\s*:|kontaktperson\s*:|namn(?=\s+[^\W\d_]+\s+[^\W\d_]+\s*$)",
    "en": r"my\s+(?:full\s+)?name\s+is|my\s+name's|contact(?:\s+person)?\s*:|name\s*:|i\s+am\s+called|i'm\s+called|this\s+is\s+(?=[A-Z]\w+\s+[A-Z]\w+\s+(?:here|speaking|writing))",
}
_SIGN_OFF = {
    "da": r"mvh\.?|m\.v\.h\.?|med\s+venlig(?:st)?\s+hilsen|venlig(?:st)?\s+hilsen|de\s+bedste\s+hilsner|bedste\s+hilsner|mange\s+hilsner|kh\.?|kærlig\s+hilsen|hilsen|vh\.?",
    "sv": r"mvh\.?|med\s+vänlig\s+hälsning|vänliga\s+hälsningar|vänlig\s+hälsning|bästa\s+hälsningar|hälsningar|hälsning|hälsar",
    "en": r"best\s+regards|kind\s+regards|warm\s+regards|regards|best\s+wishes|sincerely|yours\s+sincerely|yours\s+truly|cheers|thanks|thank\s+you|many\s+thanks|br",
}


def _name_after(intro: str) -> str:
    # After an explicit introduction a lower-case name is still a name ("jeg hedder mette").
    first = rf"(?:{_CAP_WORD}|{_ANY_WORD})"
    rest = rf"(?:\s+{_PARTICLE})?\s+(?:{_CAP_WORD}|{_ANY_WORD})"
    return rf"(?<![\w])(?i:{intro})[\s:,]*(?P<value>{first}(?:{rest}){{0,3}})"


def _name_signed(sign_off: str) -> str:
    # A sign-off is followed by a capitalised name, on the same or the next line.
    return rf"(?:^|(?<=[\s.!,]))(?i:{sign_off})[ \t]*[,:\-]?[ \t]*\n?[ \t]*(?P<value>{_CAP_WORD}(?:(?:\s+{_PARTICLE})?[ \t]+{_CAP_WORD}){{0,3}})(?=\s*$|\s*\n|[ \t]*[,.!]?\s*$|[ \t]*,[ \t]*[+(\d])"


def _name_here(here: str) -> str:
    # Chat sign-in: "Hej OK, Mette Hansen her." / "Jens här" / "Sarah here".
    return rf"(?<![\w])(?P<value>{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,2}})[ \t]+(?i:{here})(?=\s*[.,!:;\n]|\s*$)"


def _listed(word: str) -> bool:
    """Every part of ``word`` is a listed first name or surname."""
    return all(part in FIRST_LOWER or part in SURNAMES_LOWER for part in word.split("-") if part)


class PersonNameRecognizer(NordicPatternRecognizer):
    """Without an NER model names are found where the grammar says a name comes:
    after an introduction, or alone after a sign-off at the end of a message."""

    ENTITY = "PERSON"
    PATTERNS = ()
    LANGUAGE_PATTERNS = {
        lang: (
            (f"name_intro_{lang}", _name_after(_INTRO[lang]), 0.85),
            (f"name_signoff_{lang}", _name_signed(_SIGN_OFF[lang]), 0.8),
            (f"name_here_{lang}", _name_here({"da": "her", "sv": "här", "en": "here"}[lang]), 0.75),
        )
        for lang in ("da", "sv", "en")
    }
    REGEX_FLAGS = re.MULTILINE

    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """Cut the name at the first function word ("jeg hedder mette og ..." -> "mette")."""
        words = list(re.finditer(r"\S+", text[start:end]))
        keep_end = None
        for i, word in enumerate(words):
            token = word.group().strip(".,").lower()
            if token in _FUNCTION_WORDS:
                break
            # A lower-case word is a name only when the name lists know it ("jeg hedder
            # mette"; "my name is often misspelled" is no name).
            if word.group()[:1].islower() and not _listed(token):
                break
            keep_end = start + word.end()
        if keep_end is None:
            return None
        value = text[start:keep_end].rstrip(".")
        if len(value) < 2:
            return None
        return start, start + len(value)
