"""The knowledge base: complete for the topic contract, validated loudly, facts taken from the policies."""
from __future__ import annotations

import copy
import re

import pytest
import yaml

from actions.catalogue import COMPANIES, LANGUAGES
from actions.knowledge_base import (
    DEFAULT_PATH,
    KnowledgeBaseError,
    iter_texts,
    load_knowledge_base,
    parse_knowledge_base,
)

# The topic contract (topic list shared with the NLU data and the evaluation set).
CONTRACT_TOPICS = (
    "controller contact complaint data_collected purposes legal_basis cpr_number chat phone_recording cctv "
    "plate_recognition newsletter marketing social_media recruitment competitions surveys ev_charger "
    "sponsorship freeze_scheme apps business_customers ip_address sensitive_data retention_general "
    "retention_chat retention_phone retention_cctv retention_plates retention_applicants "
    "retention_master_data retention_cpr retention_bank retention_credit_notes retention_email "
    "retention_test_panel retention_job_agent retention_warranty recipients sell_data authorities "
    "debt_collection cpr_register credit_check coop_bonus third_country consent_withdrawal security cookies "
    "profiling email_policy policy_changes rights_overview right_access right_erasure right_rectification "
    "right_restriction right_portability right_objection direct_marketing_objection exercise_rights "
    "response_deadline "
    # added for issue 14
    "service_messages information_material lead_cards family_members web_forms product_terms "
    "user_panel_rewards events_courses policy_scope data_storage technical_optimisation"
).split()

# Topics where the contract says a company's policy is silent.
SILENT = {
    "OK": {"sell_data", "profiling", "email_policy", "events_courses"},
    "OJCO": {
        "complaint", "cpr_number", "chat", "phone_recording", "cctv", "plate_recognition", "recruitment",
        "competitions", "ev_charger", "sponsorship", "freeze_scheme", "apps", "retention_chat",
        "retention_phone", "retention_cctv", "retention_plates", "retention_applicants", "retention_cpr",
        "retention_bank", "retention_credit_notes", "retention_test_panel", "retention_job_agent",
        "retention_warranty", "debt_collection", "cpr_register", "credit_check", "coop_bonus",
        "right_portability", "response_deadline",
        "information_material", "lead_cards", "family_members", "product_terms", "user_panel_rewards",
    },
}


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


@pytest.fixture()
def raw():
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_every_contract_topic_is_in_the_knowledge_base_and_nothing_else(kb) -> None:
    assert list(kb.topics) == CONTRACT_TOPICS
    assert kb.intents == [f"ask_{t}" for t in CONTRACT_TOPICS]


@pytest.mark.parametrize("company", COMPANIES)
def test_silent_topics_match_the_contract(kb, company) -> None:
    silent = {t.id for t in kb.topics.values() if t.answers[company].silent}
    assert silent == SILENT[company]


def test_every_answer_has_a_section_or_is_silent_in_all_languages(kb) -> None:
    for topic in kb.topics.values():
        for cid in COMPANIES:
            answer = topic.answers[cid]
            if answer.silent:
                assert answer.passage is None
            else:
                assert answer.passage.sections and all(answer.passage.sections)
                assert set(answer.passage.text) == set(LANGUAGES)


def test_knowledge_base_is_loaded_once(kb) -> None:
    assert load_knowledge_base() is kb


def test_contact_facts_come_from_one_place(kb) -> None:
    ok, ojco = kb.company("OK"), kb.company("OJCO")
    # Phone numbers carry their country code in every language (docs/knowledge-base.md, wording).
    assert (ok.email, ok.phone) == ("ok@ok.dk", "+45 70 10 20 33")
    assert (ojco.email, ojco.phone) == ("security@ojco.se", "+46 (0)10 179 72 80")
    # Texts refer to {email}/{phone}; after loading no placeholder is left.
    for place, lang, text in iter_texts(kb):
        assert "{" not in text and "}" not in text, place


def test_the_policy_typo_secruity_is_never_given(kb) -> None:
    for place, lang, text in iter_texts(kb):
        assert "secruity" not in text.casefold(), place
    direct = kb.topic("direct_marketing_objection").answers["OJCO"].passage
    assert direct.sections == ("11.5",)
    assert all("security@ojco.se" in direct.text[lang] for lang in LANGUAGES)


