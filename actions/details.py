"""Fine-grained silence: the topic is in the policy, the specific detail asked is not.

"Does it cost anything to see my data?" is the access topic, which OK's policy covers, but the
policy says nothing about a fee. Answering with the access passage alone reads as if it did. So
before a topic answer, :func:`missing_details` looks for details the question asks about (a fee,
an age limit, breach notification, a data protection officer, a named third party or country ...)
and checks whether the company's policy text or the topic's knowledge-base passage mentions them.
Each detail the policy never mentions is named in a "the policy says nothing about …" lead, and
the answer then gives what the policy does say on the topic.

Two kinds of detail:

- :data:`CONCEPTS`: a question pattern (da/sv/en, typo- and æøå-tolerant through folding) and
  the evidence that the policy speaks about it. ``scope="policy"`` looks in the whole policy and
  every passage of the company; ``scope="topic"`` only in the topic's own passage (sound on CCTV:
  OK's policy speaks of phone call audio, not of sound on its cameras).
- :data:`NAMES`: third parties and countries a customer names. A name the company's policy never
  mentions is a detail it is silent about ("do you share my data with Mailchimp?").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Pattern, Tuple

from actions.knowledge_base import KnowledgeBase

# The policies as published (the web page serves the same files).
POLICY_DIR = Path(__file__).resolve().parent.parent / "bot" / "web" / "policies"

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "u", "é": "e"})


def fold(text: str) -> str:
    """Lower case, æøåäö spelled out (ae/oe/aa), other accents dropped: "hvor længe" == "hvor laenge"."""
    text = text.casefold().translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _re(pattern: str) -> Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Concept:
    """A detail a question may ask about, and the words that show a policy speaks of it."""

    id: str
    label: Mapping[str, str]
    ask: Pattern[str]  # on the folded question
    evidence: Pattern[str]  # on the folded policy / passage
    scope: str = "policy"  # "policy" or "topic"
    topics: Tuple[str, ...] = ()  # only for these topics (empty: any)
    skip_prefix: str = ""  # never for topics whose id starts with this


CONCEPTS: Tuple[Concept, ...] = (
    Concept(
        "fee",
        {"da": "et gebyr eller en pris", "sv": "en avgift eller ett pris", "en": "a fee or a charge"},
        # not "pay": "if I don't pay my bill" asks about debt collection, not a fee
        _re(r"\b(?:kost(?:er|e|ar|a|s)|koste|gebyr\w*|gratis|avgift\w*|kostnad\w*|costs?|fees?|charged?(?! of)|free of charge)\b"),
        _re(r"gebyr|gratis|vederlag|omkostningsfri|uden beregning|utan kostnad|kostnadsfri|avgift|free of charge|\bfees?\b"),
    ),
    Concept(
        "age",
        {"da": "en aldersgrænse", "sv": "en åldersgräns", "en": "an age limit"},
        _re(r"aldersgr\w*|aaldersgr\w*|minimum ?age|age limit|how old|hvor gammel|hur gammal|\b(?:boern|barn|barnen|children|kids?|minors?|mindreaarig\w*|minderaarig\w*)\b|\bunder 1[0-8]\b"),
        _re(r"aldersgr|aaldersgr|\bboern|\bbarn\b|children|\bunder 1[0-8]\b|mindreaarig|minderaarig|\bminors?\b|aar gammel|years old|age limit"),
    ),
    Concept(
        "breach",
        {
            "da": "at give dig besked ved et sikkerhedsbrud",
            "sv": "att meddela dig vid en personuppgiftsincident",
            "en": "telling you about a data breach",
        },
        # "how do you protect my data against hackers?" is the security topic: a hack or leak is
        # only this detail with a word about being told, or as the incident itself
        _re(r"datalaek\w*|sikkerhedsbrud|databrud|data ?breach\w*|dataincident\w*|personuppgiftsincident\w*|dataintrang"
            r"|(?:\bhack\w*|\blaek\w*|stjaal\w*|\bstulna?\b|\bstolen\b|\bbreach\w*|\bleak\w*|\bincident\w*|intrang)"
            r".*(?:besked|underret\w*|informer\w*|meddel\w*|notif\w*|\btell\b|\btold\b|\bveta\b|\bvide\b)"
            r"|(?:besked|underret\w*|informer\w*|meddel\w*|notif\w*|\btell\b|\btold\b|\bveta\b|\bvide\b)"
            r".*(?:\bhack\w*|\blaek\w*|stjaal\w*|\bstulna?\b|\bstolen\b|\bbreach\w*|\bleak\w*|\bincident\w*|intrang)"),
        _re(r"sikkerhedsbrud|brud paa (?:person)?datasikkerhed|personuppgiftsincident|dataincident|data ?breach|breach of (?:personal )?data|security breach"),
    ),
    Concept(
        "dpo",
        {
            "da": "en databeskyttelsesrådgiver (DPO)",
            "sv": "ett dataskyddsombud (DPO)",
            "en": "a data protection officer (DPO)",
        },
        _re(r"databeskyttelsesraadgiver\w*|\bdpo\b|dataskyddsombud\w*|data protection officer|privacy officer"),
        _re(r"databeskyttelsesraadgiver|\bdpo\b|dataskyddsombud|data protection officer"),
    ),
    Concept(
        "ai",
        {"da": "kunstig intelligens (AI)", "sv": "artificiell intelligens (AI)", "en": "artificial intelligence (AI)"},
        _re(r"\bai\b|kunstig intelligens|artificiell intelligens|artificial intelligence|maskinlaering|maskininlaerning|machine learning|chatgpt|openai"),
        _re(r"kunstig intelligens|artificiell intelligens|artificial intelligence|maskinlaering|maskininlaerning|machine learning"),
    ),
    Concept(
        "encryption",
        {"da": "kryptering", "sv": "kryptering", "en": "encryption"},
        _re(r"krypter\w*|encrypt\w*"),
        _re(r"krypter|encrypt"),
    ),
    Concept(
        "server_location",
        {"da": "hvor serverne står", "sv": "var servrarna står", "en": "where the servers are"},
        _re(r"\b(?:server\w*|servrar\w*|datacent\w*)\b"),
        _re(r"datacent|server\w* (?:i|in|paa|pa) (?:danmark|sverige|eu|europa|europe|denmark|sweden)"),
    ),
    Concept(
        "sound",
        {"da": "optagelse af lyd", "sv": "inspelning av ljud", "en": "recording sound"},
        _re(r"\b(?:lyd\w*|ljud\w*|sound|audio|mikrofon\w*|microphones?)\b"),
        _re(r"\blyd|ljud|sound|audio"),
        scope="topic",
        topics=("cctv", "retention_cctv", "plate_recognition"),
    ),
    Concept(
        "count",
        {"da": "et antal", "sv": "ett antal", "en": "a number"},
        # a count of things ("how many cameras"), not of kinds ("how many kinds of cookies")
        _re(r"(?:hvor mange|hur maanga|hur manga|how many) (?!slags|typer|forskellige|kinds|types|sorts|different|sorter|olika)"),
        _re(r"\d"),  # the passages write their figures in digits
        scope="topic",
    ),
    Concept(
        "countries",
        {"da": "hvilke lande det drejer sig om", "sv": "vilka länder det gäller", "en": "which countries"},
        _re(r"\b(?:hvilke|vilka|which|what) (?:lande|laender|lander|countries)\b"),
        _re(r"\b(?:usa|amerika|kina|indien|storbritannien|england|norge|schweiz|japan|canada|australien)\b"),
    ),
    Concept(
        "retention",
        {"da": "hvor længe oplysningerne gemmes", "sv": "hur länge uppgifterna sparas", "en": "how long the data is kept"},
        # "how long do you keep my charger data?" on a topic whose passage gives no period or deletion
        # rule; not "how long does it take" (a deadline) and never on the retention topics themselves
        _re(r"(?:how long|hvor laenge|hvor lange|hur laenge|hur lange)(?!.*\b(?:take|takes|tager|tar|varer|varar|respond|svare|svara|answer)\b)"
            r"|hvornaar\b.{0,40}\bslett|\bnaer\b.{0,30}\b(?:raderar|raderas)|when (?:do|will|does) .{0,30}(?:delete|erase)"),
        _re(r"\d+\s*(?:dage|dagar|days?|aar|years?|maaneder|maanader|months?|uger|veckor|weeks?)"
            r"|\b(?:en|et|ett|one|a|to|tre|two|three|fem|five)\s+(?:maaned|maanad|month|aar|year)"
            r"|slett|delet|radera|anonymi|saa laenge|as long as|so long as|opbevaringsperiode|lagringstid|lagringsperiod"),
        scope="topic",
        skip_prefix="retention_",
    ),
    Concept(
        "location",
        {"da": "lokationsdata", "sv": "platsdata", "en": "location data"},
        _re(r"\b(?:lokation\w*|gps|geolokation\w*|location|positionsdata|platsdata|min position|my location)\b"),
        _re(r"lokation|\bgps\b|location|positionsdata|platsdata|geolokal"),
    ),
)

# Third parties and countries customers name: canonical spelling -> folded patterns.
NAMES: Dict[str, str] = {
    "Google Analytics": r"google analytics",
    "Google": r"\bgoogle\b(?! analytics)",
    "Facebook": r"\bfacebook\b",
    "Meta": r"\bmeta\b",
    "Instagram": r"\binstagram\b",
    "TikTok": r"\btik ?tok\b",
    "LinkedIn": r"\blinked ?in\b",
    "Mailchimp": r"\bmail ?chimp\b",
    "Salesforce": r"\bsales ?force\b",
    "HubSpot": r"\bhub ?spot\b",
    "Microsoft": r"\bmicrosoft\b",
    "Amazon": r"\bamazon\b|\baws\b",
    "Apple": r"\bapple\b",
    "Klarna": r"\bklarna\b",
    "MobilePay": r"\bmobile ?pay\b",
    "Swish": r"\bswish\b",
    "PayPal": r"\bpay ?pal\b",
    "USA": r"\busa\b|\bu\.s\.a?\b|\bamerika\b|\bamerica\b|united states|\bforenede stater\b|\bfoerenta staterna\b",
    "Kina": r"\bkina\b|\bchina\b",
    "Indien": r"\bindien\b|\bindia\b",
    "Rusland": r"\brusland\b|\bryssland\b|\brussia\b",
    "Storbritannien": r"\bstorbritannien\b|\bengland\b|\bthe uk\b|\bunited kingdom\b|\bgreat britain\b",
    "Norge": r"\bnorge\b|\bnorway\b",
    "Tyskland": r"\btyskland\b|\bgermany\b",
}
_NAME_PATTERNS: Dict[str, Pattern[str]] = {name: re.compile(p) for name, p in NAMES.items()}
# How the policy itself would spell a name it mentions (Danish/Swedish texts).
_NAME_IN_POLICY: Dict[str, Pattern[str]] = {
    "USA": re.compile(r"\busa\b|\bamerika"),
    "Kina": re.compile(r"\bkina\b|\bchina\b"),
    "Storbritannien": re.compile(r"storbritannien|england|\buk\b"),
}
# Country names per answer language, for the lead.
_NAME_LABEL: Dict[str, Dict[str, str]] = {
    "Kina": {"sv": "Kina", "en": "China"},
    "Indien": {"en": "India"},
    "Rusland": {"sv": "Ryssland", "en": "Russia"},
    "Storbritannien": {"en": "the United Kingdom"},
    "Norge": {"en": "Norway"},
    "Tyskland": {"en": "Germany"},
}


@lru_cache(maxsize=4)
def _company_corpus(company_id: str, kb: KnowledgeBase) -> str:
    """The company's policy text and every knowledge-base passage of it, folded."""
    parts: List[str] = []
    path = POLICY_DIR / f"{company_id}.txt"
    if path.exists():
        parts.append(path.read_text(encoding="utf-8"))
    for topic in kb.topics.values():
        parts.extend(_passage_texts(kb, topic.id, company_id))
    return fold("\n".join(parts))


