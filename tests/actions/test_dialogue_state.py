"""Conversations that hold: the dialogue state in slots decides what a short or follow-up message asks.

Each tracker carries the slots the earlier turns left (company in play, last_topic, pending_topic,
lang), the way Rasa hands them to the action server.
"""
from __future__ import annotations

import pytest

from action_trackers import bot_event, make_tracker, run_action, user_event
from actions.answer_policy import ActionAnswerPolicy
from actions.respond_general import ActionRespondGeneral

ANSWER = ActionAnswerPolicy()
GENERAL = ActionRespondGeneral()
ASKED = {"pending_topic": "retention_chat", "lang": "da"}


@pytest.mark.parametrize(
    "text, intent, company",
    [
        ("OK", "affirm", "OK"),
        ("ok", "affirm", "OK"),
        ("ok a.m.b.a", "choose_company", "OK"),
        ("Ok amba", "thank", "OK"),
        ("ojco", "choose_company", "OJCO"),
        ("OJCO AB", "nlu_fallback", "OJCO"),
        ("den danske", "nlu_fallback", "OK"),
        ("det svenske firma", "out_of_scope", "OJCO"),
        ("the Swedish one", "nlu_fallback", "OJCO"),
    ],
)
def test_a_typed_company_answers_the_question_asked_at_once(text, intent, company) -> None:
    # Whichever action the rules ran for the typed name, the pending question is answered.
    for action in (ANSWER, GENERAL):
        out = run_action(action, make_tracker(text, intent, slots=ASKED, metadata={"lang": "da"}))
        assert out.text.startswith(f"{company}")
        # OK's policy fact (its chat on www.ok.dk), never in OJCO's answer
        assert ("www.ok.dk" in out.text) == (company == "OK")
        assert "Fint, jeg svarer" not in out.text
        assert out.slot("pending_topic") is None
        assert out.slot("company") == company
        assert out.slot("last_topic") == "retention_chat"


def test_ok_after_an_answer_is_an_acknowledgement_not_a_company() -> None:
    slots = {"company": "OJCO", "last_topic": "retention_chat", "lang": "en"}
    out = run_action(GENERAL, make_tracker("ok", "affirm", slots=slots))
    assert "180" not in out.text and not out.sets("last_topic")


@pytest.mark.parametrize(
    "text, lang, company, fact",
    [
        ("and the Swedish one?", "en", "OJCO", "does not say anything"),
        ("og hos den anden?", "da", "OJCO", "siger ikke noget"),
        ("what about OJCO", "en", "OJCO", "does not say anything"),
        ("hvad med det danske firma", "da", "OK", "90 dage"),
        ("och det andra företaget då?", "sv", "OJCO", "säger ingenting"),
    ],
)
def test_a_company_alone_answers_the_last_topic_for_that_company(text, lang, company, fact) -> None:
    in_play = "OJCO" if company == "OK" else "OK"
    slots = {"company": in_play, "last_topic": "retention_phone", "lang": lang}
    out = run_action(GENERAL, make_tracker(text, "nlu_fallback", slots=slots, metadata={"company": in_play}))
    assert out.text.startswith(company) and fact in out.text
    assert out.slot("company") == company


def test_a_record_fragment_after_a_retention_answer_asks_that_records_retention() -> None:
    slots = {"company": "OK", "last_topic": "retention_chat", "lang": "da"}
    out = run_action(ANSWER, make_tracker("og telefonoptagelser?", "ask_phone_recording", slots=slots))
    assert out.text.startswith("OK, afsnit 3:") and "90" in out.text
    assert out.slot("last_topic") == "retention_phone"


def test_a_full_question_about_a_record_is_not_read_as_its_retention() -> None:
    slots = {"company": "OK", "last_topic": "retention_chat", "lang": "en"}
    out = run_action(ANSWER, make_tracker("do you record my calls to customer service?", "ask_phone_recording", slots=slots))
    assert out.slot("last_topic") == "phone_recording"


@pytest.mark.parametrize(
    "last, text, topic",
    [
        ("right_access", "how fast?", "response_deadline"),
        ("right_erasure", "hvor hurtigt svarer i?", "response_deadline"),
        ("retention_chat", "could you keep it longer?", "retention_chat"),
        ("phone_recording", "och om jag säger nej?", "phone_recording"),
        ("response_deadline", "and if they need more time?", "response_deadline"),
        ("cctv", "and how long do you keep those?", "retention_cctv"),
    ],
)
def test_short_follow_ups_are_read_against_the_last_topic(last, text, topic) -> None:
    slots = {"company": "OK", "last_topic": last}
    out = run_action(GENERAL, make_tracker(text, "nlu_fallback", slots=slots, metadata={"company": "OK"}))
    assert out.slot("last_topic") == topic


def test_asking_for_another_language_repeats_the_last_answer_in_it() -> None:
    slots = {"company": "OK", "last_topic": "retention_phone", "lang": "da"}
    out = run_action(GENERAL, make_tracker("can you say that in English please?", "out_of_scope", slots=slots))
    assert out.text.startswith("OK, section 3:") and "90 days" in out.text


def test_a_question_naming_both_companies_gets_both_answers_with_their_sections() -> None:
    out = run_action(ANSWER, make_tracker("hvor hurtigt skal OK og OJCO svare på min anmodning", "ask_response_deadline"))
    lines = out.text.split("\n")
    assert lines[1].startswith("OK, afsnit 7:") and "måned" in lines[1]
    assert lines[2].startswith("OJCO")


