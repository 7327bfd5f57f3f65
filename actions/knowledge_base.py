"""The policy knowledge base (data/knowledge_base.yml): loaded and validated once, read through typed accessors.

Validation fails loudly (:class:`KnowledgeBaseError`) at load time, so a broken edit of the YAML
stops the action server at start-up instead of producing a half-answer in a conversation.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

# The lists every knowledge base is checked against (a test's or an edited copy must match).
from actions.catalogue import COMPANIES, KNOWLEDGE_BASE, LANGUAGES, parse_yaml

DEFAULT_PATH = KNOWLEDGE_BASE

# Placeholders a topic text may use; filled from its company's entry at load time.
TEXT_FIELDS: Tuple[str, ...] = ("email", "phone", "address", "name")
# Every phrase key the actions use, with the placeholders each may contain.
PHRASE_FIELDS: Dict[str, Tuple[str, ...]] = {
    "answer": ("company", "sections", "text"),
    "silent": ("possessive", "company"),
    "silent_detail": ("possessive", "detail"),
    "chat_service_retention": ("days",),
    "related": ("company", "sections", "text"),
    "general_marker": ("company",),
    "ask_directly": ("company", "contact"),
    "contact": ("email", "phone"),
    "contact_named": ("company_display", "contact"),
    "ask_company": (),
    "compare_intro": (),
    "compare_overview": (),
    "company_chosen": ("company_display",),
    "greeting": ("scope",),
    "goodbye": (),
    "thanks": (),
    "bot_challenge": ("scope", "contacts"),
    "human_handoff": ("contacts",),
    "out_of_scope": ("scope", "contacts"),
    "smalltalk": ("scope",),
    "fallback": ("contacts",),
    "suggestions": (),
    "acknowledge": (),
    "delete_explain": (),
    "delete_confirm": (),
    "delete_button_yes": (),
    "delete_button_no": (),
    "delete_done": (),
    "delete_cancelled": (),
    "download_conversation": (),
    "opt_out_training": (),
}
WORDS: Tuple[str, ...] = ("and", "or")
# The policy's own typo (section 11.5); the bot must never repeat it.
FORBIDDEN_STRINGS: Tuple[str, ...] = ("secruity",)


class KnowledgeBaseError(ValueError):
    """The knowledge base file is missing, malformed or incomplete; the message names the place."""


@dataclass(frozen=True)
class Company:
    """One company: identity, contact channel and the aliases that name it in a message."""

    id: str
    display_name: str
    short_name: str
    policy_title: str
    policy_language: str
    possessive: Mapping[str, str]
    section_word: Mapping[str, str]
    section_word_plural: Mapping[str, str]
    email: str
    phone: str
    address: str
    aliases_exact_case: Tuple[str, ...]
    aliases_any_case: Tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """Policy sections and what they say, per language."""

    sections: Tuple[str, ...]
    text: Mapping[str, str]


@dataclass(frozen=True)
class CompanyAnswer:
    """What one company's policy says about a topic.

    ``passage`` is set unless ``silent``; ``related`` (only when silent) is what the policy says
    nearby; ``general`` is general GDPR information, never the company's own promise.
    """

    silent: bool
    passage: Optional[Passage]
    related: Optional[Passage]
    general: Optional[Mapping[str, str]]


@dataclass(frozen=True)
class Topic:
    """One topic of the topic contract: its intent, a short title and both companies' answers."""

    id: str
    intent: str
    title: Mapping[str, str]
    answers: Mapping[str, CompanyAnswer]


