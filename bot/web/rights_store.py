"""What the customer's rights ask of the transcript store, off the event loop.

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
from typing import Any, AsyncIterator, List, Optional

from bot.store.database import run_sync
from bot.store.reads import StoredEvent

logger = logging.getLogger(__name__)

DELETE_LOCK_WAIT_SECONDS = 0.05


@dataclass(frozen=True)
class StoredConversation:
    """A conversation's row values and unexpired events, for the download."""

    company: Optional[str]
    language: Optional[str]
    training_opt_out: bool
    events: List[StoredEvent]


def _engine(config: Any) -> Any:
    from bot.store.database import engine_for

    return engine_for(config)


def _read(config: Any, sender_id: str, now: datetime) -> Optional[StoredConversation]:
    from bot.store.conversations import get_conversation
    from bot.store.reads import conversation_events

    engine = _engine(config)
    row = get_conversation(engine, sender_id)
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
    lock_store = getattr(agent, "lock_store", None) if agent is not None else None
    if lock_store is None:  # no agent yet: no turn can be running
        yield
        return
    async with lock_store.lock(sender_id, wait_time_in_seconds=DELETE_LOCK_WAIT_SECONDS):
        yield


def _delete(config: Any, sender_id: str) -> int:
    from bot.store.conversations import delete_conversation

    return delete_conversation(_engine(config), sender_id)


async def delete_now(config: Any, agent: Any, sender_id: str) -> int:
    """Delete every stored event of the conversation and its row, now; the number of events.

    ``agent``: the loaded Rasa agent whose lock store serialises turns (None while loading).
    """
    async with _conversation_lock(agent, sender_id):
        return await run_sync(_delete, config, sender_id)


def _set_opt_out(config: Any, sender_id: str, opt_out: bool) -> bool:
    from bot.store.conversations import set_training_opt_out

    return set_training_opt_out(_engine(config), sender_id, opt_out)


async def set_opt_out(config: Any, sender_id: str, opt_out: bool) -> bool:
    """Store the conversation's training opt-out; False when there is no such conversation."""
    return await run_sync(_set_opt_out, config, sender_id, opt_out)


def _get_opt_out(config: Any, sender_id: str) -> Optional[bool]:
    from bot.store.conversations import get_training_opt_out

    return get_training_opt_out(_engine(config), sender_id)


async def get_opt_out(config: Any, sender_id: str) -> Optional[bool]:
    """The conversation's training opt-out (None when there is no such conversation)."""
    return await run_sync(_get_opt_out, config, sender_id)
