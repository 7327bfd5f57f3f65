"""/admin/: the customer-service team's export, statistics and dashboard, behind a bearer token.

- ``PRIVACYBOT_ADMIN_TOKEN`` empty: no admin route exists (404), the page included.
- Every data route needs the admin token, and every admin route is rate limited per
  client address: :mod:`bot.web.admin.auth`.
- ``GET /admin/`` is the dashboard page. It holds no data: its script asks for the
  token (kept in sessionStorage, gone with the tab) and draws the counts of
  ``GET /admin/api/dashboard`` as SVG charts. Counts only, never content.
- ``GET /admin/stats``: what `privacybot stats` prints. ``GET /admin/export?format=jsonl|rasa``:
  what `privacybot export` writes, streamed; one export at a time per server process.
"""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.export import FORMATS, Export
from bot.export.stream import parse_since
from bot.settings import Config
from bot.store import admin_counts
from bot.store.database import get_engine, run_sync
from bot.store.retention import utcnow
from bot.store.stats import store_stats
from bot.web import app_keys
from bot.web.admin.auth import ADMIN_GUARD, AdminGuard, limited, require_token
from bot.web.pages import assets
from bot.web.responses import json_error
from bot.web.security_headers import API_CSP, COMMON_HEADERS

logger = logging.getLogger(__name__)

ADMIN_ASSETS_DIR = Path(__file__).resolve().parent / "assets"
EXPORT_LOCK: "web.AppKey[asyncio.Lock]" = web.AppKey("admin_export_lock")


async def _engine(config: Config) -> Any:
    return await run_sync(get_engine, config.database_url)


async def stats(request: web.Request) -> web.Response:
    """GET /admin/stats: the JSON of `privacybot stats`."""
    config = request.app[app_keys.CONFIG]
    result = await run_sync(store_stats, await _engine(config), utcnow())
    result["retention_days"] = config.retention_days
    return web.json_response(result)


async def dashboard(request: web.Request) -> web.Response:
    """GET /admin/api/dashboard: the counts the /admin/ page draws."""
    config = request.app[app_keys.CONFIG]
    engine = await _engine(config)
    result = await run_sync(admin_counts.dashboard, engine, utcnow(), config.retention_days)
    return web.json_response(result)


async def export(request: web.Request) -> web.StreamResponse:
    """GET /admin/export?format=jsonl|rasa[&since=YYYY-MM-DD]: the export, streamed.

    The first chunk (which runs the counting queries) is made before the status is
    sent, so a dead store is a 503. A failure later cuts the connection without the
    final chunk, so the client sees an incomplete download, never a short "complete" one.
    """
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
