"""Deleting expired events and empty conversations, in batches, one purge at a time.

Design (docs/retention.md):

- Events with ``expires_at <= cutoff`` are deleted ``batch_size`` at a time, found through
  the ``expires_at`` index, each batch in its own short transaction that also adds the
  batch's count to this run's audit row. Killing the process loses at most the running
  batch's transaction; the audit row then stays ``completed = false`` and a rerun picks up
  where it stopped (the rule is stateless: whatever is expired goes).
- Conversations with no events left and created at least the retention period before
  the cutoff are deleted next, in batches by id (a conversation the web server has just
  opened, before its first message, is not "left empty"). On PostgreSQL their rows are locked with ``SKIP LOCKED`` first and the
  emptiness is re-checked in a new statement, so a conversation that a live chat is
  writing to at that moment is skipped, never deleted under it.
- One purge at a time per store: a PostgreSQL advisory lock (several server replicas), a
  lock file next to an SQLite database. The scheduler skips a round when the lock is held.
- Paced: after each batch the purge rests at least as long as ``(1 - duty_cycle) /
  duty_cycle`` times the batch took, so live chats' writes get in between batches
  (SQLite has a single writer; on PostgreSQL it bounds the purge's share of disk and CPU).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Callable, Dict, Iterator, List, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.store.database import (
    engine_for,
    is_sqlite,
    run_sync,
    scrub_deleted,
    translate_errors,
    write_transaction,
)
from bot.store.errors import PurgeAlreadyRunning, StoreUnavailable
from bot.store.files import file_lock, sqlite_path
from bot.store.retention import Clock, as_utc, retention_period, utcnow
from bot.store.schema import conversations, events, purge_audit

logger = logging.getLogger(__name__)

PURGE_LOCK_KEY = 0x70757267  # "purg"; pg_advisory_lock key, paired with the schema
DEFAULT_PAUSE_SECONDS = 0.005
# Share of wall time the purge may spend inside its transactions (see bench/store_purge.py)
DEFAULT_DUTY_CYCLE = 0.25
_memory_lock = threading.Lock()


@dataclass(frozen=True)
class PurgeResult:
    """What one purge did (or, for a dry run, would do)."""

    cutoff: datetime
    events_deleted: int
    conversations_deleted: int
    dry_run: bool
    duration_seconds: float
    batches: int
    completed: bool

    def as_dict(self) -> Dict[str, Any]:
        """JSON-ready form."""
        data = asdict(self)
        data["cutoff"] = self.cutoff.isoformat()
        data["duration_seconds"] = round(self.duration_seconds, 3)
        return data


@contextlib.contextmanager
def purge_lock(engine: Engine, blocking: bool = False) -> Iterator[bool]:
    """Hold the store's purge lock; yields False if another purge holds it (non-blocking)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            function = "pg_advisory_lock" if blocking else "pg_try_advisory_lock"
            got = connection.execute(
                sa.text(f"SELECT {function}(:k, hashtext(current_schema()))"), {"k": PURGE_LOCK_KEY}
            ).scalar()
            connection.commit()
            if blocking:
                got = True
            try:
                yield bool(got)
            finally:
                if got:
                    connection.execute(
                        sa.text("SELECT pg_advisory_unlock(:k, hashtext(current_schema()))"),
                        {"k": PURGE_LOCK_KEY},
                    )
                    connection.commit()
        return
    path = sqlite_path(engine.url) if is_sqlite(engine) else None
    if path is not None:
        with file_lock(path.with_name(path.name + ".purge-lock"), blocking) as got:
            yield got
        return
    got = _memory_lock.acquire(blocking)
    try:
        yield got
    finally:
        if got:
            _memory_lock.release()


def _start_audit(engine: Engine, cutoff: datetime, dry_run: bool) -> int:
    with write_transaction(engine) as connection:
        result = connection.execute(
            purge_audit.insert().values(
                ran_at=utcnow(), cutoff=cutoff, dry_run=dry_run, completed=False,
                events_deleted=0, conversations_deleted=0,
            )
        )
        return int(result.inserted_primary_key[0])


