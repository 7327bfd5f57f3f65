"""A same-sex relationship said without an orientation word (art. 9).

"Min kæreste Peter og jeg er begge mænd", "my boyfriend Peter ..., and I'm a man",
"jag är kvinna och min fru heter Anna". Two facts, each harmless alone, together reveal
sexual orientation: the writer's own gender ("jeg er en mand") and a partner of the same
gender, told by a gendered word ("min mand", "my wife") or by a first name that the name
lists give one gender only (redaction/data/names/derived_{male,female}_first_names.txt).
The writer's gender statement is redacted (it is what turns the partner into a disclosure);
"er begge mænd" / "are both women" is redacted alone.
"""
from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional

from presidio_analyzer import AnalysisExplanation, RecognizerResult

from redaction.recognizers.base import NordicPatternRecognizer
from redaction.recognizers.listed_name import read_names

_MALE_WORDS = r"mand|fyr|dreng|man|kille|pojke|guy|male|bloke|boy"
_FEMALE_WORDS = r"kvinde|pige|kvinna|tjej|flicka|woman|girl|female|lady"
_BOTH = re.compile(
    r"(?P<value>(?:(?<![\w'])(?:er|are|är)|(?<=\w)['’]re)\s+(?:begge|both|båda)(?:\s+(?:to|two|två))?\s+"
    r"(?:mænd|fyre|drenge|kvinder|piger|män|killar|kvinnor|tjejer|men|guys|women|girls))(?![\w\-])",
    re.IGNORECASE,
)
_WRITER = re.compile(
    r"(?<![\w'])(?P<value>(?:jeg\s+er|jag\s+är|i\s+am|i'm|im)\s+(?:(?:selv|själv|også|också|also|myself)\s+)?"
    r"(?:(?:en|a)\s+)?(?P<gender>" + _MALE_WORDS + "|" + _FEMALE_WORDS + r"))(?![\w\-])(?!\s+(?:of|af|av)\b)",
    re.IGNORECASE,
)
# The writer's own first name, when they introduce themselves ("Jeg hedder Sofie", "Hanna här.",
# "this is Tom"): a name the lists give one gender only tells the writer's gender as well.
_WRITER_NAMED = re.compile(
    r"(?:(?<![\w'])(?:jeg\s+hedder|jag\s+heter|mit\s+navn\s+er|mitt\s+namn\s+är|my\s+name\s+is|my\s+name's)\s+"
    r"|^\s*(?:(?:hej|hi|hello|hejsan)[,!]?\s+)?(?:(?:det\s+er|det\s+är|this\s+is|it's)\s+)?(?=[A-ZÆØÅÄÖ][\w\-]+\s+(?:her|här|here)\b))"
    r"(?P<name>[A-ZÆØÅÄÖÉ][\w\-]+)",
    re.IGNORECASE,
)
_POSSESSIVE = r"(?:min|my)"
_PARTNER_WORD = re.compile(
    rf"(?<![\w']){_POSSESSIVE}\s+(?:(?:nye?|new|ex-?)\s*)?(?P<word>ægtemand|mand|make|pojkvän|fästman|husband|hubby|boyfriend|"
    r"kone|hustru|fru|maka|flickvän|fästmö|wife|girlfriend|missus)(?![\w\-])",
    re.IGNORECASE,
)
_MALE_PARTNER = {"ægtemand", "mand", "make", "pojkvän", "fästman", "husband", "hubby", "boyfriend"}
# "min man" is a husband in Swedish; in Danish "man" is "one" and never follows "min".
_PARTNER_NAMED = re.compile(
    rf"(?:(?<![\w']){_POSSESSIVE}\s+(?:kæreste|partner|samlever|sambo|forlovede|ægtefælle|spouse|fiancée?|other\s+half)"
    r"(?:\s*,)?(?:\s+(?:hedder|heter|is\s+called|called|er|is|är))?"
    r"|(?<![\w'])(?:gift\s+med|married\s+to|kæreste\s+med|kærester\s+med|sammen\s+med|tillsammans\s+med|ihop\s+med|"
    r"dater|dejtar|dating|together\s+with|bor\s+med|lever\s+med|lives?\s+with))"
    r"\s+(?P<name>[A-ZÆØÅÄÖÉ][\w\-]+)",
)


def _names(gender: str) -> FrozenSet[str]:
    return frozenset(read_names(f"derived_{gender}_first_names.txt")) | frozenset(read_names(f"{gender}_first_names.txt"))


MALE_NAMES: FrozenSet[str] = _names("male")
FEMALE_NAMES: FrozenSet[str] = _names("female")


def _gender_of_word(word: str) -> str:
    return "male" if re.fullmatch(_MALE_WORDS, word, re.IGNORECASE) else "female"


def _gender_of_name(name: str) -> Optional[str]:
    first = name.split("-")[0]
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "male"
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "female"
    return None


class SameSexPartnerRecognizer(NordicPatternRecognizer):
    """The writer's gender next to a partner of the same gender, in one message."""

    ENTITY = "SEXUAL_ORIENTATION"
    # Presidio requires a pattern; the matching is done in analyze().
    PATTERNS = (("same_sex_partner_lookup", r"(?!)", 0.0),)
    SCORE = 0.85

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> List[RecognizerResult]:
        """Spans of "er begge mænd" and of a writer's gender statement matching a partner's gender."""
        results = [self._result(m.start("value"), m.end("value"), "both_same_gender") for m in _BOTH.finditer(text)]
        results += self._named_writer_and_partner(text)
        writers = list(_WRITER.finditer(text))
        if not writers:
            return results
        partners: Dict[str, bool] = {}
        for match in _PARTNER_WORD.finditer(text):
            partners["male" if match.group("word").lower() in _MALE_PARTNER else "female"] = True
        for match in _PARTNER_NAMED.finditer(text):
            gender = _gender_of_name(match.group("name"))
            if gender:
                partners[gender] = True
        for writer in writers:
            if partners.get(_gender_of_word(writer.group("gender"))):
                start, end = writer.span("value")
                if not any(r.start <= start < r.end for r in results):
                    results.append(self._result(start, end, "writer_and_partner_same_gender"))
        return results

    def _named_writer_and_partner(self, text: str) -> List[RecognizerResult]:
        """"Jeg hedder Sofie og min kone …": the partner word is the disclosure (the writer's
        name is already removed as a name)."""
        genders = {_gender_of_name(m.group("name")[0].upper() + m.group("name")[1:]) for m in _WRITER_NAMED.finditer(text)}
        genders.discard(None)
        if len(genders) != 1:
            return []
        writer = genders.pop()
        return [
            self._result(m.start(), m.end(), "named_writer_and_partner_same_gender")
            for m in _PARTNER_WORD.finditer(text)
            if ("male" if m.group("word").lower() in _MALE_PARTNER else "female") == writer
        ]

    def _result(self, start: int, end: int, rule: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.ENTITY, start=start, end=end, score=self.SCORE,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=self.SCORE, pattern_name=rule, pattern=None),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