def _passage_texts(kb: KnowledgeBase, topic_id: str, company_id: str) -> List[str]:
    answer = kb.topic(topic_id).answers[company_id]
    texts: List[str] = []
    for passage in (answer.passage, answer.related):
        if passage:
            texts.extend(passage.text.values())
    return texts


def missing_details(question: str, topic_id: str, company_id: str, kb: KnowledgeBase, lang: str) -> List[str]:
    """Labels (in ``lang``) of the details ``question`` asks about that the company's policy never mentions."""
    q = fold(question)
    if not q.strip():
        return []
    corpus = _company_corpus(company_id, kb)
    passage = fold(" ".join(_passage_texts(kb, topic_id, company_id)))
    missing: List[str] = []
    for concept in CONCEPTS:
        if concept.topics and topic_id not in concept.topics:
            continue
        if concept.skip_prefix and topic_id.startswith(concept.skip_prefix):
            continue
        if not concept.ask.search(q):
            continue
        where = passage if concept.scope == "topic" else corpus
        if not concept.evidence.search(where):
            missing.append(concept.label[lang])
    for name, pattern in _NAME_PATTERNS.items():
        if pattern.search(q) and not (_NAME_IN_POLICY.get(name) or pattern).search(corpus):
            missing.append(_NAME_LABEL.get(name, {}).get(lang, name))
    return missing

