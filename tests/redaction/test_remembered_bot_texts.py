"""The bot's own answers are redacted once and remembered; customers' messages never are."""
from __future__ import annotations

import random

import redaction
from redaction import redact_structure
from redaction import redactor
from redaction.synthetic import dk_cpr, format_cpr


def test_a_bot_answer_is_still_redacted_and_the_second_time_comes_from_memory() -> None:
    redactor._redact_remembered.cache_clear()
    answer = {"text": f"Ring til 20 30 40 50, cpr {format_cpr(dk_cpr(random.Random(7)), 'hyphen')}"}
    first, found = redact_structure(answer, "da", bot_text=True)
    second, found_again = redact_structure(answer, "da", bot_text=True)
    assert first == second == {"text": "Ring til <PHONE_NUMBER>, cpr <DK_CPR>"}
    assert [f.type for f in found] == [f.type for f in found_again] == ["PHONE_NUMBER", "DK_CPR"]
    assert redactor._redact_remembered.cache_info().hits == 1


def test_a_customers_message_is_not_remembered_but_redacted_once_per_event() -> None:
    redactor._redact_remembered.cache_clear()
    cpr = format_cpr(dk_cpr(random.Random(11)), 'hyphen')
    event = {"text": f"mit cpr er {cpr}", "parse_data": {"text": f"mit cpr er {cpr}"}}
    redacted, found = redact_structure(event, "da")
    assert redacted == {"text": "mit cpr er <DK_CPR>", "parse_data": {"text": "mit cpr er <DK_CPR>"}}
    assert [f.path for f in found] == [("text",), ("parse_data", "text")]
    assert redactor._redact_remembered.cache_info().currsize == 0


def test_a_new_configuration_is_never_answered_from_memory() -> None:
    redactor._redact_remembered.cache_clear()
    answer = {"text": "Skriv til kundeservice@example.dk"}
    try:
        assert redact_structure(answer, "da", bot_text=True)[0] == {"text": "Skriv til <EMAIL_ADDRESS>"}
        redaction.configure(disabled_recognizers=["EmailAddressRecognizer"])
        assert redact_structure(answer, "da", bot_text=True)[0] == answer
    finally:
        redaction.configure()
