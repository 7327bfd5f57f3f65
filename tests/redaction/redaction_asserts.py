"""Assertions shared by the redaction tests."""
from __future__ import annotations

from redaction import redact


def spans_of(result, entity_type=None):
    """The (start, end) of every finding, optionally of one type."""
    return [(f.start, f.end) for f in result.findings if entity_type is None or f.type == entity_type]


def assert_removed(original: str, value: str, result, entity_type=None) -> None:
    """``value`` sits in ``original`` and a finding (of ``entity_type``) covers all of it."""
    start = original.index(value)
    end = start + len(value)
    covering = [f for f in result.findings if f.start <= start and f.end >= end]
    assert covering, f"{value!r} not redacted: {result.text!r}"
    if entity_type:
        assert covering[0].type == entity_type, f"{value!r} found as {covering[0].type}, expected {entity_type}"
    assert value not in result.text


def removed_as(text: str, lang, value: str, entity_type: str) -> bool:
    """``value`` (in ``text``) is covered by a finding of ``entity_type`` when ``text`` is redacted in ``lang``."""
    start = text.index(value)
    end = start + len(value)
    return any(f.type == entity_type and f.start <= start and f.end >= end for f in redact(text, lang).findings)


def assert_nothing_found(text: str, lang) -> None:
    """Redacting ``text`` in ``lang`` finds nothing (the redacted text is shown if it does)."""
    result = redact(text, lang)
    assert result.findings == (), result.text
