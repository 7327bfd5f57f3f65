"""Names from the name lists (first name alone, lower case after a cue, sign-offs),
Swedish and Danish licence plates and Danish bank accounts in their common spellings."""
from __future__ import annotations

import pytest

from redaction import redact


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "Details: Lars Lindqvist, Aarhus", "Details: <PERSON>, Aarhus"),
        ("da", "ring til jens i morgen", "ring til <PERSON> i morgen"),
        ("da", "Tak for hjælpen /Jens", "Tak for hjælpen /<PERSON>"),
        ("da", "Mette ringede i går", "<PERSON> ringede i går"),
        ("sv", "Jag pratade med karin igår", "Jag pratade med <PERSON> igår"),
        ("da", "hilsen ole", "hilsen <PERSON>"),
        ("da", "Mvh\nmette", "Mvh\n<PERSON>"),
        ("en", "Hi, this is john", "Hi, this is <PERSON>"),
        # from the lists derived from names-dataset (redaction/data/build_name_lists.py)
        ("sv", "Uppgifter: Torbjörn Sjölander, Malmö", "Uppgifter: <PERSON>, Malmö"),
        ("da", "Kontakt Agnethe Rosenkilde om sagen", "Kontakt <PERSON> om sagen"),
        ("da", "mvh torbjörn", "mvh <PERSON>"),
    ],
)
def test_names_without_an_introduction_are_removed(lang, text, expected):
    assert redact(text, lang).text == expected


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "I will call you in May"),
        ("da", "Hans bil er rød"),
        ("da", "Anders end sidst virker det nu"),
        ("da", "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby"),
        ("en", "Will you mark my request as done?"),
        ("en", "I'm sorry, it's done"),
        ("da", "Det gælder også til andre kunder fra maj"),
        ("en", "Is it the same with german customers?"),
    ],
)
def test_everyday_words_that_are_also_names_stay(lang, text):
    assert redact(text, lang).text == text


@pytest.mark.parametrize(
    "lang,text,kind",
    [
        ("sv", "min bil har ABC 123", "SE_LICENCE_PLATE"),
        ("sv", "regnr abc12d", "SE_LICENCE_PLATE"),
        ("da", "nummerplade ab 12 345", "DK_LICENCE_PLATE"),
        ("da", "Min bil: AB-12-345", "DK_LICENCE_PLATE"),
        ("da", "1234-1234567890", "DK_BANK_ACCOUNT"),
        ("da", "Overfør til 1234 - 0001234567", "DK_BANK_ACCOUNT"),
        ("da", "reg 1234 konto 12 34 56 78 90", "DK_BANK_ACCOUNT"),
        ("da", "regnr: 1234, kontonummer: 0001234567", "DK_BANK_ACCOUNT"),
    ],
)
def test_plates_and_bank_accounts_are_removed(lang, text, kind):
    result = redact(text, lang)
    assert result.types == (kind,)
    assert not any(ch.isdigit() for ch in result.text)


def test_order_numbers_are_not_plates_or_accounts():
    assert redact("order ABC123 och order 2024-1234567890", "sv").findings == ()
    assert redact("ordre 2024-1234567890", "da").findings == ()
