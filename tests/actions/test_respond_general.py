"""action_respond_general: language-aware small talk with the right contact channel."""
from __future__ import annotations

import pytest

from action_trackers import make_tracker, run_action
from actions.language import detect_language
from actions.respond_general import PHRASE_FOR_INTENT, ActionRespondGeneral

ACTION = ActionRespondGeneral()
OK_CONTACT = ("ok@ok.dk", "70 10 20 33")
OJCO_CONTACT = ("security@ojco.se", "+46 (0)10 179 72 80")

MESSAGES = {
    "greet": {"da": "hej med dig, godmorgen", "sv": "hej hej, god morgon på dig", "en": "hello there, good morning"},
    "goodbye": {"da": "farvel og hav en god dag", "sv": "hej då och ha en bra dag", "en": "bye, have a nice day"},
    "thank": {"da": "mange tak for hjælpen", "sv": "tack så mycket för hjälpen", "en": "thanks a lot for the help"},
    "bot_challenge": {"da": "er du et menneske eller en robot?", "sv": "är du en människa eller en robot?",
                      "en": "am I talking to a human or a bot?"},
    "human_handoff": {"da": "jeg vil gerne tale med en medarbejder", "sv": "jag vill prata med en människa",
                      "en": "I want to talk to a real person"},
    "out_of_scope": {"da": "hvad koster benzinen i dag?", "sv": "vad kostar en ny dator hos er?",
                     "en": "what is the weather tomorrow?"},
    "smalltalk": {"da": "hvordan har du det i dag?", "sv": "hur mår du idag då?", "en": "how are you doing today?"},
    "nlu_fallback": {"da": "blå hest flyver over taget", "sv": "blå häst flyger över taket", "en": "blue horse flies over the roof"},
    "affirm": {"da": "ja tak, det lyder godt", "sv": "ja det är bra", "en": "yes that is fine"},
    "deny": {"da": "nej tak ikke nu", "sv": "nej tack inte nu", "en": "no thanks not now"},
}
WITH_CONTACT = ("bot_challenge", "human_handoff", "out_of_scope", "nlu_fallback")


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
@pytest.mark.parametrize("intent", sorted(MESSAGES))
def test_replies_in_the_customers_language(intent, lang) -> None:
    out = run_action(ACTION, make_tracker(MESSAGES[intent][lang], intent, metadata={"company": "OK"}))
    assert len(out.messages) == 1
    assert detect_language(out.text, fallback="none") == lang
    assert out.slot("lang") == lang


@pytest.mark.parametrize("intent", WITH_CONTACT)
def test_gives_the_page_companys_contact_channel_only(intent) -> None:
    out = run_action(ACTION, make_tracker(MESSAGES[intent]["en"], intent, metadata={"company": "OJCO", "lang": "en"}))
    assert all(fact in out.text for fact in OJCO_CONTACT)
    assert not any(fact in out.text for fact in OK_CONTACT)
    assert out.slot("company") == "OJCO"


@pytest.mark.parametrize("intent", WITH_CONTACT)
def test_gives_both_contact_channels_when_the_company_is_unknown(intent) -> None:
    out = run_action(ACTION, make_tracker(MESSAGES[intent]["en"], intent))
    assert all(fact in out.text for fact in OK_CONTACT + OJCO_CONTACT)
    assert "OK a.m.b.a." in out.text and "OJCO AB" in out.text
    assert not out.sets("company")


def test_bot_challenge_says_it_is_a_chatbot() -> None:
    out = run_action(ACTION, make_tracker("are you a real person?", "bot_challenge", metadata={"company": "OK"}))
    assert out.text.startswith("I am a chatbot, not a human.")
    out = run_action(ACTION, make_tracker("er du et rigtigt menneske?", "bot_challenge", metadata={"company": "OK"}))
    assert out.text.startswith("Jeg er en chatbot, ikke et menneske.")


def test_greeting_names_the_page_company_or_both() -> None:
    out = run_action(ACTION, make_tracker("hello there, good morning", "greet", metadata={"company": "OK"}))
    assert "how personal data is handled at OK a.m.b.a.," in out.text and "OJCO" not in out.text
    out = run_action(ACTION, make_tracker("hello there, good morning", "greet"))
    assert "OK a.m.b.a. and OJCO AB" in out.text


def test_an_unknown_intent_gets_the_fallback() -> None:
    out = run_action(ACTION, make_tracker("blue horse flies over the roof", "something_new"))
    assert out.text.startswith("Sorry, I didn't understand that.")


def test_every_mapped_phrase_exists() -> None:
    assert set(MESSAGES) == set(PHRASE_FOR_INTENT)


def test_a_fallback_offers_the_topics_the_classifier_considered() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.35},
        {"name": "delete_conversation", "confidence": 0.34},
        {"name": "ask_retention_chat", "confidence": 0.27},
        {"name": "ask_chat", "confidence": 0.08},
        {"name": "ask_retention_cpr", "confidence": 0.03},
    ]
    out = run_action(ACTION, make_tracker("sletter i chatlogs på et tidspunkt??", "nlu_fallback",
                                          ranking=ranking, metadata={"company": "OK"}))
    first_line, passage = out.text.split("\n")
    assert first_line.endswith("Mente du et af disse emner?")
    assert out.buttons == [
        {"title": "Opbevaring af chats", "payload": "/ask_retention_chat"},
        {"title": "Chatten", "payload": "/ask_chat"},
    ]
    # The nearest passage for the page's company, so there is something to read even if no button fits.
    assert passage.startswith("Det nærmeste, jeg kan finde: OK, afsnit 3:") and "180" in passage


def test_a_fallback_without_likely_topics_offers_no_buttons() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "greet", "confidence": 0.2},
               {"name": "ask_cookies", "confidence": 0.01}]
    out = run_action(ACTION, make_tracker("blue horse flies over the roof", "nlu_fallback", ranking=ranking))
    assert out.buttons == []
    assert out.text.startswith("Sorry, I didn't understand that.")
