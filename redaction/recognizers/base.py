"""Shared machinery of our Presidio pattern recognizers.

A recognizer class declares data (entity, patterns, context words per language,
negative context words) and, where it has one, a checksum/format check in
``validate_result``. This base adds three things Presidio's PatternRecognizer lacks:

* a named group ``value`` in a pattern marks the part to redact (so "jeg hedder
  Mette" redacts only "Mette");
* ``refine`` may shrink a match to its valid part (e.g. an IBAN followed by a word);
* context is judged by the nearest keyword: a negative one ("ordrenummer", "CVR",
  "faktura") closer to the match than any positive one ("tlf", "cpr") drops it.
"""
from __future__ import annotations

import re
from typing import ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

LANGUAGES = ("da", "sv", "en")
ALL_LANGUAGES = "xx"  # the rules of da, sv and en together, for text of unknown language

_TOKEN = re.compile(r"\S+")
# A number of its own between a reference word and the match: the word is about that number
# ("ordrenr 558120 26 82 10 28": 558120 is the order, the pairs are a phone number).
_OWN_NUMBER = re.compile(r"^[(\[]?\d[\d.\-/]*\d[)\],.:;]?$")
# Score of a match whose checksum/format check passed. Below 1.0 so that context
# can still decide between two valid readings (a CPR that is also a valid personnummer).
VALIDATED_SCORE = 0.9
# Fail-closed types (a validated CPR number, personnummer, card, IBAN, e-mail) are never
# dropped by context: a negative context word only lowers them to this score, still
# above the engine's threshold, so that another reading of the same digits with a
# supporting context (a phone number after "tlf") can win the label.
FAIL_CLOSED_SCORE = 0.6


def words_for(table: Mapping[str, Sequence[str]], language: str) -> List[str]:
    """Words of ``table`` for ``language`` plus the language-neutral ``"*"`` entry;
    for ``xx`` the words of every language."""
    if language == ALL_LANGUAGES:
        langs: Sequence[str] = tuple(table)
    else:
        langs = (language, "*")
    seen: Dict[str, None] = {}
    for lang in langs:
        for word in table.get(lang, ()):
            seen[word.lower()] = None
    return list(seen)


SHORT_KEYWORD = 3
# After a short keyword ("ref", "tel", "bon") only a mark or a number word may follow in the
# same token: inside a longer word it is another word ("refund", "hotel", "bonus").
_SHORT_TAIL = re.compile(r"(?:nr|no|nummer|numret|number)?(?:[^\w]|$)")


def _has(token: str, keywords: Sequence[str]) -> bool:
    """A keyword inside ``token``; one of SHORT_KEYWORD letters or fewer only at its start
    ("ref:", "tlf.nr", "cpr-nummer"), longer ones anywhere ("kundenummer", "telefonnummer")."""
    for keyword in keywords:
        if len(keyword) > SHORT_KEYWORD or not keyword.isalpha():
            if keyword in token:
                return True
            continue
        at = token.find(keyword)
        while at >= 0:
            if (at == 0 or not token[at - 1].isalpha()) and _SHORT_TAIL.match(token, at + len(keyword)):
                return True
            at = token.find(keyword, at + 1)
    return False


