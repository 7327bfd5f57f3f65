"""Identifiers fail closed: surrounding words never keep a valid CPR number,
personnummer, card, IBAN or e-mail; only the allow-list does.

Synthetic values: 090244-4141 (real date, fails modulus 11), 160302-3662 (valid
personnummer), 3777 6317 0669 079 (Luhn-valid, no cue word needed).
"""
from __future__ import annotations

import pytest

from redaction import redact

CASES = [
    ("da", "ring 0902444141 i morgen", "DK_CPR"),
    ("da", "Jeg bad om en kreditvurdering med 090244-4141", "DK_CPR"),
    ("da", "ordrenummer 090244-4141 er mit cpr", "DK_CPR"),
    ("da", "Mit ordrenr. står her, og 090244-4141 koster 200 kr", "DK_CPR"),
    ("da", "090244-4141 kr", "DK_CPR"),
    ("en", "call me about 090244-4141", "DK_CPR"),
    ("sv", "fakturan gäller 160302-3662", "SE_PERSONNUMMER"),
    ("en", "my order 3777 6317 0669 079", "CREDIT_CARD"),
    ("en", "3777631706690 79", "CREDIT_CARD"),
    ("da", "faktura DK50 0040 0440 1162 43", "IBAN_CODE"),
    ("da", "ordre mette@example.dk", "EMAIL_ADDRESS"),
]


@pytest.mark.parametrize("lang,text,kind", CASES)
def test_valid_identifier_is_removed_whatever_the_words_around_it(lang, text, kind):
    result = redact(text, lang)
    assert kind in result.types, result.text
    assert not any(ch.isdigit() for ch in result.text.replace("200", "")), result.text


def test_unknown_language_fails_closed_too():
    assert redact("ordrenummer 090244-4141", None).types == ("DK_CPR",)


def test_phone_word_keeps_the_phone_label_for_a_swedish_mobile_number():
    # 070-123 45 67 is also CPR-shaped (07-01-23): both readings remove it, the phone label wins.
    assert redact("ring mig på 070-123 45 67", "sv").types == ("PHONE_NUMBER",)


def test_only_the_allow_list_keeps_a_match():
    assert redact("org.nr 556520-6199 och tel 010 179 72 80", "sv").findings == ()
