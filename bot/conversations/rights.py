"""Carrying out the customer's requests from the dialogue (no HTTP here: every channel uses it).

``action_conversation_rights`` signals a request as a bot message with the custom payload
``{"privacybot": {"request": "delete_conversation" | "download_conversation" |
"opt_out_training"}}`` (delete only after the customer confirmed). The payload never
reaches the customer: :func:`carry_out` takes it out of the reply, performs the request
for the conversation the message came from, and adds a confirmation in the
conversation's language.

It runs after ``agent.handle_message`` returned, i.e. after Rasa saved the turn (the
payload included), and deletes under the conversation's lock, so nothing is left behind
and nothing recreates the conversation.

What each channel gets back (docs/customer-rights.md):

- widget API: the confirmation text with ``custom.privacybot`` telling the widget what
  happened (``done``: clear the local copy / show the opt-out; ``offer``: offer the
  download buttons)
- REST webhook and socket.io: the confirmation text only; a download is not possible there
  (no secret proves who is asking), so the reply says that the website's widget offers it
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Tuple

from bot.conversations import records, texts
from bot.conversations.refs import sender_ref
from bot.conversations.requests import DELETE, DOWNLOAD, KEY, OPT_OUT, request_of, split_requests
from bot.store import StoreUnavailable

logger = logging.getLogger(__name__)

WIDGET_CHANNEL = "widget"


async def delete_conversation(context: Any, sender_id: str) -> int:
    """Delete a conversation under its lock; the number of events deleted.

    Raises StoreUnavailable, or :class:`~bot.conversations.records.ConversationBusy` when a
    running turn holds the lock too long.
    """
    try:
        deleted = await records.delete_now(context.config, context.agent.agent, sender_id)
    except records.ConversationBusy:
        logger.warning("delete waited too long for the conversation lock: %s", sender_ref(sender_id))
        raise
    logger.info("conversation deleted by its customer: %s events=%d", sender_ref(sender_id), deleted)
    return deleted


def intercept(output_channel: Any) -> List[str]:
    """Make a streaming output channel (socket.io) hold request payloads back.

    Returns the list the requests are collected in, to be passed to :func:`carry_out`.
    """
    requests: List[str] = []
    send_custom_json = output_channel.send_custom_json

    async def holding_back(recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        request = request_of(json_message)
        if request is not None:
            requests.append(request)
            return
        await send_custom_json(recipient_id, json_message, **kwargs)

    output_channel.send_custom_json = holding_back
    return requests


async def _conversation_lang(agent: Any, sender_id: str, fallback: str) -> str:
    """The language the bot is speaking in this conversation (its ``lang`` slot)."""
    try:
        tracker = await agent.tracker_store.retrieve(sender_id)
    except StoreUnavailable:
        return fallback
    lang = tracker.get_slot("lang") if tracker is not None else None
    return lang if lang in texts.LANGUAGES else fallback


def _message(sender_id: str, text: str, channel: str, result: Dict[str, Any]) -> Dict[str, Any]:
    message: Dict[str, Any] = {"recipient_id": sender_id, "text": text}
    if channel == WIDGET_CHANNEL:
        message["custom"] = {KEY: result}
    return message


async def _perform(
    context: Any, sender_id: str, request: str, lang: str, channel: str
) -> Tuple[Dict[str, Any], bool]:
    """Carry out one request; (the confirmation or failure message, whether it was done)."""
    try:
        if request == DELETE:
            await delete_conversation(context, sender_id)
            return _message(sender_id, texts.text("deleted", lang), channel, {"done": DELETE}), True
        if request == OPT_OUT:
            if not await records.set_opt_out(context.config, sender_id, True):
                raise StoreUnavailable("the conversation row is missing")
            confirmation = texts.text("opted_out", lang)
            return _message(sender_id, confirmation, channel, {"done": OPT_OUT, "opt_out": True}), True
        if channel == WIDGET_CHANNEL:
            offer = {"offer": DOWNLOAD, "formats": ["text", "json"]}
            return _message(sender_id, texts.text("download_offer", lang), channel, offer), True
        return _message(sender_id, texts.text("download_elsewhere", lang), channel, {}), False
    except (StoreUnavailable, records.ConversationBusy) as error:
        logger.warning("rights request failed: request=%s (%s)", request, type(error).__name__)
        return _message(sender_id, texts.text("failed", lang), channel, {"failed": request}), False


@dataclass
class Outcome:
    """What carrying out a turn's requests gave: confirmations, and whether the conversation is gone."""

    messages: List[Dict[str, Any]] = field(default_factory=list)
    deleted: bool = False


async def carry_out(
    context: Any,
    agent: Any,
    sender_id: str,
    lang: str,
    channel: str,
    requests: List[str],
) -> Outcome:
    """Perform the requests of one turn (deleting last) and confirm each.

    Call after the agent's turn was saved. ``lang``: the language to fall back on
    when the conversation's own is unknown.
    """
    outcome = Outcome()
    if not requests:
        return outcome
    ordered = sorted(dict.fromkeys(requests), key=lambda r: r == DELETE)
    lang = await _conversation_lang(agent, sender_id, lang)
    for request in ordered:
        message, done = await _perform(context, sender_id, request, lang, channel)
        outcome.messages.append(message)
        outcome.deleted = outcome.deleted or (done and request == DELETE)
    logger.info("rights requests carried out: channel=%s requests=%s", channel, ",".join(ordered))
    return outcome


async def after_turn(
    context: Any,
    agent: Any,
    prepared: Any,
    channel: str,
    messages: List[Dict[str, Any]],
    held: List[str],
    output_channel: Any = None,
) -> Tuple[List[Dict[str, Any]], bool]:
    """Carry out the requests of a saved turn; (the reply's messages, whether the conversation is gone).

    ``messages``: what a collecting channel gathered (request payloads are taken out);
    ``held``: what :func:`intercept` held back on a streaming ``output_channel``, which
    also gets the confirmations.
    """
    messages, requests = split_requests(messages)
    outcome = await carry_out(context, agent, prepared.sender_id, prepared.lang, channel, held + requests)
    if output_channel is None:
        return messages + outcome.messages, outcome.deleted
    for confirmation in outcome.messages:
        await output_channel.send_text_message(prepared.sender_id, confirmation["text"])
    return messages, outcome.deleted
