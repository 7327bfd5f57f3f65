"""``RetentionTrackerStore``: Rasa's tracker store on the retention-aware SQL store.

Configured in endpoints.yml (``type: bot.store.tracker_store.RetentionTrackerStore``), so
`privacybot serve`, `rasa run` and `rasa shell` all persist through it. Events are
redacted before they are written (:mod:`bot.store.redacting`); reads never return an
event whose ``expires_at`` has passed, even before a purge removed it.

Rasa wraps every tracker store in ``FailSafeTrackerStore``, which on a database error
silently continues with an in-memory store; :func:`propagate_store_errors` turns that
off so a dead database gives ``StoreUnavailable`` (HTTP 503) instead of lost messages.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.store.database import get_engine, run_sync
from bot.store.errors import StoreError
from bot.store.reads import live_sender_ids, tracker_events
from bot.store.retention import Clock, utcnow
from bot.store.writes import append_events

logger = logging.getLogger(__name__)


def _load_events(engine: Any, sender_id: str, now: Any, all_sessions: bool) -> List[Dict[str, Any]]:
    """Unexpired events of a conversation in stored order (latest session only, unless asked)."""
    return tracker_events(engine, sender_id, now, None if all_sessions else SessionStarted.type_name)


class RetentionTrackerStore(TrackerStore):
    """Tracker store that redacts before writing and never returns expired events."""

    def __init__(
        self,
        domain: Optional[Domain] = None,
        host: Optional[Text] = None,
        event_broker: Optional[Any] = None,
        url: Optional[Text] = None,
        retention_days: Optional[int] = None,
        clock: Clock = utcnow,
        **kwargs: Any,
    ) -> None:
        """Create the store (Rasa passes ``host``/``domain``/``event_broker`` and endpoints.yml kwargs).

        ``url`` (or ``host`` from endpoints.yml) defaults to PRIVACYBOT_DATABASE_URL and
        ``retention_days`` to PRIVACYBOT_RETENTION_DAYS, both via ``bot.settings.load()``.
        ``clock`` is injectable so tests can evaluate expiry as of any instant.
        The database is connected and migrated here, so a dead database is reported at
        start-up (``DatabaseUnavailable``) rather than at the first message.
        """
        if event_broker is not None:
            raise StoreError(
                "an event broker is configured in endpoints.yml; RetentionTrackerStore refuses "
                "it because a broker would keep an unredacted, unexpiring copy of every conversation"
            )
        super().__init__(domain, None, **kwargs)
        url = url or host
        if url is None or retention_days is None:
            config = settings.load()
            url = url or config.database_url
            retention_days = retention_days if retention_days is not None else config.retention_days
        self.url = url
        self.retention_days = int(retention_days)
        self.clock = clock
        self.engine = get_engine(url)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Redact and store the tracker's events that are not stored yet."""
        serialised = [event.as_dict() for event in tracker.events]
        await run_sync(
            append_events, self.engine, tracker.sender_id, serialised, self.clock(), self.retention_days
        )

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Never publishes: there is no second copy of conversations (brokers are refused)."""

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The tracker of the latest session, from unexpired events; None if there are none."""
        return await self._retrieve(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        """The tracker with every unexpired event of every session."""
        return await self._retrieve(conversation_id, all_sessions=True)

    async def _retrieve(self, sender_id: Text, all_sessions: bool) -> Optional[DialogueStateTracker]:
        serialised = await run_sync(_load_events, self.engine, sender_id, self.clock(), all_sessions)
        if not serialised:
            return None
        return DialogueStateTracker.from_dict(
            sender_id, serialised, self.domain.slots, max_event_history=self.max_event_history
        )

    async def exists(self, conversation_id: Text) -> bool:
        """True when the conversation has at least one unexpired event."""
        return bool(await run_sync(_load_events, self.engine, conversation_id, self.clock(), True))

    async def keys(self) -> Iterable[Text]:
        """Sender ids of conversations with at least one unexpired event."""
        return await run_sync(live_sender_ids, self.engine, self.clock())


def _raise(error: Exception) -> None:
    raise error


def propagate_store_errors(agent: Any) -> None:
    """Make store errors reach the caller instead of Rasa's silent in-memory fallback.

    Rasa's ``Agent`` wraps the tracker store in ``FailSafeTrackerStore``, which on a
    database error logs and carries on with an in-memory copy (messages acknowledged, then
    lost) or with an empty tracker. Call this on the loaded agent; ``StoreUnavailable``
    then propagates and the web server answers 503.
    """
    store = getattr(agent, "tracker_store", None)
    if isinstance(store, FailSafeTrackerStore):
        store._on_tracker_store_error = _raise
