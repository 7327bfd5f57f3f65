"""The two privacy policies hold no customer's personal data: redacting them changes nothing.

They are full of what must stay (the companies' CVR/org.nr, phone numbers, e-mail
addresses, street addresses, section numbers, dates) and of topic words
("helbredsoplysninger", "CPR-nr.", "känsliga personuppgifter").
"""
from __future__ import annotations

from pathlib import Path

import pytest

from redaction import redact

POLICIES = Path(__file__).resolve().parents[2].parent / "shared" / "policies"


@pytest.mark.parametrize("name,lang", [("000_3f9a8c9babb24602.txt", "da"), ("004_7fd1a59af3fbb056.txt", "sv")])
def test_policy_text_is_left_as_it_is(name, lang):
    lines = [line for line in (POLICIES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 100
    for language in (lang, None):
        changed = [(n, redact(line, language).types) for n, line in enumerate(lines, 1) if redact(line, language).findings]
        assert changed == []
