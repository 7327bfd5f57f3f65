"""REST sender ids are ids, never personal data: the rule of bot/web/channels/sender_ids.py."""
from __future__ import annotations

import uuid

import pytest

from bot.web.channels import sender_ids
from bot.web.responses import ApiError

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

WEBHOOK = "/webhooks/rest/webhook"


@pytest.mark.parametrize(
    "sender, rule",
    [
        ("kunde_070761_4285", "sender_personal_data"),  # a CPR number split by underscores
        ("kunde-0707614285", "sender_personal_data"),
        ("0707\u200b614285", "sender_characters"),  # zero-width space inside a CPR
        ("070761\u200b-4285", "sender_characters"),
        ("name@example", "sender_characters"),  # an e-mail without a TLD
        ("name%40example.com", "sender_characters"),  # %40 for @
        ("20304050", "sender_personal_data"),  # a Danish phone number
        ("kunde.20.30.40.50", "sender_personal_data"),  # the same, dotted
        ("user_20304050", "sender_personal_data"),
        ("mette hansen", "sender_characters"),  # spaces
        ("x" * 129, "sender_length"),
        ("", "sender_length"),
    ],
)
async def test_a_sender_carrying_personal_data_is_a_400_naming_the_rule(client, sender, rule) -> None:
    response = await client.post(WEBHOOK, json={"sender": sender, "message": "hej"})
    assert response.status == 400, await response.text()
    body = await response.json()
    assert body["error"] == rule
    assert sender not in body["message"] or not sender  # the id is never echoed


async def test_a_request_without_sender_is_a_400_not_the_shared_default_conversation(client, agent) -> None:
    response = await client.post(WEBHOOK, json={"message": "hej fra ingen"})
    assert response.status == 400
    assert (await response.json())["error"] == "missing_sender"
    tracker = await agent.tracker_store.retrieve("default")
    assert tracker is None or not [e for e in tracker.events if e.type_name == "user" and "ingen" in (e.text or "")]


async def test_server_issued_ids_are_refused_on_the_rest_route(client) -> None:
    issued = await (await client.post("/api/conversations", json={})).json()
    response = await client.post(WEBHOOK, json={"sender": issued["id"], "message": "hej"})
    assert response.status == 403
    assert (await response.json())["error"] == "reserved_sender"


@pytest.mark.parametrize(
    "sender", ["rest-user-42", "load-user-17", "shop:session:abc123", "U024BE7LH", "bench-3-12345"]
)
async def test_ordinary_ids_are_accepted(client, sender) -> None:
    response = await client.post(WEBHOOK, json={"sender": sender, "message": "hej"})
    assert response.status == 200, await response.text()


async def test_random_uuids_always_pass() -> None:
    # Clients that follow the advice (a UUID per conversation, with any prefix) are never refused.
    refused = []
    for _ in range(2000):
        for candidate in (
            str(uuid.uuid4()), uuid.uuid4().hex, f"chat-{uuid.uuid4()}", f"rest-test-{uuid.uuid4()}",
            f"shop_eu.user-{uuid.uuid4().hex}",
        ):
            try:
                sender_ids.validate(candidate)
            except ApiError:
                refused.append(candidate)
    assert refused == []
