"""Who may use /admin/: the admin token, and the per-address limits on every admin route.

- Every data route needs ``Authorization: Bearer <token>``; anything else is 401. The token is
  compared as SHA-256 digests with :func:`hmac.compare_digest`, so neither timing nor length
  says how much of a guess was right.
- Rate limits per client address (:class:`AdminGuard`): ``PRIVACYBOT_RATE_LIMIT_ADMIN``
  requests a minute, and :data:`FAILED_TOKENS_PER_MINUTE` wrong tokens, then 429. Failed
  tokens are counted and logged with a hash of the address, never the token.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Awaitable, Callable, Optional

from aiohttp import web

from bot.web import app_keys
from bot.web.client_address import client_address
from bot.web.limits import RateLimiter, check_rate, too_many_requests
from bot.web.responses import ApiError, json_error

logger = logging.getLogger(__name__)

AUTHENTICATE = 'Bearer realm="privacybot-admin"'
ADMIN_GUARD: "web.AppKey[AdminGuard]" = web.AppKey("admin_guard")
# Wrong tokens one client address may send per minute; then 429 until its bucket refills.
FAILED_TOKENS_PER_MINUTE = 5

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def token_matches(expected: str, authorization: Optional[str]) -> bool:
    """True when ``authorization`` is ``Bearer <expected>`` (constant time in the token)."""
    scheme, _, presented = (authorization or "").strip().partition(" ")
    presented = presented.strip()
    same = hmac.compare_digest(
        hashlib.sha256(presented.encode("utf-8", "surrogateescape")).digest(),
        hashlib.sha256(expected.encode("utf-8")).digest(),
    )
    return same and scheme.lower() == "bearer" and bool(presented) and bool(expected)


def _unauthorized() -> web.Response:
    return json_error(
        401, "unauthorized", "Send the admin token as 'Authorization: Bearer <token>'.",
        {"WWW-Authenticate": AUTHENTICATE},
    )


class AdminGuard:
    """Per-client-address limits on the admin routes, and the count of failed tokens.

    Every admin request takes a token from the address's request bucket
    (``PRIVACYBOT_RATE_LIMIT_ADMIN`` per minute); every failed token also takes one from
    its failure bucket (:data:`FAILED_TOKENS_PER_MINUTE`), and an address whose failure
    bucket is empty gets 429 before its token is even compared: guessing is slow.
    """

    def __init__(self, per_minute: int, trust_proxy: bool) -> None:
        self.requests = RateLimiter(per_minute)
        self.failures = RateLimiter(FAILED_TOKENS_PER_MINUTE)
        self.trust_proxy = trust_proxy
        self.failed_total = 0

    def address(self, request: web.Request) -> str:
        """The client address the limits count by (X-Forwarded-For's last entry behind a proxy)."""
        return client_address(request.remote, request.headers, self.trust_proxy)

    def admit(self, address: str) -> None:
        """Raise a 429 :class:`ApiError` when the address is over either limit."""
        check_rate(self.requests, address, "admin")
        wait = self.failures.wait(address)
        if wait is not None:
            raise too_many_requests(wait, "admin_failures")

    def failed(self, request: web.Request, address: str) -> None:
        """Count a failed token and log it: which route, a reference to the address, the counts."""
        self.failed_total += 1
        self.failures.hit(address)
        logger.warning(
            "admin: refused %s %s (missing or wrong token) from client %s; %d failed since start",
            request.method,
            request.path,
            address_ref(address),
            self.failed_total,
        )


def address_ref(address: str) -> str:
    """A short reference to a client address for the log (the address itself is not kept)."""
    return hashlib.sha256(("privacybot-admin:" + address).encode("utf-8", "replace")).hexdigest()[:10]


def limited(handler: Handler) -> Handler:
    """Wrap a handler in the admin routes' per-address rate limit (no token needed: the page)."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        guard = request.app[ADMIN_GUARD]
        try:
            guard.admit(guard.address(request))
        except ApiError as error:
            return error.response()
        return await handler(request)

    return guarded


def require_token(handler: Handler) -> Handler:
    """Wrap a handler so it runs only for requests carrying the configured token (rate limited).

    The token itself is never logged, whatever was sent.
    """

    async def guarded(request: web.Request) -> web.StreamResponse:
        config = request.app[app_keys.CONFIG]
        guard = request.app[ADMIN_GUARD]
        address = guard.address(request)
        try:
            guard.admit(address)
        except ApiError as error:
            return error.response()
        if not token_matches(config.admin_token, request.headers.get("Authorization")):
            guard.failed(request, address)
            return _unauthorized()
        return await handler(request)

    return guarded
