"""Rights asked for in the dialogue ("slet min samtale", "radera mina meddelanden", "delete this chat"):
the server carries out the action's request after the turn is saved, and confirms."""
from __future__ import annotations

import asyncio
import secrets
from typing import List

import pytest

from rights_support import (
    bearer,
    conversation_rows,
    custom_payloads,
    new_conversation,
    raw_requests,
    say,
    stored_event_count,
    stored_texts,
)
from support.socketio_client import Visitor
from support.synthetic import synthetic_cpr

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

CONFIRM = "/confirm_delete_conversation"


def texts(messages: List[dict]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def confirm_button(messages: List[dict]) -> dict:
    buttons = [b for m in messages for b in (m.get("buttons") or [])]
    matching = [b for b in buttons if b["payload"] == CONFIRM]
    assert matching, f"no confirmation button in {messages}"
    return matching[0]


async def rest(client, sender: str, message: str) -> List[dict]:
    response = await client.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
    assert response.status == 200, await response.text()
    return await response.json()


# ---- widget API ----------------------------------------------------------------------------


async def test_widget_delete_in_the_dialogue_asks_first_then_deletes_everything(client, web_env) -> None:
    conversation = await new_conversation(client, "da")
    await say(client, conversation, f"Mit CPR-nummer er {synthetic_cpr(701)}")
    asked = await say(client, conversation, "slet min samtale")
    assert confirm_button(asked["messages"])["title"] == "Ja, slet samtalen"
    assert stored_event_count(web_env, conversation["id"]) > 0, "asking alone deletes nothing"

    done = await say(client, conversation, CONFIRM)
    assert raw_requests(done["messages"]) == []  # the action's payload is not shown
    assert "Samtalen er slettet." in texts(done["messages"])
    assert {"privacybot": {"done": "delete_conversation"}} in custom_payloads(done["messages"])
    # After Rasa saved the turn, everything went: zero events, no row, for that sender.
    assert stored_event_count(web_env, conversation["id"]) == 0
    assert conversation_rows(web_env, conversation["id"]) == 0
    gone = await client.get(f"/api/conversations/{conversation['id']}/messages", headers=bearer(conversation["secret"]))
    assert gone.status == 404


async def test_widget_delete_cancelled_keeps_the_conversation(client, web_env) -> None:
    conversation = await new_conversation(client, "en")
    await say(client, conversation, "delete this chat", lang="en")
    kept = await say(client, conversation, "/deny", lang="en")
    assert "will not be deleted" in texts(kept["messages"])
    assert custom_payloads(kept["messages"]) == []
    assert stored_event_count(web_env, conversation["id"]) > 0


async def test_widget_download_in_the_dialogue_offers_the_files(client) -> None:
    conversation = await new_conversation(client, "en")
    reply = await say(client, conversation, "I want to download my conversation", lang="en")
    assert raw_requests(reply["messages"]) == []
    offer = [c for c in custom_payloads(reply["messages"]) if c["privacybot"].get("offer")]
    assert offer == [{"privacybot": {"offer": "download_conversation", "formats": ["text", "json"]}}]
    assert "Choose a format" in texts(reply["messages"])


async def test_widget_opt_out_in_the_dialogue_is_stored(client) -> None:
    conversation = await new_conversation(client, "sv")
    reply = await say(client, conversation, "använd inte mitt samtal för att träna chattboten", lang="sv")
    assert raw_requests(reply["messages"]) == []
    assert {"privacybot": {"done": "opt_out_training", "opt_out": True}} in custom_payloads(reply["messages"])
    assert "undantaget från träningsdata" in texts(reply["messages"])
    shown = await client.get(
        f"/api/conversations/{conversation['id']}/training-opt-out", headers=bearer(conversation["secret"])
    )
    assert (await shown.json())["opt_out"] is True


# ---- REST webhook: the client names the sender, and that sender holds the conversation -------


async def test_rest_delete_in_the_dialogue_deletes_that_senders_conversation(client, web_env) -> None:
    sender = "rights-rest-" + secrets.token_hex(16)
    bystander = "rights-rest-" + secrets.token_hex(16)
    await rest(client, bystander, "Hur länge sparar ni chatten?")
    await rest(client, sender, "Hur länge sparar ni chatten?")
    asked = await rest(client, sender, "radera mina meddelanden")
    assert confirm_button(asked)["title"] == "Ja, radera samtalet"
    done = await rest(client, sender, CONFIRM)
    assert custom_payloads(done) == []  # REST clients get text only, never the payload
    assert "Samtalet är raderat." in texts(done)
    assert stored_event_count(web_env, sender) == 0 and conversation_rows(web_env, sender) == 0
    assert stored_event_count(web_env, bystander) > 0  # nobody else's conversation
    # Writing again later starts a new, separate conversation.
    await rest(client, sender, "hello")
    stored = " ".join(stored_texts(web_env, sender))
    assert "hello" in stored and "Hur länge" not in stored and "radera" not in stored


async def test_rest_download_explains_that_the_widget_offers_it(client) -> None:
    sender = "rights-rest-" + secrets.token_hex(16)
    reply = await rest(client, sender, "can I download a copy of this chat?")
    assert custom_payloads(reply) == []
    assert "chat on the website offers the download" in texts(reply)


# ---- socket.io (rasa-webchat) --------------------------------------------------------------


async def test_socketio_delete_in_the_dialogue(client, web_env) -> None:
    visitor = Visitor(f"http://{client.host}:{client.port}", {"customData": {"company": "OK", "lang": "en"}})
    token = await visitor.open()
    conversation_id = token.split(".")[0]
    asked = await visitor.ask("delete this chat", until="cannot be undone")
    assert any(r.get("quick_replies") for r in asked)
    done = await visitor.ask(CONFIRM, until="has been deleted")
    assert all(set(r) <= {"text", "quick_replies"} for r in done), done  # no raw payload reaches the socket
    assert "has been deleted" in " ".join(r["text"] for r in done)
    assert stored_event_count(web_env, conversation_id) == 0 and conversation_rows(web_env, conversation_id) == 0
    # The next message starts a new conversation (a new session is confirmed), never the old id.
    await visitor.ask("hello", until="")
    new_token = await asyncio.wait_for(visitor.confirmed.get(), 10)
    assert not new_token.startswith(conversation_id)
    assert conversation_rows(web_env, conversation_id) == 0
    await visitor.close()
