"""What a short message refers to: a company by name, country or "the other one", or nothing new.

Used for the dialogue state: a customer answering "which company?" by typing "ok", "ojco",
"den danske" or "the Swedish one", and follow-ups that only name a company ("and OJCO?",
"og hos den anden?", "det andra företaget då?").
"""
from __future__ import annotations

import re
from typing import List, Optional

from actions.company import companies_named
from actions.catalogue import COMPANIES
from actions.knowledge_base import KnowledgeBase

BOTH = "both"

# Country words: OK a.m.b.a. is the Danish company, OJCO AB the Swedish one.
_DANISH = r"dansk\w*|danish|danmark|denmark|danska\w*"
_SWEDISH = r"svensk\w*|swedish|sverige|sweden|swedes?"
_COUNTRY = {
    "OK": re.compile(r"(?<!\w)(?:" + _DANISH + r")(?!\w)", re.IGNORECASE),
    "OJCO": re.compile(r"(?<!\w)(?:" + _SWEDISH + r")(?!\w)", re.IGNORECASE),
}
# "på dansk", "in English": a wish about the language, never a company.
LANGUAGE_REQUEST = re.compile(
    r"(?<!\w)(?:in|på|paa|into|til|till)\s+(?:danish|dansk|danska|swedish|svensk|svenska|english|engelsk|engelska)(?!\w)",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"(?<!\w)(?:the other(?: one| company| firm| policy)?|other (?:one|company|firm)|"
    r"den anden|det andet|den andre|andre (?:firma|virksomhed|selskab)|anden (?:virksomhed|firma)|"
    r"den andra|det andra|andra (?:företaget|bolaget|firman))(?!\w)",
    re.IGNORECASE,
)
_BOTH_WORDS = re.compile(
    r"(?<!\w)(?:both|begge|båda|bägge|bada|bagge|each|hver|varje|either of (?:them|you)|neither of (?:them|you)|"
    r"any of (?:them|you)|nogen af (?:dem|jer)|ingen af (?:dem|jer)|någon av (?:dem|er)|nagon av (?:dem|er)|"
    r"ingen av (?:dem|er)|the two (?:companies|firms)|de to (?:firmaer|virksomheder|selskaber)|de två (?:företagen|bolagen)|"
    r"de tva (?:foretagen|bolagen))(?!\w)",
    re.IGNORECASE,
)
# Words that carry no topic: what is left after them and the company reference must be empty
# for a message to be "only a company".
_FILLER = set(
    """
    and og och but men so så then da då also også också too what about how with regarding re hvad med
    vad hur hvordan is are er är it its it's det den de the a an one ones for at ved hos til till to in
    i on på paa of af av about om angående angaaende vedr vedrørende concerning same samme samma
    company companies firm firma virksomhed virksomheden selskab selskabet företag företaget företagen bolag bolaget
    bolagen firmaet firman policy policies politik politikken policyn one's mean meant mener menar tænker
    tänker think jeg jag i'm im i me mig please venligst tak tack thanks gerne gärna just bare bara
    instead stedet istället istedet then så nu now ok okay oh ah hmm well nå nåh jo ja yes nej no
    how's hvad's vad's er das dem them they those those there der där here her här
    answer svar svara svar question spørgsmål fråga say sig säg tell fortæl berätta again igen
    can kan could kunne kunde you du ni i jer er your jeres er that this dette detta sorry undskyld
    förlåt ursäkta ursakta pls plz write skriv skrive repeat gentag upprepa would vil vill will
    sige svare sagt said saying skriva säga saga översätt oversæt translate translated reply respond
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[a-z]+)?", re.UNICODE)


def _strip(text: str, patterns: List[re.Pattern]) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def company_reference(text: str, kb: KnowledgeBase, in_play: Optional[str], *, lenient: bool = False) -> Optional[str]:
    """``OK``, ``OJCO`` or ``both`` when the message refers to a company, else None.

    Names (the knowledge base's aliases), "the other one" (relative to ``in_play``), a country
    ("den danske", "the Swedish one"), "both". ``lenient`` also accepts lower-case "ok" and
    "ok a.m.b.a" as OK: right after the bot asked "which company?", that is what "ok" means.
    """
    text = text or ""
    named = companies_named(text, kb)
    if lenient and not named and re.search(r"(?<!\w)ok(?!\w)", text, re.IGNORECASE):
        named = ["OK"]
    if len(named) > 1 or (named and _BOTH_WORDS.search(text)):
        return BOTH
    if named:
        return named[0]
    cleaned = LANGUAGE_REQUEST.sub(" ", text)
    countries = [cid for cid, pattern in _COUNTRY.items() if pattern.search(cleaned)]
    if len(countries) == 1:
        return countries[0]
    if len(countries) > 1:
        return BOTH
    if _OTHER.search(cleaned) and in_play in COMPANIES:
        return next(cid for cid in COMPANIES if cid != in_play)
    if _BOTH_WORDS.search(cleaned):
        return BOTH
    return None


def content_words(text: str, kb: KnowledgeBase) -> List[str]:
    """The words of ``text`` that are neither a company reference, a language wish nor filler."""
    text = LANGUAGE_REQUEST.sub(" ", text or "")
    text = _strip(text, [_OTHER, _BOTH_WORDS, *_COUNTRY.values()])
    for cid in COMPANIES:
        company = kb.company(cid)
        for alias in sorted((*company.aliases_exact_case, *company.aliases_any_case), key=len, reverse=True):
            text = re.sub(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<!\w)a\.?m\.?b\.?a\.?(?!\w)|(?<!\w)ab(?!\w)|(?<!\w)international(?!\w)", " ", text, flags=re.IGNORECASE)
    return [w for w in _WORD.findall(text.lower()) if w not in _FILLER]


def only_a_company(text: str, kb: KnowledgeBase, in_play: Optional[str], *, lenient: bool = False) -> Optional[str]:
    """The company (or ``both``) when the message says nothing but which company, else None."""
    reference = company_reference(text, kb, in_play, lenient=lenient)
    if reference is None or content_words(text, kb):
        return None
    return reference


_POLITE_START = re.compile(
    r"^(?:\W+|(?:sorry|undskyld|förlåt|forlat|ursäkta|ursakta|please|pls|venligst|gerne|gärna|tak|tack|thanks|ok|okay|"
    r"can you|could you|kan du|kunne du|kan ni|kunde du|answer|svare|svara|svar|reply)(?!\w))*",
    re.IGNORECASE,
)


def without_language_wish(text: str) -> str:
    """``text`` minus a language wish and the politeness around it.

    "sorry, in English please: and phone calls?" -> "and phone calls?": what is left is the
    follow-up, read like any other.
    """
    rest = LANGUAGE_REQUEST.sub(" ", text or "")
    return _POLITE_START.sub("", rest.strip()).strip()


def only_a_language_wish(text: str, kb: KnowledgeBase) -> bool:
    """Whether the message only asks for another language ("in English please", "på dansk?")."""
    return bool(LANGUAGE_REQUEST.search(text or "")) and not content_words(text, kb)
