"""Judging one answer: the right facts, for the right company, in the right language.

An answer (the bot's reply texts joined) is correct when it has

* the right facts: every ``must_contain`` entry (a string, or ``any_of`` alternatives per language)
  and none of ``must_not_contain``;
* the right company: it names the expected company (``OK`` as a word, or ``OJCO``) and neither names
  the other company nor carries facts only the other company has (its e-mail, phone, CVR/org.nr ...);
* the right language: :mod:`lingua` detects the question's language on the answer text once company
  names, e-mails, URLs, numbers and proper nouns are stripped (fewer than 4 words left: the answer
  is language-neutral, e.g. a bare address, and passes this check);
* for ``expect: silent``: a "the policy says nothing about this" marker in the question's language;
* for ``expect: ask_company``: buttons for both companies;
* for ``expect: compare``: both company names and the facts of both;
* for small talk (greeting, thanks, goodbye, smalltalk, bot_challenge, out_of_scope): the language,
  the listed facts, and none of the other company's facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from lingua import Language, LanguageDetectorBuilder

from bot.evaluation.matching import contains_fact, normalise
from bot.evaluation.sets import COMPANIES, SMALL_TALK, Question


# Markers of "the policy says nothing about this", per language. Kept loose on purpose: the
# knowledge base words its silence in several ways and the judge must not fail correct answers
# on phrasing. Compared case-insensitively after apostrophes are normalised.
SILENT_MARKERS: Dict[str, Tuple[str, ...]] = {
    "da": (
        "siger ikke", "siger intet", "nævner ikke", "nævner intet", "fremgår ikke",
        "står ikke", "står intet", "beskriver ikke", "oplyser ikke", "omtaler ikke",
        "intet om", "ikke noget om", "ingen oplysninger om", "tager ikke stilling",
        "ingen særskilt", "ingen særlig", "ingen egen", "har ikke en",
    ),
    "sv": (
        "säger inget", "säger ingenting", "säger inte", "nämner inte", "nämner inget",
        "framgår inte", "står inget", "står inte", "beskriver inte", "anger inte",
        "tar inte upp", "inget om", "ingenting om", "saknar uppgift", "saknar information",
        "ingen särskild", "har ingen", "har inte någon",
    ),
    "en": (
        "does not say", "doesn't say", "does not mention", "doesn't mention", "says nothing",
        "is silent", "does not state", "doesn't state", "does not cover", "doesn't cover",
        "does not address", "doesn't address", "does not specify", "doesn't specify",
        "does not describe", "doesn't describe", "nothing about", "no information",
        "not mentioned", "no separate", "does not have a", "doesn't have a",
    ),
}

# Facts only one company has: an answer about the other company must not carry them.
# Datatilsynet is not one: a customer living in Denmark may complain to it about OJCO too
# (GDPR art. 77), and OJCO's complaint answer says so.
COMPANY_FACTS: Dict[str, Tuple[str, ...]] = {
    "OK": (
        "ok@ok.dk", "ok.dk", "70 10 20 33", "39170418", "Åhave Parkvej", "Viby",
        "Experian", "Debitorregistret", "COOP Danmark", "Fri Vask",
    ),
    "OJCO": (
        "security@ojco.se", "ojco.se", "10 179 72 80", "556520-6199", "Drottninggatan",
        "Helsingborg", "Visma", "Office 365", "Integritetsskyddsmyndigheten", "IMY",
    ),
}

# Names that would mislead language detection (they are the same in every language).
PROPER_NOUNS: Tuple[str, ...] = (
    "OK a.m.b.a.", "OK a.m.b.a", "OJCO International AB", "OJCO AB", "Åhave Parkvej", "Viby J",
    "Carl Jacobsens Vej", "Valby", "Drottninggatan", "Helsingborg", "Datatilsynet",
    "Integritetsskyddsmyndigheten", "IMY", "Experian", "Debitorregistret", "COOP Danmark A/S",
    "COOP Danmark", "Coop", "Visma", "Lime", "Office 365", "Google Analytics", "Facebook",
    "LinkedIn", "Twitter", "Instagram", "YouTube", "Snapchat", "Vimeo", "Messenger",
    "TV2-gruppen", "TV2", "Fri Vask", "Min OK", "OK Hjem", "Job Agent", "SKAT", "Energinet",
    "Erhvervsstyrelsen", "Gældsstyrelsen", "Elforsyningsloven", "bogføringsloven",
    "bokföringslagen", "CPR-nr.", "CPR-nr", "CPR", "GDPR", "CVR-nr.", "CVR-nr", "CVR", "org.nr.",
    "org.nr", "org. nr", "OJCO", "OK",
)

# Fewer words than this left after stripping names and numbers (a bare address, "CVR 39170418"):
# the answer is language-neutral and the language check does not apply.
MIN_WORDS_FOR_LANGUAGE = 4

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:dk|se|com)(?:/\S*)?", re.IGNORECASE)
_OK_WORD = re.compile(r"(?<!\w)OK(?:s|:s)?(?!\w)")  # case-sensitive: "ok" is also a word
_OJCO_WORD = re.compile(r"(?<!\w)OJCO", re.IGNORECASE)


def strip_for_language(text: str) -> str:
    """The answer's words with names, e-mails, URLs, numbers and punctuation removed."""
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    for noun in sorted(PROPER_NOUNS, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(noun) + r"(?:'s|s|:s)?(?!\w)", " ", text)
    text = re.sub(r"[\d]+", " ", text)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _detector() -> Any:
    return LanguageDetectorBuilder.from_languages(Language.DANISH, Language.SWEDISH, Language.ENGLISH).build()


