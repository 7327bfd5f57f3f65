"""action_answer_policy: every topic for both companies in all languages, company resolution, asking, comparing."""
from __future__ import annotations

import json
import re

import pytest

from action_trackers import bot_event, make_tracker, run_action, slot_event, user_event
from actions.answer_policy import ActionAnswerPolicy
from actions.catalogue import COMPANIES, LANGUAGES
from actions.knowledge_base import load_knowledge_base
from actions.language import detect_language

KB = load_knowledge_base()
ACTION = ActionAnswerPolicy()
OTHER = {"OK": "OJCO", "OJCO": "OK"}
SECTION_WORD = {"da": "afsnit", "sv": "avsnitt", "en": "section"}
SILENT_PHRASE = {
    "da": "persondatapolitik siger ikke noget om dette",
    "sv": "integritetspolicy säger ingenting om detta",
    "en": "privacy policy does not say anything about this",
}
GENERAL_MARKER = {
    "da": "Generel information om databeskyttelse, ikke et løfte fra {c}:",
    "sv": "Allmän information om dataskydd, inte ett löfte från {c}:",
    "en": "General data-protection information, not a promise from {c}:",
}
# A question per language that names no company; the intent carries the topic.
NEUTRAL_QUESTION = {
    "da": "hvad gør I med mine oplysninger om det her emne?",
    "sv": "vad gör ni med mina uppgifter i den här frågan?",
    "en": "what do you do with my data in this case?",
}
OK_WORD = re.compile(r"(?<!\w)OK(?!\w)")
OJCO_WORD = re.compile(r"(?<!\w)OJCO", re.IGNORECASE)


def names(text: str, company: str) -> bool:
    bare = re.sub(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)\S+|\bok\.dk\S*", " ", text)
    return bool((OK_WORD if company == "OK" else OJCO_WORD).search(bare))


INTRO = {"da": "indledningen", "sv": "inledningen", "en": "the introduction"}


def foreign_facts(company: str):
    other = KB.company(OTHER[company])
    return [other.email, other.phone, other.address.split(",")[0]]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("company", COMPANIES)
@pytest.mark.parametrize("topic", list(KB.topics))
def test_every_topic_answers_for_each_company_in_each_language(topic, company, lang) -> None:
    tracker = make_tracker(NEUTRAL_QUESTION[lang], f"ask_{topic}", metadata={"company": company, "lang": lang})
    out = run_action(ACTION, tracker)

    assert len(out.messages) == 1
    text = out.text
    assert detect_language(text, fallback="none") == lang
    assert names(text, company) and not names(text, OTHER[company]), text
    assert not any(fact in text for fact in foreign_facts(company)), text
    answer = KB.topic(topic).answers[company]
    if answer.silent:
        assert SILENT_PHRASE[lang] in text
        # a silent answer says where to ask the company itself
        assert KB.company(company).email in text
    else:
        sections = answer.passage.sections
        assert text.startswith(f"{company}, ")
        if sections[0] == "intro":
            # OK's unnumbered introduction is named as such, never "afsnit intro"
            assert text.startswith(f"{company}, {INTRO[lang]}"), text
            assert "intro " not in text.split(":")[0]
        else:
            assert re.match(rf"{company}, {SECTION_WORD[lang]}s? {re.escape(sections[0])}\b", text), text
        assert answer.passage.text[lang] in text
    if answer.general:
        assert GENERAL_MARKER[lang].format(c=company) + " " + answer.general[lang] in text
    assert "secruity" not in text.casefold()
    assert out.slot("lang") == lang
    assert out.slot("company") == company


def test_silent_topic_reads_silent_phrase_then_related_then_general_marker() -> None:
    tracker = make_tracker("does OK sell my personal data to anyone", "ask_sell_data")
    text = run_action(ACTION, tracker).text
    silent = text.index("OK's privacy policy does not say anything about this.")
    related = text.index("OK, section 4:")
    general = text.index("General data-protection information, not a promise from OK:")
    assert silent < related < general
    assert "OJCO" not in text


