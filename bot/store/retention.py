"""The expiry rule and the clock every store function is evaluated against.

Rule: an event collected at ``collected_at`` expires at ``collected_at + retention_days
× 24 h`` of elapsed time (UTC), and is visible only while ``expires_at > now``. The
period is ``config.retention_days`` (declared once in bot/settings.py with the policy
sentence). Elapsed time rather than local calendar days, because across a daylight-saving
change "180 local days" can be 180 days and one hour, and the policy says *at the latest*
after 180 days.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Callable

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def as_utc(instant: datetime) -> datetime:
    """``instant`` converted to UTC; naive datetimes are refused (their zone is a guess)."""
    if instant.tzinfo is None or instant.tzinfo.utcoffset(instant) is None:
        raise ValueError("a timezone-aware datetime is required (e.g. 2025-01-31T12:00:00+01:00)")
    return instant.astimezone(timezone.utc)


def retention_period(retention_days: int) -> timedelta:
    """The retention period as elapsed time."""
    if retention_days <= 0:
        raise ValueError("retention_days must be above 0")
    return timedelta(days=retention_days)


def expires_at(collected_at: datetime, retention_days: int) -> datetime:
    """When an event collected at ``collected_at`` stops being visible (UTC)."""
    return as_utc(collected_at) + retention_period(retention_days)


def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant from the command line (``Z`` or an offset is required)."""
    raw = text.strip()
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO-8601 date and time") from None
    if parsed.tzinfo is None:
        raise ValueError(
            f"{text!r} has no time zone; add one, e.g. 2025-01-31T12:00:00Z or 2025-01-31T13:00:00+01:00"
        )
    return parsed.astimezone(timezone.utc)
