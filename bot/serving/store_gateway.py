"""What the web server itself asks of the transcript store: is it reachable, the agent's
store errors reaching the web layer, and the purge schedule.

Conversations themselves (secrets, history, the customer's rights) are read and written
through :mod:`bot.conversations.records`.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

from bot.store import StoreUnavailable, purge, tracker_store
from bot.store.database import check_database, run_sync

logger = logging.getLogger(__name__)

__all__ = [
    "StoreUnavailable",
    "database_problem",
    "propagate_store_errors",
    "start_purge_schedule",
]


async def database_problem(config: Any) -> Optional[str]:
    """None when the store is reachable, else a readable reason (no secrets, no content)."""
    try:
        await run_sync(check_database, config)
    except StoreUnavailable as exc:
        return str(exc)
    return None


def propagate_store_errors(agent: Any) -> Any:
    """Make a dead database reach the web layer as StoreUnavailable (503), not a silent fallback."""
    tracker_store.propagate_store_errors(agent)
    return agent


def start_purge_schedule(config: Any, stop_event: asyncio.Event) -> Optional["asyncio.Task[Any]"]:
    """Start the store's hourly purge inside the server (None when switched off)."""
    if not config.purge_interval_seconds:
        return None
    return asyncio.ensure_future(purge.run_periodically(config, stop_event))
