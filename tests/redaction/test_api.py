"""The public API the server, the tracker store and the export call."""
from __future__ import annotations

import dataclasses

import pytest

import redaction
from redaction import Finding, RedactionResult, redact, redact_structure
from support.threads import run_in_threads

TEXT = "Jeg hedder Mette, cpr 010203-1234, mail mette@firma.dk"


def test_result_holds_redacted_text_findings_language_and_types():
    result = redact(TEXT, "da")
    assert isinstance(result, RedactionResult)
    assert result.text == "Jeg hedder <PERSON>, cpr <DK_CPR>, mail <EMAIL_ADDRESS>"
    assert result.language == "da"
    assert result.types == ("DK_CPR", "EMAIL_ADDRESS", "PERSON")
    assert all(isinstance(f, Finding) for f in result.findings)


def test_offsets_point_into_the_original_text_and_no_raw_values_are_kept():
    result = redact(TEXT, "da")
    assert [TEXT[f.start : f.end] for f in result.findings] == ["Mette", "010203-1234", "mette@firma.dk"]
    for finding in result.findings:
        values = [str(v) for v in dataclasses.astuple(finding)]
        assert not any(secret in v for v in values for secret in ("Mette", "010203", "firma.dk"))


def test_results_are_frozen():
    result = redact(TEXT, "da")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings[0].start = 0  # type: ignore[misc]


def test_unknown_language_runs_all_three():
    text = "Jag heter Anna och jeg hedder Mette, my name is John"
    result = redact(text, None)
    assert result.language is None
    assert [text[f.start : f.end] for f in result.findings] == ["Anna", "Mette", "John"]
    assert redact(text, "de").findings == result.findings
    assert redact("Jag heter Anna", "sv-SE").language == "sv"


def test_text_without_personal_data_is_returned_as_is():
    for text in ("", "   ", "Hvor længe gemmer I mine data?"):
        result = redact(text, "da")
        assert result.text == text and result.findings == ()


def test_non_text_is_refused():
    with pytest.raises(TypeError):
        redact(12345678, "da")  # type: ignore[arg-type]


def test_redact_structure_walks_dicts_and_lists_and_keeps_keys():
    parse_data = {
        "text": "mit cpr er 010203-1234",
        "intent": {"name": "inform", "confidence": 0.93},
        "entities": [{"entity": "email", "value": "lars@firma.dk", "start": 3}],
        "slots": {"phone": 20304050, "count": 3, "flag": True, "none": None},
        "mette@firma.dk": "key stays",
    }
    redacted, findings = redact_structure(parse_data, "da")
    assert redacted["text"] == "mit cpr er <DK_CPR>"
    assert redacted["intent"] == {"name": "inform", "confidence": 0.93}
    assert redacted["entities"][0] == {"entity": "email", "value": "<EMAIL_ADDRESS>", "start": 3}
    assert redacted["slots"]["count"] == 3 and redacted["slots"]["flag"] is True
    assert "mette@firma.dk" in redacted  # keys are kept as they are
    assert sorted((f.type, f.path) for f in findings) == [
        ("DK_CPR", ("text",)),
        ("EMAIL_ADDRESS", ("entities", 0, "value")),
    ]
    assert parse_data["text"] == "mit cpr er 010203-1234"  # the input is not changed


def test_redact_structure_checks_integers_as_text():
    redacted, findings = redact_structure({"cpr": 1102031234, "orders": [7, 8]}, "da")
    assert redacted == {"cpr": "<DK_CPR>", "orders": [7, 8]}
    assert [f.path for f in findings] == [("cpr",)]


def test_concurrent_calls_share_one_engine_and_agree():
    expected = redact(TEXT, "da")
    per_thread = run_in_threads(lambda: [redact(TEXT, "da") for _ in range(20)], 4)
    results = [r for batch in per_thread for r in batch]
    assert len(results) == 80 and all(r == expected for r in results)


def test_recognizers_can_be_switched_off_by_name():
    try:
        redaction.configure(["PersonNameRecognizer", "ListedNameRecognizer", "emailaddressrecognizer"])
        result = redact(TEXT, "da")
        assert result.types == ("DK_CPR",)
    finally:
        redaction.configure()
    assert redact(TEXT, "da").types == ("DK_CPR", "EMAIL_ADDRESS", "PERSON")


def test_redaction_never_reads_the_applications_setting(monkeypatch):
    """The app injects the setting (bot/redaction_setup.py); redaction itself ignores the environment."""
    monkeypatch.setenv("PRIVACYBOT_DISABLED_RECOGNIZERS", "DkCprRecognizer")
    redaction.configure()
    assert redact("cpr 010203-1234", "da").types == ("DK_CPR",)


def test_unknown_recognizer_name_is_an_error():
    with pytest.raises(ValueError, match="unknown recognizer 'NoSuchRecognizer'"):
        redaction.configure(["NoSuchRecognizer"])


def test_a_served_language_without_recognizers_is_an_error():
    with pytest.raises(ValueError, match="no recognizers for language 'fi'"):
        redaction.configure(languages=["da", "fi"])


def test_text_in_a_language_not_served_gets_every_languages_rules():
    try:
        redaction.configure(languages=["da"])
        assert redact("mitt personnummer är 811218-9876", "sv").types == ("SE_PERSONNUMMER",)
    finally:
        redaction.configure()
