"""No log record, at any level, carries a message's text."""
from __future__ import annotations

import logging

from redaction import redact


def test_debug_logging_carries_no_message_text(caplog):
    secrets = ("Mette", "010203-1234", "mette@firma.dk", "diabetes", "tlf")
    text = "Jeg hedder Mette, tlf 20 30 40 50, cpr 010203-1234, mette@firma.dk, jeg har diabetes"
    with caplog.at_level(logging.DEBUG):
        for name in ("presidio-analyzer", "decision_process", "redaction", ""):
            logging.getLogger(name).setLevel(logging.DEBUG)
        redact(text, "da")
        redact(text, None)
    for record in caplog.records:
        message = record.getMessage()
        assert not any(secret in message for secret in secrets), (record.name, message)


def test_presidio_debug_records_quoting_words_are_dropped(caplog):
    """Presidio's own context enhancer logs the words around a match at DEBUG
    ("Context list is: ..."); importing redaction filters those records out, even
    for a stock Presidio engine running in the same process."""
    from presidio_analyzer import AnalyzerEngine

    from redaction.engine import get_engine

    stock = AnalyzerEngine(nlp_engine=get_engine().analyzer.nlp_engine, supported_languages=["en"])
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("presidio-analyzer").setLevel(logging.DEBUG)
        results = stock.analyze("Sarah said my phone number is 212-555-5555", language="en")
    assert results  # the stock engine did run its context enhancement
    assert not [r for r in caplog.records if "Sarah" in r.getMessage() or "phone" in r.getMessage()]
