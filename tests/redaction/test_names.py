"""Names are redacted where the message states them."""
from __future__ import annotations

import pytest

from redaction import redact

CASES = [
    ("da", "Hej, jeg hedder Mette Hansen og har et spørgsmål", "Mette Hansen"),
    ("da", "jeg hedder mette og bor i Aarhus", "mette"),
    ("da", "Mit navn er Søren Østergaard.", "Søren Østergaard"),
    ("da", "Tak for hjælpen.\nMvh\nLars Jensen", "Lars Jensen"),
    ("da", "Tak! Mvh. Anne", "Anne"),
    ("da", "Hej OK, Freja Holm her. Hvad gemmer I?", "Freja Holm"),
    ("sv", "Hej, jag heter Åsa Lindqvist", "Åsa Lindqvist"),
    ("sv", "Mitt namn är Björn Karlsson.", "Björn Karlsson"),
    ("sv", "Tack!\nMed vänlig hälsning\nErik Nilsson", "Erik Nilsson"),
    ("en", "My name is Sarah Jones and I want my data", "Sarah Jones"),
    ("en", "Thanks for the help.\nKind regards,\nJames Taylor", "James Taylor"),
]


@pytest.mark.parametrize("lang,text,name", CASES)
def test_stated_name_is_redacted(lang, text, name):
    result = redact(text, lang)
    start = text.index(name)
    assert ("PERSON", start, start + len(name)) in [(f.type, f.start, f.end) for f in result.findings]
    assert name not in result.text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("da", "Jeg hedder ikke noget særligt"),
        ("da", "Mvh kundeservice"),
        ("en", "I am happy with the service, regards"),
        ("en", "Please call me at home"),
    ],
)
def test_no_name_no_redaction(lang, text):
    assert "PERSON" not in redact(text, lang).types
