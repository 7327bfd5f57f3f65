"""Helpers for the customer-rights tests: issuing and using conversations, asking the store directly."""
from __future__ import annotations

from typing import Any, Dict, List

import sqlalchemy as sa

from bot.store.database import engine_for
from bot.store.schema import conversations, events
from support.web_app import make_config


def bearer(secret: str) -> Dict[str, str]:
    """The Authorization header of a conversation's holder."""
    return {"Authorization": f"Bearer {secret}"}


async def new_conversation(client: Any, lang: str = "da", company: str = "OK") -> Dict[str, str]:
    """Issue a conversation (``{"id", "secret"}``) through the widget API."""
    response = await client.post("/api/conversations", json={"metadata": {"company": company, "lang": lang}})
    assert response.status == 201
    return await response.json()


async def say(client: Any, conversation: Dict[str, str], message: str, lang: str = "da") -> Dict[str, Any]:
    """Send a widget message and return the reply body."""
    response = await client.post(
        f"/api/conversations/{conversation['id']}/messages",
        json={"message": message, "metadata": {"company": "OK", "lang": lang}},
        headers=bearer(conversation["secret"]),
    )
    assert response.status == 200, await response.text()
    return await response.json()


def engine(web_env: Dict[str, str]) -> Any:
    """The engine of the store the app under test writes to."""
    return engine_for(make_config(web_env))


def stored_event_count(web_env: Dict[str, str], sender_id: str) -> int:
    """How many events the store holds for a sender, expired or not (straight from the tables)."""
    query = (
        sa.select(sa.func.count())
        .select_from(events.join(conversations))
        .where(conversations.c.sender_id == sender_id)
    )
    with engine(web_env).connect() as connection:
        return int(connection.execute(query).scalar())


def conversation_rows(web_env: Dict[str, str], sender_id: str) -> int:
    """How many conversation rows the store has for a sender (0 or 1)."""
    query = sa.select(sa.func.count()).select_from(conversations).where(conversations.c.sender_id == sender_id)
    with engine(web_env).connect() as connection:
        return int(connection.execute(query).scalar())


def stored_texts(web_env: Dict[str, str], sender_id: str) -> List[str]:
    """The raw stored JSON of a sender's events (to look for what must not be there)."""
    query = (
        sa.select(events.c.data)
        .select_from(events.join(conversations))
        .where(conversations.c.sender_id == sender_id)
        .order_by(events.c.id)
    )
    with engine(web_env).connect() as connection:
        return [row.data for row in connection.execute(query)]


def custom_payloads(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The ``custom`` parts of reply messages."""
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)]


def raw_requests(messages: List[Dict[str, Any]]) -> List[Any]:
    """Any action request payload that leaked into a reply (must be none)."""
    return [c for c in custom_payloads(messages) if "request" in (c.get("privacybot") or {})]
