"""How long a request may wait for the transcript store before it gets a 503.

Every store call runs in a thread (``bot.store.database.run_sync``); a deadline set here for
the request's task makes a call that has not answered in time raise StoreUnavailable (the
client gets 503 with Retry-After), cuts the stalled connections and keeps the late call from
committing. The purge schedule and the CLI run without a deadline.
"""
from __future__ import annotations

import contextlib
from typing import Any, Callable, Iterator, Optional

from aiohttp import web

from bot.store.database import STORE_CUTS_ON_DEADLINE, STORE_DEADLINE

# Chat and rights API requests, per store call: a stalled database answers 503 within 5 s
# (the rest is margin for a busy event loop). Healthy calls take milliseconds.
REQUEST_STORE_SECONDS = 3.0
# /health must answer within 2 s whatever the database does.
HEALTH_STORE_SECONDS = 1.5
# The admin's statistics and export may scan the whole store.
ADMIN_STORE_SECONDS = 30.0


def seconds_for(path: str) -> Optional[float]:
    """The store deadline of a request to ``path``."""
    if path == "/health":
        return HEALTH_STORE_SECONDS
    if path.startswith("/admin"):
        return ADMIN_STORE_SECONDS
    return REQUEST_STORE_SECONDS


@contextlib.contextmanager
def store_deadline(seconds: Optional[float], probe: bool = False) -> Iterator[None]:
    """Each store call made inside (this task and tasks it starts) may take at most ``seconds``.

    ``probe``: a health check, which reports a stall but leaves the connections to the
    requests (it runs in its own small thread pool).
    """
    token = STORE_DEADLINE.set(seconds)
    cuts = STORE_CUTS_ON_DEADLINE.set(not probe)
    try:
        yield
    finally:
        STORE_CUTS_ON_DEADLINE.reset(cuts)
        STORE_DEADLINE.reset(token)


@web.middleware
async def deadline_middleware(request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
    """Middleware: every request's store calls run under the deadline of its path."""
    with store_deadline(seconds_for(request.path)):
        return await handler(request)
