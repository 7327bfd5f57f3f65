"""The widget's API: server-issued ids, and nothing without the conversation's secret."""
from __future__ import annotations

import re

import pytest

from support.synthetic import synthetic_cpr

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

META = {"company": "OK", "lang": "da"}


async def new_conversation(client) -> dict:
    response = await client.post("/api/conversations", json={"metadata": META})
    assert response.status == 201
    return await response.json()


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


async def test_ids_are_issued_by_the_server_unguessable_and_distinct(client) -> None:
    issued = [await new_conversation(client) for _ in range(5)]
    for conversation in issued:
        assert re.fullmatch(r"cv_[0-9a-f]{32}", conversation["id"])  # 128 random bits
        assert len(conversation["secret"]) == 43  # 256 random bits, base64url
    assert len({c["id"] for c in issued}) == 5 and len({c["secret"] for c in issued}) == 5


async def test_chatting_with_the_secret_returns_the_stored_text_and_the_reply(client) -> None:
    conversation = await new_conversation(client)
    cpr = synthetic_cpr(11)
    response = await client.post(
        f"/api/conversations/{conversation['id']}/messages",
        json={"message": f"Mit CPR er {cpr}, hvor længe gemmer I chatten?", "metadata": META},
        headers=bearer(conversation["secret"]),
    )
    assert response.status == 200
    body = await response.json()
    assert cpr not in await response.text()
    assert body["user"]["text"].startswith("Mit CPR er <DK_CPR>")
    assert body["user"]["redacted_types"] == ["DK_CPR"]
    assert body["messages"][0]["custom"]["redaction"]["types"] == ["DK_CPR"]
    assert "CPR-nummer" in body["messages"][0]["text"]
    assert len(body["messages"]) > 1 and all(m["text"] for m in body["messages"][1:])  # and it answers


async def test_history_is_the_conversation_as_stored(client) -> None:
    conversation = await new_conversation(client)
    cpr = synthetic_cpr(12)
    await client.post(
        f"/api/conversations/{conversation['id']}/messages",
        json={"message": f"jeg hedder noget og mit cpr er {cpr}", "metadata": META},
        headers=bearer(conversation["secret"]),
    )
    response = await client.get(
        f"/api/conversations/{conversation['id']}/messages", headers=bearer(conversation["secret"])
    )
    assert response.status == 200
    history = (await response.json())["messages"]
    assert history[0]["sender"] == "user" and "<DK_CPR>" in history[0]["text"]
    assert any(m["sender"] == "bot" for m in history)
    assert cpr not in await response.text()


async def test_without_the_secret_nothing_is_revealed(client) -> None:
    mine = await new_conversation(client)
    other = await new_conversation(client)
    path = f"/api/conversations/{mine['id']}/messages"
    await client.post(path, json={"message": "hej", "metadata": META}, headers=bearer(mine["secret"]))

    missing = await client.get(path)
    assert missing.status == 401 and missing.headers["WWW-Authenticate"] == "Bearer"

    wrong = await client.get(path, headers=bearer(other["secret"]))  # another visitor's secret
    guessed = await client.get(
        "/api/conversations/cv_" + "0" * 32 + "/messages", headers=bearer(mine["secret"])
    )
    malformed = await client.get(path, headers=bearer("x"))
    bodies = [await r.json() for r in (wrong, guessed, malformed)]
    assert [r.status for r in (wrong, guessed, malformed)] == [404, 404, 404]
    # Identical answers: a wrong secret does not even confirm that the conversation exists.
    assert bodies[0] == bodies[1] == bodies[2]

    posted = await client.post(path, json={"message": "hej"}, headers=bearer(other["secret"]))
    assert posted.status == 404


async def test_the_rest_webhook_cannot_write_into_an_issued_conversation(client) -> None:
    conversation = await new_conversation(client)
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": conversation["id"], "message": "hej"}
    )
    assert response.status == 403
    assert (await response.json())["error"] == "reserved_sender"
    history = await client.get(
        f"/api/conversations/{conversation['id']}/messages", headers=bearer(conversation["secret"])
    )
    assert (await history.json())["messages"] == []


async def test_widget_messages_have_the_same_limits(make_client) -> None:
    client = await make_client(rate_limit_conversation=1, max_message_chars=20)
    conversation = await new_conversation(client)
    path = f"/api/conversations/{conversation['id']}/messages"
    too_long = await client.post(path, json={"message": "x" * 21}, headers=bearer(conversation["secret"]))
    assert too_long.status == 413
    limited = await client.post(path, json={"message": "hej"}, headers=bearer(conversation["secret"]))
    assert limited.status == 429 and "Retry-After" in limited.headers
