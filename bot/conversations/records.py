"""A conversation as the transcript store keeps it: registering and checking its secret,
reading it back, the training opt-out and deleting it. Off the event loop, no HTTP.

Deleting takes the conversation's lock (Rasa's lock store, the one every turn holds), so
a turn of the same conversation that is running saves first and is then deleted with
the rest; nothing a running turn writes can bring the conversation back afterwards.
Every function raises :class:`~bot.store.StoreUnavailable` when the database is down.
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, AsyncIterator, Dict, List, Optional

from bot.store import conversations
from bot.store.database import engine_for, run_sync
from bot.store.reads import StoredEvent, conversation_events

logger = logging.getLogger(__name__)

DELETE_LOCK_WAIT_SECONDS = 0.05


class ConversationBusy(Exception):
    """A turn of the conversation held its lock for longer than a delete may wait."""


@dataclass(frozen=True)
class StoredConversation:
    """A conversation's row values and unexpired events, for the download."""

    company: Optional[str]
    language: Optional[str]
    training_opt_out: bool
    events: List[StoredEvent]


def _register(config: Any, conversation_id: str, secret: str, company: Optional[str], lang: Optional[str]) -> None:
    conversations.create_conversation(
        engine_for(config), conversation_id, secret=secret, company=company, language=lang
    )


async def register(
    config: Any, conversation_id: str, secret: str, company: Optional[str], lang: Optional[str]
) -> None:
    """Create the conversation row; the store keeps only the secret's SHA-256."""
    await run_sync(_register, config, conversation_id, secret, company, lang)


def _verify(config: Any, conversation_id: str, secret: str) -> bool:
    return conversations.verify_secret(engine_for(config), conversation_id, secret)


async def verify_secret(config: Any, conversation_id: str, secret: str) -> bool:
    """True only when the conversation exists and ``secret`` is its secret.

    The same False for an unknown id and a wrong secret (the store compares in
    constant time either way).
    """
    return await run_sync(_verify, config, conversation_id, secret)


async def history(agent: Any, conversation_id: str) -> List[Dict[str, Any]]:
    """The conversation as stored (redacted, unexpired), as the widget shows it.

    Read through the agent's tracker store, the same path Rasa uses, so what the
    visitor sees after a reload is exactly what is kept.
    """
    from rasa.shared.core.events import BotUttered, UserUttered  # importing Rasa takes seconds

    tracker = await agent.tracker_store.retrieve_full_tracker(conversation_id)
    if tracker is None:
        return []
    result: List[Dict[str, Any]] = []
    for event in tracker.events:
        if isinstance(event, UserUttered) and event.text:
            result.append({"sender": "user", "text": event.text, "timestamp": event.timestamp})
        elif isinstance(event, BotUttered) and event.text:
            parts = event.text.strip().split("\n\n")
            buttons = (event.data or {}).get("buttons") or None
            for index, part in enumerate(parts):
                item: Dict[str, Any] = {"sender": "bot", "text": part, "timestamp": event.timestamp}
                if buttons and index == len(parts) - 1:
                    item["buttons"] = buttons
                result.append(item)
    return result


def _read(config: Any, sender_id: str, now: datetime) -> Optional[StoredConversation]:
    engine = engine_for(config)
    row = conversations.get_conversation(engine, sender_id)
    if row is None:
        return None
    return StoredConversation(
        row.company, row.language, row.training_opt_out, conversation_events(engine, sender_id, now)
    )


async def read_conversation(config: Any, sender_id: str, now: datetime) -> Optional[StoredConversation]:
    """The conversation as stored (None when there is no such conversation)."""
    return await run_sync(_read, config, sender_id, now)


@contextlib.asynccontextmanager
async def _conversation_lock(agent: Any, sender_id: str) -> AsyncIterator[None]:
    from rasa.core.lock_store import LockError  # importing Rasa takes seconds

    lock_store = getattr(agent, "lock_store", None) if agent is not None else None
    if lock_store is None:  # no agent yet: no turn can be running
        yield
        return
    try:
        async with lock_store.lock(sender_id, wait_time_in_seconds=DELETE_LOCK_WAIT_SECONDS):
            yield
    except LockError:
        raise ConversationBusy(sender_id) from None


def _delete(config: Any, sender_id: str) -> int:
    return conversations.delete_conversation(engine_for(config), sender_id)


async def delete_now(config: Any, agent: Any, sender_id: str) -> int:
    """Delete every stored event of the conversation and its row, now; the number of events.

    ``agent``: the loaded Rasa agent whose lock store serialises turns (None while loading).
    Raises :class:`ConversationBusy` when a turn holds the lock too long.
    """
    async with _conversation_lock(agent, sender_id):
        return await run_sync(_delete, config, sender_id)


def _set_opt_out(config: Any, sender_id: str, opt_out: bool) -> bool:
    return conversations.set_training_opt_out(engine_for(config), sender_id, opt_out)


async def set_opt_out(config: Any, sender_id: str, opt_out: bool) -> bool:
    """Store the conversation's training opt-out; False when there is no such conversation."""
    return await run_sync(_set_opt_out, config, sender_id, opt_out)


def _get_opt_out(config: Any, sender_id: str) -> Optional[bool]:
    return conversations.get_training_opt_out(engine_for(config), sender_id)


async def get_opt_out(config: Any, sender_id: str) -> Optional[bool]:
    """The conversation's training opt-out (None when there is no such conversation)."""
    return await run_sync(_get_opt_out, config, sender_id)