def test_the_other_one_in_a_full_question_is_the_other_company() -> None:
    slots = {"company": "OK", "last_topic": "contact"}
    out = run_action(ANSWER, make_tracker("does the other one sell my data?", "ask_sell_data", slots=slots,
                                          metadata={"company": "OK"}))
    assert out.text.startswith("OJCO") and out.slot("company") == "OJCO"


def test_a_greeting_without_a_page_company_names_both() -> None:
    out = run_action(GENERAL, make_tracker("hej", "greet", metadata={}))
    assert "OK a.m.b.a." in out.text and "OJCO AB" in out.text
    assert out.text.startswith("Hej!") and out.slot("lang") == "da"


@pytest.mark.parametrize("text, lang", [("tak", "da"), ("tack", "sv"), ("hejsan", "sv")])
def test_one_word_thanks_and_greetings_are_answered_in_their_language(text, lang) -> None:
    out = run_action(GENERAL, make_tracker(text, "thank" if text.startswith("ta") else "greet",
                                           metadata={"lang": "en"}))
    assert out.slot("lang") == lang


def test_a_fallback_naming_both_companies_compares_the_likeliest_topic() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.2}, {"name": "ask_contact", "confidence": 0.19},
               {"name": "ask_email_policy", "confidence": 0.12}]
    out = run_action(GENERAL, make_tracker("what are the addresses of OK and OJCO?", "nlu_fallback", ranking=ranking))
    assert "Åhave Parkvej" in out.text and "Drottninggatan" in out.text


def test_a_comparison_leaves_the_company_in_play_unchanged() -> None:
    # The entity mapping already put OJCO (the last company named) into the slot.
    out = run_action(ANSWER, make_tracker("hvor længe gemmer OK og OJCO chatten", "ask_retention_chat",
                                          slots={"company": "OJCO"}, metadata={}))
    assert "OK, afsnit 3:" in out.text and out.slot("company") is None


def test_a_question_classified_as_choosing_a_company_still_answers_its_topic() -> None:
    ranking = [{"name": "choose_company", "confidence": 0.36}, {"name": "ask_contact", "confidence": 0.3}]
    out = run_action(ANSWER, make_tracker("what are the addresses of OK and OJCO?", "choose_company", ranking=ranking))
    assert "Åhave Parkvej" in out.text and "Drottninggatan" in out.text


def test_a_fallback_on_a_detail_the_policy_never_mentions_answers_the_likeliest_topic_under_the_lead() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_security", "confidence": 0.3}]
    text = "får jeg besked hvis I bliver hacket?"
    out = run_action(GENERAL, make_tracker(text, "nlu_fallback", ranking=ranking, metadata={"company": "OK", "lang": "da"}))
    assert out.text.startswith("OK's persondatapolitik siger ikke noget om at give dig besked ved et sikkerhedsbrud")
    assert "OK, afsnit" in out.text
    assert out.slot("last_topic") == "security"


def test_a_fallback_without_a_missing_detail_stays_a_fallback() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_security", "confidence": 0.3}]
    out = run_action(GENERAL, make_tracker("blah blah", "nlu_fallback", ranking=ranking, metadata={"company": "OK", "lang": "en"}))
    assert "does not say anything about" not in out.text and not out.sets("last_topic")


def test_a_short_follow_up_naming_a_third_party_the_policy_never_names_is_about_the_last_topic() -> None:
    slots = {"company": "OK", "last_topic": "recipients", "lang": "da"}
    out = run_action(GENERAL, make_tracker("også med mailchimp?", "nlu_fallback", slots=slots))
    assert out.text.startswith("OK's persondatapolitik siger ikke noget om Mailchimp")
    assert out.slot("last_topic") == "recipients"


@pytest.mark.parametrize(
    "text, intent, page",
    [("og adresserne?", "ask_controller", None), ("and registration numbers?", "ask_controller", "OK")],
)
def test_a_fragment_after_a_side_by_side_answer_continues_the_comparison(text, intent, page) -> None:
    history = [
        user_event("compare OK and OJCO on withdrawing consent", "compare_companies"),
        bot_event("Here is what the two privacy policies say:\nOK, section 5: …\nOJCO, section 6.1: …"),
    ]
    slots = {"last_topic": "consent_withdrawal", "company": page}
    metadata = {"company": page} if page else {}
    out = run_action(ANSWER, make_tracker(text, intent, slots=slots, history=history, metadata=metadata))
    assert "Åhave Parkvej" in out.text and "Drottninggatan" in out.text


def test_a_fragment_after_a_one_company_answer_stays_with_that_company() -> None:
    history = [user_event("who is responsible for my data?", "ask_controller"), bot_event("OK, section 1.1: …")]
    out = run_action(ANSWER, make_tracker("and the phone number?", "ask_contact", slots={"company": "OK", "last_topic": "controller"}, history=history))
    assert "OJCO" not in out.text and "70 10 20 33" in out.text


@pytest.mark.parametrize(
    "text, intent, lang",
    [("og hvis det ikke hjælper?", "thank", "da"), ("och vad händer sen?", "ask_newsletter", "sv"),
     ("what happens next?", "nlu_fallback", "en")],
)
def test_a_next_step_question_continues_the_last_topic(text, intent, lang) -> None:
    slots = {"company": "OK", "last_topic": "complaint", "lang": lang}
    out = run_action(GENERAL, make_tracker(text, intent, slots=slots))
    assert "Datatilsynet" in out.text and out.slot("last_topic") == "complaint"