class KnowledgeBase:
    """Read-only view of the validated knowledge base."""

    def __init__(
        self,
        companies: Mapping[str, Company],
        topics: Mapping[str, Topic],
        phrases: Mapping[str, Mapping[str, str]],
        words: Mapping[str, Mapping[str, str]],
    ) -> None:
        self.companies = dict(companies)
        self.topics = dict(topics)
        self._phrases = dict(phrases)
        self._words = dict(words)
        self._by_intent = {t.intent: t for t in self.topics.values()}

    def company(self, company_id: str) -> Company:
        """The company with id ``OK`` or ``OJCO``."""
        return self.companies[company_id]

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id (KeyError if unknown)."""
        return self.topics[topic_id]

    def topic_for_intent(self, intent: Optional[str]) -> Optional[Topic]:
        """The topic answered for ``ask_<topic>``, or None for any other intent."""
        return self._by_intent.get(intent or "")

    @property
    def intents(self) -> List[str]:
        """Every topic intent, in knowledge-base order."""
        return [t.intent for t in self.topics.values()]

    def phrase(self, key: str, lang: str, **fields: str) -> str:
        """The phrase ``key`` in ``lang`` with its placeholders filled."""
        return self._phrases[key][lang].format(**fields)

    def word(self, key: str, lang: str) -> str:
        """A joining word ("and", "or") in ``lang``."""
        return self._words[key][lang]


# --------------------------------------------------------------------------- validation


def _fail(where: str, problem: str) -> KnowledgeBaseError:
    return KnowledgeBaseError(f"knowledge base: {where}: {problem}")


def _placeholders(template: str) -> List[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def _languages(raw: Any, where: str) -> Dict[str, str]:
    """A {da, sv, en} mapping of non-empty strings."""
    if not isinstance(raw, Mapping):
        raise _fail(where, "expected a mapping with da, sv and en")
    missing = [lang for lang in LANGUAGES if not isinstance(raw.get(lang), str) or not raw[lang].strip()]
    if missing:
        raise _fail(where, f"missing or empty language(s): {', '.join(missing)}")
    extra = set(raw) - set(LANGUAGES)
    if extra:
        raise _fail(where, f"unknown language(s): {', '.join(sorted(map(str, extra)))}")
    return {lang: raw[lang].strip() for lang in LANGUAGES}


def _filled(texts: Mapping[str, str], company: Company, where: str) -> Dict[str, str]:
    """Topic texts with {email}/{phone}/{address}/{name} replaced by the company's values."""
    values = {"email": company.email, "phone": company.phone, "address": company.address, "name": company.display_name}
    out = {}
    for lang, text in texts.items():
        unknown = [p for p in _placeholders(text) if p not in TEXT_FIELDS]
        if unknown:
            raise _fail(f"{where}.{lang}", f"unknown placeholder(s) {unknown}; allowed: {list(TEXT_FIELDS)}")
        out[lang] = text.format(**values)
    return out


def _sections(raw: Any, where: str) -> Tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    sections = tuple(str(s).strip() for s in items if s is not None and str(s).strip())
    if not sections or len(sections) != len(items):
        raise _fail(where, "section must be a non-empty string or list of strings")
    return sections