@pytest.mark.parametrize(
    "topic, company, facts",
    [
        ("controller", "OK", ["39170418", "Åhave Parkvej 11, 8260 Viby J"]),
        ("controller", "OJCO", ["556520-6199", "Drottninggatan 60, 252 21 Helsingborg"]),
        ("complaint", "OK", ["Datatilsynet", "Carl Jacobsens Vej 35", "33 19 32 00", "dt@datatilsynet.dk"]),
        ("retention_chat", "OK", ["180"]),
        ("retention_phone", "OK", ["90"]),
        ("retention_cctv", "OK", ["30"]),
        ("retention_plates", "OK", ["30", "Fri Vask"]),
        ("retention_applicants", "OK", ["6"]),
        ("retention_test_panel", "OK", ["3"]),
        ("retention_email", "OK", ["ok@ok.dk", "2"]),
        ("credit_check", "OK", ["Experian", "Debitorregistret"]),
        ("coop_bonus", "OK", ["COOP Danmark A/S"]),
        ("recipients", "OJCO", ["Visma", "Lime", "Office 365", "Google Analytics"]),
        ("cookies", "OK", ["www.ok.dk/cookies"]),
        ("policy_changes", "OK", ["3.7", "2023"]),
        ("exercise_rights", "OK", ["ok@ok.dk", "70 10 20 33"]),
        ("exercise_rights", "OJCO", ["security@ojco.se", "+46 (0)10 179 72 80", "Drottninggatan 60"]),
        ("consent_withdrawal", "OJCO", ["security@ojco.se", "+46 (0)10 179 72 80"]),
    ],
)
def test_concrete_facts_are_in_every_language(kb, topic, company, facts) -> None:
    text = kb.topic(topic).answers[company].passage.text
    for lang in LANGUAGES:
        for fact in facts:
            assert re.search(r"(?<![\d])" + re.escape(fact) + r"(?![\d])", text[lang]), (topic, company, lang, fact)


def test_answers_never_carry_the_other_companys_contact(kb) -> None:
    for topic in kb.topics.values():
        for cid, other in (("OK", "OJCO"), ("OJCO", "OK")):
            o = kb.company(other)
            answer = topic.answers[cid]
            texts = [answer.passage.text if answer.passage else {}, answer.related.text if answer.related else {},
                     answer.general or {}]
            for by_lang in texts:
                for text in by_lang.values():
                    assert o.email not in text and o.phone not in text, (topic.id, cid)


# --------------------------------------------------------------------------- loud validation


def _break(raw, path, value=None, delete=False):
    data = copy.deepcopy(raw)
    node = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "path, value, delete, message",
    [
        (["topics", "chat", "OK", "text", "sv"], None, True, "topics.chat.OK.text: missing or empty language(s): sv"),
        (["topics", "chat", "OJCO"], None, True, "topics.chat.OJCO: missing"),
        (["topics", "chat", "OK", "section"], None, True, "topics.chat.OK: needs a section and text, or silent"),
        (["topics", "chat", "intent"], "ask_chatting", False, "topics.chat.intent: must be ask_chat"),
        (["topics", "chat", "OK", "text", "en"], "Write to {mail}", False, "unknown placeholder"),
        (["topics", "contact", "OJCO", "text", "en"], "Mail secruity@Ojco.se", False, "security@ojco.se"),
        (["phrases", "silent"], None, True, "missing phrase(s): silent"),
        (["phrases", "greeting", "da"], "Hej {name}", False, "phrases.greeting.da: unknown placeholder"),
        (["companies", "OJCO"], None, True, "companies: must define exactly"),
        (["topics", "complaint", "OJCO", "general", "en"], "", False, "topics.complaint.OJCO.general"),
    ],
)
def test_a_broken_knowledge_base_fails_loudly_naming_the_place(raw, path, value, delete, message) -> None:
    with pytest.raises(KnowledgeBaseError) as excinfo:
        parse_knowledge_base(_break(raw, path, value, delete))
    assert message in str(excinfo.value)


def test_the_unbroken_file_parses(raw) -> None:
    kb = parse_knowledge_base(raw)
    assert len(kb.topics) == len(CONTRACT_TOPICS)
