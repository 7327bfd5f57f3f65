"""Rasa's socket.io protocol at /socket.io, without Rasa 3.6's faults, redacting like REST."""
from __future__ import annotations

import asyncio

import pytest
import socketio

from support.socketio_client import Visitor
from support.synthetic import digits_only, synthetic_cpr

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]


def url(client) -> str:
    return f"http://{client.host}:{client.port}"


async def test_session_is_confirmed_and_replies_reach_the_socket(client) -> None:
    visitor = Visitor(url(client))
    session_id = await visitor.open()
    assert session_id.startswith("cv_") and "." in session_id
    await visitor.say("Hvor længe gemmer OK chatbeskeder?", customData={"company": "OK", "lang": "da"})
    replies = await visitor.replies()
    assert replies and all(isinstance(r.get("text"), str) for r in replies)
    assert "180" in " ".join(r["text"] for r in replies)
    await visitor.close()


async def test_opening_event_without_message_is_ignored_not_an_error(client) -> None:
    visitor = Visitor(url(client))
    session_id = await visitor.open()
    # What rasa-webchat emits when opened without an initPayload: no "message" key.
    await visitor.sio.emit("user_uttered", {"customData": {"language": "en"}, "session_id": session_id})
    await visitor.sio.emit("user_uttered", None)
    await asyncio.sleep(0.5)
    assert visitor.bot == []
    # The socket still works afterwards.
    await visitor.say("hello", customData={"company": "OJCO", "lang": "en"})
    assert await visitor.replies()
    await visitor.close()


async def test_a_returning_visitor_gets_the_same_conversation(client, agent) -> None:
    first = Visitor(url(client))
    session_id = await first.open()
    await first.say("hej", customData={"company": "OK"})
    await first.replies()
    await first.close()

    again = Visitor(url(client))
    assert await again.open(session_id) == session_id
    conversation_id = session_id.split(".")[0]
    tracker = await agent.tracker_store.retrieve(conversation_id)
    assert [e.text for e in tracker.events if e.type_name == "user"] == ["hej"]
    await again.close()


async def test_someone_elses_id_without_the_secret_gets_a_new_conversation(client) -> None:
    owner = Visitor(url(client))
    session_id = await owner.open()
    conversation_id = session_id.split(".")[0]
    intruder = Visitor(url(client))
    for attempt in (conversation_id, conversation_id + ".wrong-secret", conversation_id + "." + "A" * 43):
        granted = await intruder.open(attempt)
        assert granted.split(".")[0] != conversation_id
        await intruder.close()
        intruder = Visitor(url(client))
    # The owner's replies never reach the intruder's socket, even when it names the owner's id.
    await intruder.open(conversation_id)
    await owner.say("hej", customData={"company": "OK"})
    await owner.replies()
    await intruder.say("hej", session_id=session_id, customData={"company": "OK"})
    await intruder.replies()
    assert len(owner.bot) > 0 and len(intruder.bot) > 0
    await asyncio.sleep(0.5)
    owner_count = len(owner.bot)
    await intruder.say("endnu en", session_id=session_id)
    await intruder.replies(at_least=len(intruder.bot) + 1)
    assert len(owner.bot) == owner_count
    await owner.close()
    await intruder.close()


async def test_cpr_is_redacted_and_the_notice_comes_first(client, agent) -> None:
    visitor = Visitor(url(client))
    session_id = await visitor.open()
    cpr = synthetic_cpr(99)
    await visitor.say(f"mit cpr-nummer er {cpr}", customData={"company": "OK", "lang": "da"})
    replies = await visitor.replies(at_least=2)
    assert "CPR-nummer" in replies[0]["text"] and "fjernet" in replies[0]["text"]
    assert all(cpr not in r.get("text", "") and digits_only(cpr) not in r.get("text", "") for r in replies)
    tracker = await agent.tracker_store.retrieve(session_id.split(".")[0])
    texts = [e.text for e in tracker.events if e.type_name == "user"]
    assert texts == ["mit cpr-nummer er <DK_CPR>"]
    await visitor.close()


async def test_limits_are_told_to_the_user_as_bot_messages(make_client) -> None:
    client = await make_client(rate_limit_conversation=1, max_message_chars=30)
    visitor = Visitor(url(client))
    await visitor.open()
    await visitor.say("x" * 31, customData={"lang": "en"})
    replies = await visitor.replies()
    assert "too long" in replies[-1]["text"] and "30" in replies[-1]["text"]
    await visitor.say("hello", customData={"lang": "en"})
    replies = await visitor.replies(at_least=2)
    assert "too quickly" in replies[-1]["text"]
    await visitor.close()


async def test_a_disallowed_origin_cannot_connect(make_client) -> None:
    client = await make_client(cors_origins=("https://www.ok.dk",))
    sio = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await sio.connect(url(client), headers={"Origin": "https://evil.example"}, transports=["polling"])
    allowed = socketio.AsyncClient(reconnection=False)
    await allowed.connect(url(client), headers={"Origin": "https://www.ok.dk"}, transports=["polling"])
    assert allowed.connected
    await allowed.eio.disconnect(abort=True)
