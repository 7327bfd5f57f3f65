"""Which company a turn is about: named in the message, the `company` slot/entity, or the page's metadata.

Order of precedence (first hit wins):
  (a) a company named in the current message (aliases from the knowledge base),
  (b) the `company` entity of this message, then the `company` slot,
  (c) the `company` field of the latest user event's metadata (the web page the widget sits on).
Comparison cue words ("compare", "begge", "vem av er" ...) or both companies named mean: answer for both.
In a long message, (a) and the comparison cues read only the question (:mod:`actions.focus`): a
company named in passing in the story ("I went to one of OJCO's events ...") counts only when neither
the question, the slot nor the page names one.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any, List, Optional, Pattern, Tuple

from rasa_sdk import Tracker

from actions.catalogue import COMPANIES
from actions.focus import question_text
from actions.knowledge_base import KnowledgeBase
from actions.turn import is_payload, latest_metadata, latest_text, slot_before_latest_turn

# Words that may follow a message-initial "OK" used as an interjection ("OK thanks", "OK så ...").
_INTERJECTION_FOLLOWERS = (
    "thanks", "thank", "thx", "tak", "tack", "great", "fine", "fint", "bra", "godt", "perfect", "perfekt",
    "super", "cool", "got", "then", "så", "so", "alright", "good", "nice", "understood", "forstået",
    "uppfattat", "i", "jeg", "jag",
)
_LEADING_INTERJECTION = re.compile(
    r"^\s*OK(?:\s*[,.!?…]+|\s*$|\s+(?:" + "|".join(map(re.escape, _INTERJECTION_FOLLOWERS)) + r")\b)",
)

# Cues that the customer wants both companies compared. Word stems are anchored at a word start;
# "different"/"forskellige" are deliberately absent ("what different data do you collect").
_COMPARISON_CUES = (
    r"compar\w*", r"versus", r"vs\.?", r"difference\w*", r"differ", r"which (?:one )?of (?:you|them)",
    r"who of you", r"the two companies", r"each company", r"both companies", r"both policies",
    r"sammenlign\w*", r"begge", r"forskel(?:len|le|lene)?", r"hvem af (?:jer|dem)", r"hvilken af (?:jer|dem)",
    r"hvilket af (?:jer|dem)", r"de to virksomheder", r"jämför\w*", r"jamfor\w*", r"båda", r"bägge", r"bada",
    r"skillnad\w*", r"vem av (?:er|dem)", r"vilken av (?:er|dem)", r"vilket av (?:er|dem|företagen)",
    r"de två företagen", r"which company", r"which of the two", r"side by side", r"the two policies",
    r"hvilket firma", r"hvilket selskab", r"hvem af de to", r"de to firmaer", r"de to selskaber",
    r"side om side", r"de to politikker", r"vilket företag", r"vilket bolag", r"vem av de två",
    r"de två bolagen", r"sida vid sida", r"de två policyerna",
)
_COMPARISON = re.compile(r"(?<!\w)(?:" + "|".join(_COMPARISON_CUES) + r")(?!\w)", re.IGNORECASE)
# English "both" is a cue unless it is the correlative "both X and Y" ("both my name and address").
_BOTH = re.compile(r"(?<!\w)both(?!\w)((?:\W+\w+){0,3})", re.IGNORECASE)
_AND = re.compile(r"(?<!\w)and(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A company named in a text, at characters [start, end)."""

    company: str
    start: int
    end: int


@dataclass(frozen=True)
class Resolution:
    """The outcome of company resolution for one turn."""

    company: Optional[str]
    source: Optional[str]  # "message" | "entity" | "slot" | "metadata" | None
    compare: bool


