"""Questions about the end of a record get the record's retention period.

"When do you throw away my survey answers?", "what happens to the recordings of my calls?", "and if
I get turned down?" after a job-application answer: the customer wants the period (3 years, 90 days,
6 months), not the record's general passage. What a record is used for stays its own topic.
"""
from __future__ import annotations

import pytest

from action_trackers import make_tracker, run_action
from actions.answer_policy import ActionAnswerPolicy

ANSWER = ActionAnswerPolicy()
PAGE_OK = {"company": "OK"}


@pytest.mark.parametrize(
    "text, intent, topic, fact",
    [
        ("When do you throw away my survey answers?", "ask_surveys", "retention_test_panel", "3"),
        ("what happens to the recordings of my phone calls?", "ask_phone_recording", "retention_phone", "90"),
        ("Hvad sker der med billederne af min nummerplade i vaskehallen?", "ask_plate_recognition", "retention_plates", "30"),
        ("Jeg fik afslag. Hvad sker der med min ansøgning nu?", "ask_recruitment", "retention_applicants", "6"),
        ("Slänger ni mina inspelade samtal någon gång?", "ask_phone_recording", "retention_phone", "90"),
    ],
)
def test_asking_when_a_record_ends_gets_its_period(text, intent, topic, fact) -> None:
    out = run_action(ANSWER, make_tracker(text, intent, metadata=PAGE_OK))
    assert out.slot("last_topic") == topic and fact in out.text


def test_a_short_follow_up_about_a_rejection_gets_the_application_period() -> None:
    slots = {"company": "OK", "last_topic": "recruitment"}
    out = run_action(ANSWER, make_tracker("and if I get turned down?", "ask_recruitment", slots=slots, metadata=PAGE_OK))
    assert out.slot("last_topic") == "retention_applicants" and "6" in out.text


@pytest.mark.parametrize(
    "text, intent, topic",
    [
        ("What happens to my CPR number when I sign up?", "ask_cpr_number", "cpr_number"),
        ("What do you do with my job application?", "ask_recruitment", "recruitment"),
    ],
)
def test_what_a_record_is_used_for_stays_its_own_topic(text, intent, topic) -> None:
    out = run_action(ANSWER, make_tracker(text, intent, metadata=PAGE_OK))
    assert out.slot("last_topic") == topic


def _ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


def test_a_long_message_whose_story_names_a_record_gets_that_records_period() -> None:
    ranking = _ranking(("ask_retention_general", 0.23), ("ask_retention_cpr", 0.15), ("ask_retention_email", 0.08))
    text = (
        "Hej. Vi har haft el hos jer i mange år, og da vi flyttede ind, skulle vi opgive vores CPR-numre til "
        "aftalen. Nu er vi flyttet til udlandet og har opsagt det hele. Hvor længe har I det så stadig "
        "liggende hos jer, efter at vi er holdt op med at være kunder?"
    )
    out = run_action(ANSWER, make_tracker(text, "ask_retention_general", metadata=PAGE_OK, ranking=ranking))
    assert out.slot("last_topic") == "retention_cpr" and "2 år" in out.text


def test_a_short_general_how_long_question_keeps_the_general_answer() -> None:
    ranking = _ranking(("ask_retention_general", 0.4), ("ask_retention_email", 0.3))
    out = run_action(ANSWER, make_tracker("hvor længe gemmer I mine oplysninger?", "ask_retention_general", metadata=PAGE_OK, ranking=ranking))
    assert out.slot("last_topic") == "retention_general"


def test_an_unclassified_follow_up_about_a_rejection_gets_the_application_period() -> None:
    slots = {"company": "OK", "last_topic": "recruitment"}
    tracker = make_tracker("and if I get turned down?", "nlu_fallback", slots=slots, metadata=PAGE_OK)
    out = run_action(ANSWER, tracker)
    assert out.slot("last_topic") == "retention_applicants" and "6" in out.text
