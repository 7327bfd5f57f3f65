"""Shared fixtures: one engine with every recognizer on, built once per session."""
from __future__ import annotations

import pytest

import redaction


@pytest.fixture(scope="session", autouse=True)
def all_recognizers_on():
    """Tests describe the full redactor, whatever PRIVACYBOT_DISABLED_RECOGNIZERS says."""
    redaction.configure([])
    redaction.warm_up()
    yield
    redaction.configure(None)
