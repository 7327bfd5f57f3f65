"""The widget's API: conversations with server-issued ids, usable only with their secret.

- ``POST /api/conversations`` → 201 ``{"id", "secret"}``
- ``POST /api/conversations/{id}/messages`` (``Authorization: Bearer <secret>``)
  ``{"message", "metadata"}`` → ``{"user": {"text", "redacted_types", "lang"}, "lang",
  "messages": [...], "labels": {...}, "sent_at"}``
- ``GET /api/conversations/{id}/messages[?lang=da|sv|en]`` (bearer) → the conversation as
  stored, each redacted user message followed by its removal notice, and ``labels``
- ``GET /api/widget-config`` → what the widget shows that the server decides (retention days,
  longest message, languages, companies)

Every message carries ``lang``, the language of its text, so a client can mark it up for
screen readers. ``labels`` maps each placeholder in the texts (``"<DK_CPR>"``) to a readable
label in the visitor's language (``"[CPR-nummer fjernet]"``).

Every per-conversation route checks the bearer secret with :func:`bot.web.auth.authorize`
(401 without it; a wrong secret and an unknown id get the same 404). A dead store is a 503
from the error middleware (bot/web/responses.py).
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from aiohttp import web

from actions.catalogue import COMPANY, LANGUAGES
from actions.language import detect_language
from bot.conversations import records, redaction_notice
from bot.conversations.refs import sender_ref
from bot.web import app_keys
from bot.web.auth import authorize
from bot.web.channels import conversation_ids
from bot.web.channels.inbound import deliver, prepare
from bot.web.channels.metadata import parse_lang, parse_metadata
from bot.web.limits import read_json
from bot.web.responses import ApiError

logger = logging.getLogger(__name__)

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
    await records.register(context.config, issued.id, issued.secret, metadata.company, metadata.lang)
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
    messages = [_with_lang(m, prepared.lang) for m in reply.with_notice()]
    visitor_lang = metadata.lang or prepared.lang
    texts = [prepared.text] + [m["text"] for m in messages if isinstance(m.get("text"), str)]
    return web.json_response(
        {
            "user": {"text": prepared.text, "redacted_types": list(prepared.types), "lang": prepared.lang},
            "lang": prepared.lang,  # the language the server answered in
            "messages": messages,
            "labels": redaction_notice.labels(texts, visitor_lang),
            "sent_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        }
    )


def _with_lang(message: Dict[str, Any], fallback: str) -> Dict[str, Any]:
    """A reply message with ``lang``: the notice is in ``fallback``, answers are detected."""
    text = message.get("text")
    if (message.get("custom") or {}).get("redaction") or not isinstance(text, str):
        return {**message, "lang": fallback}
    return {**message, "lang": detect_language(text, fallback)}


def annotate_history(
    history: List[Dict[str, Any]], lang: str, retention_days: int
) -> List[Dict[str, Any]]:
    """The stored messages with ``lang`` and ISO ``sent_at``; each redacted user message is
    followed by the removal notice it got when it was sent (notices themselves are not stored)."""
    result: List[Dict[str, Any]] = []
    for item in history:
        own = detect_language(item.get("text"), lang)
        entry = {**item, "lang": own}
        if isinstance(item.get("timestamp"), (int, float)):
            entry["sent_at"] = _iso(item["timestamp"])
        result.append(entry)
        types = redaction_notice.placeholder_types(item.get("text", "")) if item.get("sender") == "user" else []
        if types:
            entry["redacted_types"] = types
            result.append(
                {
                    "sender": "notice",
                    "text": redaction_notice.notice(types, own, retention_days),
                    "lang": own,
                    "sent_at": entry.get("sent_at"),
                }
            )
    return result


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).isoformat().replace("+00:00", "Z")


async def get_messages(request: web.Request) -> web.Response:
    """GET /api/conversations/{id}/messages: the conversation as stored."""
    context = request.app[app_keys.CHAT]
    conversation_id = await authorize(request)
    agent = await context.agent.get()
    history = await records.history(agent, conversation_id)
    logger.debug("history read: %s messages=%d", sender_ref(conversation_id), len(history))
    lang: Optional[str] = parse_lang(request.query.get("lang")) or "en"
    messages = annotate_history(history, lang, context.config.retention_days)
    labels = redaction_notice.labels((m.get("text", "") for m in messages), lang)
    return web.json_response({"id": conversation_id, "messages": messages, "labels": labels})


def widget_settings(config: Any) -> Dict[str, Any]:
    """What the widget shows or enforces that the server decides, so no page or script hard-codes it.

    Languages and companies come from the catalogue (the knowledge base), the limits from the
    settings; the widget falls back to its own guesses only when this cannot be fetched.
    """
    return {
        "retention_days": config.retention_days,
        "max_message_chars": config.max_message_chars,
        "languages": list(LANGUAGES),
        "companies": {cid: {"name": c.short_name} for cid, c in COMPANY.items()},
    }


async def widget_config(request: web.Request) -> web.Response:
    """GET /api/widget-config: :func:`widget_settings` as JSON (cached by browsers for 5 minutes)."""
    return web.json_response(
        widget_settings(request.app[app_keys.CONFIG]), headers={"Cache-Control": "public, max-age=300"}
    )


def add_routes(app: web.Application) -> None:
    """Register the widget API's routes."""
    app.router.add_post("/api/conversations", create_conversation)
    app.router.add_post("/api/conversations/{conversation_id}/messages", post_message)
    app.router.add_get("/api/conversations/{conversation_id}/messages", get_messages)
    app.router.add_get("/api/widget-config", widget_config)