def _add_to_audit(connection: Connection, audit_id: int, events_n: int = 0, conversations_n: int = 0) -> None:
    connection.execute(
        purge_audit.update()
        .where(purge_audit.c.id == audit_id)
        .values(
            events_deleted=purge_audit.c.events_deleted + events_n,
            conversations_deleted=purge_audit.c.conversations_deleted + conversations_n,
        )
    )


def _finish_audit(engine: Engine, audit_id: int, duration: float, completed: bool, **counts: int) -> None:
    with write_transaction(engine) as connection:
        connection.execute(
            purge_audit.update()
            .where(purge_audit.c.id == audit_id)
            .values(duration=duration, completed=completed, **counts)
        )


def _delete_expired_batch(engine: Engine, cutoff: datetime, batch_size: int, audit_id: int) -> int:
    doomed = (
        sa.select(events.c.id)
        .where(events.c.expires_at <= cutoff)
        .order_by(events.c.expires_at)
        .limit(batch_size)
    )
    if not is_sqlite(engine):
        # rows a "delete my conversation" is deleting right now are left to it
        doomed = doomed.with_for_update(skip_locked=True)
    with write_transaction(engine) as connection:
        deleted = connection.execute(events.delete().where(events.c.id.in_(doomed))).rowcount
        if deleted:
            _add_to_audit(connection, audit_id, events_n=deleted)
    return int(deleted)


def _no_events(*extra: Any) -> Any:
    return ~sa.exists().where(events.c.conversation_id == conversations.c.id, *extra)


def _empty_conversation_page(engine: Engine, created_before: datetime, after_id: int, batch_size: int) -> List[int]:
    query = (
        sa.select(conversations.c.id)
        .where(conversations.c.id > after_id, conversations.c.created_at <= created_before, _no_events())
        .order_by(conversations.c.id)
        .limit(batch_size)
    )
    with engine.connect() as connection:
        return list(connection.execute(query).scalars())


def _delete_empty_conversations(engine: Engine, ids: List[int], audit_id: int) -> int:
    with write_transaction(engine) as connection:
        if not is_sqlite(engine):
            # A chat writing to one of these holds its row lock: skip it rather than wait,
            # and re-check emptiness below in a new statement (fresh snapshot).
            ids = list(
                connection.execute(
                    sa.select(conversations.c.id)
                    .where(conversations.c.id.in_(ids))
                    .with_for_update(skip_locked=True)
                ).scalars()
            )
            if not ids:
                return 0
        deleted = connection.execute(
            conversations.delete().where(conversations.c.id.in_(ids), _no_events())
        ).rowcount
        if deleted:
            _add_to_audit(connection, audit_id, conversations_n=deleted)
    return int(deleted)


def _dry_run_counts(engine: Engine, cutoff: datetime, created_before: datetime) -> Dict[str, int]:
    with engine.connect() as connection:
        events_n = connection.execute(
            sa.select(sa.func.count()).select_from(events).where(events.c.expires_at <= cutoff)
        ).scalar()
        conversations_n = connection.execute(
            sa.select(sa.func.count())
            .select_from(conversations)
            .where(conversations.c.created_at <= created_before, _no_events(events.c.expires_at > cutoff))
        ).scalar()
    return {"events_deleted": int(events_n or 0), "conversations_deleted": int(conversations_n or 0)}


