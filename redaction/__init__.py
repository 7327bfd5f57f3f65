"""Presidio-based redaction of personal and special-category data (da/sv/en).

    from redaction import redact, redact_structure, Finding, RedactionResult
    redact("mit cpr er 010203-1234", "da").text  ->  "mit cpr er <DK_CPR>"

Nothing a customer types may be stored, logged or exported before it has passed
through :func:`redact`. See docs/redaction.md for the design decisions.
"""
from redaction.engine import configure, get_engine
from redaction.redactor import placeholder, redact, redact_structure
from redaction.result import Finding, RedactionResult


def warm_up() -> None:
    """Build the engine now (a few seconds) instead of on the first message."""
    get_engine()


__all__ = [
    "Finding",
    "RedactionResult",
    "configure",
    "placeholder",
    "redact",
    "redact_structure",
    "warm_up",
]
