"""``ConfiguredLockStore``: Rasa's per-conversation lock, from PRIVACYBOT_REDIS_URL.

endpoints.yml names this class once; the deployment picks the engine by configuration:
PRIVACYBOT_REDIS_URL set → the lock lives in Redis and is shared by every server process;
empty → an in-process lock, fine for a single process.

Rasa's own ``RedisLockStore`` issues tickets with a read-modify-write of one Redis key, so
two processes receiving messages for one conversation at the same instant can both be
handed the same ticket and process the conversation concurrently. Here every change of a
lock runs in a WATCH/MULTI transaction that is retried on conflict, so tickets are unique.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Optional, Text, Tuple, TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX,
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockError,
    LockStore,
)

from bot import settings
from bot.store.errors import StoreUnavailable

logger = logging.getLogger(__name__)

T = TypeVar("T")
# A Redis that does not answer within this many seconds counts as unavailable (503).
REDIS_SOCKET_TIMEOUT_SECONDS = 2
# How long a message waits for an earlier message of its conversation to be answered.
LOCK_WAIT_SECONDS = 10.0
# How often a waiting message looks at the lock again (Rasa's default is 1 s).
LOCK_POLL_SECONDS = 0.05


class LockStoreUnavailable(LockError, StoreUnavailable):
    """Redis cannot be reached: no message is processed without its lock (HTTP 503)."""


class LockWaitTimeout(LockStoreUnavailable):
    """An earlier message of the conversation held the lock too long (HTTP 503, retry)."""


def _unavailable(exc: BaseException) -> LockStoreUnavailable:
    return LockStoreUnavailable(f"conversation lock store (Redis) unavailable: {type(exc).__name__}")


class AtomicRedisLockStore(LockStore):
    """Ticket locks in Redis, every update atomic (optimistic WATCH transactions)."""

    def __init__(self, url: str, key_prefix: Optional[str] = None) -> None:
        """Connect lazily to the Redis server at ``url`` (redis://host:port/db)."""
        self.red = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_SOCKET_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_SOCKET_TIMEOUT_SECONDS,
        )
        prefix = f"{key_prefix}:" if key_prefix else ""
        self.key_prefix = prefix + DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
        super().__init__()

    def _key(self, conversation_id: Text) -> str:
        return self.key_prefix + conversation_id

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        """The stored lock of a conversation, if any."""
        try:
            raw = self.red.get(self._key(conversation_id))
        except (redis.RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        return TicketLock.from_dict(json.loads(raw)) if raw else None

    def delete_lock(self, conversation_id: Text) -> None:
        """Remove a conversation's lock."""
        self.red.delete(self._key(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        """Store a lock (unconditionally; the atomic paths below do not use this)."""
        self.red.set(self._key(lock.conversation_id), lock.dumps())

    def _atomically(
        self, conversation_id: Text, change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], T]]
    ) -> T:
        key = self._key(conversation_id)
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    current = TicketLock.from_dict(json.loads(raw)) if raw else None
                    updated, result = change(current)
                    pipe.multi()
                    if updated is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, updated.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # someone else changed the lock in between: redo on fresh state

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket for the conversation; unique across processes."""

        def change(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomically(conversation_id, change)
        except (redis.RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        except Exception as exc:
            raise LockError(f"Error while acquiring lock. Error:\n{type(exc).__name__}: {exc}") from exc

    def update_lock(self, conversation_id: Text) -> None:
        """Drop expired tickets (atomically)."""

        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        try:
            self._atomically(conversation_id, change)
        except (redis.RedisError, OSError) as exc:
            raise _unavailable(exc) from exc

    def _after_turn(self, conversation_id: Text, change: Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], None]]) -> None:
        """Release a ticket after the turn; if Redis is gone, the ticket expires by itself.

        The turn is already processed and stored: raising here would tell the client
        that its message was not processed, and its retry would store it twice.
        """
        try:
            self._atomically(conversation_id, change)
        except (redis.RedisError, OSError) as exc:
            logger.warning(
                "could not release a conversation lock (%s); it expires after its lifetime", type(exc).__name__
            )

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Finish ``ticket_number``; delete the lock when nobody else waits (atomically)."""

        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._after_turn(conversation_id, change)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Remove ``ticket_number`` from the lock (atomically)."""

        def change(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._after_turn(conversation_id, change)


class ConfiguredLockStore(LockStore):
    """The lock store chosen by configuration: Redis when PRIVACYBOT_REDIS_URL is set."""

    def __init__(
        self,
        endpoint_config: Optional[Any] = None,
        redis_url: Optional[str] = None,
        key_prefix: Optional[str] = None,
    ) -> None:
        """Rasa passes ``endpoint_config`` (endpoints.yml); its ``url`` wins over the setting."""
        if redis_url is None:
            redis_url = getattr(endpoint_config, "url", None)
        if redis_url is None:
            redis_url = settings.load().redis_url or None
        if key_prefix is None and endpoint_config is not None:
            key_prefix = (getattr(endpoint_config, "kwargs", None) or {}).get("key_prefix")
        self.delegate: LockStore = (
            AtomicRedisLockStore(redis_url, key_prefix) if redis_url else InMemoryLockStore()
        )
        logger.info("lock store: %s", "redis" if redis_url else "in-memory (single process)")
        super().__init__()

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = LOCK_POLL_SECONDS,
    ) -> AsyncIterator[TicketLock]:
        """Rasa's ticket lock, with its blocking Redis calls off the event loop and a bounded wait.

        Rasa calls Redis from the event loop, so a Redis that stalls freezes every request
        of the process, /health included, for the socket timeout; here each call runs in a
        thread. Rasa also waits up to the lock's lifetime (60 s) for an earlier message;
        here the wait ends after :data:`LOCK_WAIT_SECONDS` with :class:`LockWaitTimeout`.
        """
        ticket = await self._call(self.issue_ticket, conversation_id, lock_lifetime)
        try:
            yield await self._wait_for_turn(conversation_id, ticket, min(wait_time_in_seconds, LOCK_POLL_SECONDS))
        finally:
            await self._call(self.cleanup, conversation_id, ticket)

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        # Redis calls block on the network: in a thread. The in-memory store's calls are
        # instant and rely on running on the event loop, one at a time, to be atomic.
        if isinstance(self.delegate, AtomicRedisLockStore):
            return await asyncio.to_thread(fn, *args)
        return fn(*args)

    async def _wait_for_turn(self, conversation_id: Text, ticket: int, poll: float) -> TicketLock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            lock = await self._call(self.get_lock, conversation_id)
            if not lock:
                raise LockError("the conversation's lock expired while waiting for it")
            if not lock.is_locked(ticket):
                return lock
            if time.monotonic() > deadline:
                logger.warning("gave up waiting %.0f s for a conversation's lock", LOCK_WAIT_SECONDS)
                raise LockWaitTimeout("an earlier message of this conversation is still being answered")
            await asyncio.sleep(poll)
            await self._call(self.update_lock, conversation_id)

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        """Delegated."""
        return self.delegate.get_lock(conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        """Delegated."""
        self.delegate.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        """Delegated."""
        self.delegate.save_lock(lock)

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Delegated (atomic with Redis)."""
        return self.delegate.issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        """Delegated (atomic with Redis)."""
        self.delegate.update_lock(conversation_id)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        """Delegated (atomic with Redis)."""
        self.delegate.finish_serving(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Delegated (atomic with Redis)."""
        self.delegate.cleanup(conversation_id, ticket_number)
