"""Obfuscated identifiers: normalised before matching, removed from the ORIGINAL text.

The values are synthetic: 090244-4141 has a real date and fails modulus 11 (legal
since 2007); 3777 6317 0669 079 is a Luhn-valid card; 160302-3662 a valid personnummer.
"""
from __future__ import annotations

import pytest

from redaction import redact
from redaction.normalize import normalise

CPR = "0902444141"
ZW = ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"]


@pytest.mark.parametrize("invisible", ZW)
def test_invisible_characters_inside_a_cpr_number_are_removed_with_it(invisible):
    value = f"09{invisible}02{invisible}44-41{invisible}41"
    text = f"mit nummer: {value} tak"
    result = redact(text, "da")
    assert result.text == "mit nummer: <DK_CPR> tak"
    assert invisible not in result.text


@pytest.mark.parametrize(
    "written",
    [
        "٠٩٠٢٤٤-٤١٤١",  # Arabic-Indic digits
        "۰۹۰۲۴۴-۴۱۴۱",  # Extended Arabic-Indic
        "𝟎𝟗𝟎𝟐𝟒𝟒-𝟒𝟏𝟒𝟏",  # mathematical bold
        "０９０２４４－４１４１",  # full width
        "O9O244-4l4l",  # letter O for zero, l for one
        "09o244 4I4I",
        "090244_4141",
        "090244--4141",
        "09..02..44..4141",
        "0 9 0 2 4 4 4 1 4 1",  # digit by digit
        "0 9 0 2 4 4 - 4 1 4 1",
        "09 02 44  41 41",
        "090244 - 4141",
    ],
)
def test_cpr_written_in_other_digits_or_separators_is_removed(written):
    text = f"Ring ikke, men her er det: {written}. Mvh"
    result = redact(text, "da")
    assert "<DK_CPR>" in result.text, result.text
    assert result.text.startswith("Ring ikke, men her er det: <DK_CPR>.")


def test_offsets_point_into_the_original_text():
    text = "cpr\u200b: 09\u200b0244-4141!"
    result = redact(text, "da")
    (finding,) = result.findings
    assert text[finding.start : finding.end] == "09\u200b0244-4141"
    assert result.text == "cpr\u200b: <DK_CPR>!"


def test_normalised_view_maps_every_character_back():
    view = normalise("a\u00adb ٣ ﬁ")
    assert view.text == "ab 3 fi"
    assert view.span(0, 2) == (0, 3)  # "ab" covers the soft hyphen between them
    assert view.span(5, 7) == (6, 7)  # "fi" is one ligature


def test_words_with_o_and_l_are_not_read_as_digits():
    text = "Hello 2024, Ole og Ib bor i Lolland 12"
    assert normalise(text).text == text


@pytest.mark.parametrize(
    "written",
    [
        "mette.hansen (at) example (dot) com",
        "mette.hansen [at] example [dot] com",
        "mette.hansen [at] example.com",
        "mette.hansen{at}example.com",
        "mette.hansen @ example.com",
        "mette.hansen@ example .com",
        "mette.hansen at example dot com",
        "mette.hansen (snabel-a) example (punkt) dk",
        "mette.h at example.com",
    ],
)
def test_obfuscated_email_addresses_are_removed(written):
    result = redact(f"skriv til {written} i morgen", "da")
    assert result.text == "skriv til <EMAIL_ADDRESS> i morgen"


def test_plain_at_in_a_sentence_is_no_address():
    assert redact("we meet at home dot com", "en").findings == ()
    assert redact("we meet at 10.30 at cafe.dk", "en").findings == ()
    assert redact("I work at google.com", "en").findings == ()


def test_plain_at_after_a_mail_word_is_an_address():
    assert redact("min mail er mette at gmail.com", "da").text == "min mail er <EMAIL_ADDRESS>"


def test_obfuscated_company_address_stays():
    assert redact("skriv til ok (at) ok (dot) dk", "da").findings == ()


@pytest.mark.parametrize("written", ["DK50  0040  0440  1162  43", "DK50\u200b0040 0440 1162 43", "DK50 0040 0440 1162 43"])
def test_iban_with_double_spaces_or_invisible_characters_is_removed(written):
    assert redact(f"IBAN: {written}.", "da").text == "IBAN: <IBAN_CODE>."
