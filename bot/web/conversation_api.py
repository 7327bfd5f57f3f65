"""The widget's API: conversations with server-issued ids, usable only with their secret.

- ``POST /api/conversations`` → 201 ``{"id", "secret"}``
- ``POST /api/conversations/{id}/messages`` (``Authorization: Bearer <secret>``)
  ``{"message", "metadata"}`` → ``{"user": {"text", "redacted_types"}, "messages": [...]}``
- ``GET /api/conversations/{id}/messages`` (bearer) → the conversation as stored

A missing secret is 401; a wrong secret and an unknown id get the same 404, so a
client learns nothing about other visitors' conversations, not even that they exist.
Further per-conversation routes (download, delete, opt-out) use :func:`authorize`.
"""
from __future__ import annotations

import logging

from aiohttp import web

from bot.web import app_keys, conversation_ids, store_gateway
from bot.web.inbound import deliver, prepare, sender_ref
from bot.web.limits import read_json
from bot.web.metadata import parse_metadata
from bot.web.responses import ApiError, service_unavailable

logger = logging.getLogger(__name__)

def not_found() -> ApiError:
    """The one answer for an unknown id and for a wrong secret alike."""
    return ApiError(404, "not_found", "No such conversation for this secret.")


async def authorize(request: web.Request) -> str:
    """The conversation id of the request, once its bearer secret checks out.

    Raises 401 without a bearer secret, 404 for an unknown id or a wrong secret.
    """
    secret = conversation_ids.bearer_token(request.headers.get("Authorization"))
    if secret is None:
        raise ApiError(
            401,
            "secret_required",
            "This conversation needs its secret: Authorization: Bearer <secret>.",
            {"WWW-Authenticate": "Bearer"},
        )
    conversation_id = request.match_info["conversation_id"]
    if not conversation_ids.is_issued_id(conversation_id):
        raise not_found()
    context = request.app[app_keys.CHAT]
    try:
        valid = conversation_ids.looks_like_secret(secret) and await store_gateway.verify_secret(
            context.config, conversation_id, secret
        )
    except store_gateway.StoreUnavailable:
        raise service_unavailable("The transcript store is unavailable.") from None
    if not valid:
        raise not_found()
    return conversation_id


async def create_conversation(request: web.Request) -> web.Response:
    """POST /api/conversations: issue an id and a secret."""
    context = request.app[app_keys.CHAT]
    body = {}
    if request.can_read_body:
        body = await read_json(request, context.config.max_request_bytes)
        if not isinstance(body, dict):
            raise ApiError(400, "bad_body", "The request body must be a JSON object.")
    metadata = parse_metadata(body.get("metadata", body))
    issued = conversation_ids.issue()
    try:
        await store_gateway.register_conversation(
            context.config, issued.id, issued.secret, metadata.company, metadata.lang
        )
    except store_gateway.StoreUnavailable:
        raise service_unavailable("The transcript store is unavailable.") from None
    logger.info("conversation issued: %s", issued.id)
    return web.json_response({"id": issued.id, "secret": issued.secret}, status=201)


async def post_message(request: web.Request) -> web.Response:
    """POST /api/conversations/{id}/messages: one user message, the bot's reply."""
    context = request.app[app_keys.CHAT]
    conversation_id = await authorize(request)
    body = await read_json(request, context.config.max_request_bytes)
    if not isinstance(body, dict):
        raise ApiError(400, "bad_body", "The request body must be a JSON object.")
    metadata = parse_metadata(body.get("metadata"))
    prepared = prepare(context, conversation_id, body.get("message"), metadata)
    reply = await deliver(context, prepared, "widget")
    return web.json_response(
        {
            "user": {"text": prepared.text, "redacted_types": list(prepared.types)},
            "lang": prepared.lang,
            "messages": reply.with_notice(),
        }
    )


async def get_messages(request: web.Request) -> web.Response:
    """GET /api/conversations/{id}/messages: the conversation as stored."""
    context = request.app[app_keys.CHAT]
    conversation_id = await authorize(request)
    agent = await context.agent.get()
    try:
        history = await store_gateway.conversation_history(agent, conversation_id)
    except store_gateway.StoreUnavailable:
        raise service_unavailable("The transcript store is unavailable.") from None
    logger.debug("history read: %s messages=%d", sender_ref(conversation_id), len(history))
    return web.json_response({"id": conversation_id, "messages": history})


def add_routes(app: web.Application) -> None:
    """Register the widget API's routes."""
    app.router.add_post("/api/conversations", create_conversation)
    app.router.add_post("/api/conversations/{conversation_id}/messages", post_message)
    app.router.add_get("/api/conversations/{conversation_id}/messages", get_messages)
