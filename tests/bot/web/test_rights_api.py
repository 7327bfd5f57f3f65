"""The customer's rights over HTTP: download, delete now, training opt-out, only with the secret."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.export import Export
from bot.store.retention import utcnow
from bot.store.schema import conversations, events
from rights_support import (
    bearer,
    conversation_rows,
    engine,
    new_conversation,
    say,
    stored_event_count,
    stored_texts,
)
from support.synthetic import digits_only, synthetic_cpr

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

RETENTION = timedelta(days=180)


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---- download ------------------------------------------------------------------------------


async def test_download_as_text_is_the_redacted_conversation_with_deletion_dates(client) -> None:
    conversation = await new_conversation(client, "da")
    cpr = synthetic_cpr(601)
    await say(client, conversation, f"Mit CPR-nummer er {cpr}. Hvor længe gemmer I chatten?")
    response = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=text", headers=bearer(conversation["secret"])
    )
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="conversation-{conversation["id"]}.txt"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    text = await response.text()
    assert "Mit CPR-nummer er <DK_CPR>. Hvor længe gemmer I chatten?" in text
    assert cpr not in text and digits_only(cpr) not in text
    # Danish headings (the conversation's language), the bot's answer, and when each goes.
    assert "Dig:" in text and "Chatbot:" in text
    expected_deletion = (utcnow() + RETENTION).strftime("%Y-%m-%d")
    assert f"Slettes senest: {expected_deletion}" in text


async def test_download_as_json_has_every_message_with_time_and_expiry(client, web_env) -> None:
    conversation = await new_conversation(client, "en")
    cpr = synthetic_cpr(602)
    await say(client, conversation, f"my cpr is {cpr}, who is the data controller?", lang="en")
    response = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=json", headers=bearer(conversation["secret"])
    )
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Content-Disposition"].endswith(f'filename="conversation-{conversation["id"]}.json"')
    raw = await response.text()
    assert cpr not in raw and digits_only(cpr) not in raw
    document = json.loads(raw)
    assert document["conversation_id"] == conversation["id"]
    assert document["training_opt_out"] is False
    first, *answers = document["messages"]
    assert first["sender"] == "user" and first["text"] == "my cpr is <DK_CPR>, who is the data controller?"
    assert first["redacted_types"] == ["DK_CPR"]
    assert answers and all(m["sender"] == "bot" and m["text"] for m in answers)
    for message in document["messages"]:
        stored = parse_iso(message["stored_at"])
        assert parse_iso(message["expires_at"]) - stored == RETENTION
        assert abs(parse_iso(message["sent_at"]) - stored) < timedelta(minutes=1)
    # The customer's copy is the conversation; raw Rasa events stay in the team's export.
    assert "events" not in document and stored_event_count(web_env, conversation["id"]) > len(document["messages"])


async def test_download_leaves_out_expired_messages(client, web_env) -> None:
    conversation = await new_conversation(client, "da")
    await say(client, conversation, "Hvem er dataansvarlig hos OK?")
    await say(client, conversation, "Hvor længe gemmer I chatten?")
    # Let everything before the second question expire (as if its 180 days had passed).
    with engine(web_env).begin() as connection:
        conversation_pk = connection.execute(
            sa.select(conversations.c.id).where(conversations.c.sender_id == conversation["id"])
        ).scalar()
        second_user = connection.execute(
            sa.select(sa.func.max(events.c.id)).where(
                events.c.conversation_id == conversation_pk, events.c.type_name == "user"
            )
        ).scalar()
        connection.execute(
            events.update()
            .where(events.c.conversation_id == conversation_pk, events.c.id < second_user)
            .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1))
        )
    response = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=json", headers=bearer(conversation["secret"])
    )
    texts = [m["text"] for m in (await response.json())["messages"]]
    assert "Hvem er dataansvarlig hos OK?" not in texts
    assert texts[0] == "Hvor længe gemmer I chatten?"


async def test_json_download_follows_the_language_the_widget_asks_for(client) -> None:
    conversation = await new_conversation(client, "da")
    await say(client, conversation, "Hvem er dataansvarlig hos OK?")
    response = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=json&lang=sv",
        headers=bearer(conversation["secret"]),
    )
    document = await response.json()
    assert document["language"] == "sv"
    assert {m["who"] for m in document["messages"] if m["sender"] == "user"} == {"Du"}


async def test_download_of_an_empty_conversation_says_so(client) -> None:
    conversation = await new_conversation(client, "sv")
    response = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=text&lang=sv",
        headers=bearer(conversation["secret"]),
    )
    assert response.status == 200
    text = await response.text()
    assert "Ditt samtal med chattboten (OK)" in text and "Det finns inga sparade meddelanden." in text
    bad = await client.get(
        f"/api/conversations/{conversation['id']}/transcript?format=pdf", headers=bearer(conversation["secret"])
    )
    assert bad.status == 400


# ---- delete --------------------------------------------------------------------------------


async def test_delete_removes_every_stored_event_at_once(client, web_env) -> None:
    conversation = await new_conversation(client, "da")
    await say(client, conversation, f"Mit cpr er {synthetic_cpr(603)}, slet det")
    await say(client, conversation, "Hvor længe gemmer I chatten?")
    assert stored_event_count(web_env, conversation["id"]) > 4
    path = f"/api/conversations/{conversation['id']}"
    response = await client.delete(path, headers=bearer(conversation["secret"]))
    assert response.status == 200
    body = await response.json()
    assert body["deleted"] is True and body["events_deleted"] > 4
    assert "deleted" in body["message"]
    # Gone now, not at the next purge: no event and no conversation row is left.
    assert stored_event_count(web_env, conversation["id"]) == 0
    assert conversation_rows(web_env, conversation["id"]) == 0
    # Every later request finds nothing, exactly as for a conversation that never existed.
    never = await client.get(
        "/api/conversations/cv_" + "e" * 32 + "/transcript", headers=bearer(conversation["secret"])
    )
    never_body = await never.json()
    for method, suffix in (("GET", "/messages"), ("GET", "/transcript"), ("DELETE", ""), ("GET", "/training-opt-out")):
        later = await client.request(method, path + suffix, headers=bearer(conversation["secret"]))
        assert (later.status, await later.json()) == (404, never_body), (method, suffix)
    posted = await client.post(path + "/messages", json={"message": "hej"}, headers=bearer(conversation["secret"]))
    assert posted.status == 404
    assert conversation_rows(web_env, conversation["id"]) == 0


async def test_delete_confirms_in_the_language_asked(client) -> None:
    conversation = await new_conversation(client, "sv")
    response = await client.delete(
        f"/api/conversations/{conversation['id']}?lang=sv", headers=bearer(conversation["secret"])
    )
    assert response.status == 200
    assert (await response.json())["message"].startswith("Samtalet är raderat.")


# ---- training opt-out ----------------------------------------------------------------------


def export_text(web_env, fmt: str) -> str:
    return "".join(Export(engine(web_env), fmt, utcnow()).chunks())


async def test_opt_out_is_stored_shown_and_honoured_by_the_export(client, web_env) -> None:
    kept = await new_conversation(client, "en")
    refused = await new_conversation(client, "en")
    await say(client, kept, "How long do you keep the chat, asks the kiwi customer?", lang="en")
    await say(client, refused, "How long do you keep the chat, asks the mango customer?", lang="en")
    path = f"/api/conversations/{refused['id']}/training-opt-out"

    shown = await client.get(path, headers=bearer(refused["secret"]))
    assert (shown.status, (await shown.json())["opt_out"]) == (200, False)
    for fmt in ("jsonl", "rasa"):
        assert "mango customer" in export_text(web_env, fmt)

    response = await client.put(path, json={"opt_out": True}, headers=bearer(refused["secret"]))
    assert (response.status, await response.json()) == (200, {"id": refused["id"], "opt_out": True})
    shown = await client.get(path, headers=bearer(refused["secret"]))
    assert (await shown.json())["opt_out"] is True
    with engine(web_env).connect() as connection:
        stored = connection.execute(
            sa.select(conversations.c.training_opt_out).where(conversations.c.sender_id == refused["id"])
        ).scalar()
    assert stored is True  # stored with the conversation
    for fmt in ("jsonl", "rasa"):
        exported = export_text(web_env, fmt)
        assert "mango customer" not in exported
        assert "kiwi customer" in exported  # the export itself still works

    # POST works as well as PUT, and the customer can change their mind.
    response = await client.post(path, json={"opt_out": False}, headers=bearer(refused["secret"]))
    assert (await response.json())["opt_out"] is False
    assert "mango customer" in export_text(web_env, "jsonl")


async def test_opt_out_needs_a_boolean(client) -> None:
    conversation = await new_conversation(client)
    path = f"/api/conversations/{conversation['id']}/training-opt-out"
    for body in ({"opt_out": "yes"}, {"opt_out": 1}, {}, ["opt_out"]):
        response = await client.put(path, json=body, headers=bearer(conversation["secret"]))
        assert response.status == 400, body


# ---- nothing without the secret ------------------------------------------------------------

ROUTES = [
    ("GET", "/transcript?format=text", None),
    ("GET", "/transcript?format=json", None),
    ("DELETE", "", None),
    ("GET", "/training-opt-out", None),
    ("PUT", "/training-opt-out", {"opt_out": True}),
    ("POST", "/training-opt-out", {"opt_out": True}),
]


@pytest.mark.parametrize("method,suffix,body", ROUTES)
async def test_no_one_without_the_secret_gets_anything(client, web_env, method, suffix, body) -> None:
    cpr = synthetic_cpr(604)
    mine = await new_conversation(client, "da")
    other = await new_conversation(client, "da")  # another visitor, with a valid secret of their own
    await say(client, mine, f"mit cpr er {cpr}, hvem er dataansvarlig?")
    events_before = stored_event_count(web_env, mine["id"])
    stored_before = stored_texts(web_env, mine["id"])
    path = f"/api/conversations/{mine['id']}{suffix}"

    async def call(target: str, headers: dict):
        response = await client.request(method, target, json=body, headers=headers)
        return response.status, await response.text(), dict(response.headers)

    missing = await call(path, {})
    not_bearer = await call(path, {"Authorization": f"Basic {mine['secret']}"})
    assert missing[0] == not_bearer[0] == 401
    assert missing[2]["WWW-Authenticate"] == "Bearer"

    another_visitor = await call(path, bearer(other["secret"]))
    wrong_secret = await call(path, bearer(other["secret"][:-1] + ("A" if other["secret"][-1] != "A" else "B")))
    malformed_secret = await call(path, bearer("x"))
    guessed_id = await call(path.replace(mine["id"], "cv_" + "0" * 32), bearer(mine["secret"]))
    malformed_id = await call(path.replace(mine["id"], "1"), bearer(mine["secret"]))
    others_id_own_secret = await call(path.replace(mine["id"], other["id"]), bearer(mine["secret"]))
    answers = [another_visitor, wrong_secret, malformed_secret, guessed_id, malformed_id, others_id_own_secret]
    # The same 404 and the same body whether or not the conversation exists: nothing to learn.
    assert {(status, text) for status, text, _ in answers} == {(answers[3][0], answers[3][1])}
    assert answers[3][0] == 404
    for status, text, headers in [missing, not_bearer, *answers]:
        assert mine["id"] not in text and cpr not in text and "<DK_CPR>" not in text
        assert "Content-Disposition" not in headers
    # And nothing changed: every event is still there, the opt-out is still off.
    assert stored_event_count(web_env, mine["id"]) == events_before
    assert stored_texts(web_env, mine["id"]) == stored_before
    assert stored_event_count(web_env, other["id"]) == 0 and conversation_rows(web_env, other["id"]) == 1
    opt_out = await client.get(f"/api/conversations/{mine['id']}/training-opt-out", headers=bearer(mine["secret"]))
    assert (await opt_out.json())["opt_out"] is False
