"""The customer's download: the conversation in their language, no raw events, and no
invisible or bidirectional control characters that could make it display misleadingly."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bot.store.reads import StoredEvent
from bot.conversations import transcript

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


def _event(type_name: str, text: str, minutes: int, **metadata: object) -> StoredEvent:
    at = NOW - timedelta(minutes=minutes)
    return StoredEvent(
        type_name, at.timestamp(), at, at + timedelta(days=180), {"text": text, "metadata": metadata}
    )


EVENTS = [
    StoredEvent("action", NOW.timestamp() - 400, NOW, NOW + timedelta(days=180), {"name": "action_listen"}),
    _event("user", "Mit CPR-nummer er <DK_CPR>, hvor længe gemmer I det?", 5, redacted_types=["DK_CPR"]),
    _event("bot", "Vi gemmer chatten i 180 dage.", 4),
    _event("user", "evil\u202etxt.exe og\u200bskjult\ufeff", 3),
]


def test_json_download_is_the_conversation_in_the_customers_language() -> None:
    document = transcript.as_json("cv_1", EVENTS, NOW, company="OK", language="da", training_opt_out=False)
    assert set(document) == {
        "conversation_id", "company", "language", "downloaded_at", "training_opt_out", "note", "messages"
    }
    assert "events" not in document and "action_listen" not in json.dumps(document)
    assert document["language"] == "da" and "pladsholdere" in document["note"]
    first, answer, last = document["messages"]
    assert first["who"] == "Dig" and answer["who"] == "Chatbot"
    assert first["text"] == "Mit CPR-nummer er <DK_CPR>, hvor længe gemmer I det?"
    assert first["placeholders"] == {"<DK_CPR>": "[CPR-nummer fjernet]"}
    assert first["redacted_types"] == ["DK_CPR"]
    assert first["expires_at"] == "2026-08-28T11:55:00Z" and first["sent_at"] == "2026-03-01T11:55:00Z"
    assert "placeholders" not in answer


def test_bidirectional_and_invisible_characters_are_shown_not_obeyed() -> None:
    document = transcript.as_json("cv_1", EVENTS, NOW, company="OK", language="en", training_opt_out=True)
    text = transcript.as_text("cv_1", EVENTS, NOW, lang="en", company="OK", training_opt_out=True)
    for shown in (document["messages"][-1]["text"], text):
        assert "\u202e" not in shown and "\u200b" not in shown and "\ufeff" not in shown
    assert document["messages"][-1]["text"] == "evil[U+202E]txt.exe og[U+200B]skjult[U+FEFF]"
    assert "evil[U+202E]txt.exe" in text
    assert "hvor længe gemmer I det?" in text