def test_the_answer_follows_the_language_of_the_message_not_the_page() -> None:
    tracker = make_tracker("hur länge sparar ni chattar?", "ask_retention_chat", metadata={"company": "OK", "lang": "da"})
    out = run_action(ACTION, tracker)
    assert out.text.startswith("OK, avsnitt 3:") and "180 dagar" in out.text
    assert out.slot("lang") == "sv"


def test_a_short_message_falls_back_to_the_lang_slot_then_the_page() -> None:
    out = run_action(ACTION, make_tracker("cookies?", "ask_cookies", metadata={"company": "OK", "lang": "da"}))
    assert out.text.startswith("OK, afsnit 8:")
    out = run_action(ACTION, make_tracker("cookies?", "ask_cookies", slots={"lang": "sv"},
                                          metadata={"company": "OK", "lang": "da"}))
    assert out.text.startswith("OK, avsnitt 8:")


def test_company_from_the_message_overrides_the_page() -> None:
    tracker = make_tracker("does OJCO sell my data?", "ask_sell_data", metadata={"company": "OK", "lang": "en"})
    out = run_action(ACTION, tracker)
    assert out.text.startswith("OJCO, sections 9.1 and 12: No, OJCO never sells personal data")
    assert out.slot("company") == "OJCO"


def test_company_from_the_slot() -> None:
    tracker = make_tracker("how long are phone recordings kept?", "ask_retention_phone", slots={"company": "OK"})
    out = run_action(ACTION, tracker)
    assert out.text.startswith("OK, section 3:") and "90 days" in out.text


def test_lower_case_ok_does_not_pick_the_company() -> None:
    tracker = make_tracker("ok and how long do you keep the chat", "ask_retention_chat", metadata={"company": "OJCO"})
    out = run_action(ACTION, tracker)
    assert "OJCO's privacy policy does not say anything about this" in out.text
    assert "www.ok.dk" not in out.text and "OK, section" not in out.text
    assert out.slot("company") == "OJCO"


@pytest.mark.parametrize(
    "metadata, env, days",
    [({}, None, 180), ({"retention_days": 30}, None, 30), ({}, "45", 45), ({"retention_days": "x"}, "0", 180)],
)
def test_ojco_chat_retention_states_this_chat_services_own_period(metadata, env, days, monkeypatch) -> None:
    # OJCO's policy is silent on chat retention; the customer still learns how long this chat keeps it.
    if env is None:
        monkeypatch.delenv("PRIVACYBOT_RETENTION_DAYS", raising=False)
    else:
        monkeypatch.setenv("PRIVACYBOT_RETENTION_DAYS", env)
    tracker = make_tracker(
        "how long do you keep this chat?", "ask_retention_chat", metadata={"company": "OJCO", **metadata}
    )
    out = run_action(ACTION, tracker)
    assert "OJCO's privacy policy does not say anything about this" in out.text
    assert f"This chat service itself keeps the conversation for {days} days" in out.text
    assert "www.ok.dk" not in out.text


@pytest.mark.parametrize(
    "text, intent, company, lang, lead, fact",
    [
        ("koster det noget at få indsigt i mine data?", "ask_right_access", "OK", "da",
         "OK's persondatapolitik siger ikke noget om et gebyr eller en pris", "ok@ok.dk"),
        ("do you share my newsletter signup with Mailchimp?", "ask_newsletter", "OK", "en",
         "OK's privacy policy does not say anything about Mailchimp", "OK, section"),
        ("krypterar ni mina uppgifter?", "ask_security", "OJCO", "sv",
         "OJCO:s integritetspolicy säger ingenting om kryptering", "OJCO, avsnitt"),
        ("optager kameraerne også lyd?", "ask_cctv", "OK", "da",
         "siger ikke noget om optagelse af lyd", "OK, afsnit"),
    ],
)
def test_a_detail_the_policy_never_mentions_leads_then_the_topic_answer(text, intent, company, lang, lead, fact) -> None:
    out = run_action(ACTION, make_tracker(text, intent, metadata={"company": company, "lang": lang}))
    assert lead in out.text
    assert out.text.index(lead) < out.text.index(fact)


