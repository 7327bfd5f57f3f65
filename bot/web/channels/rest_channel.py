"""Rasa's REST channel format at POST /webhooks/rest/webhook.

``{"sender", "message", "metadata": {"company", "lang"}}`` in, a JSON list of
``{"recipient_id", "text", "buttons"?}`` out, as Rasa's own REST channel does, so
existing Rasa clients and test tools work unchanged. Here the client names the
sender, and must (no shared ``default`` conversation); the id must follow the rule in
``bot.web.channels.sender_ids`` (no personal data). Ids the server issued to the widget
(``cv_...``) are refused, so this route cannot be used to write into a visitor's
conversation.
"""
from __future__ import annotations

from aiohttp import web

from bot.web import app_keys
from bot.web.channels import sender_ids
from bot.web.channels.conversation_ids import ID_PREFIX
from bot.web.channels.inbound import deliver, prepare
from bot.web.channels.metadata import parse_metadata
from bot.web.limits import read_json
from bot.web.responses import ApiError


def validate_sender(raw: object) -> str:
    """The sender id, or a 400 naming the rule it breaks (bot.web.channels.sender_ids) / 403 for issued ids."""
    if isinstance(raw, str) and raw.startswith(ID_PREFIX):
        raise ApiError(
            403,
            "reserved_sender",
            f"Senders starting with \"{ID_PREFIX}\" are conversations issued by the server; "
            "use /api/conversations/{id}/messages with their secret.",
        )
    return sender_ids.validate(raw)


async def webhook(request: web.Request) -> web.Response:
    """POST /webhooks/rest/webhook."""
    context = request.app[app_keys.CHAT]
    body = await read_json(request, context.config.max_request_bytes)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_body", "The request body must be a JSON object.")
    sender = validate_sender(body.get("sender"))
    metadata = parse_metadata(body.get("metadata"))
    prepared = prepare(context, sender, body.get("message"), metadata)
    reply = await deliver(context, prepared, "rest")
    return web.json_response(reply.with_notice())


async def status(_: web.Request) -> web.Response:
    """GET /webhooks/rest/ (Rasa's channel health route)."""
    return web.json_response({"status": "ok"})


def add_routes(app: web.Application) -> None:
    """Register the REST channel's routes."""
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_get("/webhooks/rest/", status)
