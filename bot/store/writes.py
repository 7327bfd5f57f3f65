"""Appending a tracker's new events to the store, redacted, with their expiry.

Which events are new? Rasa's SQLTrackerStore counts stored events, which breaks as soon
as expired events are hidden from reads (the tracker then holds fewer events than the
table). Here an event is identified by ``(Rasa timestamp, type)``: every tracker event
whose key is not already stored for the conversation is new. Keys are compared as
multisets, so two events with the same timestamp and type (possible: ``time.time()`` has
sub-microsecond ties) are both kept. Expired-but-not-yet-purged events still count as
stored, so nothing is ever written twice; purged ones are older than anything a tracker
retrieved from the store can hold.

Concurrency: the conversation row is locked (``SELECT ... FOR UPDATE`` on PostgreSQL, the
single write lock on SQLite) while its new events are checked and inserted, so two
processes saving the same conversation cannot both insert an event, and a purge deleting
the (empty) conversation at that moment waits or skips it. Redaction, the slow part, runs
before the transaction so the lock is held for milliseconds.
"""
from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from bot.store.database import translate_errors, write_transaction
from bot.store.across_messages import complete_split_identifiers
from bot.store.redacting import redact_event
from bot.store.retention import as_utc, expires_at
from bot.store.schema import conversations, events

logger = logging.getLogger(__name__)

EventKey = Tuple[float, str]


@dataclass(frozen=True)
class ConversationRow:
    """The parts of a conversation row the write path needs."""

    id: int
    language: Optional[str]


def _insert_ignore(engine_or_conn: Any) -> Any:
    return postgresql_insert if engine_or_conn.dialect.name == "postgresql" else sqlite_insert


def lock_conversation(connection: Connection, sender_id: str, now: datetime) -> ConversationRow:
    """Create the conversation if needed and lock its row for this transaction.

    Retries when a purge deletes the (empty) row between the insert and the lock.
    """
    insert = _insert_ignore(connection)
    for _ in range(5):
        connection.execute(
            insert(conversations)
            .values(sender_id=sender_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["sender_id"])
        )
        row = connection.execute(
            sa.select(conversations.c.id, conversations.c.language)
            .where(conversations.c.sender_id == sender_id)
            .with_for_update()
        ).first()
        if row is not None:
            return ConversationRow(id=row.id, language=row.language)
    raise RuntimeError("conversation row vanished five times in a row")  # pragma: no cover


def event_key(data: Dict[str, Any]) -> EventKey:
    """The identity of an event in its conversation: Rasa timestamp and type."""
    return float(data["timestamp"]), str(data["event"])


def stored_keys(connection: Connection, conversation_id: int, since: float) -> Counter:
    """Keys of the conversation's stored events at or after ``since``, expired or not."""
    rows = connection.execute(
        sa.select(events.c.timestamp, events.c.type_name).where(
            events.c.conversation_id == conversation_id, events.c.timestamp >= since
        )
    )
    return Counter((float(ts), type_name) for ts, type_name in rows)


def _new_events(candidates: Sequence[Dict[str, Any]], stored: Counter) -> List[int]:
    remaining = Counter(stored)
    new = []
    for index, data in enumerate(candidates):
        key = event_key(data)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(index)
    return new


def _conversation_snapshot(engine: Engine, sender_id: str) -> Tuple[Optional[int], Optional[str]]:
    with engine.connect() as connection:
        row = connection.execute(
            sa.select(conversations.c.id, conversations.c.language).where(
                conversations.c.sender_id == sender_id
            )
        ).first()
    return (row.id, row.language) if row else (None, None)


def _row(conversation_id: int, data: Dict[str, Any], counts: Dict[str, int], now: datetime,
         retention_days: int) -> Dict[str, Any]:
    parse_data = data.get("parse_data") or {}
    intent = parse_data.get("intent") or {}
    action = data.get("name") if data.get("event") == "action" else None
    return {
        "conversation_id": conversation_id,
        "type_name": data["event"],
        "intent_name": intent.get("name") if isinstance(intent, dict) else None,
        "action_name": action,
        "timestamp": float(data["timestamp"]),
        "collected_at": now,
        "expires_at": expires_at(now, retention_days),
        "data": json.dumps(data, ensure_ascii=False),
        "redactions": json.dumps(counts, sort_keys=True) if counts else None,
    }


def append_events(
    engine: Engine,
    sender_id: str,
    serialised_events: Sequence[Dict[str, Any]],
    now: datetime,
    retention_days: int,
) -> int:
    """Store the events of ``serialised_events`` that are not stored yet; returns how many.

    ``serialised_events`` are ``Event.as_dict()`` values in tracker order, unredacted; each
    new one is redacted before anything is written. ``now`` is the collection time.
    """
    now = as_utc(now)
    with translate_errors("saving a conversation"):
        candidates = list(serialised_events)
        since = min((float(d["timestamp"]) for d in candidates), default=None)

        # 1. Without locks: which events look new, and redact those (slow, CPU-bound).
        conversation_id, language = _conversation_snapshot(engine, sender_id)
        if conversation_id is not None and since is not None:
            with engine.connect() as connection:
                maybe_new = _new_events(candidates, stored_keys(connection, conversation_id, since))
        else:
            maybe_new = list(range(len(candidates)))
        redacted = {i: redact_event(candidates[i], lang=language) for i in maybe_new}

        # 2. Locked: re-check against what is stored now and insert the rest.
        with write_transaction(engine) as connection:
            row = lock_conversation(connection, sender_id, now)
            if since is None:
                return 0
            stored = stored_keys(connection, row.id, since)
            new = _new_events(candidates, stored)
            for i in new:
                if i not in redacted or row.language != language:
                    redacted[i] = redact_event(candidates[i], lang=row.language)
            rows = [_row(row.id, *redacted[i], now, retention_days) for i in new]
            if rows:
                # A fragment completing an identifier with the previous user message
                # (date in one, last four digits in the next): both are redacted.
                complete_split_identifiers(connection, row.id, rows, row.language)
                connection.execute(events.insert(), rows)
    logger.debug("stored %d new event(s) for conversation %s", len(rows), row.id)
    return len(rows)
