"""Where a user message enters the product: validate → rate-limit → redact → agent.

Every channel (REST webhook, widget API, socket.io) goes through :func:`prepare` and
:func:`deliver`. Redaction happens in :func:`prepare`, before the agent, the logs or the
store see the text: from there on only the redacted text exists. The raw text is never
logged, returned or kept in a variable longer than this call.
"""
from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from actions.language import detect_language
from redaction import redact

from bot.conversations import redaction_notice, rights
from bot.conversations.refs import sender_ref
from bot.serving.agent_holder import AgentHolder
from bot.web.channels import payloads
from bot.web.channels.metadata import ChatMetadata
from bot.web.limits import RateLimiter, check_rate, check_text, message_too_long
from bot.web.responses import ApiError

logger = logging.getLogger(__name__)


@dataclass
class ChatContext:
    """What every channel needs to handle a message."""

    config: Any
    agent: AgentHolder
    conversation_limiter: RateLimiter


@dataclass(frozen=True)
class PreparedMessage:
    """A user message after validation and redaction; holds no raw text."""

    sender_id: str
    text: str  # redacted: what the agent and the store get
    types: Tuple[str, ...]  # entity types that were removed
    metadata: ChatMetadata
    lang: str  # the language the user wrote in (for the notice)
    notice: Optional[str]
    retention_days: Optional[int] = None  # this service's retention, said in chat-retention answers

    def agent_metadata(self) -> Dict[str, Any]:
        """Metadata for the agent's UserMessage: company, page language, removed types, retention."""
        data = self.metadata.for_agent()
        if self.types:
            data["redacted_types"] = list(self.types)
        if self.retention_days:
            data["retention_days"] = self.retention_days
        return data


@dataclass
class Reply:
    """The agent's answer to a prepared message."""

    prepared: PreparedMessage
    messages: List[Dict[str, Any]] = field(default_factory=list)
    conversation_deleted: bool = False  # the customer had it deleted in this turn

    def with_notice(self) -> List[Dict[str, Any]]:
        """The messages, preceded by the redaction notice when something was removed.

        The notice carries the stored (redacted) user text in ``custom`` so a client can
        show the message as it was kept; Rasa's REST format allows ``custom`` on a message.
        """
        if not self.prepared.notice:
            return list(self.messages)
        notice = {
            "recipient_id": self.prepared.sender_id,
            "text": self.prepared.notice,
            "custom": {
                "redaction": {"text": self.prepared.text, "types": list(self.prepared.types)}
            },
        }
        return [notice, *self.messages]


def validate_text(raw: Any, max_chars: int) -> str:
    """The message text, or a 400 (missing, not text, blank, NUL/surrogates) / 413 (too long)."""
    if not isinstance(raw, str):
        raise ApiError(400, "missing_message", "\"message\" must be a non-empty string.")
    if not raw.strip():
        raise ApiError(400, "empty_message", "\"message\" must not be empty.")
    if len(raw) > max_chars:
        raise message_too_long(max_chars)
    check_text(raw)  # socket.io messages do not pass read_json's check
    return raw


def prepare(
    context: ChatContext, sender_id: str, raw_text: Any, metadata: ChatMetadata
) -> PreparedMessage:
    """Rate-limit, validate and redact one message. Raises :class:`ApiError`."""
    check_rate(context.conversation_limiter, sender_id, "conversation")
    text = validate_text(raw_text, context.config.max_message_chars)
    result = redact(text, lang=None)  # language unknown until detected: all three run
    del text, raw_text
    types = tuple(result.types)
    lang = detect_language(result.text, metadata.lang or "en")
    notice = (
        redaction_notice.notice(types, lang, context.config.retention_days) if types else None
    )
    logger.debug(
        "message in: sender=%s chars=%d redacted=%s",
        sender_ref(sender_id),
        len(result.text),
        ",".join(types) or "-",
    )
    return PreparedMessage(sender_id, result.text, types, metadata, lang, notice, context.config.retention_days)


async def _payload_or_text(agent: Any, prepared: PreparedMessage) -> PreparedMessage:
    """The message with a ``/`` the bot did not offer turned into plain text (see payloads)."""
    text = await payloads.resolve(agent, prepared.sender_id, prepared.text)
    if text == prepared.text:
        return prepared
    if not text.strip():
        raise ApiError(400, "empty_message", "\"message\" must not be empty.")
    logger.debug("message in: sender=%s unoffered payload read as text", sender_ref(prepared.sender_id))
    return dataclasses.replace(prepared, text=text)


async def deliver(
    context: ChatContext,
    prepared: PreparedMessage,
    channel: str,
    output_channel: Any = None,
) -> Reply:
    """Hand a prepared message to the agent, then carry out the customer's requests of the turn.

    Raises StoreUnavailable when the store is down (nothing kept): the HTTP error middleware
    answers 503, socket.io says so in the conversation.
    """
    agent = await context.agent.get()
    prepared = await _payload_or_text(agent, prepared)
    collector = output_channel or CollectingOutputChannel()
    held = rights.intercept(output_channel) if output_channel is not None else []
    message = UserMessage(
        prepared.text,
        collector,
        prepared.sender_id,
        input_channel=channel,
        metadata=prepared.agent_metadata(),
    )
    messages = await agent.handle_message(message)
    messages = list(messages or []) if output_channel is None else []
    # The customer's requests (delete, download, opt-out) run now that the turn is saved.
    messages, deleted = await rights.after_turn(
        context, agent, prepared, channel, messages, held, output_channel
    )
    logger.debug("reply out: sender=%s messages=%d", sender_ref(prepared.sender_id), len(messages))
    return Reply(prepared, messages, deleted)
