"""A stand-in bot: a real aiohttp server speaking Rasa's REST webhook format, replies chosen by the test.

Used by the evaluation tests, which must talk HTTP to something that is not the trained model.
"""
from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, Callable, Dict, List, Tuple

from aiohttp import web

Reply = Callable[[Dict[str, Any]], List[Dict[str, Any]]]


def answer(body: Dict[str, Any], text: str, **extra: Any) -> List[Dict[str, Any]]:
    """The webhook's reply to ``body``: one message ``text`` (plus ``extra`` keys such as buttons)."""
    return [{"recipient_id": body["sender"], "text": text, **extra}]


async def serve(app: web.Application) -> Tuple[web.AppRunner, str]:
    """Serve ``app`` on a free local port; its runner (to clean up) and its base URL."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


def free_port() -> int:
    """A local port nothing listens on (at the moment of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StandInBot:
    """Answers every webhook POST with ``reply(body)`` and keeps the bodies it was sent.

    ``async with StandInBot(reply) as url:`` runs it for the block.
    """

    def __init__(self, reply: Reply) -> None:
        self.reply = reply
        self.requests: List[Dict[str, Any]] = []
        self._runner: web.AppRunner | None = None

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        return web.json_response(self.reply(body))

    async def start(self) -> str:
        """Start serving; the base URL."""
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self._handle)
        self._runner, url = await serve(app)
        return url

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> str:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


class BotsInThread:
    """Stand-in bots on an event loop in another thread, for code (the CLI) that runs its own loop."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._bots: List[StandInBot] = []

    def start(self, reply: Reply) -> str:
        """Start a bot answering with ``reply``; its base URL."""
        bot = StandInBot(reply)
        self._bots.append(bot)
        return asyncio.run_coroutine_threadsafe(bot.start(), self._loop).result(10)

    def close(self) -> None:
        """Stop every bot and the loop."""
        for bot in self._bots:
            asyncio.run_coroutine_threadsafe(bot.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