@pytest.mark.parametrize(
    "text, intent, company",
    [
        ("do you use Google Analytics?", "ask_cookies", "OJCO"),  # OJCO names it
        ("how do you protect my data against hackers?", "ask_security", "OK"),
        ("what happens to my data if I don't pay my bill?", "ask_debt_collection", "OK"),
        ("how many days do you keep the video?", "ask_retention_cctv", "OK"),
        ("do you share my data with Facebook?", "ask_social_media", "OK"),  # OK names it
    ],
)
def test_no_silence_lead_when_the_policy_speaks_of_the_detail(text, intent, company) -> None:
    out = run_action(ACTION, make_tracker(text, intent, metadata={"company": company, "lang": "en"}))
    assert "does not say anything about" not in out.text


def test_without_a_company_it_asks_which_with_two_buttons_and_remembers_the_topic() -> None:
    tracker = make_tracker("how long do you keep chat conversations?", "ask_retention_chat", metadata={"lang": "en"})
    out = run_action(ACTION, tracker)
    assert out.text == "Which company's privacy policy is your question about?"
    assert out.buttons == [
        {"title": "OK a.m.b.a.", "payload": '/choose_company{"company":"OK"}'},
        {"title": "OJCO AB", "payload": '/choose_company{"company":"OJCO"}'},
    ]
    assert out.slot("pending_topic") == "retention_chat"
    assert not out.sets("company")


@pytest.mark.parametrize("lang, question", [("da", "Hvilken virksomheds"), ("sv", "Vilket företags")])
def test_the_company_question_is_in_the_customers_language(lang, question) -> None:
    text = {"da": "hvor længe gemmer I chatbeskeder?", "sv": "hur länge sparar ni chattmeddelanden?"}[lang]
    out = run_action(ACTION, make_tracker(text, "ask_retention_chat"))
    assert out.text.startswith(question)


@pytest.mark.parametrize("company, expected", [("OK", "OK, section 3: Information collected in the chat"),
                                               ("OJCO", "OJCO's privacy policy does not say anything")])
def test_choosing_a_company_answers_the_pending_topic(company, expected) -> None:
    payload = '/choose_company{"company":"' + company + '"}'
    history = [
        user_event("how long do you keep chat conversations?", "ask_retention_chat", metadata={"lang": "en"}),
        slot_event("lang", "en"),
        slot_event("pending_topic", "retention_chat"),
        bot_event("Which company's privacy policy is your question about?"),
    ]
    tracker = make_tracker(
        payload, "choose_company",
        entities=[{"entity": "company", "value": company, "start": 15, "end": len(payload)}],
        slots={"company": company, "lang": "en", "pending_topic": "retention_chat"},
        history=history, metadata={"lang": "en"},
    )
    out = run_action(ACTION, tracker)
    assert out.text.startswith(expected)
    assert out.slot("company") == company
    assert out.slot("pending_topic") is None
    assert out.slot("lang") == "en"


def test_and_what_about_the_other_company_answers_the_previous_topic() -> None:
    history = [
        user_event("how long do you keep phone recordings?", "ask_retention_phone", metadata={"company": "OK"}),
        slot_event("company", "OK"),
        bot_event("OK, section 3: Recordings of phone calls are deleted no later than 90 days after ..."),
    ]
    tracker = make_tracker(
        "and what about OJCO?", "choose_company",
        entities=[{"entity": "company", "value": "OJCO", "start": 15, "end": 19}],
        slots={"company": "OJCO", "lang": "en"}, history=history, metadata={"company": "OK"},
    )
    out = run_action(ACTION, tracker)
    assert out.text.startswith("OJCO's privacy policy does not say anything about this.")
    assert "90 days" not in out.text


def test_choosing_a_company_with_no_question_yet_invites_one() -> None:
    tracker = make_tracker('/choose_company{"company":"OK"}', "choose_company",
                           entities=[{"entity": "company", "value": "OK"}], slots={"lang": "da"})
    out = run_action(ACTION, tracker)
    assert out.text.startswith("Fint, jeg svarer om OK a.m.b.a.")
    assert out.slot("company") == "OK"


