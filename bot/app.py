"""The aiohttp application behind `privacybot serve`: :func:`create_app`."""
from __future__ import annotations

import asyncio
import logging
import sys
import time
from typing import Any, Awaitable, Callable, Optional

from aiohttp import web

from bot.redaction_setup import configure_redaction
from bot.settings import Config
from bot.serving import health, store_gateway
from bot.serving.agent_holder import AgentHolder
from bot.serving.deadlines import deadline_middleware
from bot.web import app_keys, rights_api
from bot.web.admin import handlers as admin
from bot.web.channels import conversation_api, rest_channel, socketio_channel
from bot.web.channels.inbound import ChatContext
from bot.web.limits import RateLimiter, client_rate_middleware
from bot.web.pages import assets, demo_page, policy_page
from bot.web.responses import API_PREFIXES, error_middleware
from bot.web.security_headers import security_middleware
from redaction import warm_up

logger = logging.getLogger(__name__)

AgentLoader = Callable[[], Awaitable[Any]]


def create_app(
    config: Config,
    agent: Any = None,
    agent_loader: Optional[AgentLoader] = None,
    started_at: Optional[float] = None,
) -> web.Application:
    """The web application.

    ``agent``: an already loaded Rasa agent (tests). Otherwise the agent is loaded in
    the background when the app starts (``agent_loader``, default: the newest model
    with the configured stores), so the port answers (/health: "model loading") while
    the model loads; chat requests arriving meanwhile wait for it. Redaction is configured
    from ``config`` here (ValueError for an unknown recognizer name).
    """
    configure_redaction(config)
    holder = AgentHolder(store_gateway.propagate_store_errors(agent) if agent is not None else None)
    client_limiter = RateLimiter(config.rate_limit_client)
    context = ChatContext(config, holder, RateLimiter(config.rate_limit_conversation))

    app = web.Application(
        client_max_size=config.max_request_bytes,
        middlewares=[
            security_middleware(config.cors_origins, config.trust_proxy),
            error_middleware,
            deadline_middleware,
            client_rate_middleware(client_limiter, config.trust_proxy, API_PREFIXES),
        ],
    )
    app[app_keys.CONFIG] = config
    app[app_keys.CHAT] = context

    health.add_routes(app)
    demo_page.add_routes(app)
    policy_page.add_routes(app)
    assets.add_routes(app, "/widget", assets.load_assets(assets.WIDGET_DIR))
    assets.add_routes(app, "/static", assets.load_assets(assets.PAGE_STATIC_DIR))
    rest_channel.add_routes(app)
    conversation_api.add_routes(app)
    rights_api.add_routes(app)
    admin.setup(app, config)
    sio = socketio_channel.create_socketio(
        context, client_limiter, tuple(config.cors_origins), config.trust_proxy
    )
    socketio_channel.attach(app, sio)
    app[app_keys.SOCKETIO] = sio

    stop_purge = asyncio.Event()
    background: list = []

    async def on_startup(_: web.Application) -> None:
        if agent is None:
            loader = agent_loader or _default_loader(config)
            background.append(asyncio.ensure_future(holder.load(_timed(loader, started_at))))
        purge = store_gateway.start_purge_schedule(config, stop_purge)
        if purge is not None:
            background.append(purge)

    async def on_cleanup(_: web.Application) -> None:
        stop_purge.set()
        for task in background:
            if not task.done():
                task.cancel()
        await asyncio.gather(*background, return_exceptions=True)

    async def close_sockets(_: web.Application) -> None:
        # Pending socket.io long-polls and engine.io's ping task would hold shutdown for a minute.
        async def close() -> None:
            if sio.eio.sockets:  # engine.io's disconnect-all fails on an empty set
                await sio.eio.disconnect()
            await sio.shutdown()

        try:
            # A client that vanished mid-poll never acknowledges its disconnect: don't wait for it.
            await asyncio.wait_for(close(), timeout=5)
        except asyncio.TimeoutError:
            logger.warning("socket.io clients did not close within 5 s; shutting down anyway")

    app.on_startup.append(on_startup)
    app.on_shutdown.append(close_sockets)
    # Also on shutdown: on SIGTERM aiohttp 3.9 first waits up to 60 s for every task started
    # after start-up (the purge schedule never ends by itself) and only then runs on_cleanup.
    app.on_shutdown.append(on_cleanup)
    app.on_cleanup.append(on_cleanup)
    return app


def _default_loader(config: Config) -> AgentLoader:
    async def load() -> Any:
        from bot.agent import load_agent  # imports Rasa (seconds): the port answers meanwhile

        # Both take many seconds of mostly synchronous work (Rasa's load_agent is async in
        # name only): in threads, so the event loop keeps answering /health meanwhile.
        # Building the redactor now also spares the first visitor the wait.
        loop = asyncio.get_running_loop()
        warming = loop.run_in_executor(None, warm_up)
        agent = await loop.run_in_executor(None, lambda: asyncio.run(load_agent(config)))
        await warming
        return store_gateway.propagate_store_errors(agent)

    return load


def _timed(loader: AgentLoader, started_at: Optional[float]) -> AgentLoader:
    async def load() -> Any:
        began = time.monotonic()
        agent = await loader()
        since = started_at if started_at is not None else began
        print(
            f"privacybot: model loaded in {time.monotonic() - began:.1f} s; "
            f"ready {time.monotonic() - since:.1f} s after start",
            file=sys.stderr,
            flush=True,
        )
        return agent

    return load