def _company(company_id: str, raw: Any) -> Company:
    where = f"companies.{company_id}"
    if not isinstance(raw, Mapping):
        raise _fail(where, "expected a mapping")
    try:
        contact = raw["contact"]
        aliases = raw["aliases"]
        company = Company(
            id=company_id,
            display_name=str(raw["display_name"]),
            short_name=str(raw["short_name"]),
            policy_title=str(raw["policy_title"]),
            policy_language=str(raw["policy_language"]),
            possessive=_languages(raw["possessive"], f"{where}.possessive"),
            section_word=_languages(raw["section_word"], f"{where}.section_word"),
            section_word_plural=_languages(raw["section_word_plural"], f"{where}.section_word_plural"),
            email=str(contact["email"]),
            phone=str(contact["phone"]),
            address=str(contact["address"]),
            aliases_exact_case=tuple(str(a) for a in aliases.get("exact_case") or ()),
            aliases_any_case=tuple(str(a) for a in aliases.get("any_case") or ()),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise _fail(where, f"missing or malformed field {exc}") from None
    if not company.aliases_exact_case and not company.aliases_any_case:
        raise _fail(f"{where}.aliases", "a company needs at least one alias")
    if company.policy_language not in LANGUAGES:
        raise _fail(f"{where}.policy_language", f"must be one of {LANGUAGES}")
    return company


def _passage(raw: Any, company: Company, where: str) -> Passage:
    if not isinstance(raw, Mapping):
        raise _fail(where, "expected a mapping with section and text")
    if "section" not in raw:
        raise _fail(where, "missing section")
    return Passage(
        sections=_sections(raw["section"], f"{where}.section"),
        text=_filled(_languages(raw.get("text"), f"{where}.text"), company, f"{where}.text"),
    )


def _answer(raw: Any, company: Company, where: str) -> CompanyAnswer:
    if not isinstance(raw, Mapping):
        raise _fail(where, "missing: every topic needs an entry for both companies")
    general = raw.get("general")
    general_texts = _filled(_languages(general, f"{where}.general"), company, f"{where}.general") if general else None
    if raw.get("silent") is True:
        if "section" in raw or "text" in raw:
            raise _fail(where, "a silent answer has no section/text (use `related` for what the policy says nearby)")
        related = _passage(raw["related"], company, f"{where}.related") if raw.get("related") else None
        return CompanyAnswer(silent=True, passage=None, related=related, general=general_texts)
    if "silent" in raw and raw["silent"] is not False:
        raise _fail(where, "silent must be true or false")
    if "section" not in raw:
        raise _fail(where, "needs a section and text, or silent: true")
    if raw.get("related"):
        raise _fail(where, "`related` is only for silent answers")
    return CompanyAnswer(
        silent=False, passage=_passage(raw, company, where), related=None, general=general_texts
    )


def _topic(topic_id: str, raw: Any, companies: Mapping[str, Company]) -> Topic:
    where = f"topics.{topic_id}"
    if not isinstance(raw, Mapping):
        raise _fail(where, "expected a mapping")
    if raw.get("intent") != f"ask_{topic_id}":
        raise _fail(f"{where}.intent", f"must be ask_{topic_id}")
    unknown = set(raw) - {"intent", "title", *COMPANIES}
    if unknown:
        raise _fail(where, f"unknown key(s) {sorted(unknown)}")
    answers = {cid: _answer(raw.get(cid), companies[cid], f"{where}.{cid}") for cid in COMPANIES}
    return Topic(
        id=topic_id, intent=raw["intent"], title=_languages(raw.get("title"), f"{where}.title"), answers=answers
    )


def _phrases(raw: Any) -> Dict[str, Dict[str, str]]:
    if not isinstance(raw, Mapping):
        raise _fail("phrases", "expected a mapping")
    missing = [key for key in PHRASE_FIELDS if key not in raw]
    if missing:
        raise _fail("phrases", f"missing phrase(s): {', '.join(missing)}")
    phrases = {}
    for key, allowed in PHRASE_FIELDS.items():
        texts = _languages(raw[key], f"phrases.{key}")
        for lang, text in texts.items():
            unknown = [p for p in _placeholders(text) if p not in allowed]
            if unknown:
                raise _fail(f"phrases.{key}.{lang}", f"unknown placeholder(s) {unknown}; allowed: {list(allowed)}")
        phrases[key] = texts
    return phrases


def _forbidden(node: Any, where: str = "") -> None:
    if isinstance(node, str):
        for bad in FORBIDDEN_STRINGS:
            if bad in node.casefold():
                raise _fail(where or "(root)", f"contains {bad!r}: the address is security@ojco.se")
    elif isinstance(node, Mapping):
        for key, value in node.items():
            _forbidden(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _forbidden(value, f"{where}[{i}]")


def parse_knowledge_base(data: Any) -> KnowledgeBase:
    """Validate the parsed YAML and build the :class:`KnowledgeBase`; raises :class:`KnowledgeBaseError`."""
    if not isinstance(data, Mapping):
        raise _fail("(root)", "expected a mapping")
    _forbidden(data)
    if list(data.get("languages") or []) != list(LANGUAGES):
        raise _fail("languages", f"must be {list(LANGUAGES)}")
    raw_companies = data.get("companies")
    if not isinstance(raw_companies, Mapping) or set(raw_companies) != set(COMPANIES):
        raise _fail("companies", f"must define exactly {list(COMPANIES)}")
    companies = {cid: _company(cid, raw_companies[cid]) for cid in COMPANIES}
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, Mapping) or not raw_topics:
        raise _fail("topics", "expected a non-empty mapping")
    topics = {str(tid): _topic(str(tid), raw, companies) for tid, raw in raw_topics.items()}
    for tid in topics:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", tid):
            raise _fail(f"topics.{tid}", "topic ids are lower-case snake_case")
    raw_words = data.get("words")
    if not isinstance(raw_words, Mapping):
        raise _fail("words", "expected a mapping")
    words = {key: _languages(raw_words.get(key), f"words.{key}") for key in WORDS}
    return KnowledgeBase(companies, topics, _phrases(data.get("phrases")), words)


def read_knowledge_base(path: Path | str) -> KnowledgeBase:
    """Read and validate the knowledge base at ``path`` (no caching)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read knowledge base {path}: {exc.strerror}") from None
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"knowledge base {path} is not valid YAML: {exc}") from None
    return parse_knowledge_base(data)


@lru_cache(maxsize=4)
def load_knowledge_base(path: Optional[str] = None) -> KnowledgeBase:
    """The validated knowledge base, read once per path (default: data/knowledge_base.yml)."""
    return read_knowledge_base(path or DEFAULT_PATH)


def iter_texts(kb: KnowledgeBase) -> Iterable[Tuple[str, str, str]]:
    """(place, lang, text) for every topic text of the knowledge base, for checks and tests."""
    for topic in kb.topics.values():
        for cid, answer in topic.answers.items():
            for part, texts in (
                ("text", answer.passage.text if answer.passage else None),
                ("related", answer.related.text if answer.related else None),
                ("general", answer.general),
            ):
                for lang, text in (texts or {}).items():
                    yield f"{topic.id}.{cid}.{part}", lang, text
