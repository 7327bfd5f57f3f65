"""Shared fixtures: one engine with every recognizer on, built once per session."""
from __future__ import annotations

import pytest

import redaction


@pytest.fixture(scope="session", autouse=True)
def all_recognizers_on():
    """Tests describe the full redactor (the defaults: every recognizer, every language)."""
    redaction.configure()
    redaction.warm_up()
    yield
    redaction.configure()
