"""Who may touch a conversation over HTTP: the bearer secret issued with its id.

A missing secret is 401; a wrong secret, a guessed or malformed id, a deleted
conversation: the same 404 with the same body, so a client learns nothing about other
visitors' conversations, not even that they exist. (The admin routes have their own
token: bot/web/admin/handlers.py.)
"""
from __future__ import annotations

from aiohttp import web

from bot.conversations import records
from bot.web import app_keys
from bot.web.channels import conversation_ids
from bot.web.responses import ApiError


def not_found() -> ApiError:
    """The one answer for an unknown id and for a wrong secret alike."""
    return ApiError(404, "not_found", "No such conversation for this secret.")


async def authorize(request: web.Request) -> str:
    """The conversation id of the request, once its bearer secret checks out.

    Raises 401 without a bearer secret, 404 for an unknown id or a wrong secret
    (StoreUnavailable when the store is down: the error middleware answers 503).
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
    config = request.app[app_keys.CHAT].config
    valid = conversation_ids.looks_like_secret(secret) and await records.verify_secret(
        config, conversation_id, secret
    )
    if not valid:
        raise not_found()
    return conversation_id
