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