def _alias_patterns(kb: KnowledgeBase) -> List[Tuple[str, Pattern[str]]]:
    patterns = []
    for cid in COMPANIES:
        company = kb.company(cid)
        for alias in company.aliases_exact_case:
            patterns.append((cid, re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)")))
        for alias in company.aliases_any_case:
            patterns.append((cid, re.compile(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", re.IGNORECASE)))
    return patterns


_PATTERN_CACHE: "weakref.WeakKeyDictionary[KnowledgeBase, List[Tuple[str, Pattern[str]]]]" = (
    weakref.WeakKeyDictionary()
)


def _patterns(kb: KnowledgeBase) -> List[Tuple[str, Pattern[str]]]:
    if kb not in _PATTERN_CACHE:
        _PATTERN_CACHE[kb] = _alias_patterns(kb)
    return _PATTERN_CACHE[kb]


def find_mentions(text: str, kb: KnowledgeBase) -> List[Mention]:
    """Every place ``text`` names a company, in text order.

    Lower-case "ok"/"okay" never counts, nor a message-initial interjection "OK," / "OK thanks".
    """
    text = text or ""
    interjection = _LEADING_INTERJECTION.match(text)
    skip_until = text.index("OK") + 2 if interjection else -1
    mentions = []
    for cid, pattern in _patterns(kb):
        for match in pattern.finditer(text):
            if cid == "OK" and match.start() < skip_until and match.group(0) == "OK":
                continue
            mentions.append(Mention(cid, match.start(), match.end()))
    return sorted(mentions, key=lambda m: (m.start, -m.end))


def companies_named(text: str, kb: KnowledgeBase) -> List[str]:
    """The companies ``text`` names, in order of first mention, without repeats."""
    seen: List[str] = []
    for mention in find_mentions(text, kb):
        if mention.company not in seen:
            seen.append(mention.company)
    return seen


def wants_comparison(text: str, kb: KnowledgeBase) -> bool:
    """Whether ``text`` asks about both companies (a cue word, or both companies named)."""
    text = text or ""
    if is_payload(text):
        return False
    if _COMPARISON.search(text) or len(companies_named(text, kb)) == len(COMPANIES):
        return True
    for match in _BOTH.finditer(text):
        if not _AND.search(match.group(1)):
            return True
    return False


def normalise_company(value: Any, kb: KnowledgeBase) -> Optional[str]:
    """``OK``/``OJCO`` for an entity or slot value ("ok", "OJCO AB", "OK a.m.b.a."), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    for cid in COMPANIES:
        if value.strip().casefold() == cid.casefold():
            return cid
    named = companies_named(value, kb) or companies_named(value.upper(), kb)
    return named[0] if len(set(named)) == 1 else None


def _entity_company(tracker: Tracker, kb: KnowledgeBase) -> Tuple[Optional[str], bool]:
    """(company from this message's `company` entity, whether an entity was rejected).

    Free text: an entity counts only where the alias rules also see a company, so an extractor that
    tags the everyday word "ok" cannot switch the conversation to OK. Button payloads are trusted.
    """
    text = latest_text(tracker)
    rejected = False
    mentions = None if is_payload(text) else find_mentions(text, kb)
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") != "company":
            continue
        value = normalise_company(entity.get("value"), kb)
        if value is None:
            rejected = True
            continue
        start, end = entity.get("start"), entity.get("end")
        if mentions is not None and isinstance(start, int) and isinstance(end, int):
            if not any(m.start < end and start < m.end for m in mentions):
                rejected = True
                continue
        return value, rejected
    return None, rejected


def resolve_company(tracker: Tracker, kb: KnowledgeBase) -> Resolution:
    """Which company this turn is about, where that came from, and whether both are wanted."""
    full_text = latest_text(tracker)
    text = question_text(full_text)
    compare = wants_comparison(text, kb)
    named = [] if is_payload(text) else companies_named(text, kb)
    if len(named) == 1:
        return Resolution(named[0], "message", compare)
    if len(named) > 1:
        return Resolution(None, None, True)
    entity, rejected = _entity_company(tracker, kb)
    if entity:
        return Resolution(entity, "entity", compare)
    # A rejected entity may already have overwritten the slot (from_entity mapping): use the value
    # the slot had before this message instead.
    slot_value = slot_before_latest_turn(tracker, "company") if rejected else tracker.get_slot("company")
    slot_company = normalise_company(slot_value, kb)
    if slot_company:
        return Resolution(slot_company, "slot", compare)
    meta_company = normalise_company(latest_metadata(tracker).get("company"), kb)
    if meta_company:
        return Resolution(meta_company, "metadata", compare)
    story = [] if text == full_text else companies_named(full_text, kb)
    if len(story) == 1:
        return Resolution(story[0], "message", compare)
    return Resolution(None, None, compare)
