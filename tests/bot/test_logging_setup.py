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


def test_a_library_logging_while_the_redactor_is_built_does_not_deadlock(monkeypatch) -> None:
    # Seen in a fresh clone: the first third-party warning builds the redactor under its
    # (non-reentrant) lock, a library logs while it initialises, and that line waited for
    # the same lock. Here the "build" holds a lock and logs, exactly like that.
    import threading

    from redaction import redactor

    out = io.StringIO()
    logging_setup.configure("DEBUG", stream=out)
    build_lock = threading.Lock()
    original = redactor.get_engine

    def engine_built_under_a_lock():
        with build_lock:
            logging.getLogger("somelibrary.init").warning("initialising %s", "pipeline")
            return original()

    monkeypatch.setattr(redactor, "get_engine", engine_built_under_a_lock)
    done = threading.Event()

    def log_a_warning() -> None:
        logging.getLogger("rasa.core").warning("could not handle message")
        done.set()

    threading.Thread(target=log_a_warning, daemon=True).start()
    assert done.wait(timeout=60), "logging deadlocked while the redactor was being built"
    assert "could not handle message" in out.getvalue()


def test_library_deprecation_noise_is_logged_once_at_debug_and_our_warnings_at_warning(caplog) -> None:
    from bot.logging_setup import log_warning

    library = "/x/.venv/lib/python3.10/site-packages/somelib/api.py"
    with caplog.at_level(logging.DEBUG, logger="py.warnings"):
        for _ in range(3):
            log_warning("old api, used with 'secret text'", DeprecationWarning, library, 12)
        log_warning("something odd", UserWarning, "/work/main/bot/agent.py", 40)
    records = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "py.warnings"]
    assert records == [
        (logging.DEBUG, "DeprecationWarning at api.py:12 (text withheld)"),
        (logging.WARNING, "UserWarning at agent.py:40 (text withheld)"),
    ]