@pytest.mark.parametrize(
    "text, intent, lang",
    [
        ("which of you keeps chats the longest?", "ask_retention_chat", "en"),
        ("hvem af jer gemmer chatten længst?", "ask_retention_chat", "da"),
        ("vem av er sparar chattar längst?", "ask_retention_chat", "sv"),
        ("how long do OK and OJCO keep chats", "ask_retention_chat", "en"),
    ],
)
def test_a_comparison_answers_both_companies_on_the_topic(text, intent, lang) -> None:
    out = run_action(ACTION, make_tracker(text, intent, metadata={"company": "OK", "lang": lang}))
    lines = out.text.split("\n")
    assert len(lines) == 3
    assert lines[1].startswith(f"OK, {SECTION_WORD[lang]} 3:") and "180" in lines[1]
    assert lines[2].startswith(f"OJCO") and SILENT_PHRASE[lang] in lines[2]
    assert detect_language(out.text, fallback="none") == lang
    assert not out.sets("pending_topic")


def test_compare_companies_takes_the_topic_from_the_intent_ranking() -> None:
    tracker = make_tracker(
        "compare the two on cookies", "compare_companies",
        ranking=[{"name": "compare_companies", "confidence": 0.64}, {"name": "ask_cookies", "confidence": 0.26},
                 {"name": "ask_chat", "confidence": 0.07}],
    )
    text = run_action(ACTION, tracker).text
    assert "OK, section 8:" in text and "OJCO, sections 4.4, 5.3 and 12:" in text


def test_compare_companies_without_a_comparison_in_the_text_answers_the_pages_company() -> None:
    # The classifier picked compare_companies for a plain question to one company (seen with
    # "kan I bare ændre jeres privatlivspolitik?" on OJCO's page): never answer with OK's facts.
    tracker = make_tracker(
        "kan I bare ændre jeres privatlivspolitik", "compare_companies", metadata={"company": "OJCO", "lang": "da"},
        ranking=[{"name": "compare_companies", "confidence": 0.67}, {"name": "ask_policy_changes", "confidence": 0.22}],
    )
    text = run_action(ACTION, tracker).text
    assert text.startswith("OJCO, afsnit 10:")
    assert "OK" not in text.replace("OJCO", "")


def test_compare_companies_after_a_question_compares_that_question() -> None:
    history = [user_event("how long do you keep phone recordings?", "ask_retention_phone", metadata={"company": "OK"})]
    tracker = make_tracker(
        "and how does that compare with the other company?", "compare_companies",
        ranking=[{"name": "compare_companies", "confidence": 0.9}, {"name": "ask_cookies", "confidence": 0.004}],
        history=history,
    )
    text = run_action(ACTION, tracker).text
    assert "90 days" in text and "OJCO's privacy policy does not say anything about this" in text


def test_compare_companies_without_a_topic_gives_the_short_overview() -> None:
    tracker = make_tracker("compare OK and OJCO", "compare_companies",
                           ranking=[{"name": "compare_companies", "confidence": 0.97}])
    out = run_action(ACTION, tracker)
    lines = out.text.split("\n")
    assert lines[0].startswith("A short comparison of the two companies")
    assert len(lines) == 7
    for fact in ("ok@ok.dk", "70 10 20 33", "security@ojco.se", "+46 (0)10 179 72 80", "180 days", "Datatilsynet", "IMY"):
        assert fact in out.text
    assert "General data-protection information, not a promise from OJCO:" in out.text


def test_the_policy_typo_is_never_given_for_direct_marketing() -> None:
    for lang, text in NEUTRAL_QUESTION.items():
        out = run_action(ACTION, make_tracker(text, "ask_direct_marketing_objection", metadata={"company": "OJCO"}))
        assert "security@ojco.se" in out.text and "secruity" not in out.text.casefold()


def test_messages_are_plain_json() -> None:
    out = run_action(ACTION, make_tracker("how long do you keep chats?", "ask_retention_chat"))
    json.dumps(out.messages)
    json.dumps(out.events)
