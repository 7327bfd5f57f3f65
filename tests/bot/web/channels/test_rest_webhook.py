"""POST /webhooks/rest/webhook speaks Rasa's REST format, with clear errors."""
from __future__ import annotations

import uuid

import pytest

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]


def sender() -> str:
    return f"resttest-{uuid.uuid4()}"  # one-word prefix: see the note in test_sender_ids


async def test_reply_is_a_list_of_rasa_messages_addressed_to_the_sender(client) -> None:
    me = sender()
    response = await client.post(
        "/webhooks/rest/webhook",
        json={"sender": me, "message": "Hvor længe gemmer I mine chatbeskeder?", "metadata": {"company": "OK", "lang": "da"}},
    )
    assert response.status == 200
    messages = await response.json()
    assert isinstance(messages, list) and messages
    for message in messages:
        assert message["recipient_id"] == me
        assert isinstance(message.get("text"), str) and message["text"]
    assert "180" in " ".join(m["text"] for m in messages), "OK keeps chats at most 180 days"


async def test_metadata_company_reaches_the_agent(client) -> None:
    question = "How long do you keep chat messages?"
    without = await client.post("/webhooks/rest/webhook", json={"sender": sender(), "message": question})
    with_ok = await client.post(
        "/webhooks/rest/webhook",
        json={"sender": sender(), "message": question, "metadata": {"company": "OK", "lang": "en"}},
    )
    asked = await without.json()
    answered = await with_ok.json()
    # Without a company the bot asks which one is meant, offering both as buttons.
    buttons = [b for m in asked for b in m.get("buttons", [])]
    assert {"OK", "OJCO"} <= {word for b in buttons for word in b["title"].replace(".", " ").split()}
    assert all(set(b) >= {"title", "payload"} for b in buttons)
    # With the page's company it answers for that company.
    assert "180" in " ".join(m["text"] for m in answered)


@pytest.mark.parametrize(
    "metadata, code",
    [
        ({"company": "ACME"}, "unknown_company"),
        ({"company": "OK", "lang": "de"}, "unknown_lang"),
        ("OK", "bad_metadata"),
    ],
)
async def test_unknown_company_or_language_is_a_clear_400(client, metadata, code) -> None:
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "hej", "metadata": metadata}
    )
    assert response.status == 400
    body = await response.json()
    assert body["error"] == code
    assert "OK" in body["message"] or "da" in body["message"] or "object" in body["message"]


@pytest.mark.parametrize(
    "body, code",
    [
        (b"{not json", "malformed_json"),
        (b'["a list"]', "bad_body"),
        (b'{"sender": "x"}', "missing_message"),
        (b'{"sender": "x", "message": "   "}', "empty_message"),
        (b'{"sender": "x", "message": 42}', "missing_message"),
        (b'{"sender": "", "message": "hej"}', "sender_length"),
        (b'{"message": "hej"}', "missing_sender"),
    ],
)
async def test_malformed_requests_are_400_with_a_reason(client, body, code) -> None:
    response = await client.post(
        "/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert (await response.json())["error"] == code


async def test_a_one_megabyte_message_is_413(client) -> None:
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "a" * 1_000_000}
    )
    assert response.status == 413
    body = await response.json()
    assert body["error"] == "request_too_large"
    assert "bytes" in body["message"]


async def test_a_message_over_the_character_limit_is_413(make_client) -> None:
    client = await make_client(max_message_chars=50)
    response = await client.post("/webhooks/rest/webhook", json={"sender": sender(), "message": "b" * 51})
    assert response.status == 413
    body = await response.json()
    assert body["error"] == "message_too_long" and "50" in body["message"]


async def test_chunked_body_over_the_limit_is_413(make_client) -> None:
    client = await make_client(max_request_bytes=1000)

    async def chunks():
        yield b'{"sender": "x", "message": "'
        for _ in range(20):
            yield b"c" * 100
        yield b'"}'

    response = await client.post(
        "/webhooks/rest/webhook", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status == 413
    assert (await response.json())["error"] == "request_too_large"


async def test_conversation_rate_limit_gives_429_with_retry_after(make_client) -> None:
    client = await make_client(rate_limit_conversation=2)
    me = sender()
    statuses = []
    for _ in range(3):
        response = await client.post("/webhooks/rest/webhook", json={"sender": me, "message": "hello"})
        statuses.append(response.status)
    assert statuses == [200, 200, 429]
    assert int(response.headers["Retry-After"]) >= 1
    body = await response.json()
    assert body["error"] == "rate_limited" and "conversation" in body["message"]
    # Another conversation from the same client is not held back by this one's limit.
    other = await client.post("/webhooks/rest/webhook", json={"sender": sender(), "message": "hello"})
    assert other.status == 200


async def test_client_rate_limit_counts_every_conversation_of_an_address(make_client) -> None:
    client = await make_client(rate_limit_client=3)
    statuses = []
    for _ in range(4):
        response = await client.post("/webhooks/rest/webhook", json={"sender": sender(), "message": "hello"})
        statuses.append(response.status)
    assert statuses == [200, 200, 200, 429]
    assert "address" in (await response.json())["message"]
    assert int(response.headers["Retry-After"]) >= 1


async def test_client_address_comes_from_our_proxy_only_when_trusted(make_client) -> None:
    trusting = await make_client(rate_limit_client=1, trust_proxy="true")
    first = await trusting.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "hi"}, headers={"X-Forwarded-For": "203.0.113.1"}
    )
    second = await trusting.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "hi"}, headers={"X-Forwarded-For": "203.0.113.2"}
    )
    assert (first.status, second.status) == (200, 200)  # two clients behind the proxy

    untrusting = await make_client(rate_limit_client=1)
    first = await untrusting.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "hi"}, headers={"X-Forwarded-For": "203.0.113.1"}
    )
    spoofed = await untrusting.post(
        "/webhooks/rest/webhook", json={"sender": sender(), "message": "hi"}, headers={"X-Forwarded-For": "203.0.113.2"}
    )
    assert (first.status, spoofed.status) == (200, 429)  # a client cannot pick its own bucket


async def test_rasa_channel_status_route(client) -> None:
    response = await client.get("/webhooks/rest/")
    assert response.status == 200 and (await response.json()) == {"status": "ok"}
