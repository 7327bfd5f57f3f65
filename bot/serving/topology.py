"""Start-up checks of the deployment's shape: which engines several processes need.

One `privacybot serve` process may run on the embedded defaults (SQLite, in-process
lock). Several processes, whether ``PRIVACYBOT_WORKERS`` on one host or replicas behind
a load balancer, must share one transcript store that allows concurrent writers
(PostgreSQL) and one per-conversation lock (Redis); otherwise two processes could
answer one conversation at once from different states. A process can only check what
it knows: ``PRIVACYBOT_WORKERS`` above 1 is refused outright on SQLite or without
Redis; PostgreSQL without Redis is allowed (one process) with a warning.
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis

from bot.store.database import backend_name

logger = logging.getLogger(__name__)

REDIS_CHECK_TIMEOUT_SECONDS = 5


class TopologyError(ValueError):
    """The settings describe a set-up that would lose or interleave messages."""


class LockStoreUnreachable(RuntimeError):
    """PRIVACYBOT_REDIS_URL is set but Redis does not answer."""


def describe_redis_url(url: str) -> str:
    """The Redis URL as it may be printed: password hidden."""
    try:
        parts = urlsplit(url)
        if parts.password:
            host = parts.hostname or ""
            if parts.port:
                host = f"{host}:{parts.port}"
            user = parts.username or ""
            parts = parts._replace(netloc=f"{user}:***@{host}")
        return urlunsplit(parts)
    except ValueError:
        return "<unparseable Redis URL>"


def database_backend(config: Any) -> str:
    """``sqlite``, ``postgresql``, ... for the configured transcript store."""
    return backend_name(config.database_url)


def check_topology(config: Any) -> None:
    """Refuse settings under which several processes would corrupt conversations.

    Raises :class:`TopologyError` whose message names the settings to change.
    """
    if config.workers <= 1:
        if database_backend(config) != "sqlite" and not config.redis_url:
            logger.warning(
                "transcript store on %s without PRIVACYBOT_REDIS_URL: the conversation lock is "
                "in-process, so run only this one server process on this database",
                database_backend(config),
            )
        return
    problems = []
    if database_backend(config) == "sqlite":
        problems.append(
            "an SQLite file allows one writer at a time and is local to one machine; "
            "set PRIVACYBOT_DATABASE_URL=postgresql://user@host:5432/db"
        )
    if not config.redis_url:
        problems.append(
            "without Redis each process has its own conversation lock, so two processes "
            "could answer one conversation at once; set PRIVACYBOT_REDIS_URL=redis://host:6379/0"
        )
    if problems:
        raise TopologyError(
            f"PRIVACYBOT_WORKERS={config.workers} needs PostgreSQL and Redis: " + "; ".join(problems)
        )


def check_redis(url: str) -> None:
    """Start-up check: Redis at ``url`` answers PING, or :class:`LockStoreUnreachable`."""
    client = redis.Redis.from_url(
        url,
        socket_timeout=REDIS_CHECK_TIMEOUT_SECONDS,
        socket_connect_timeout=REDIS_CHECK_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except (redis.RedisError, OSError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LockStoreUnreachable(
            f"cannot use the conversation lock store at {describe_redis_url(url)}: {reason} "
            "(is Redis running and PRIVACYBOT_REDIS_URL right?)"
        ) from None
    finally:
        client.close()
