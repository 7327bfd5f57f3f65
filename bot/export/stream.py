"""What ``since`` means for an export (``--since`` / ``since=``).

The export's queries live in the store: :mod:`bot.store.export_reads` (user messages in
pages, the counts of what is skipped) and :mod:`bot.store.reads` (conversations).
"""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from bot.store.retention import parse_instant


def parse_since(text: str) -> datetime:
    """``--since`` / ``since=``: ``YYYY-MM-DD`` (midnight UTC) or an ISO-8601 instant with a zone."""
    raw = text.strip()
    try:
        return datetime.combine(date.fromisoformat(raw), time(0), tzinfo=timezone.utc)
    except ValueError:
        return parse_instant(raw)
