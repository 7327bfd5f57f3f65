"""The customer's rights over their own chat, over HTTP (widget API, bearer secret).

- ``GET /api/conversations/{id}/transcript?format=text|json[&lang=da|sv|en]`` → the
  conversation as stored (redacted), with each message's time and deletion date, as an
  attachment
- ``DELETE /api/conversations/{id}`` → every stored event gone now; 200 with a confirmation
- ``GET /api/conversations/{id}/training-opt-out`` → ``{"opt_out": bool}``;
  ``PUT`` or ``POST`` with ``{"opt_out": bool}`` sets it (the export leaves opted-out
  conversations out)

Every route goes through :func:`bot.web.auth.authorize`: without a bearer
secret 401; a wrong secret, a guessed or malformed id, a deleted conversation: the same
404 with the same body, so nobody learns whether someone else's conversation exists.
"""
from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.conversations import records, rights, texts, transcript
from bot.store.retention import utcnow
from bot.web import app_keys
from bot.web.auth import authorize, not_found
from bot.web.channels.metadata import parse_lang
from bot.web.limits import read_json
from bot.web.responses import ApiError, service_unavailable

logger = logging.getLogger(__name__)


def _format(request: web.Request) -> str:
    fmt = request.query.get("format", "text").lower()
    if fmt not in transcript.FORMATS:
        raise ApiError(400, "bad_format", "\"format\" must be \"text\" or \"json\".")
    return fmt


async def download(request: web.Request) -> web.Response:
    """GET /api/conversations/{id}/transcript: the conversation as stored, as a file."""
    conversation_id = await authorize(request)
    fmt = _format(request)
    lang = parse_lang(request.query.get("lang"))
    config = request.app[app_keys.CONFIG]
    now = utcnow()
    stored = await records.read_conversation(config, conversation_id, now)
    if stored is None:  # deleted between the secret check and the read
        raise not_found()
    if fmt == "json":
        document = transcript.as_json(
            conversation_id, stored.events, now,
            company=stored.company, language=lang or stored.language, training_opt_out=stored.training_opt_out,
        )
        body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        content_type = "application/json"
    else:
        body = transcript.as_text(
            conversation_id, stored.events, now,
            lang=lang or stored.language, company=stored.company, training_opt_out=stored.training_opt_out,
        )
        content_type = "text/plain"
    logger.info("transcript downloaded: %s format=%s events=%d", conversation_id, fmt, len(stored.events))
    return web.Response(
        text=body,
        content_type=content_type,
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{transcript.filename(conversation_id, fmt)}"',
            "Cache-Control": "no-store",
        },
    )


async def delete(request: web.Request) -> web.Response:
    """DELETE /api/conversations/{id}: every stored event and the conversation, now."""
    conversation_id = await authorize(request)
    context = request.app[app_keys.CHAT]
    lang = parse_lang(request.query.get("lang"))
    try:
        deleted = await rights.delete_conversation(context, conversation_id)
    except records.ConversationBusy:
        raise service_unavailable("The conversation is busy.") from None
    return web.json_response(
        {
            "id": conversation_id,
            "deleted": True,
            "events_deleted": deleted,
            "message": texts.text("deleted", lang),
        }
    )


async def get_opt_out(request: web.Request) -> web.Response:
    """GET /api/conversations/{id}/training-opt-out."""
    conversation_id = await authorize(request)
    value = await records.get_opt_out(request.app[app_keys.CONFIG], conversation_id)
    if value is None:
        raise not_found()
    return web.json_response({"id": conversation_id, "opt_out": value})


async def set_opt_out(request: web.Request) -> web.Response:
    """PUT/POST /api/conversations/{id}/training-opt-out with ``{"opt_out": true|false}``."""
    conversation_id = await authorize(request)
    config = request.app[app_keys.CONFIG]
    body = await read_json(request, config.max_request_bytes)
    if not isinstance(body, dict) or not isinstance(body.get("opt_out"), bool):
        raise ApiError(400, "bad_body", "The body must be {\"opt_out\": true} or {\"opt_out\": false}.")
    stored = await records.set_opt_out(config, conversation_id, body["opt_out"])
    if not stored:
        raise not_found()
    logger.info("training opt-out set: %s opt_out=%s", conversation_id, body["opt_out"])
    return web.json_response({"id": conversation_id, "opt_out": body["opt_out"]})


def add_routes(app: web.Application) -> None:
    """Register the customer-rights routes."""
    app.router.add_get("/api/conversations/{conversation_id}/transcript", download)
    app.router.add_delete("/api/conversations/{conversation_id}", delete)
    app.router.add_get("/api/conversations/{conversation_id}/training-opt-out", get_opt_out)
    app.router.add_put("/api/conversations/{conversation_id}/training-opt-out", set_opt_out)
    app.router.add_post("/api/conversations/{conversation_id}/training-opt-out", set_opt_out)
