"""Follow-up classes of issue 10 round 2: what a customer notices when a short turn points back.

Each test is a class, not a sentence: "why?", "how long?", a language wish with a question after
it, a comparison or company follow-up that says "that"/"one", a back-reference the classifier took
for small talk, a how-long question about a record the policy gives no period for, and "hej hej".
"""
from __future__ import annotations

import pytest

from action_trackers import bot_event, make_tracker, run_action, user_event
from actions.answer_policy import ActionAnswerPolicy
from actions.respond_general import ActionRespondGeneral

ANSWER = ActionAnswerPolicy()
GENERAL = ActionRespondGeneral()


def _ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


@pytest.mark.parametrize(
    "last, text, lang",
    [("credit_check", "hvorfor?", "da"), ("cpr_register", "varför då?", "sv"), ("phone_recording", "why is that?", "en")],
)
def test_a_bare_why_is_answered_from_the_last_topic(last, text, lang) -> None:
    slots = {"company": "OK", "last_topic": last, "lang": lang}
    out = run_action(GENERAL, make_tracker(text, "nlu_fallback", slots=slots))
    assert out.text.startswith("OK") and out.slot("last_topic") == last


@pytest.mark.parametrize(
    "last, text, topic, fact",
    [
        ("phone_recording", "hvor længe?", "retention_phone", "90"),
        ("cpr_number", "hvornår sletter I det?", "retention_cpr", "2 år"),
        ("cctv", "how long?", "retention_cctv", "30"),
    ],
)
def test_how_long_after_a_record_is_that_records_retention(last, text, topic, fact) -> None:
    slots = {"company": "OK", "last_topic": last}
    out = run_action(ANSWER, make_tracker(text, "ask_retention_general", slots=slots, metadata={"company": "OK"}))
    assert out.slot("last_topic") == topic and fact in out.text


def test_a_why_fragment_after_a_retention_answer_asks_about_the_record_itself() -> None:
    slots = {"company": "OK", "last_topic": "retention_phone", "lang": "da"}
    out = run_action(ANSWER, make_tracker("og hvorfor optager I?", "ask_phone_recording", slots=slots))
    assert out.slot("last_topic") == "phone_recording" and "kvalitet" in out.text


def test_a_how_long_question_classified_as_the_record_gets_its_retention() -> None:
    text = "the photos of my number plate at the car wash, how long are they kept?"
    out = run_action(ANSWER, make_tracker(text, "ask_plate_recognition", metadata={"company": "OK"}))
    assert out.slot("last_topic") == "retention_plates" and "30" in out.text


@pytest.mark.parametrize(
    "text, topic, company, lang, lead",
    [
        ("hvor længe gemmer I data fra min ladeboks?", "ev_charger", "OK", "da", "siger ikke noget om hvor længe"),
        ("how long do you keep the lists of who came to your courses?", "events_courses", "OJCO", "en",
         "does not say anything about how long"),
    ],
)
def test_retention_of_a_record_the_policy_gives_no_period_for_is_said_to_be_silent(text, topic, company, lang, lead) -> None:
    out = run_action(ANSWER, make_tracker(text, f"ask_{topic}", metadata={"company": company, "lang": lang}))
    assert lead in out.text and out.slot("last_topic") == topic


def test_a_retention_question_on_a_record_with_a_period_gets_no_silence_lead() -> None:
    out = run_action(ANSWER, make_tracker("how long do you keep my chat messages?", "ask_retention_chat", metadata={"company": "OK"}))
    assert "does not say" not in out.text and "180" in out.text


def test_a_language_wish_with_a_fragment_after_it_continues_in_that_language() -> None:
    slots = {"company": "OK", "last_topic": "retention_chat", "lang": "da"}
    out = run_action(ANSWER, make_tracker("sorry, in English please: and phone calls?", "ask_phone_recording", slots=slots))
    assert out.slot("last_topic") == "retention_phone" and "90 days" in out.text


