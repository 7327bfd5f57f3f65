"""Everything the web server asks of the transcript store, in one place.

The store (bot/store) is a Rasa tracker store plus a conversations table; this module
keeps the web layer from knowing its internals: checking the database, recording and
looking up a conversation's secret hash, reading a conversation back for the widget,
and the purge schedule.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

from bot.store import StoreUnavailable
from bot.store.database import check_database, run_sync

logger = logging.getLogger(__name__)

__all__ = [
    "StoreUnavailable",
    "database_problem",
    "register_conversation",
    "verify_secret",
    "propagate_store_errors",
    "conversation_history",
    "start_purge_schedule",
]


async def database_problem(config: Any) -> Optional[str]:
    """None when the store is reachable, else a readable reason (no secrets, no content)."""
    try:
        await run_sync(check_database, config)
    except StoreUnavailable as exc:
        return str(exc)
    return None


def _register(config: Any, conversation_id: str, secret: str, company: Optional[str], lang: Optional[str]) -> None:
    from bot.store import conversations
    from bot.store.database import engine_for

    conversations.create_conversation(
        engine_for(config), conversation_id, secret=secret, company=company, language=lang
    )


def _verify(config: Any, conversation_id: str, secret: str) -> bool:
    from bot.store import conversations
    from bot.store.database import engine_for

    return conversations.verify_secret(engine_for(config), conversation_id, secret)


async def register_conversation(
    config: Any, conversation_id: str, secret: str, company: Optional[str], lang: Optional[str]
) -> None:
    """Create the conversation row; the store keeps only the secret's SHA-256.

    Raises StoreUnavailable when the database is down.
    """
    await run_sync(_register, config, conversation_id, secret, company, lang)


async def verify_secret(config: Any, conversation_id: str, secret: str) -> bool:
    """True only when the conversation exists and ``secret`` is its secret.

    The same False for an unknown id and a wrong secret (the store compares in
    constant time either way). Raises StoreUnavailable when the database is down.
    """
    return await run_sync(_verify, config, conversation_id, secret)


def propagate_store_errors(agent: Any) -> Any:
    """Make a dead database reach the web layer as StoreUnavailable (503), not a silent fallback."""
    from bot.store.tracker_store import propagate_store_errors as propagate

    propagate(agent)
    return agent


async def conversation_history(agent: Any, conversation_id: str) -> List[Dict[str, Any]]:
    """The conversation as stored (redacted, unexpired), as the widget shows it.

    Read through the agent's tracker store, the same path Rasa uses, so what the
    visitor sees after a reload is exactly what is kept.
    """
    from rasa.shared.core.events import BotUttered, UserUttered

    tracker = await agent.tracker_store.retrieve_full_tracker(conversation_id)
    if tracker is None:
        return []
    history: List[Dict[str, Any]] = []
    for event in tracker.events:
        if isinstance(event, UserUttered) and event.text:
            history.append({"sender": "user", "text": event.text, "timestamp": event.timestamp})
        elif isinstance(event, BotUttered) and event.text:
            parts = event.text.strip().split("\n\n")
            buttons = (event.data or {}).get("buttons") or None
            for index, part in enumerate(parts):
                item: Dict[str, Any] = {"sender": "bot", "text": part, "timestamp": event.timestamp}
                if buttons and index == len(parts) - 1:
                    item["buttons"] = buttons
                history.append(item)
    return history


def start_purge_schedule(config: Any, stop_event: asyncio.Event) -> Optional["asyncio.Task[Any]"]:
    """Start the store's hourly purge inside the server (None when switched off)."""
    if not config.purge_interval_seconds:
        return None
    from bot.store import purge

    return asyncio.ensure_future(purge.run_periodically(config, stop_event))
