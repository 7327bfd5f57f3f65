"""GET /health: 200 once the model is loaded and the store reachable, else 503 with reasons."""
from __future__ import annotations

import logging

from aiohttp import web

from bot.serving import store_gateway
from bot.serving.deadlines import HEALTH_STORE_SECONDS, store_deadline
from bot.web import app_keys

logger = logging.getLogger(__name__)


async def health(request: web.Request) -> web.Response:
    """Readiness for load balancers and people: what is missing, in words."""
    context = request.app[app_keys.CHAT]
    reasons = []
    if context.agent.agent is None:
        reasons.append(
            f"model not loaded: {context.agent.error}" if context.agent.error else "model loading"
        )
    with store_deadline(HEALTH_STORE_SECONDS, probe=True):  # answers within 2 s whatever the database does
        problem = await store_gateway.database_problem(context.config)
    if problem:
        # The details (database address) go to the operator's log, not to the public.
        logger.warning("health: %s", problem)
        reasons.append("transcript store unreachable")
    if reasons:
        return web.json_response(
            {"status": "unavailable", "reasons": reasons}, status=503, headers={"Retry-After": "5"}
        )
    return web.json_response({"status": "ok", "model": context.agent.model_name, "store": "ok"})


def add_routes(app: web.Application) -> None:
    """Register /health."""
    app.router.add_get("/health", health)
