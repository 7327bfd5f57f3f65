"""Counts about the store for `privacybot stats` and the admin page — never content.

All counts exclude expired events (as of ``now``), except ``awaiting_purge`` which says
how many expired events a purge has yet to delete.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any, Dict, List

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.store.database import translate_errors
from bot.store.retention import as_utc
from bot.store.schema import events, purge_audit


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def purge_history(engine: Engine, limit: int = 10) -> List[Dict[str, Any]]:
    """The last purges, newest first: when, cutoff, counts, dry run, duration, completed."""
    query = sa.select(purge_audit).order_by(purge_audit.c.ran_at.desc(), purge_audit.c.id.desc())
    with translate_errors("reading the purge audit"), engine.connect() as connection:
        rows = connection.execute(query.limit(limit)).all()
    return [
        {
            "ran_at": _iso(row.ran_at),
            "cutoff": _iso(row.cutoff),
            "events_deleted": int(row.events_deleted),
            "conversations_deleted": int(row.conversations_deleted),
            "dry_run": bool(row.dry_run),
            "duration_seconds": None if row.duration is None else round(row.duration, 3),
            "completed": bool(row.completed),
        }
        for row in rows
    ]


def store_stats(engine: Engine, now: datetime, purges: int = 5) -> Dict[str, Any]:
    """The summary `privacybot stats` prints as JSON."""
    now = as_utc(now)
    live = events.c.expires_at > now
    with translate_errors("computing statistics"), engine.connect() as connection:
        summary = connection.execute(
            sa.select(
                sa.func.count(),
                sa.func.count(sa.distinct(events.c.conversation_id)),
                sa.func.min(events.c.collected_at),
            ).where(live)
        ).one()
        in_7, in_30, awaiting = connection.execute(
            sa.select(
                sa.func.count().filter(events.c.expires_at <= now + timedelta(days=7)),
                sa.func.count().filter(events.c.expires_at <= now + timedelta(days=30)),
                sa.func.count().filter(events.c.expires_at <= now),
            ).where(events.c.expires_at <= now + timedelta(days=30))
        ).one()
    events_count, conversations_count, oldest = summary
    oldest_age = None
    if oldest is not None:
        collected = oldest if oldest.tzinfo else oldest.replace(tzinfo=now.tzinfo)
        oldest_age = round((now - collected).total_seconds(), 3)
    return {
        "now": now.isoformat(),
        "conversations": int(conversations_count),
        "events": int(events_count),
        "oldest_event_age_seconds": oldest_age,
        "oldest_event_age_days": None if oldest_age is None else round(oldest_age / 86400, 2),
        "events_expiring_within_7_days": int(in_7) - int(awaiting),
        "events_expiring_within_30_days": int(in_30) - int(awaiting),
        "expired_events_awaiting_purge": int(awaiting),
        "last_purges": purge_history(engine, limit=purges),
    }


def expiring_by_week(engine: Engine, now: datetime, weeks: int = 26) -> List[Dict[str, Any]]:
    """Unexpired events that will be deleted in each of the coming ``weeks`` weeks."""
    now = as_utc(now)
    bounds = [now + timedelta(weeks=i) for i in range(weeks + 1)]
    columns = [
        sa.func.count().filter(sa.and_(events.c.expires_at > lo, events.c.expires_at <= hi))
        for lo, hi in zip(bounds, bounds[1:])
    ]
    with translate_errors("computing statistics"), engine.connect() as connection:
        counts = connection.execute(
            sa.select(*columns).where(events.c.expires_at > now, events.c.expires_at <= bounds[-1])
        ).one()
    return [
        {"week_starting": lo.isoformat(), "events": int(n)} for lo, n in zip(bounds, counts)
    ]


def events_by_age(engine: Engine, now: datetime, bucket_days: int = 7, buckets: int = 27) -> List[Dict[str, Any]]:
    """Unexpired events by age (``bucket_days``-day buckets, oldest bucket open-ended)."""
    now = as_utc(now)
    edges = [now - timedelta(days=bucket_days * i) for i in range(buckets)]
    columns = []
    for i in range(buckets):
        newer = events.c.collected_at <= edges[i]
        if i + 1 < buckets:
            columns.append(sa.func.count().filter(sa.and_(newer, events.c.collected_at > edges[i + 1])))
        else:
            columns.append(sa.func.count().filter(newer))
    with translate_errors("computing statistics"), engine.connect() as connection:
        counts = connection.execute(sa.select(*columns).where(events.c.expires_at > now)).one()
    return [
        {"age_days_from": bucket_days * i, "age_days_to": bucket_days * (i + 1) if i + 1 < buckets else None,
         "events": int(n)}
        for i, n in enumerate(counts)
    ]


def redactions_by_day(engine: Engine, now: datetime, days: int = 30) -> Dict[str, Dict[str, int]]:
    """Redacted findings per collection day (UTC) and data type, for unexpired events."""
    now = as_utc(now)
    query = (
        sa.select(events.c.collected_at, events.c.redactions)
        .where(
            events.c.expires_at > now,
            events.c.collected_at > now - timedelta(days=days),
            events.c.redactions.isnot(None),
        )
        .execution_options(stream_results=True)
    )
    per_day: Dict[str, Counter] = defaultdict(Counter)
    with translate_errors("computing statistics"), engine.connect() as connection:
        for collected_at, redactions in connection.execute(query):
            per_day[collected_at.date().isoformat()].update(json.loads(redactions))
    return {day: dict(counter) for day, counter in sorted(per_day.items())}