def test_asking_to_have_it_said_in_another_language_repeats_the_last_answer() -> None:
    slots = {"company": "OJCO", "last_topic": "email_policy", "lang": "en"}
    out = run_action(GENERAL, make_tracker("kan du sige det på dansk?", "smalltalk", slots=slots))
    assert out.text.startswith("OJCO, afsnit") and out.slot("lang") == "da"


def test_a_comparison_follow_up_pointing_back_compares_the_last_topic() -> None:
    slots = {"company": "OJCO", "last_topic": "third_country", "lang": "en"}
    ranking = _ranking(("compare_companies", 0.23), ("ask_contact", 0.12))
    out = run_action(ANSWER, make_tracker("how does that compare with OK?", "compare_companies", slots=slots, ranking=ranking))
    assert out.slot("last_topic") == "third_country"
    assert "OK" in out.text and "OJCO" in out.text and "ok@ok.dk" not in out.text


@pytest.mark.parametrize("text", ["and does either of them sell it?", "sælger nogen af dem mine data?"])
def test_either_of_them_asks_both_companies(text) -> None:
    slots = {"last_topic": "recipients"}
    out = run_action(ANSWER, make_tracker(text, "ask_sell_data", slots=slots))
    assert out.slot("last_topic") == "sell_data"
    assert "OK" in out.text and "OJCO" in out.text


def test_a_company_follow_up_without_a_topic_keeps_the_last_question_and_its_detail() -> None:
    history = [user_event("do you have a data protection officer?", "ask_contact"), bot_event("OK's privacy policy does not say …")]
    slots = {"company": "OK", "last_topic": "contact", "lang": "en"}
    ranking = _ranking(("choose_company", 0.67), ("ask_cookies", 0.07))
    tracker = make_tracker("does the Swedish company have one?", "choose_company", slots=slots, history=history, ranking=ranking)
    out = run_action(GENERAL, tracker)
    assert out.text.startswith("OJCO's privacy policy does not say anything about a data protection officer")
    assert out.slot("company") == "OJCO"


def test_a_back_reference_taken_for_small_talk_continues_the_last_topic() -> None:
    slots = {"company": "OK", "last_topic": "consent_withdrawal", "lang": "da"}
    ranking = _ranking(("smalltalk", 0.41), ("ask_lead_cards", 0.13), ("ask_consent_withdrawal", 0.09))
    out = run_action(GENERAL, make_tracker("påvirker det noget, I allerede har gjort?", "smalltalk", slots=slots, ranking=ranking))
    assert out.slot("last_topic") == "consent_withdrawal" and out.text.startswith("OK, afsnit")


def test_small_talk_stays_small_talk_when_the_last_topic_is_not_in_view() -> None:
    slots = {"company": "OK", "last_topic": "consent_withdrawal", "lang": "da"}
    ranking = _ranking(("smalltalk", 0.45), ("greet", 0.2))
    out = run_action(GENERAL, make_tracker("hvordan går det?", "smalltalk", slots=slots, ranking=ranking))
    assert not out.sets("last_topic")


@pytest.mark.parametrize(
    "lang, history, greeting",
    [("sv", [], True), ("da", [], True), ("sv", [user_event("hur länge sparar ni chatten?", "ask_retention_chat")], True),
     ("da", [user_event("hvor længe gemmer I chatten?", "ask_retention_chat")], False)],
)
def test_hej_hej_greets_in_swedish_and_at_the_start_and_says_goodbye_in_danish_later(lang, history, greeting) -> None:
    tracker = make_tracker("hej hej", "goodbye", slots={"lang": lang}, history=history, metadata={"lang": lang})
    out = run_action(GENERAL, tracker)
    assert out.text.startswith("Hej!") == greeting


@pytest.mark.parametrize(
    "text, lang, fact",
    [("hvad er deres telefonnummer?", "da", "33 19 32 00"), ("what's their e-mail?", "en", "dt@datatilsynet.dk")],
)
def test_their_contact_details_after_a_complaint_answer_are_the_authoritys(text, lang, fact) -> None:
    slots = {"company": "OK", "last_topic": "complaint", "lang": lang}
    out = run_action(ANSWER, make_tracker(text, "ask_contact", slots=slots))
    assert out.slot("last_topic") == "complaint" and fact in out.text
