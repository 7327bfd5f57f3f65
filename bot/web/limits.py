"""Request size and rate limits, with clear errors (413, 429 + Retry-After).

Rates are token buckets kept in this process: ``limit`` requests per minute, refilled
continuously, so a burst up to the limit is fine and a steady flood is not. With
several processes each keeps its own buckets (a client spread over N replicas gets
up to N times the limit); that bounds abuse without a shared store on the hot path.
"""
from __future__ import annotations

import asyncio
import json
import math
import re
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from aiohttp import web

from bot.web.client_address import client_address
from bot.web.responses import ApiError

MAX_TRACKED_KEYS = 100_000
# No request of this API nests deeper than 3 levels; 32 leaves room and stops a small body
# of brackets from costing recursion (Python's parser fails at about 1000 levels).
MAX_JSON_DEPTH = 32
# Seconds a request body may take to arrive once its headers are in.
BODY_TIMEOUT_SECONDS = 10.0
# Unpaired UTF-16 surrogates (legal in JSON's \\u escapes, not in UTF-8) and NUL (refused
# by PostgreSQL's text type) cannot be stored or redacted: refused at the door.
_UNSTORABLE = re.compile("[\\x00\\ud800-\\udfff]")


class RateLimiter:
    """A token bucket per key: at most ``per_minute`` events per minute on average."""

    def __init__(
        self, per_minute: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: Dict[str, Tuple[float, float]] = {}  # key -> (tokens, updated)

    def hit(self, key: str) -> Optional[float]:
        """Take one token for ``key``; None when allowed, else seconds until the next one."""
        now = self._clock()
        tokens, updated = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - updated) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > MAX_TRACKED_KEYS:
            self._forget_idle(now)
        return None

    def wait(self, key: str) -> Optional[float]:
        """Seconds until ``key`` has a token again (None when it has one); takes nothing."""
        now = self._clock()
        tokens, updated = self._buckets.get(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - updated) * self.rate)
        return None if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        # A bucket that has refilled completely holds no information: drop it.
        full_after = self.capacity / self.rate
        for key, (_, updated) in list(self._buckets.items()):
            if now - updated >= full_after:
                del self._buckets[key]


def too_many_requests(retry_after: float, scope: str) -> ApiError:
    """429 with Retry-After in whole seconds; ``scope`` says which limit was hit."""
    seconds = max(1, math.ceil(retry_after))
    what = "this conversation" if scope == "conversation" else "your address"
    noun = "failed sign-ins" if scope == "admin_failures" else "requests" if scope == "admin" else "messages"
    return ApiError(
        429,
        "rate_limited",
        f"Too many {noun} from {what}; wait {seconds} s and try again.",
        {"Retry-After": str(seconds)},
    )


def check_rate(limiter: RateLimiter, key: str, scope: str) -> None:
    """Raise a 429 :class:`ApiError` when ``key`` is over its limit."""
    retry_after = limiter.hit(key)
    if retry_after is not None:
        raise too_many_requests(retry_after, scope)


def message_too_long(max_chars: int) -> ApiError:
    """413 for a chat message over the configured length."""
    return ApiError(
        413,
        "message_too_long",
        f"The message is too long; at most {max_chars} characters are accepted.",
    )


def request_too_large(max_bytes: int) -> ApiError:
    """413 for a request body over the configured size."""
    return ApiError(
        413,
        "request_too_large",
        f"The request is too large; at most {max_bytes} bytes are accepted.",
    )


def check_declared_size(request: web.Request, max_bytes: int) -> None:
    """Refuse a body whose declared Content-Length is over the limit before reading it.

    Bodies without a length (chunked) are capped by aiohttp's ``client_max_size``,
    which raises 413 while reading; the error middleware turns that into JSON too.
    """
    if request.content_length is not None and request.content_length > max_bytes:
        raise request_too_large(max_bytes)


async def read_json(request: web.Request, max_bytes: int) -> object:
    """The request's JSON body, with 413 for size and 400 for anything unreadable."""
    check_declared_size(request, max_bytes)
    try:
        body = await asyncio.wait_for(request.read(), BODY_TIMEOUT_SECONDS)
    except web.HTTPRequestEntityTooLarge:
        raise request_too_large(max_bytes) from None
    except asyncio.TimeoutError:
        # A body sent slowly on purpose holds a connection and a handler: answer and close.
        raise ApiError(
            408,
            "request_timeout",
            f"The request body did not arrive within {BODY_TIMEOUT_SECONDS:.0f} s.",
            {"Connection": "close"},
        ) from None
    if len(body) > max_bytes:
        raise request_too_large(max_bytes)
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from None
    except RecursionError:
        raise too_deep() from None
    check_json_value(value)
    return value


def too_deep() -> ApiError:
    """400 for JSON nested deeper than :data:`MAX_JSON_DEPTH`."""
    return ApiError(
        400, "json_too_deep", f"The request body nests deeper than {MAX_JSON_DEPTH} levels."
    )


def unstorable_text() -> ApiError:
    """400 for text holding NUL or an unpaired surrogate."""
    return ApiError(
        400,
        "invalid_characters",
        "Text must be valid Unicode without NUL characters or unpaired surrogates (\\ud800-\\udfff).",
    )


def check_text(value: str) -> None:
    """Raise a 400 :class:`ApiError` when ``value`` holds NUL or an unpaired surrogate."""
    if _UNSTORABLE.search(value):
        raise unstorable_text()


def check_json_value(value: Any) -> None:
    """Refuse nesting beyond :data:`MAX_JSON_DEPTH` and unstorable text anywhere (keys too).

    Iterative, so the check itself cannot run out of stack.
    """
    pending: List[Tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            check_text(item)
        elif isinstance(item, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise too_deep()
            if isinstance(item, dict):
                for key, child in item.items():
                    check_text(key)
                    pending.append((child, depth + 1))
            else:
                pending.extend((child, depth + 1) for child in item)


def client_rate_middleware(
    limiter: RateLimiter, trust_proxy: bool, prefixes: Tuple[str, ...]
) -> Callable:
    """Middleware: per-client-address rate limit on the paths under ``prefixes``."""

    @web.middleware
    async def middleware(request: web.Request, handler: Callable) -> web.StreamResponse:
        if request.method != "OPTIONS" and request.path.startswith(prefixes):
            address = client_address(request.remote, request.headers, trust_proxy)
            check_rate(limiter, address, "client")
        return await handler(request)

    return middleware
