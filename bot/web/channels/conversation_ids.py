"""Server-issued conversation ids and the secrets that guard them.

The widget never names its own conversation: ``POST /api/conversations`` issues an id
and a secret, both from ``secrets`` (128 and 256 random bits). The store keeps only the
SHA-256 of the secret (bot.store.conversations), so a leaked database does not let
anyone read or delete a chat.
Issued ids carry the ``cv_`` prefix; the REST webhook (where clients name the sender,
as in Rasa) refuses that prefix, so the only way into an issued conversation is its
secret.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Optional

ID_PREFIX = "cv_"
ID_RANDOM_BYTES = 16  # 128 bits
SECRET_RANDOM_BYTES = 32  # 256 bits
_ID_RE = re.compile(r"^cv_[0-9a-f]{32}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")


@dataclass(frozen=True)
class IssuedConversation:
    """A new conversation's id and secret; the secret is shown to its client once."""

    id: str
    secret: str


def issue() -> IssuedConversation:
    """A fresh, unguessable conversation id and secret."""
    return IssuedConversation(
        id=ID_PREFIX + secrets.token_hex(ID_RANDOM_BYTES),
        secret=secrets.token_urlsafe(SECRET_RANDOM_BYTES),
    )


def is_issued_id(value: str) -> bool:
    """True for ids of the form this module issues."""
    return bool(_ID_RE.match(value))


def looks_like_secret(value: str) -> bool:
    """True when ``value`` has the form of an issued secret (checked before hashing)."""
    return bool(_SECRET_RE.match(value))


def bearer_token(authorization: Optional[str]) -> Optional[str]:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def session_token(conversation: IssuedConversation) -> str:
    """The socket.io ``session_id`` handed to a client: id and secret in one opaque string.

    Rasa's socket.io protocol has only the session id to identify a returning client,
    so that id has to carry the secret.
    """
    return f"{conversation.id}.{conversation.secret}"


def split_session_token(token: object) -> Optional[IssuedConversation]:
    """Parse a session token back into id and secret; None when it has the wrong form."""
    if not isinstance(token, str):
        return None
    conversation_id, _, secret = token.partition(".")
    if not is_issued_id(conversation_id) or not looks_like_secret(secret):
        return None
    return IssuedConversation(conversation_id, secret)