class NordicPatternRecognizer(PatternRecognizer):
    """Base class: subclasses set the class attributes below and may override
    ``validate_result``/``invalidate_result``/``refine``."""

    ENTITY: ClassVar[str]
    # (name, regex, score); a group named "value" marks what to redact.
    PATTERNS: ClassVar[Sequence[Tuple[str, str, float]]]
    # Per-language PATTERNS, for recognizers whose grammar differs by language.
    LANGUAGE_PATTERNS: ClassVar[Mapping[str, Sequence[Tuple[str, str, float]]]] = {}
    CONTEXT: ClassVar[Mapping[str, Sequence[str]]] = {}
    NEGATIVE_CONTEXT: ClassVar[Mapping[str, Sequence[str]]] = {}
    # Words right after a match that make it something else (amounts: "kr", "DKK").
    NEGATIVE_SUFFIX: ClassVar[Sequence[str]] = ()
    CONTEXT_BOOST: ClassVar[float] = 0.35
    # True: context may raise the score but never removes a validated match.
    FAIL_CLOSED: ClassVar[bool] = False
    WORDS_BEFORE: ClassVar[int] = 6
    WORDS_AFTER: ClassVar[int] = 3
    REGEX_FLAGS: ClassVar[int] = re.IGNORECASE

    def __init__(self, supported_language: str = "da") -> None:
        specs = list(self.PATTERNS)
        if self.LANGUAGE_PATTERNS:
            langs = LANGUAGES if supported_language == ALL_LANGUAGES else (supported_language,)
            for lang in langs:
                specs.extend(self.LANGUAGE_PATTERNS.get(lang, ()))
        patterns = [Pattern(name=name, regex=regex, score=score) for name, regex, score in specs]
        context = words_for(self.CONTEXT, supported_language) or None
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            supported_language=supported_language,
            patterns=patterns,
            context=context,
            global_regex_flags=self.REGEX_FLAGS,
        )
        self._compiled = [(p, re.compile(p.regex, self.REGEX_FLAGS)) for p in self.patterns]
        positive = tuple(context or ())
        negative = tuple(words_for(self.NEGATIVE_CONTEXT, supported_language))
        # Single words are looked for inside one token, phrases inside two adjacent tokens.
        self._positive = tuple(w for w in positive if " " not in w)
        self._positive_multi = tuple(w for w in positive if " " in w)
        self._negative = tuple(w for w in negative if " " not in w)
        self._negative_multi = tuple(w for w in negative if " " in w)
        self._negative_suffix = tuple(w.lower() for w in self.NEGATIVE_SUFFIX)

    # -- hooks -------------------------------------------------------------------------
    def refine(self, text: str, start: int, end: int) -> Optional[Tuple[int, int]]:
        """Shrink or reject a raw match; default keeps it as it is."""
        return start, end

    # -- Presidio interface ------------------------------------------------------------
    def analyze(
        self,
        text: str,
        entities: List[str],
        nlp_artifacts: Optional[NlpArtifacts] = None,
        regex_flags: Optional[int] = None,
    ) -> List[RecognizerResult]:
        """Run every pattern; validated matches score VALIDATED_SCORE, failed ones are dropped."""
        results: List[RecognizerResult] = []
        for pattern, regex in self._compiled:
            has_value = "value" in regex.groupindex
            for match in regex.finditer(text):
                if has_value and match.group("value") is not None:
                    start, end = match.span("value")
                else:
                    start, end = match.span()
                if start >= end:
                    continue
                refined = self.refine(text, start, end)
                if refined is None:
                    continue
                start, end = refined
                value = text[start:end]
                score = pattern.score
                validation = self.validate_result(value)
                if validation is False or self.invalidate_result(value):
                    continue
                if validation:
                    score = max(score, VALIDATED_SCORE)
                explanation = AnalysisExplanation(
                    recognizer=self.name,
                    original_score=score,
                    pattern_name=pattern.name,
                    pattern=None,
                    validation_result=validation,
                )
                results.append(
                    RecognizerResult(
                        entity_type=self.ENTITY,
                        start=start,
                        end=end,
                        score=score,
                        analysis_explanation=explanation,
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        },
                    )
                )
        return EntityRecognizer.remove_duplicates(self.prefer(results))

    def prefer(self, results: List[RecognizerResult]) -> List[RecognizerResult]:
        """Hook run before duplicates are removed: drop readings a better one makes moot."""
        return results

    def enhance_using_context(
        self,
        text: str,
        raw_recognizer_results: List[RecognizerResult],
        other_raw_recognizer_results: List[RecognizerResult],
        nlp_artifacts: Optional[NlpArtifacts],
        context: Optional[List[str]] = None,
    ) -> List[RecognizerResult]:
        """Boost on a nearby context word, drop on a nearer negative one.

        Marks every result as context-handled so Presidio's generic lemma enhancer
        does not boost it a second time.
        """
        for result in raw_recognizer_results:
            verdict = self.context_verdict(text, result.start, result.end)
            if verdict < 0:
                result.score = min(result.score, FAIL_CLOSED_SCORE) if self.FAIL_CLOSED else 0.0
            elif verdict > 0:
                result.score = min(1.0, result.score + self.CONTEXT_BOOST)
            result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return raw_recognizer_results

    # -- context -----------------------------------------------------------------------
    def context_verdict(self, text: str, start: int, end: int) -> int:
        """+1 if the nearest context keyword is positive, -1 if negative, 0 if none."""
        if not (self._positive or self._positive_multi or self._negative or self._negative_multi or self._negative_suffix):
            return 0
        after = [w.lower() for w in _TOKEN.findall(text, end, min(len(text), end + 40))][: self.WORDS_AFTER]
        if after and self._negative_suffix:
            first = after[0].strip(".,;:!?)")
            if first in self._negative_suffix:
                return -1
        before = [w.lower() for w in _TOKEN.findall(text, max(0, start - 80), start)][-self.WORDS_BEFORE - 1:]
        first = 1 if len(before) > self.WORDS_BEFORE else 0
        claimed = False  # a reference word further back belongs to a number in between
        for i in range(len(before) - 1, first - 1, -1):
            word = before[i]
            previous = before[i - 1] if i > 0 else ""
            pair = f"{previous} {word}"
            if _OWN_NUMBER.match(word) and sum(ch.isdigit() for ch in word) >= 3:
                claimed = True
                continue
            if not claimed and (_has(pair, self._negative_multi) or _has(word, self._negative)):
                return -1
            if _has(pair, self._positive_multi):
                return 1
            if _has(word, self._positive):
                # "order number", "kundenummer": a reference-number modifier wins.
                return -1 if previous and _has(previous, self._negative) else 1
        for word in after:
            verdict = self._classify(word)
            if verdict:
                return verdict
        return 0

    def _classify(self, word: str) -> int:
        """-1 for a negative keyword in ``word``, +1 for a positive one, else 0."""
        # Same-word ties go to the negative side: "kundenummer" holds "nummer" but is no phone.
        if _has(word, self._negative):
            return -1
        if _has(word, self._positive):
            return 1
        return 0
