"""User text is redacted on arrival: the agent, the store and the reply only see placeholders."""
from __future__ import annotations

import json
import uuid

import pytest

from support.web_app import store_bytes
from support.synthetic import digits_only, synthetic_cpr, synthetic_personnummer

SEEDS = {"da": 11, "sv": 12, "en": 13}

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]


def sender() -> str:
    return f"redacttest-{uuid.uuid4()}"  # one-word prefix: see the note in test_sender_ids


@pytest.mark.parametrize(
    "lang, message, words",
    [
        ("da", "Hej, mit CPR-nummer er {cpr}. Hvad gemmer I om mig?", ("CPR-nummer", "fjernet")),
        ("sv", "Hej, mitt danska CPR är {cpr}, vad sparar ni om mig?", ("CPR-nummer", "tagit bort")),
        ("en", "Hi, my CPR number is {cpr}. What do you keep about me?", ("CPR number", "removed")),
    ],
)
async def test_cpr_is_replaced_and_the_notice_says_why_in_the_users_language(
    client, agent, lang, message, words
) -> None:
    cpr = synthetic_cpr(SEEDS[lang])  # fixed: hash(str) changes between runs
    me = sender()
    response = await client.post(
        "/webhooks/rest/webhook",
        json={"sender": me, "message": message.format(cpr=cpr), "metadata": {"company": "OK", "lang": lang}},
    )
    assert response.status == 200
    raw = await response.text()
    assert cpr not in raw and digits_only(cpr) not in raw
    messages = json.loads(raw)
    notice = messages[0]
    for word in words:
        assert word in notice["text"]
    assert "180" in notice["text"]
    stored = notice["custom"]["redaction"]
    assert "<DK_CPR>" in stored["text"] and stored["types"] == ["DK_CPR"]
    assert len(messages) > 1, "the bot still answers the question after the notice"

    # What the agent saw and the tracker store keeps: the placeholder, never the number.
    tracker = await agent.tracker_store.retrieve(me)
    user_events = [e for e in tracker.events if e.type_name == "user"]
    assert user_events[-1].text == stored["text"]
    assert user_events[-1].parse_data["text"] == stored["text"]
    assert user_events[-1].metadata.get("company") == "OK"


async def test_the_store_file_never_holds_the_identifier(client, store_file) -> None:
    cpr, personnummer = synthetic_cpr(4242), synthetic_personnummer(4242)
    for text in (f"cpr {cpr}", f"mitt personnummer är {personnummer}", f"{digits_only(cpr)} er mit nummer"):
        response = await client.post("/webhooks/rest/webhook", json={"sender": sender(), "message": text})
        assert response.status == 200
    data = store_bytes(store_file)
    assert data, "the store file exists and was written"
    for identifier in (cpr, personnummer, digits_only(cpr), digits_only(personnummer)):
        assert identifier.encode() not in data


async def test_nothing_redacted_means_no_notice(client) -> None:
    response = await client.post(
        "/webhooks/rest/webhook",
        json={"sender": sender(), "message": "Hvem er dataansvarlig?", "metadata": {"company": "OK", "lang": "da"}},
    )
    messages = await response.json()
    assert all("custom" not in m or "redaction" not in m["custom"] for m in messages)
    assert not any("fjernet" in m["text"] for m in messages)


async def test_a_sender_id_carrying_personal_data_is_refused(client) -> None:
    # The sender id is the conversation's key in the store, where it cannot be redacted.
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": synthetic_cpr(7), "message": "hej"}
    )
    assert response.status == 400
    assert (await response.json())["error"] == "sender_personal_data"
