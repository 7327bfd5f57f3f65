"""Logging that never carries a message's content.

Rasa 3.6 logs through structlog, and at debug level its events include the user's
text (``processor.message.parse ... parse_data_text=...``). Rather than listing the
keys that may hold content (a list that goes stale with every Rasa release), every
structlog event is reduced to its name and level: nothing else survives. Third-party
stdlib loggers are capped at WARNING, and their lines pass through the redactor
as a last line of defence, because a library may put user input in an error message.
Python ``warnings`` are logged by category and place only: their text is never kept, because
libraries quote their input in it (Rasa's "Failed to parse arguments in line '<the message>'").
"""
from __future__ import annotations

import logging
import os
import sys
import threading
import warnings
from typing import Any, Dict, Iterable, Optional, TextIO, Type

OWN_LOGGERS = ("bot", "actions", "redaction")
# Libraries known to log inputs at debug/info level: never below WARNING.
NOISY_LOGGERS = (
    "rasa",
    "rasa_sdk",
    "presidio-analyzer",
    "presidio_analyzer",
    "sanic",
    "socketio",
    "engineio",
    "tensorflow",
    "absl",
    "urllib3",
    "apscheduler",
    "sqlalchemy",
    "alembic",
    "asyncio",
    "aiohttp.server",
    "aiohttp.web",
    "spacy",
    "jax",
    "bm25s",
)
# Warnings about libraries' own futures: known noise for whoever runs the server, logged once per
# place at DEBUG. Any other warning, and any warning from our own code, is logged at WARNING.
LIBRARY_NOISE = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ImportWarning)
_seen_warnings: set = set()
_redacting = threading.local()
WARNINGS_LOGGER = "py.warnings"


def _names_only(_: Any, method_name: str, event_dict: Dict[str, Any]) -> Dict[str, Any]:
    """structlog processor: keep the event name and level, drop every other key."""
    return {"event": str(event_dict.get("event", "")), "level": method_name}


class RedactingFilter(logging.Filter):
    """Redacts the rendered text of third-party log records before they are emitted."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.split(".")[0] in OWN_LOGGERS:
            return True  # our code logs ids, counts and types only (enforced by tests)
        if getattr(_redacting, "active", False):
            # A library logging while we redact another line (e.g. spaCy while the redactor is
            # first built): redacting it would wait for the redactor being built. Drop it.
            return False
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep its template only
            message = str(record.msg)
        _redacting.active = True
        try:
            # Here, not at the top: every `privacybot` command imports this module, and the
            # redactor takes seconds to import; only a process that logs library text needs it.
            from redaction import redact

            message = redact(message).text
        except Exception:
            message = f"<{record.name} log line withheld: could not redact>"
        finally:
            _redacting.active = False
        record.msg, record.args = message, None
        if record.exc_info:
            # Tracebacks may quote local values; keep the type, drop the text.
            exc_type = record.exc_info[0]
            record.msg = f"{message} [{exc_type.__name__ if exc_type else 'error'}]"
            record.exc_info, record.exc_text = None, None
        return True


def log_warning(
    message: Any,
    category: Type[Warning],
    filename: str,
    lineno: int,
    file: Optional[TextIO] = None,
    line: Optional[str] = None,
) -> None:
    """``warnings.showwarning`` replacement: category and place to the log, the text dropped.

    A warning's text is written by whoever raised it and may quote anything, user input
    included; redacting it would still keep what redaction misses, so it is not kept at all.
    """
    del message, file, line
    third_party = "site-packages" in filename or filename.startswith("<frozen")
    if third_party and (issubclass(category, LIBRARY_NOISE) or category.__name__.endswith("DeprecationWarning")
                        or category.__name__ == "MovedIn20Warning" or issubclass(category, UserWarning)):
        place = (category.__name__, filename, lineno)
        if place in _seen_warnings:
            return
        _seen_warnings.add(place)
        level = logging.DEBUG
    else:
        level = logging.WARNING
    logging.getLogger(WARNINGS_LOGGER).log(
        level, "%s at %s:%d (text withheld)", category.__name__, filename.rsplit("/", 1)[-1], lineno
    )


def route_warnings() -> None:
    """Send every Python warning through :func:`log_warning`, i.e. through logging."""
    warnings.showwarning = log_warning


def configure(level: str = "INFO", stream: Any = None) -> None:
    """Configure stdlib logging and structlog for the server process."""
    import structlog  # 0.1 s, for the server process only: not on every command's path

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        raise ValueError(f"unknown log level {level!r}")

    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(numeric)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(max(numeric, logging.WARNING))
    _quiet(logging.getLogger(n) for n in ("aiohttp.access",))
    route_warnings()

    structlog.configure(
        processors=[_names_only, structlog.processors.JSONRenderer()],
        wrapper_class=structlog.make_filtering_bound_logger(max(numeric, logging.WARNING)),
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stderr),
        cache_logger_on_first_use=False,
    )


def _quiet(loggers: Iterable[logging.Logger]) -> None:
    # Access logs carry client addresses and paths; the chat API puts no content
    # in paths, but addresses are personal data we have no use for.
    for logger in loggers:
        logger.setLevel(logging.WARNING)
