"""Sentences built from the knowledge base: topic answers, comparisons, contact lines, scopes."""
from __future__ import annotations

from typing import Mapping, Optional, Sequence

from actions.catalogue import COMPANIES
from actions.knowledge_base import KnowledgeBase, Passage

# Topics of the short comparison given when "compare" names no topic.
OVERVIEW_TOPICS = ("contact", "retention_chat", "complaint")
# The topic after whose silence this chat service's own retention is said.
CHAT_RETENTION_TOPIC = "retention_chat"


def join_words(items: Sequence[str], lang: str, kb: KnowledgeBase, word: str = "and") -> str:
    """"a", "a and b", "a, b and c" with the language's joining word."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {kb.word(word, lang)} {items[-1]}"


# The knowledge base cites OK's unnumbered introduction (before section 1) as section "intro".
INTRO_SECTION = "intro"
INTRO_LABEL = {"da": "indledningen", "sv": "inledningen", "en": "the introduction"}


def section_label(company_id: str, sections: Sequence[str], lang: str, kb: KnowledgeBase) -> str:
    """"afsnit 3", "sections 1 and 2", "avsnitt 4.3, 5.2 och 12", "indledningen og afsnit 2"."""
    company = kb.company(company_id)
    numbered = [s for s in sections if s != INTRO_SECTION]
    parts = [INTRO_LABEL[lang]] if len(numbered) < len(sections) else []
    if numbered:
        several = len(numbered) > 1 or any("–" in s for s in numbered)
        word = company.section_word_plural[lang] if several else company.section_word[lang]
        parts.append(f"{word} {join_words(numbered, lang, kb)}")
    return join_words(parts, lang, kb)


def contact_line(company_id: str, lang: str, kb: KnowledgeBase) -> str:
    """"e-mail ok@ok.dk, phone 70 10 20 33" in ``lang``."""
    company = kb.company(company_id)
    return kb.phrase("contact", lang, email=company.email, phone=company.phone)


def contacts_for(company_ids: Sequence[str], lang: str, kb: KnowledgeBase) -> str:
    """One company's contact channel with its name, or both joined with "or"."""
    named = [
        kb.phrase(
            "contact_named", lang,
            company_display=kb.company(cid).display_name, contact=contact_line(cid, lang, kb),
        )
        for cid in company_ids
    ]
    return join_words(named, lang, kb, word="or")


def scope(company_ids: Sequence[str], lang: str, kb: KnowledgeBase) -> str:
    """"OK a.m.b.a." or "OK a.m.b.a. and OJCO AB"."""
    return join_words([kb.company(cid).display_name for cid in company_ids], lang, kb)


def companies_in_scope(company_id: Optional[str]) -> Sequence[str]:
    """The company the conversation is about, or both when unknown."""
    return (company_id,) if company_id else COMPANIES


def _passage(key: str, company_id: str, passage: Passage, lang: str, kb: KnowledgeBase) -> str:
    return kb.phrase(
        key, lang,
        company=kb.company(company_id).short_name,
        sections=section_label(company_id, passage.sections, lang, kb),
        text=passage.text[lang],
    )


def topic_answer(
    kb: KnowledgeBase,
    topic_id: str,
    company_id: str,
    lang: str,
    *,
    invite_contact: bool = True,
    missing: Sequence[str] = (),
    chat_retention_days: Optional[int] = None,
) -> str:
    """One company's answer on a topic.

    "OK, afsnit 3: <text>" — or, when the policy is silent, the silent sentence, what the policy says
    nearby, the general GDPR information under its "not a promise" marker and (``invite_contact``)
    where to ask the company directly. ``missing`` names details the question asks that the policy
    never mentions (:mod:`actions.details`): they lead, then what the policy does say on the topic.
    ``chat_retention_days`` is this chat service's own retention, said after a policy's silence on
    chat retention.
    """
    company = kb.company(company_id)
    answer = kb.topic(topic_id).answers[company_id]
    parts = []
    if answer.silent:
        parts.append(kb.phrase("silent", lang, possessive=company.possessive[lang], company=company.short_name))
        if topic_id == CHAT_RETENTION_TOPIC and chat_retention_days:
            parts.append(kb.phrase("chat_service_retention", lang, days=str(chat_retention_days)))
        if answer.related:
            parts.append(_passage("related", company_id, answer.related, lang, kb))
    else:
        if missing:
            parts.append(kb.phrase(
                "silent_detail", lang, possessive=company.possessive[lang], detail=join_words(missing, lang, kb)
            ))
        parts.append(_passage("answer", company_id, answer.passage, lang, kb))
    if answer.general:
        parts.append(kb.phrase("general_marker", lang, company=company.short_name) + " " + answer.general[lang])
    if answer.silent and invite_contact:
        parts.append(kb.phrase("ask_directly", lang, company=company.short_name, contact=contact_line(company_id, lang, kb)))
    return " ".join(parts)


def comparison_answer(
    kb: KnowledgeBase,
    topic_ids: Sequence[str],
    lang: str,
    *,
    missing: Optional[Mapping[str, Sequence[str]]] = None,
    chat_retention_days: Optional[int] = None,
) -> str:
    """Both companies' answers: on one topic under the comparison intro, or the short overview.

    ``missing`` holds, per company, the details asked that its policy never mentions.
    """
    missing = missing or {}

    def one(topic_id: str, cid: str) -> str:
        return topic_answer(
            kb, topic_id, cid, lang, invite_contact=False,
            missing=missing.get(cid, ()), chat_retention_days=chat_retention_days,
        )

    if len(topic_ids) == 1:
        lines = [kb.phrase("compare_intro", lang)]
        lines += [one(topic_ids[0], cid) for cid in COMPANIES]
        return "\n".join(lines)
    lines = [kb.phrase("compare_overview", lang)]
    for topic_id in topic_ids:
        title = kb.topic(topic_id).title[lang]
        for cid in COMPANIES:
            lines.append(f"{title} – {one(topic_id, cid)}")
    return "\n".join(lines)
