"""The rule for client-named sender ids (REST webhook): ids, never personal data.

A sender id is the conversation's key: it is stored, indexed and used in lock keys, and
cannot be redacted there. So it is checked instead, and refused with a 400 naming the rule:

1. ``missing_sender``: REST requests must name their sender (no shared ``default``
   conversation that any client could read back or have deleted).
2. ``sender_length``: 1 to 128 characters.
3. ``sender_characters``: only ASCII letters, digits and ``_ - . :``. This leaves no room
   for ``@``, ``%40``, spaces, zero-width or look-alike characters.
4. ``sender_personal_data``: the redactor (``redaction.redact``, with its own
   normalisation) finds nothing in the id as written, nor with ``_ - . :`` read as spaces,
   nor in any group of digits read as if labelled a phone number (an id carries no context
   words, so ``20304050`` is treated as the phone number it may be). UUIDs are machine
   tokens and skipped, so ``uuid4()`` ids always pass.

Ids the server issued to the widget (``cv_...``) are a separate case: they are refused
here with 403 (see ``rest_channel``) and accepted only with their secret elsewhere.
"""
from __future__ import annotations

import functools
import re
from typing import List

from redaction import redact

from bot.web.responses import ApiError

MAX_SENDER_CHARS = 128
_ALLOWED = re.compile(r"^[A-Za-z0-9_.:-]+$")
_SEPARATORS = re.compile(r"[_.:\-]+")
_UUID = re.compile(
    r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
)
_DIGIT_RUN = re.compile(r"\d+(?: \d+)*")
# Digits shorter than this are counters ("user-42"), not identifiers or phone numbers.
MIN_LABELLED_DIGITS = 6
PHONE_CONTEXT = "tlf "


def _rule(code: str, message: str) -> ApiError:
    return ApiError(400, code, message)


def views(sender: str) -> List[str]:
    """The texts the redactor is run on for one sender id (see the module docstring)."""
    # A UUID is a machine token wherever it stands ("user-<uuid>" too): its digit groups are
    # never read as a phone number, in any view.
    without_uuids = _UUID.sub(" ", sender).strip()
    spaced = _SEPARATORS.sub(" ", without_uuids).strip()
    found = [without_uuids, spaced]
    for run in _DIGIT_RUN.findall(spaced):
        if sum(ch.isdigit() for ch in run) >= MIN_LABELLED_DIGITS:
            found.append(PHONE_CONTEXT + run)
    return [view for view in found if view]


@functools.lru_cache(maxsize=4096)
def carries_personal_data(sender: str) -> bool:
    """True when any recognizer finds something in any view of ``sender`` (cached: ids repeat)."""
    return any(redact(view).findings for view in views(sender))


def validate(raw: object) -> str:
    """The sender id, or an :class:`ApiError` (400) naming the rule it breaks."""
    if raw is None:
        raise _rule("missing_sender", "\"sender\" is required: name the conversation with an id of your own (e.g. a UUID).")
    if not isinstance(raw, str) or not (1 <= len(raw) <= MAX_SENDER_CHARS):
        raise _rule("sender_length", f"\"sender\" must be a string of 1 to {MAX_SENDER_CHARS} characters.")
    if not _ALLOWED.match(raw):
        raise _rule(
            "sender_characters",
            "\"sender\" may contain only ASCII letters, digits and _ - . : (no spaces, @ or %).",
        )
    if carries_personal_data(raw):
        raise _rule(
            "sender_personal_data",
            "\"sender\" must not contain personal data (such as a phone, CPR or personnummer); "
            "use a random id such as a UUID.",
        )
    return raw
