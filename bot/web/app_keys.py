"""Typed keys for what the application object holds (aiohttp ``AppKey``)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:  # importing inbound here would pull in the redactor for every page
    from bot.web.channels.inbound import ChatContext

CHAT: "web.AppKey[ChatContext]" = web.AppKey("chat")
CONFIG: "web.AppKey[Any]" = web.AppKey("config")
SOCKETIO: "web.AppKey[Any]" = web.AppKey("socketio")
