"""Assertions shared by the redaction tests."""
from __future__ import annotations


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
