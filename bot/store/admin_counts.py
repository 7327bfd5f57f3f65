"""Counts for the /admin/ dashboard: chat messages by age, deletions ahead, redactions by type.

Messages are the customers' and the bot's (event types ``user`` and ``bot``), not Rasa's
bookkeeping events. Only counts leave this module, never a text.

Redactions by type are counted from the placeholders (``<DK_CPR>``, ...) in stored user
messages, one per item the customer typed. The store's per-event ``redactions`` column
counts an item once per field it was found in (the text and Rasa's copy of it in
``parse_data``), so it would show every typed identifier twice.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.database import translate_errors
from bot.store.retention import as_utc
from bot.store.schema import conversations, events
from bot.store.stats import purge_history
from redaction.recognizers import RECOGNIZER_CLASSES

MESSAGE_TYPES = ("user", "bot")
_PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]{1,40})>")


@lru_cache(maxsize=1)
def redaction_types() -> FrozenSet[str]:
    """The data types the redactor replaces with placeholders."""
    return frozenset(cls.ENTITY for cls in RECOGNIZER_CLASSES)


def totals(engine: Engine, now: datetime) -> Dict[str, int]:
    """Stored conversations and messages (unexpired), and expired messages awaiting purge."""
    now = as_utc(now)
    live = events.c.expires_at > now
    query = sa.select(
        sa.func.count().filter(live),
        sa.func.count().filter(sa.not_(live)),
        sa.func.count(sa.distinct(events.c.conversation_id)).filter(live),
    ).where(events.c.type_name.in_(MESSAGE_TYPES))
    with translate_errors("counting messages"), engine.connect() as connection:
        messages, expired, conversation_count = connection.execute(query).one()
        opted_out = connection.execute(
            sa.select(sa.func.count()).select_from(conversations).where(
                conversations.c.training_opt_out.is_(sa.true())
            )
        ).scalar()
    return {
        "messages": int(messages or 0),
        "conversations": int(conversation_count or 0),
        "expired_awaiting_purge": int(expired or 0),
        "conversations_opted_out": int(opted_out or 0),
    }


def messages_by_age(engine: Engine, now: datetime, retention_days: int, bucket_days: int = 7) -> List[Dict[str, Any]]:
    """Unexpired messages in ``bucket_days``-day age buckets up to the retention period."""
    now = as_utc(now)
    buckets = max(1, math.ceil(retention_days / bucket_days))
    edges = [now - timedelta(days=bucket_days * i) for i in range(buckets + 1)]
    columns = []
    for i in range(buckets):
        newer = events.c.collected_at <= edges[i]
        if i + 1 < buckets:
            columns.append(sa.func.count().filter(sa.and_(newer, events.c.collected_at > edges[i + 1])))
        else:  # open-ended: also catches anything older if the retention setting was raised
            columns.append(sa.func.count().filter(newer))
    query = sa.select(*columns).where(events.c.type_name.in_(MESSAGE_TYPES), events.c.expires_at > now)
    with translate_errors("counting messages by age"), engine.connect() as connection:
        counts = connection.execute(query).one()
    return [
        {"age_days_from": bucket_days * i, "age_days_to": bucket_days * (i + 1), "messages": int(n)}
        for i, n in enumerate(counts)
    ]


def deletions_by_week(engine: Engine, now: datetime, weeks: int) -> List[Dict[str, Any]]:
    """Messages whose retention ends in each of the coming ``weeks`` weeks."""
    now = as_utc(now)
    bounds = [now + timedelta(weeks=i) for i in range(weeks + 1)]
    columns = [
        sa.func.count().filter(sa.and_(events.c.expires_at > lo, events.c.expires_at <= hi))
        for lo, hi in zip(bounds, bounds[1:])
    ]
    query = sa.select(*columns).where(
        events.c.type_name.in_(MESSAGE_TYPES), events.c.expires_at > now, events.c.expires_at <= bounds[-1]
    )
    with translate_errors("counting coming deletions"), engine.connect() as connection:
        counts = connection.execute(query).one()
    return [{"week_starting": lo.isoformat(), "messages": int(n)} for lo, n in zip(bounds, counts)]


def redactions_by_day(engine: Engine, now: datetime, days: int) -> Dict[str, Any]:
    """Items redacted from customers' messages per collection day (UTC) and data type.

    ``{"days": [ISO dates, oldest first], "types": {type: [count per day]}}``; every day of
    the window is listed, zero or not.
    """
    now = as_utc(now)
    first_day = (now - timedelta(days=days - 1)).date()
    start = datetime.combine(first_day, datetime.min.time(), tzinfo=now.tzinfo)
    known = redaction_types()
    query = (
        sa.select(events.c.collected_at, events.c.data)
        .where(
            events.c.type_name == "user",
            events.c.expires_at > now,
            events.c.collected_at >= start,
            events.c.data.like("%<%>%"),
        )
        .execution_options(stream_results=True, yield_per=500)
    )
    per_day: Dict[str, Counter] = defaultdict(Counter)
    with translate_errors("counting redactions"), engine.connect() as connection:
        for collected_at, data in connection.execute(query):
            text = json.loads(data).get("text")
            if not isinstance(text, str):
                continue
            found = [t for t in _PLACEHOLDER.findall(text) if t in known]
            if found:
                per_day[collected_at.date().isoformat()].update(found)
    day_list = [(first_day + timedelta(days=i)).isoformat() for i in range(days)]
    types = sorted({t for counter in per_day.values() for t in counter})
    return {"days": day_list, "types": {t: [per_day[d][t] for d in day_list] for t in types}}


def dashboard(engine: Engine, now: datetime, retention_days: int, redaction_days: int = 30,
              purges: int = 20) -> Dict[str, Any]:
    """Everything the /admin/ page draws, as JSON-friendly counts."""
    now = as_utc(now)
    return {
        "now": now.isoformat(),
        "retention_days": retention_days,
        "totals": totals(engine, now),
        "messages_by_age": messages_by_age(engine, now, retention_days),
        "deletions_by_week": deletions_by_week(engine, now, max(1, math.ceil(retention_days / 7))),
        "redactions_by_day": redactions_by_day(engine, now, redaction_days),
        "purges": list(reversed(purge_history(engine, limit=purges))),
    }
