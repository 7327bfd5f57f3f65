"""Counts about the store for `privacybot stats` and the admin page — never content.

All counts exclude expired events (as of ``now``), except ``awaiting_purge`` which says
how many expired events a purge has yet to delete.
"""
from __future__ import annotations

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
