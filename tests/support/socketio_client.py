"""A socket.io test client that behaves like rasa-webchat: ``session_request`` on connect,
then ``user_uttered``; it collects ``bot_uttered`` and ``session_confirm``.

Polling transport: python-socketio's websocket client needs aiohttp >= 3.10.
"""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

import socketio


class Visitor:
    """One visitor's socket; ``extra`` is sent with every message (e.g. ``customData``)."""

    def __init__(self, url: str, extra: Optional[Dict[str, Any]] = None) -> None:
        self.url = url
        self.extra = dict(extra or {})
        self.sio = socketio.AsyncClient(reconnection=False)
        self.bot: List[Any] = []
        self.confirmed: asyncio.Queue = asyncio.Queue()
        self.sio.on("bot_uttered", self._bot)
        self.sio.on("session_confirm", self._confirm)

    async def _bot(self, data: Any) -> None:
        self.bot.append(data)

    async def _confirm(self, data: Any) -> None:
        await self.confirmed.put(data)

    async def open(self, session_id: Any = None) -> str:
        """Connect and ask for a session; the session token the server confirms."""
        await self.sio.connect(self.url, socketio_path="socket.io", transports=["polling"])
        await self.sio.emit("session_request", {"session_id": session_id})
        return await asyncio.wait_for(self.confirmed.get(), 10)

    async def say(self, message: Any, **extra: Any) -> None:
        """Send one message (``extra`` on top of the visitor's own)."""
        await self.sio.emit("user_uttered", {"message": message, **self.extra, **extra})

    async def replies(self, at_least: int = 1, timeout: float = 20) -> List[Any]:
        """Everything the bot said so far, once at least ``at_least`` messages came (or the timeout)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while len(self.bot) < at_least and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # the rest of the same answer
        return list(self.bot)

    async def ask(self, message: str, until: str, timeout: float = 30) -> List[Any]:
        """Send ``message``; the bot's messages after it, once one of them holds ``until``."""
        start = len(self.bot)
        await self.say(message)
        deadline = asyncio.get_running_loop().time() + timeout
        while asyncio.get_running_loop().time() < deadline:
            if until in " ".join(str(b.get("text")) for b in self.bot[start:]):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        return self.bot[start:]

    async def close(self) -> None:
        """Drop the connection without waiting for the pending long-poll to end."""
        await self.sio.eio.disconnect(abort=True)
