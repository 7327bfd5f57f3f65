"""Request size and rate limits, with clear errors (413, 429 + Retry-After).

Rates are token buckets kept in this process: ``limit`` requests per minute, refilled
continuously, so a burst up to the limit is fine and a steady flood is not. With
several processes each keeps its own buckets (a client spread over N replicas gets
up to N times the limit); that bounds abuse without a shared store on the hot path.
"""
from __future__ import annotations

import json
import math
import time
from typing import Callable, Dict, Optional, Tuple

from aiohttp import web

from bot.web.responses import ApiError

MAX_TRACKED_KEYS = 100_000


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
    return ApiError(
        429,
        "rate_limited",
        f"Too many messages from {what}; wait {seconds} s and try again.",
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
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise request_too_large(max_bytes) from None
    if len(body) > max_bytes:
        raise request_too_large(max_bytes)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "malformed_json", "The request body is not valid JSON.") from None


def client_rate_middleware(
    limiter: RateLimiter, trust_proxy: bool, prefixes: Tuple[str, ...]
) -> Callable:
    """Middleware: per-client-address rate limit on the paths under ``prefixes``."""
    from bot.web.client_address import client_address

    @web.middleware
    async def middleware(request: web.Request, handler: Callable) -> web.StreamResponse:
        if request.method != "OPTIONS" and request.path.startswith(prefixes):
            address = client_address(request.remote, request.headers, trust_proxy)
            check_rate(limiter, address, "client")
        return await handler(request)

    return middleware
