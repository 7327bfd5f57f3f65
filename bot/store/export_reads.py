"""The export's reads: the NLU examples (user messages) streamed in pages, and the counts
of what the export skips. Conversations for the jsonl format are read by
:func:`bot.store.reads.iter_export_conversations`.

The user messages are streamed ordered by (predicted intent, id), so the YAML can group
them by intent while memory holds one batch: the database sorts, not this process. Every
read honours the same rules: never an expired event (``expires_at <= now``), never a
conversation whose customer opted out of training, only events collected at or after ``since``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Iterator, List, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.database import translate_errors
from bot.store.retention import as_utc
from bot.store.schema import conversations, events

MESSAGE_TYPES = ("user", "bot")


@dataclass(frozen=True)
class Skipped:
    """Messages left out before anything is scanned, by reason."""

    expired_messages: int
    opted_out_conversations: int
    opted_out_messages: int


@dataclass(frozen=True)
class UserMessage:
    """One stored (redacted) user message and the intent stored with it."""

    id: int
    intent_name: Optional[str]
    data: Dict[str, Any]


def _since(since: Optional[datetime]) -> List[Any]:
    return [events.c.collected_at >= as_utc(since)] if since is not None else []


def skipped_counts(
    engine: Engine, now: datetime, since: Optional[datetime], type_names: Sequence[str] = MESSAGE_TYPES
) -> Skipped:
    """Expired messages (of conversations not opted out) and opted-out conversations/messages."""
    now = as_utc(now)
    joined = events.join(conversations, events.c.conversation_id == conversations.c.id)
    base = [events.c.type_name.in_(list(type_names)), *_since(since)]
    live = events.c.expires_at > now
    opted = conversations.c.training_opt_out.is_(sa.true())
    query = sa.select(
        sa.func.count().filter(sa.and_(sa.not_(live), sa.not_(opted))),
        sa.func.count().filter(sa.and_(live, opted)),
        sa.func.count(sa.distinct(events.c.conversation_id)).filter(sa.and_(live, opted)),
    ).select_from(joined).where(*base)
    with translate_errors("counting what the export skips"), engine.connect() as connection:
        expired, opted_messages, opted_conversations = connection.execute(query).one()
    return Skipped(int(expired or 0), int(opted_conversations or 0), int(opted_messages or 0))


def _eligible_user_messages(now: datetime, since: Optional[datetime]) -> List[Any]:
    return [
        events.c.type_name == "user",
        events.c.expires_at > as_utc(now),
        conversations.c.training_opt_out.is_(sa.false()),
        *_since(since),
    ]


def count_user_messages(engine: Engine, now: datetime, since: Optional[datetime]) -> Dict[str, int]:
    """Exportable user messages: with an intent, without one, and their conversations."""
    joined = events.join(conversations, events.c.conversation_id == conversations.c.id)
    query = sa.select(
        sa.func.count().filter(events.c.intent_name.isnot(None)),
        sa.func.count().filter(events.c.intent_name.is_(None)),
        sa.func.count(sa.distinct(events.c.conversation_id)),
    ).select_from(joined).where(*_eligible_user_messages(now, since))
    with translate_errors("counting user messages"), engine.connect() as connection:
        with_intent, without_intent, conversation_count = connection.execute(query).one()
    return {
        "with_intent": int(with_intent or 0),
        "without_intent": int(without_intent or 0),
        "conversations": int(conversation_count or 0),
    }


def iter_user_messages(
    engine: Engine,
    now: datetime,
    since: Optional[datetime] = None,
    batch_size: int = 1000,
    fallback: bool = False,
    *,
    fallback_intent: str,
) -> Iterator[UserMessage]:
    """Exportable user messages, ``batch_size`` rows in memory at a time.

    ``fallback=False``: every message with a predicted intent other than ``fallback_intent``
    (the export's: ``nlu_fallback``), ordered by (intent, id). ``fallback=True``: the
    ``fallback_intent`` ones, by id.

    One query whose rows are streamed (a server-side cursor on PostgreSQL): the database
    sorts once, spilling to disk if it must, and this process holds one batch. Short
    keyset-paged reads would sort every eligible row again for each page, which grows with
    the square of the store. The read stays open while the export runs: SQLite (WAL) lets
    writers carry on meanwhile, and PostgreSQL reads one consistent snapshot.
    """
    joined = events.join(conversations, events.c.conversation_id == conversations.c.id)
    eligible = _eligible_user_messages(now, since)
    if fallback:
        eligible.append(events.c.intent_name == fallback_intent)
        order = [events.c.id]
    else:
        eligible += [events.c.intent_name.isnot(None), events.c.intent_name != fallback_intent]
        order = [events.c.intent_name, events.c.id]
    query = (
        sa.select(events.c.id, events.c.intent_name, events.c.data)
        .select_from(joined)
        .where(*eligible)
        .order_by(*order)
        .execution_options(stream_results=True, yield_per=batch_size)
    )
    with translate_errors("exporting user messages"), engine.connect() as connection:
        for row in connection.execute(query):
            yield UserMessage(id=int(row.id), intent_name=row.intent_name, data=json.loads(row.data))
