"""Names from the name lists (redaction/data/names/): without a cue word, a first name
alone, and lower-case names after a cue.

Lists: ``first_names.txt``/``surnames.txt`` (hand-compiled, common in DK/SE/English),
``derived_*.txt`` (derived once from names-dataset by redaction/data/build_name_lists.py),
``ambiguous.txt`` (names that are everyday words: taken only with a cue or a surname).
Matching is by word lookup in sets, not one huge regex, so it costs microseconds.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import FrozenSet, List, Optional, Tuple

from presidio_analyzer import AnalysisExplanation, RecognizerResult

from redaction.recognizers.base import NordicPatternRecognizer

NAMES_DIR = Path(__file__).resolve().parent.parent / "data" / "names"


def read_names(filename: str) -> List[str]:
    """The names of one list file (comments and blank lines skipped; missing file: none)."""
    path = NAMES_DIR / filename
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


AMBIGUOUS: FrozenSet[str] = frozenset(n.lower() for n in read_names("ambiguous.txt"))
_COMMON_WORDS: FrozenSet[str] = frozenset(n.lower() for n in read_names("common_words.txt"))
CURATED_FIRST: FrozenSet[str] = frozenset(read_names("first_names.txt"))
FIRST: FrozenSet[str] = CURATED_FIRST | frozenset(read_names("derived_first_names.txt")) | frozenset(
    n for n in read_names("ambiguous.txt"))
SURNAMES: FrozenSet[str] = frozenset(read_names("surnames.txt")) | frozenset(read_names("derived_surnames.txt"))
# A first name alone, without a cue: only the curated list, minus everyday words.
CLEAR_FIRST: FrozenSet[str] = frozenset(n for n in CURATED_FIRST if n.lower() not in AMBIGUOUS)
# Derived names rare as words in da/sv/en (build_name_lists.py --clear-only): alone only
# mid-sentence, where a capital letter is evidence ("i går skrev Yusuf til jer").
CLEAR_DERIVED: FrozenSet[str] = frozenset(
    n for n in read_names("derived_clear_first_names.txt") if n.lower() not in AMBIGUOUS | _COMMON_WORDS) - CLEAR_FIRST
FIRST_LOWER: FrozenSet[str] = frozenset(n.lower() for n in FIRST)
CLEAR_FIRST_LOWER: FrozenSet[str] = frozenset(
    n.lower() for n in FIRST if n.lower() not in AMBIGUOUS and n.lower() not in _COMMON_WORDS)

# Real names that are also words ("ole", "hans"): a name cue makes them names.
NAME_WORDS: FrozenSet[str] = frozenset(n.lower() for n in CURATED_FIRST) | AMBIGUOUS
CURATED_CLEAR_LOWER: FrozenSet[str] = frozenset(n.lower() for n in CLEAR_FIRST)
# Words after which a name comes in any case ("hilsen ole", "spoke to sarah").
STRONG_CUES = frozenset({
    "hedder", "heter", "named", "called", "mvh", "hilsen", "vh", "kh", "hälsningar", "hälsning", "regards",
    "cheers", "spørg efter", "fråga efter", "ask for", "talte med", "snakkede med", "pratade med", "talade med",
    "spoke to", "spoke with", "talked to",
})
# Greetings and relatives: a capitalised listed name after them, also one that is a word
# ("Hej Petra", "min mand Per", "my wife Kim"), never a lower-case one ("min mand per telefon").
CAPITAL_CUES = frozenset({
    "hej", "hejsan", "hallå", "kære", "hi", "hello", "dear",
    "min mand", "min kone", "min hustru", "min søn", "min datter", "min bror", "min søster", "min mor", "min far",
    "min kæreste", "min partner", "min samlever", "min kollega", "min chef", "min nabo", "min ven", "min veninde",
    "min man", "min fru", "min make", "min maka", "min sambo", "min son", "min dotter", "min syster", "min mamma",
    "min pappa", "min pojkvän", "min flickvän", "min kollega", "min granne", "min vän",
    "my husband", "my wife", "my son", "my daughter", "my brother", "my sister", "my mother", "my father",
    "my mum", "my mom", "my dad", "my partner", "my boyfriend", "my girlfriend", "my colleague", "my boss",
    "my neighbour", "my neighbor", "my friend",
})
# Prepositions and thanks: a capitalised listed name, or a curated unambiguous one in lower case
# ("til andre", "with german" are words, "ring til jens" is a name).
WEAK_CUES_PREPOSITION = frozenset({"til", "fra", "från", "med", "hos", "to", "from", "with", "thanks", "tak", "tack"})
WEAK_CUES = frozenset({"this is", "it's", "its", "det er", "det är", "her er", "här är", "jeg er", "jag är", "i'm", "im", "i am"})
# Verbs and words that open a question or request: a capital after them is no sentence start.
_OPENERS = frozenset({
    "kan", "kunne", "vil", "skal", "må", "har", "bad", "sagde", "ska", "kunde", "vill", "får", "sa", "bad",
    "can", "could", "will", "would", "did", "does", "has", "should", "may", "tell", "ask", "let",
})
# Titles: a capitalised word after them is a name ("Mr. Henriksen", "Fru Holm", "hr. Jensen").
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "hr", "fr", "frk", "herr", "fru", "sir", "madam"})
# A sign-in after the name, at the start of a message ("anders mikkelsen her", "karl-johan
# nyström heter jag", "sarah here"): listed names in any case.
TRAILING_CUES = frozenset({"her", "här", "here", "hedder jeg", "heter jag", "speaking", "writing"})
_GREETINGS = frozenset({"hej", "hejsan", "hallo", "hallå", "hi", "hello", "hey", "dav", "goddag", "godmorgen"})
# Thanks ending a message before a name: "thanks, tom", "tak\nper".
THANKS = frozenset({"thanks", "thank you", "thx", "tak", "tack", "mange tak", "tusind tak", "tack så mycket", "cheers", "many thanks"})
SURNAMES_LOWER: FrozenSet[str] = frozenset(n.lower() for n in SURNAMES)
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_GAP_CUE = re.compile(r"^[\s,:.]*$")
_GAP_NAME = re.compile(r"^[ \t]+$")


def _parts_in(word: str, names: FrozenSet[str]) -> bool:
    """``word`` is listed, or is a hyphenated name whose every part is ("Anne-Mette", "Holm-Nielsen")."""
    if word in names:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p in names and _cap(p) for p in parts)


def _is_surname(word: str) -> bool:
    """A listed surname, also hyphenated and in the genitive ("Holm-Nielsens navn", "Hansen's")."""
    if _parts_in(word, SURNAMES):
        return True
    stem = word[:-2] if word.endswith("'s") else word[:-1] if word.endswith("s") else ""
    return bool(stem) and _parts_in(stem, SURNAMES)


def _cap(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() or (len(word) <= 2 and word[:1].isupper())


class ListedNameRecognizer(NordicPatternRecognizer):
    """A listed first name followed by a listed surname ("Lars Lindqvist"), a listed
    first name alone when it is no everyday word ("Mette"), and any listed first name,
    also in lower case, after a cue ("ring til jens", "hilsen ole", "/Jens")."""

    ENTITY = "PERSON"
    # Presidio requires a pattern; the matching is done by word lookup in analyze().
    PATTERNS = (("listed_name_lookup", r"(?!)", 0.0),)

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        """Word lookups; see the class docstring for the three rules."""
        words = list(_WORD.finditer(text))
        results: List[RecognizerResult] = []
        i = 0
        while i < len(words):
            found = self._match_at(text, words, i)
            if found:
                start, end, score, rule, last = found
                results.append(self._result(start, end, score, rule))
                i = last + 1
            else:
                i += 1
        return results

    def _match_at(self, text: str, words, i: int) -> Optional[Tuple[int, int, float, str, int]]:
        word = words[i].group()
        # 1. First name (+ optional second first name) + surname(s), all capitalised.
        if _parts_in(word, FIRST) and _cap(word):
            j = i + 1
            if j < len(words) and words[j].group() in FIRST and words[j].group() not in SURNAMES and self._joined(text, words, j):
                j += 1
            k = j
            while k < len(words) and _is_surname(words[k].group()) and _cap(words[k].group()) and self._joined(text, words, k):
                k += 1
            if k > j:
                return words[i].start(), words[k - 1].end(), 0.85, "listed_full_name", k - 1
        # 1a. The same in capitals ("MICHAEL STORM", "IDA HANSEN": a form filled in upper case): a
        # listed first name and a listed surname, at least one of them no everyday word.
        if word.isupper() and len(word) > 2 and i + 1 < len(words) and self._joined(text, words, i + 1):
            nxt = words[i + 1].group()
            if (nxt.isupper() and len(nxt) > 2 and word.title() in FIRST and _is_surname(nxt.title())
                    and not {word.lower(), nxt.lower()} <= _COMMON_WORDS | AMBIGUOUS):
                return words[i].start(), words[i + 1].end(), 0.8, "capitals_full_name", i + 1
        lower = word.lower()
        # 1b. A title before a capitalised word ("Mr. Henriksen", "Fru Holm").
        if i > 0 and _cap(word) and lower not in _COMMON_WORDS and self._after_title(text, words, i):
            return words[i].start(), words[i].end(), 0.8, "titled_name", i
        # 1c. Listed names (any case) at the start, signed in after them ("anders mikkelsen her").
        signed_in = self._signed_in(text, words, i)
        if signed_in is not None:
            return words[i].start(), words[signed_in].end(), 0.75, "signed_in_name", signed_in
        # 1d. "thanks, tom" ending the message: a listed first name in any case.
        if lower in FIRST_LOWER and (lower not in _COMMON_WORDS or lower in NAME_WORDS) and self._after_thanks(text, words, i):
            return words[i].start(), words[i].end(), 0.75, "thanks_sign_off", i
        # 2. A cue before it: any listed first name, in any case.
        cue = self._cue_before(text, words, i)
        if (cue == "strong" and lower in FIRST_LOWER and (lower not in _COMMON_WORDS or lower in NAME_WORDS)
                or cue == "capital" and _parts_in(word, FIRST) and _cap(word) and (lower not in _COMMON_WORDS or lower in NAME_WORDS)
                or cue == "weak" and (lower in CLEAR_FIRST_LOWER or "-" in lower and all(
                    part in FIRST_LOWER and part not in _COMMON_WORDS for part in lower.split("-")))
                or cue == "preposition" and (word in FIRST and _cap(word) and lower not in AMBIGUOUS | _COMMON_WORDS
                                             or lower in CURATED_CLEAR_LOWER)):
            return words[i].start(), words[i].end(), 0.75, "cued_name", i
        # 3. A sign-off "/Jens" or "- jens" ending the message.
        before = text[: words[i].start()].rstrip(" \t")
        if lower in FIRST_LOWER and before[-1:] in "/-–" and before[-2:-1] in ("", " ", "\n", "\t") \
                and not text[words[i].end():].strip(" \t.!\n"):
            return words[i].start(), words[i].end(), 0.8, "slash_sign_off", i
        # 4. A curated, unambiguous first name alone, capitalised.
        address = text[words[i].start() - 1 : words[i].start()] in ("@", ".") or text[words[i].end() : words[i].end() + 1] == "@"
        if (word in CLEAR_FIRST or "-" in word and _parts_in(word, CLEAR_FIRST | CLEAR_DERIVED)) and not address:
            return words[i].start(), words[i].end(), 0.7, "listed_first_name", i
        # 5. A derived name rare as a word, capitalised after a lower-case word in the same sentence
        #    or after a question's opening verb ("Kan Olle ringa mig?").
        if word in CLEAR_DERIVED and not address and i > 0 \
                and (words[i - 1].group()[:1].islower() or words[i - 1].group().lower() in _OPENERS) \
                and _GAP_NAME.match(text[words[i - 1].end() : words[i].start()]):
            return words[i].start(), words[i].end(), 0.65, "derived_first_name_mid_sentence", i
        return None

    @staticmethod
    def _after_title(text: str, words, i: int) -> bool:
        title = words[i - 1].group()
        gap = text[words[i - 1].end() : words[i].start()]
        if title.lower() not in TITLES or gap not in (" ", ". ", "."):
            return False
        # "herr Lindgren": a lower-case title without a dot only before a listed name.
        if gap == " " and not _cap(title) and not _is_surname(words[i].group()) and words[i].group() not in FIRST:
            return False
        # "min fru Anna" is a wife: the capital cue takes that one; "Fru Holm"/"fru. Holm" a title.
        return not (i >= 2 and words[i - 2].group().lower() in ("min", "my", "mitt", "mit"))

    @staticmethod
    def _is_name_part(word: str) -> bool:
        lower = word.lower()
        parts = lower.split("-")
        return all(p in FIRST_LOWER or p in SURNAMES_LOWER for p in parts) and lower not in _COMMON_WORDS

    def _signed_in(self, text: str, words, i: int) -> Optional[int]:
        """Index of the last name word when words[i:] are listed names followed by a sign-in cue
        and words[i] opens the message (or follows a greeting)."""
        if i > 1 or (i == 1 and words[0].group().lower() not in _GREETINGS):
            return None
        if text[: words[i].start()].strip(" \t\n,.!:") not in ("", words[0].group() if i == 1 else ""):
            return None
        first = words[i].group().lower()
        if not all(p in FIRST_LOWER for p in first.split("-")) or first in _COMMON_WORDS and first not in NAME_WORDS:
            return None
        last = i
        while last + 1 < len(words) and last - i < 2 and self._joined(text, words, last + 1) \
                and self._is_name_part(words[last + 1].group()):
            last += 1
        for end in range(last, i - 1, -1):
            if end + 1 >= len(words) or not self._joined(text, words, end + 1):
                continue
            one = words[end + 1].group().lower()
            two = f"{one} {words[end + 2].group().lower()}" if end + 2 < len(words) else ""
            tail = words[end + 2].end() if two in TRAILING_CUES else words[end + 1].end()
            if (one in TRAILING_CUES or two in TRAILING_CUES) and re.match(r"[ \t]*(?:[.,!:;\n]|$)", text[tail:]):
                return end
        return None

    @staticmethod
    def _after_thanks(text: str, words, i: int) -> bool:
        if i == 0 or text[words[i].end():].strip(" \t.!\n"):
            return False
        gap = text[words[i - 1].end() : words[i].start()]
        if not re.fullmatch(r"[ \t]*[,\n][ \t\n]*|[ \t]*-[ \t]*", gap):
            return False
        one = words[i - 1].group().lower()
        two = f"{words[i - 2].group().lower()} {one}" if i >= 2 else ""
        return one in THANKS or two in THANKS

    @staticmethod
    def _joined(text: str, words, j: int) -> bool:
        return bool(_GAP_NAME.match(text[words[j - 1].end() : words[j].start()]))

    @staticmethod
    def _cue_before(text: str, words, i: int) -> Optional[str]:
        if i == 0 or not _GAP_CUE.match(text[words[i - 1].end() : words[i].start()]):
            return None
        one = words[i - 1].group().lower()
        two = f"{words[i - 2].group().lower()} {one}" if i >= 2 else ""
        if one in STRONG_CUES or two in STRONG_CUES:
            return "strong"
        if one in CAPITAL_CUES or two in CAPITAL_CUES:
            return "capital"
        if one in WEAK_CUES or two in WEAK_CUES:
            return "weak"
        if one in WEAK_CUES_PREPOSITION:
            return "preposition"
        return None

    def _result(self, start: int, end: int, score: float, rule: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=score,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=score, pattern_name=rule, pattern=None),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
