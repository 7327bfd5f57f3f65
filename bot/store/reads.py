"""Reading stored (redacted) events for download and export — never expired ones.

Every function takes ``now`` (timezone-aware) and hides events with ``expires_at <= now``,
whether or not a purge has removed them yet. Blocking functions; from async code use
:func:`aiter_export_conversations` or ``await bot.store.database.run_sync(...)``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.database import run_sync, translate_errors
from bot.store.retention import as_utc
from bot.store.schema import conversations, events


@dataclass(frozen=True)
class StoredEvent:
    """One stored event: the redacted Rasa event and its retention times."""

    type_name: str
    timestamp: float
    collected_at: datetime
    expires_at: datetime
    data: Dict[str, Any]
    intent_name: Optional[str] = None
    action_name: Optional[str] = None


@dataclass(frozen=True)
class ExportConversation:
    """A conversation with its unexpired events, for export."""

    sender_id: str
    company: Optional[str]
    language: Optional[str]
    created_at: datetime
    events: List[StoredEvent] = field(default_factory=list)


_EVENT_COLUMNS = (
    events.c.type_name,
    events.c.timestamp,
    events.c.collected_at,
    events.c.expires_at,
    events.c.data,
    events.c.intent_name,
    events.c.action_name,
)


def _stored_event(row: Any) -> StoredEvent:
    return StoredEvent(
        type_name=row.type_name,
        timestamp=float(row.timestamp),
        collected_at=row.collected_at,
        expires_at=row.expires_at,
        data=json.loads(row.data),
        intent_name=row.intent_name,
        action_name=row.action_name,
    )


def conversation_events(engine: Engine, sender_id: str, now: datetime) -> List[StoredEvent]:
    """Every unexpired event of one conversation, in order (for "download my conversation").

    Empty when the conversation does not exist or holds nothing unexpired. Check the
    caller's secret first (:func:`bot.store.conversations.verify_secret`).
    """
    query = (
        sa.select(*_EVENT_COLUMNS)
        .select_from(events.join(conversations))
        .where(conversations.c.sender_id == sender_id, events.c.expires_at > as_utc(now))
        .order_by(events.c.id)
    )
    with translate_errors("reading a conversation"), engine.connect() as connection:
        return [_stored_event(row) for row in connection.execute(query)]


def iter_export_conversations(
    engine: Engine,
    now: datetime,
    since: Optional[datetime] = None,
    batch_size: int = 200,
    include_opted_out: bool = False,
) -> Iterator[ExportConversation]:
    """Stream conversations for training export, ``batch_size`` conversations at a time.

    Yields conversations of customers who did not opt out (unless asked), with their
    unexpired events (collected at or after ``since`` if given); conversations left with
    no such events are skipped. Memory holds one batch, whatever the store's size: pages
    are read by conversation id (keyset), each in its own short read.
    """
    now = as_utc(now)
    since = as_utc(since) if since is not None else None
    last_id = 0
    while True:
        visible = [events.c.conversation_id == conversations.c.id, events.c.expires_at > now]
        if since is not None:
            visible.append(events.c.collected_at >= since)
        page_query = (
            sa.select(
                conversations.c.id,
                conversations.c.sender_id,
                conversations.c.company,
                conversations.c.language,
                conversations.c.created_at,
            )
            .where(conversations.c.id > last_id, sa.exists().where(*visible))
            .order_by(conversations.c.id)
            .limit(batch_size)
        )
        if not include_opted_out:
            page_query = page_query.where(conversations.c.training_opt_out.is_(sa.false()))
        with translate_errors("exporting conversations"), engine.connect() as connection:
            page = connection.execute(page_query).all()
            if not page:
                return
            ids = [row.id for row in page]
            event_query = (
                sa.select(events.c.conversation_id, *_EVENT_COLUMNS)
                .where(events.c.conversation_id.in_(ids), events.c.expires_at > now)
                .order_by(events.c.conversation_id, events.c.id)
            )
            if since is not None:
                event_query = event_query.where(events.c.collected_at >= since)
            by_conversation: Dict[int, List[StoredEvent]] = {i: [] for i in ids}
            for row in connection.execute(event_query):
                by_conversation[row.conversation_id].append(_stored_event(row))
        for row in page:
            if by_conversation[row.id]:
                yield ExportConversation(
                    sender_id=row.sender_id,
                    company=row.company,
                    language=row.language,
                    created_at=row.created_at,
                    events=by_conversation[row.id],
                )
        last_id = ids[-1]


async def aiter_export_conversations(
    engine: Engine,
    now: datetime,
    since: Optional[datetime] = None,
    batch_size: int = 200,
) -> AsyncIterator[ExportConversation]:
    """Async version of :func:`iter_export_conversations` (database work off the event loop)."""
    iterator = iter_export_conversations(engine, now, since=since, batch_size=batch_size)
    done = object()
    while True:
        item = await run_sync(next, iterator, done)
        if item is done:
            return
        yield item  # type: ignore[misc]


def count_export_conversations(engine: Engine, now: datetime, since: Optional[datetime] = None) -> int:
    """How many conversations :func:`iter_export_conversations` will yield (for a progress bar)."""
    now = as_utc(now)
    visible = [events.c.conversation_id == conversations.c.id, events.c.expires_at > now]
    if since is not None:
        visible.append(events.c.collected_at >= as_utc(since))
    query = sa.select(sa.func.count()).select_from(conversations).where(
        conversations.c.training_opt_out.is_(sa.false()), sa.exists().where(*visible)
    )
    with translate_errors("counting conversations"), engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)


def tracker_events(
    engine: Engine, sender_id: str, now: datetime, session_start_type: Optional[str] = None
) -> List[Dict[str, Any]]:
    """Unexpired events of a conversation in stored order, for the tracker store.

    ``session_start_type`` (Rasa's ``session_started``): only from the latest session start
    on; None: every session.
    """
    now = as_utc(now)
    visible = sa.and_(
        events.c.conversation_id == conversations.c.id,
        conversations.c.sender_id == sender_id,
        events.c.expires_at > now,
    )
    query = sa.select(events.c.data).select_from(events.join(conversations)).where(visible)
    if session_start_type is not None:
        # Like Rasa's SQL store: from the latest session start on. By id, not by
        # timestamp, because ids follow insertion order within a conversation.
        last_start = (
            sa.select(sa.func.max(events.c.id))
            .select_from(events.join(conversations))
            .where(visible, events.c.type_name == session_start_type)
            .scalar_subquery()
        )
        query = query.where(sa.or_(last_start.is_(None), events.c.id >= last_start))
    with translate_errors("reading a conversation"), engine.connect() as connection:
        return [json.loads(data) for (data,) in connection.execute(query.order_by(events.c.id))]


def live_sender_ids(engine: Engine, now: datetime) -> List[str]:
    """The sender ids of conversations with at least one unexpired event, oldest first."""
    query = (
        sa.select(conversations.c.sender_id)
        .where(
            sa.exists().where(
                events.c.conversation_id == conversations.c.id, events.c.expires_at > as_utc(now)
            )
        )
        .order_by(conversations.c.id)
    )
    with translate_errors("listing conversations"), engine.connect() as connection:
        return list(connection.execute(query).scalars())
