"""Rasa's socket.io channel protocol at /socket.io, so rasa-webchat works unchanged.

Events as in Rasa 3.6: ``session_request`` → ``session_confirm``, ``user_uttered`` →
``bot_uttered`` (``{"text"}``, with ``quick_replies`` for buttons). Differences, each on
purpose:

- ``enter_room`` is awaited (Rasa 3.6 does not, and with python-socketio 5.18 the
  socket never joins its room, so replies reach no one).
- A ``user_uttered`` without a ``message`` (rasa-webchat sends one when opened without
  an ``initPayload``) is ignored instead of crashing the NLU pipeline.
- The session id is issued by the server and carries the conversation's secret
  (``cv_<id>.<secret>``); a client presenting someone else's id without the secret
  gets a new conversation, never theirs. Messages always go to the conversation bound
  to the socket at ``session_request``, whatever ``session_id`` they name.
- Messages are rate-limited, size-checked and redacted like every other channel; when
  something was removed, the notice is the first ``bot_uttered``.
"""
from __future__ import annotations

import json
import logging
from typing import Any, Dict, Optional

import socketio
from aiohttp import web
from rasa.core.channels.socketio import SocketIOOutput

from bot.conversations import records
from bot.conversations.refs import sender_ref
from bot.serving.deadlines import REQUEST_STORE_SECONDS, store_deadline
from bot.store import StoreUnavailable
from bot.web.channels import conversation_ids, user_texts
from bot.web.channels.inbound import ChatContext, deliver, prepare
from bot.web.channels.metadata import ChatMetadata, parse_metadata
from bot.web.client_address import client_address
from bot.web.limits import RateLimiter, check_rate
from bot.web.responses import ApiError
from bot.web.security_headers import origin_allowed, own_origins

logger = logging.getLogger(__name__)

BOT_EVENT = "bot_uttered"
USER_EVENT = "user_uttered"


class RoomOutput(SocketIOOutput):
    """Rasa's socket.io output, with custom JSON sent as one payload to the room."""

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        await self.sio.emit(self.bot_message_evt, json_message, room=recipient_id)


def _metadata(data: Dict[str, Any]) -> ChatMetadata:
    """Metadata from ``metadata`` (Rasa) or ``customData`` (rasa-webchat), JSON or object."""
    raw = data.get("metadata", data.get("customData"))
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ApiError(400, "bad_metadata", "metadata is not valid JSON") from None
    if isinstance(raw, dict):
        raw = {k: raw.get(k) for k in ("company", "lang", "language") if k in raw}
    return parse_metadata(raw)


def create_socketio(
    context: ChatContext, client_limiter: RateLimiter, cors_origins: tuple, trust_proxy: bool
) -> socketio.AsyncServer:
    """The socket.io server; attach it with ``sio.attach(app, socketio_path="socket.io")``."""

    def allowed(origin: Optional[str], environ: Dict[str, Any]) -> bool:
        if origin is None:
            return True
        request = environ.get("aiohttp.request")
        mine = own_origins(request.scheme, request.host, request.headers, trust_proxy) if request else []
        return origin_allowed(origin, mine, cors_origins)

    sio = socketio.AsyncServer(
        async_mode="aiohttp",
        cors_allowed_origins=allowed,
        cors_credentials=False,  # the chat uses no cookies; a secret travels in the session id
        max_http_buffer_size=context.config.max_request_bytes,
        logger=False,
        engineio_logger=False,
    )
    async def say(room: str, key: str, lang: Optional[str], **values: Any) -> None:
        await sio.emit(BOT_EVENT, {"text": user_texts.text(key, lang, **values)}, room=room)

    @sio.on("connect")
    async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
        request = environ.get("aiohttp.request")
        address = client_address(
            request.remote if request else None, request.headers if request else {}, trust_proxy
        )
        if client_limiter.hit(address) is not None:
            raise socketio.exceptions.ConnectionRefusedError("rate_limited")
        await sio.save_session(sid, {"client": address})
        return True

    async def bind(sid: str, token: Any) -> Optional[str]:
        """Bind the socket to the conversation ``token`` proves (or a new one) and confirm it."""
        try:
            conversation_id, confirmed = await _resume_or_issue(context, token)
        except StoreUnavailable:
            await say(sid, "unavailable", None)
            return None
        await sio.enter_room(sid, conversation_id)
        async with sio.session(sid) as session:
            session["conversation"] = conversation_id
        await sio.emit("session_confirm", confirmed, to=sid)
        return conversation_id

    @sio.on("session_request")
    async def session_request(sid: str, data: Any = None) -> None:
        await bind(sid, data.get("session_id") if isinstance(data, dict) else None)

    @sio.on(USER_EVENT)
    async def user_uttered(sid: str, data: Any = None) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("message"), str) or not data["message"].strip():
            return  # rasa-webchat's opening event carries no message: nothing to answer
        session = await sio.get_session(sid)
        conversation_id = session.get("conversation")
        if conversation_id is None:  # a client that never asked for a session gets one
            conversation_id = await bind(sid, None)
            if conversation_id is None:
                return
        lang: Optional[str] = None
        try:
            metadata = _metadata(data)
            lang = metadata.lang
            check_rate(client_limiter, session.get("client", "unknown"), "client")
            prepared = prepare(context, conversation_id, data["message"], metadata)
            lang = prepared.lang
            if prepared.notice:
                await sio.emit(BOT_EVENT, {"text": prepared.notice}, room=conversation_id)
            with store_deadline(REQUEST_STORE_SECONDS):  # as for the HTTP API (bot.serving.deadlines)
                reply = await deliver(context, prepared, "socketio", RoomOutput(sio, BOT_EVENT))
            if reply.conversation_deleted:  # deleted on request: the next message starts anew
                async with sio.session(sid) as current:
                    current.pop("conversation", None)
                await sio.leave_room(sid, conversation_id)
        except ApiError as error:
            await _tell(say, conversation_id, error, lang, context.config.max_message_chars)
        except StoreUnavailable:
            logger.warning("store unavailable: sender=%s told to retry", sender_ref(conversation_id))
            await say(conversation_id, "unavailable", lang)
        except Exception as exc:  # a socket handler must never die with the client's data
            logger.error("socket.io message failed: %s", type(exc).__name__)
            await say(conversation_id, "unavailable", lang)

    return sio


async def _tell(say: Any, room: str, error: ApiError, lang: Optional[str], max_chars: int) -> None:
    if error.status == 429:
        await say(room, "rate_limited", lang, seconds=error.headers.get("Retry-After", "60"))
    elif error.status == 413:
        await say(room, "message_too_long", lang, max_chars=max_chars)
    elif error.status == 503:
        await say(room, "unavailable", lang)
    else:
        await say(room, "bad_request", lang)


async def _resume_or_issue(context: ChatContext, token: Any) -> "tuple[str, str]":
    """The conversation a session token proves, or a new one; returns (id, token to confirm)."""
    presented = conversation_ids.split_session_token(token)
    if presented is not None:
        if await records.verify_secret(context.config, presented.id, presented.secret):
            return presented.id, token
    issued = conversation_ids.issue()
    await records.register(context.config, issued.id, issued.secret, None, None)
    logger.info("conversation issued (socket.io): %s", issued.id)
    return issued.id, conversation_ids.session_token(issued)


def attach(app: web.Application, sio: socketio.AsyncServer) -> None:
    """Serve ``sio`` at /socket.io on ``app``."""
    sio.attach(app, socketio_path="socket.io")
