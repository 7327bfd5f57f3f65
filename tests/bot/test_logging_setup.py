"""No log line carries a message's content, whatever the level."""
from __future__ import annotations

import io
import logging

import structlog

from bot import logging_setup

SECRET_TEXT = "min hemmelige besked om diabetes"


def test_structlog_events_keep_only_their_name_even_at_debug() -> None:
    out = io.StringIO()
    logging_setup.configure("DEBUG", stream=out)
    # The shape of Rasa 3.6's own debug event that leaked user text when measured.
    structlog.get_logger().warning(
        "processor.message.parse", parse_data_text=SECRET_TEXT, parse_data_entities=[SECRET_TEXT]
    )
    written = out.getvalue()
    assert "processor.message.parse" in written
    assert SECRET_TEXT not in written


def test_third_party_debug_lines_are_dropped_and_warnings_redacted() -> None:
    out = io.StringIO()
    logging_setup.configure("DEBUG", stream=out)
    rasa_logger = logging.getLogger("rasa.core.processor")
    rasa_logger.debug("Received user message '%s'", SECRET_TEXT)
    rasa_logger.warning("could not handle message from %s", "kontakt mig på kunde.test@example.org")
    written = out.getvalue()
    assert SECRET_TEXT not in written
    assert "kunde.test@example.org" not in written
    assert "could not handle message" in written


def test_own_loggers_follow_the_configured_level() -> None:
    out = io.StringIO()
    logging_setup.configure("DEBUG", stream=out)
    logging.getLogger("bot.web").debug("conversation %s: %d findings", "c-1", 2)
    assert "conversation c-1: 2 findings" in out.getvalue()
