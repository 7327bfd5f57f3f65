"""What the export reads from the store: the queries live in :mod:`bot.store.export_reads`
(user messages, skipped counts) and :mod:`bot.store.reads` (conversations); this module
adds the export's own rules: what ``since`` means, and which intent is the fallback.
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any, Iterator, Optional

from bot.export.turns import FALLBACK_INTENT
from bot.store import export_reads
from bot.store.export_reads import MESSAGE_TYPES, Skipped, UserMessage, count_user_messages, skipped_counts
from bot.store.retention import parse_instant

__all__ = [
    "MESSAGE_TYPES",
    "Skipped",
    "UserMessage",
    "count_user_messages",
    "iter_user_messages",
    "parse_since",
    "skipped_counts",
]


def parse_since(text: str) -> datetime:
    """``--since`` / ``since=``: ``YYYY-MM-DD`` (midnight UTC) or an ISO-8601 instant with a zone."""
    raw = text.strip()
    try:
        return datetime.combine(date.fromisoformat(raw), time(0), tzinfo=timezone.utc)
    except ValueError:
        return parse_instant(raw)


def iter_user_messages(
    engine: Any,
    now: datetime,
    since: Optional[datetime] = None,
    batch_size: int = 1000,
    fallback: bool = False,
) -> Iterator[UserMessage]:
    """Exportable user messages (see :func:`bot.store.export_reads.iter_user_messages`):
    ``fallback=False`` those with a predicted intent other than ``nlu_fallback``, by
    (intent, id); ``fallback=True`` the ``nlu_fallback`` ones, by id."""
    return export_reads.iter_user_messages(
        engine, now, since, batch_size, fallback, fallback_intent=FALLBACK_INTENT
    )