def purge(
    engine: Engine,
    now: datetime,
    batch_size: int = 5000,
    dry_run: bool = False,
    *,
    pause_seconds: float = DEFAULT_PAUSE_SECONDS,
    duty_cycle: float = DEFAULT_DUTY_CYCLE,
    wait_for_lock: bool = False,
    stop: Optional[threading.Event] = None,
    on_batch: Optional[Callable[[int, int], None]] = None,
    retention_days: int,
) -> PurgeResult:
    """Delete every event expired as of ``now`` and every conversation left empty.

    A conversation counts as left empty when it has no events and was created at least
    ``retention_days`` (the caller's configured period) before ``now``.
    ``dry_run`` counts instead of deleting (and records that in the audit). Between batches
    the purge sleeps ``max(pause_seconds, batch time × (1 − duty_cycle) / duty_cycle)``;
    ``duty_cycle=1`` and ``pause_seconds=0`` run flat out. ``stop`` ends
    the purge after the running batch (the audit row then says not completed).
    ``on_batch(events_so_far, conversations_so_far)`` is called after each batch.
    Raises :class:`PurgeAlreadyRunning` when another purge holds the lock and
    ``wait_for_lock`` is false, :class:`StoreUnavailable` when the database fails.
    """
    if batch_size <= 0:
        raise ValueError("batch_size must be above 0")
    if not 0 < duty_cycle <= 1:
        raise ValueError("duty_cycle must be in (0, 1]")
    rest_factor = (1 - duty_cycle) / duty_cycle
    cutoff = as_utc(now)
    created_before = cutoff - retention_period(retention_days)
    started = time.monotonic()
    with translate_errors("purging expired events"), purge_lock(engine, wait_for_lock) as got:
        if not got:
            raise PurgeAlreadyRunning("another purge of this store is running; try again later")
        audit_id = _start_audit(engine, cutoff, dry_run)
        if dry_run:
            counts = _dry_run_counts(engine, cutoff, created_before)
            duration = time.monotonic() - started
            _finish_audit(engine, audit_id, duration, True, **counts)
            return PurgeResult(cutoff, counts["events_deleted"], counts["conversations_deleted"],
                               True, duration, 0, True)

        events_n = conversations_n = batches = 0
        stopped = False
        while not stopped:
            batch_started = time.monotonic()
            deleted = _delete_expired_batch(engine, cutoff, batch_size, audit_id)
            events_n += deleted
            batches += 1
            if on_batch:
                on_batch(events_n, conversations_n)
            if deleted == 0:
                break
            stopped = bool(stop and stop.is_set())
            rest = max(pause_seconds, (time.monotonic() - batch_started) * rest_factor)
            if rest > 0 and not stopped:
                time.sleep(rest)

        after_id = 0
        while not stopped:
            ids = _empty_conversation_page(engine, created_before, after_id, batch_size)
            if not ids:
                break
            conversations_n += _delete_empty_conversations(engine, ids, audit_id)
            batches += 1
            after_id = ids[-1]
            if on_batch:
                on_batch(events_n, conversations_n)
            stopped = bool(stop and stop.is_set())

        duration = time.monotonic() - started
        _finish_audit(engine, audit_id, duration, not stopped)
        if events_n or conversations_n:
            scrub_deleted(engine)  # SQLite: no old copy of the purged text left in the WAL
    logger.info(
        "purge %s: %d expired events and %d empty conversations deleted in %d batches, %.1f s",
        "completed" if not stopped else "stopped early", events_n, conversations_n, batches, duration,
    )
    return PurgeResult(cutoff, events_n, conversations_n, False, duration, batches, not stopped)


async def run_periodically(
    config: Any,
    stop_event: asyncio.Event,
    clock: Clock = utcnow,
) -> None:
    """Purge every ``config.purge_interval_seconds`` until ``stop_event`` is set.

    Started by `privacybot serve`; the first round runs at once. Safe with several server
    processes: a round is skipped when another process holds the purge lock. Database
    outages are logged and retried at the next round, never raised. Interval 0: off.
    """
    interval = config.purge_interval_seconds
    if interval <= 0:
        logger.info("scheduled purge is off (PRIVACYBOT_PURGE_INTERVAL_SECONDS=0)")
        return
    halt = threading.Event()

    async def _relay_stop() -> None:
        await stop_event.wait()
        halt.set()

    relay = asyncio.create_task(_relay_stop())
    try:
        while not stop_event.is_set():
            try:
                engine = await run_sync(engine_for, config)
                await run_sync(
                    purge, engine, clock(), config.purge_batch_size, False,
                    stop=halt, retention_days=config.retention_days,
                )
            except PurgeAlreadyRunning:
                logger.info("scheduled purge skipped: another process is purging")
            except StoreUnavailable as exc:
                logger.warning("scheduled purge failed, retrying in %d s: %s", interval, exc)
            except Exception as exc:  # keep the schedule alive; the type is enough to debug
                logger.error("scheduled purge failed (%s); retrying in %d s", type(exc).__name__, interval)
            try:
                await asyncio.wait_for(stop_event.wait(), timeout=interval)
            except asyncio.TimeoutError:
                pass
    finally:
        relay.cancel()