def language_words(text: str) -> List[str]:
    """The words language detection looks at (names, e-mails, numbers stripped)."""
    return re.findall(r"[^\W\d_][\w'-]*", strip_for_language(text))


def detect_language(text: str) -> Optional[str]:
    """"da", "sv" or "en" for the answer text (names and numbers stripped); None if undecidable."""
    words = language_words(text)
    if not words:
        return None
    language = _detector().detect_language_of(" ".join(words))
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


def names_company(text: str, company: str) -> bool:
    """Whether the answer names ``company`` (e-mail addresses and URLs do not count)."""
    bare = _URL.sub(" ", _EMAIL.sub(" ", text))
    pattern = _OK_WORD if company == "OK" else _OJCO_WORD
    return pattern.search(bare) is not None


def other_company(company: str) -> str:
    """The company that is not ``company``."""
    return "OJCO" if company == "OK" else "OK"


def says_silent(text: str, lang: str) -> bool:
    """Whether the answer says the policy is silent, in ``lang``."""
    hay = normalise(text).casefold()
    return any(marker in hay for marker in SILENT_MARKERS[lang])


def _button_companies(replies: Sequence[Mapping[str, Any]]) -> set:
    found = set()
    for reply in replies:
        for button in reply.get("buttons") or ():
            label = f"{button.get('title', '')} {button.get('payload', '')}"
            if _OJCO_WORD.search(label):
                found.add("OJCO")
            elif _OK_WORD.search(label):
                found.add("OK")
    return found


@dataclass
class Judgement:
    """The verdict on one answer."""

    question: Question
    answer: str
    passed: bool
    reasons: List[str] = field(default_factory=list)
    language: Optional[str] = None
    kind: str = ""  # the group it is tallied under: the question's kind, or the turn's kind


def reply_text(replies: Sequence[Mapping[str, Any]]) -> str:
    """The texts of the bot's replies joined into one answer."""
    return "\n".join(str(r["text"]) for r in replies if r.get("text"))


def judge(question: Question, replies: Sequence[Mapping[str, Any]]) -> Judgement:
    """Judge the bot's replies (the REST webhook's JSON list) to ``question``."""
    answer = reply_text(replies)
    reasons: List[str] = []

    language = detect_language(answer) if answer.strip() else None
    # A short reply to small talk ("You're welcome!") is all language: no neutral pass for it.
    neutral = (
        bool(answer.strip())
        and question.expect not in SMALL_TALK
        and len(language_words(answer)) < MIN_WORDS_FOR_LANGUAGE
    )
    if language != question.lang and not neutral:
        reasons.append(f"language: expected {question.lang}, got {language or 'undetermined'}")

    if question.expect == "ask_company":
        missing = set(COMPANIES) - _button_companies(replies)
        if missing:
            reasons.append(f"ask_company: no button for {', '.join(sorted(missing))}")
        return Judgement(question, answer, not reasons, reasons, language, question.kind)

    for fact in question.must_contain:
        if not fact.found_in(answer, question.lang):
            reasons.append(f"missing fact {fact.describe(question.lang)}")
    for forbidden in question.must_not_contain:
        if contains_fact(answer, forbidden):
            reasons.append(f"contains forbidden {forbidden!r}")

    if question.expect in SMALL_TALK:
        if question.company in COMPANIES:
            other = other_company(question.company)
            leaked = [f for f in COMPANY_FACTS[other] if contains_fact(answer, f)]
            if leaked:
                reasons.append(f"company: carries {other}'s facts {leaked}")
    elif question.expect == "compare":
        for company in COMPANIES:
            if not names_company(answer, company):
                reasons.append(f"compare: does not name {company}")
    else:
        if not names_company(answer, question.company):
            reasons.append(f"company: does not name {question.company}")
        other = other_company(question.company)
        if names_company(answer, other):
            reasons.append(f"company: names the other company {other}")
        leaked = [f for f in COMPANY_FACTS[other] if contains_fact(answer, f)]
        if leaked:
            reasons.append(f"company: carries {other}'s facts {leaked}")

    if question.expect == "silent" and not says_silent(answer, question.lang):
        reasons.append(f"silent: no '{question.lang}' marker that the policy is silent")

    return Judgement(question, answer, not reasons, reasons, language, question.kind)

