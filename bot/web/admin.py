"""/admin/: the customer-service team's export, statistics and dashboard, behind a bearer token.

- ``PRIVACYBOT_ADMIN_TOKEN`` empty: no admin route exists (404), the page included.
- Every data route needs ``Authorization: Bearer <token>``; anything else is 401. The
  token is compared as SHA-256 digests with :func:`hmac.compare_digest`, so neither
  timing nor length says how much of a guess was right.
- Rate limits per client address (:class:`AdminGuard`): ``PRIVACYBOT_RATE_LIMIT_ADMIN``
  requests a minute, and :data:`FAILED_TOKENS_PER_MINUTE` wrong tokens, then 429. Failed
  tokens are counted and logged with a hash of the address, never the token.
- ``GET /admin/`` is the dashboard page. It holds no data: its script asks for the
  token (kept in sessionStorage, gone with the tab) and draws the counts of
  ``GET /admin/api/dashboard`` as SVG charts. Counts only, never content.
- ``GET /admin/stats``: what `privacybot stats` prints. ``GET /admin/export?format=jsonl|rasa``:
  what `privacybot export` writes, streamed; one export at a time per server process.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from aiohttp import web

from bot.settings import Config
from bot.web import app_keys, assets
from bot.web.client_address import client_address
from bot.web.limits import RateLimiter, check_rate, too_many_requests
from bot.web.responses import ApiError, json_error
from bot.web.security_headers import API_CSP, COMMON_HEADERS

logger = logging.getLogger(__name__)

ADMIN_ASSETS_DIR = Path(__file__).resolve().parent.parent / "admin_assets"
AUTHENTICATE = 'Bearer realm="privacybot-admin"'
EXPORT_LOCK: "web.AppKey[asyncio.Lock]" = web.AppKey("admin_export_lock")
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


async def _engine(config: Config) -> Any:
    from bot.store.database import get_engine, run_sync

    return await run_sync(get_engine, config.database_url)


async def stats(request: web.Request) -> web.Response:
    """GET /admin/stats: the JSON of `privacybot stats`."""
    from bot.store.database import run_sync
    from bot.store.retention import utcnow
    from bot.store.stats import store_stats

    config = request.app[app_keys.CONFIG]
    result = await run_sync(store_stats, await _engine(config), utcnow())
    result["retention_days"] = config.retention_days
    return web.json_response(result)


async def dashboard(request: web.Request) -> web.Response:
    """GET /admin/api/dashboard: the counts the /admin/ page draws."""
    from bot.store.database import run_sync
    from bot.store.retention import utcnow
    from bot.store.admin_counts import dashboard as counts

    config = request.app[app_keys.CONFIG]
    result = await run_sync(counts, await _engine(config), utcnow(), config.retention_days)
    return web.json_response(result)


async def export(request: web.Request) -> web.StreamResponse:
    """GET /admin/export?format=jsonl|rasa[&since=YYYY-MM-DD]: the export, streamed.

    The first chunk (which runs the counting queries) is made before the status is
    sent, so a dead store is a 503. A failure later cuts the connection without the
    final chunk, so the client sees an incomplete download, never a short "complete" one.
    """
    from bot.export import FORMATS, Export
    from bot.export.stream import parse_since
    from bot.store.database import run_sync
    from bot.store.retention import utcnow

    config = request.app[app_keys.CONFIG]
    fmt = request.query.get("format", "")
    if fmt not in FORMATS:
        return json_error(400, "bad_format", "Give format=jsonl or format=rasa.")
    since = None
    if request.query.get("since"):
        try:
            since = parse_since(request.query["since"])
        except ValueError:
            return json_error(400, "bad_since", "Give since as YYYY-MM-DD or an ISO-8601 instant with a zone.")
    lock = request.app[EXPORT_LOCK]
    if lock.locked():
        return json_error(409, "export_running", "An export is already running; try again when it is done.")
    async with lock:
        now = utcnow()
        # A dead store here (before the status is sent) is the error middleware's 503.
        job = Export(await _engine(config), fmt, now, since)
        chunks = job.chunks()
        first = await run_sync(next, chunks, None)
        logger.info("admin: export %s started", fmt)
        response = web.StreamResponse(headers=_download_headers(job, now))
        await response.prepare(request)
        try:
            chunk = first
            while chunk is not None:
                await response.write(chunk.encode("utf-8"))
                chunk = await run_sync(next, chunks, None)
        except ConnectionResetError:
            logger.info("admin: export %s abandoned by the client", fmt)
            return response
        except Exception as exc:  # the status is sent: cut the connection so the download is incomplete
            logger.error("admin: export %s failed mid-stream (%s)", fmt, type(exc).__name__)
            if request.transport is not None:
                request.transport.abort()
            return response
        await response.write_eof()
        return response


def _download_headers(job: Any, now: Any) -> dict:
    """Headers of the streamed export (the security middleware cannot add them once streaming)."""
    headers = dict(COMMON_HEADERS)
    headers.update(
        {
            "Content-Type": job.content_type,
            "Content-Disposition": f'attachment; filename="privacybot-export-{now:%Y%m%dT%H%M%SZ}{job.suffix}"',
            "Content-Security-Policy": API_CSP,
            "Cache-Control": "no-store",
        }
    )
    return headers


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Privacy chat: team dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/admin/assets/admin.css">
<script src="/admin/assets/admin.js" defer></script>
</head>
<body>
<header class="admin-header">
<h1>Privacy chat: team dashboard</h1>
<p class="admin-note">Counts only. No message is ever shown here.</p>
</header>
<main>
<form id="token-form" class="token-form" hidden>
<label for="token-input">Admin token</label>
<input id="token-input" name="token" type="password" autocomplete="off" required>
<button type="submit">Show dashboard</button>
<p id="token-error" class="token-error" role="alert"></p>
</form>
<div id="dashboard" hidden>
<p id="summary" class="summary" aria-live="polite"></p>
<p class="actions">
<button type="button" id="export-jsonl">Download export (JSON Lines)</button>
<button type="button" id="export-rasa">Download export (Rasa NLU)</button>
<button type="button" id="sign-out">Forget token</button>
<span id="export-status" role="status"></span>
</p>
<section class="chart" aria-labelledby="age-title"><h2 id="age-title">Stored messages by age</h2><div id="chart-age"></div></section>
<section class="chart" aria-labelledby="deletions-title"><h2 id="deletions-title">Messages to be deleted in the coming weeks</h2><div id="chart-deletions"></div></section>
<section class="chart" aria-labelledby="redactions-title"><h2 id="redactions-title">Redactions by data type, per day</h2><div id="chart-redactions"></div></section>
<section class="chart" aria-labelledby="purges-title"><h2 id="purges-title">Purge history</h2><div id="chart-purges"></div></section>
</div>
</main>
</body>
</html>
"""


async def page(_: web.Request) -> web.Response:
    """GET /admin/: the dashboard page (no data in it; the script fetches the counts)."""
    return web.Response(text=PAGE, content_type="text/html", headers={"Cache-Control": "no-store"})


async def redirect_to_page(_: web.Request) -> web.Response:
    """GET /admin: to /admin/."""
    raise web.HTTPFound("/admin/")


def setup(app: web.Application, config: Config) -> None:
    """Register the admin routes — only when an admin token is configured."""
    if not config.admin_token:
        return
    app[EXPORT_LOCK] = asyncio.Lock()
    app[ADMIN_GUARD] = AdminGuard(config.rate_limit_admin, config.trust_proxy)
    app.router.add_get("/admin", limited(redirect_to_page))
    app.router.add_get("/admin/", limited(page))
    assets.add_routes(app, "/admin/assets", assets.load_assets(ADMIN_ASSETS_DIR))
    app.router.add_get("/admin/api/dashboard", require_token(dashboard))
    app.router.add_get("/admin/stats", require_token(stats))
    app.router.add_get("/admin/export", require_token(export), allow_head=False)
