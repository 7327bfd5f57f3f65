"""Nordic identifiers and other direct identifiers are found and validated."""
from __future__ import annotations

import pytest
from stdnum import luhn

from redaction import redact
from redaction.synthetic import cpr_passes_mod11

from redaction_asserts import assert_removed


# --- Danish CPR -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["010203-1234", "0102031234", "010203 1234", "01.02.03-1234", "01 02 03 1234", "０１０２０３－１２３４"],
)
def test_cpr_in_every_written_form_is_removed(value):
    text = f"Mit cpr-nummer er {value}, kan I slette det?"
    assert_removed(text, value, redact(text, "da"), "DK_CPR")


def test_cpr_failing_modulus_11_is_still_redacted():
    # 070761-4280 has a valid date and century digit but fails the old mod-11 rule,
    # as numbers issued since 2007 may.
    value = "070761-4280"
    assert not cpr_passes_mod11(value.replace("-", ""))
    text = f"cpr {value}"
    assert_removed(text, value, redact(text, "da"), "DK_CPR")


@pytest.mark.parametrize(
    "value",
    [
        "320190-1234",  # day 32
        "011390-1234",  # month 13
    ],
)
def test_cpr_with_impossible_day_or_month_is_kept(value):
    text = f"Mit cpr er {value}"
    result = redact(text, "da")
    assert "DK_CPR" not in result.types
    assert value in result.text or "SE_" in "".join(result.types)


@pytest.mark.parametrize(
    "value",
    [
        "290223-4123",  # 7th digit 4 + year 23 = 2023, not a leap year
        "010150-5123",  # 7th digit 5 + year 50 = 2050, not born yet
    ],
)
def test_cpr_with_impossible_century_is_removed_only_after_a_cpr_word(value):
    # What a customer calls their CPR number goes even when its century digit is off
    # (a typo, a number invented for a test form); without the word it is just digits.
    cued = f"Mit cpr er {value}"
    assert_removed(cued, value, redact(cued, "da"), "DK_CPR")
    plain = f"Nummeret {value} står på brevet"
    assert "DK_CPR" not in redact(plain, "da").types


def test_cpr_glued_to_words_and_punctuation():
    text = "cpr:0102031234.Tak"
    assert_removed(text, "0102031234", redact(text, "da"), "DK_CPR")


# --- Swedish personnummer and samordningsnummer ------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["811218-9876", "8112189876", "19811218-9876", "198112189876", "811218 9876", "19811218 9876"],
)
def test_personnummer_forms_are_removed(value):
    text = f"Mitt personnummer är {value}."
    assert_removed(text, value, redact(text, "sv"), "SE_PERSONNUMMER")


def test_personnummer_of_a_centenarian_uses_plus():
    body = "181212001"  # born 12 December 1918: written with '+' from the year they turn 100
    value = f"181212+001{luhn.calc_check_digit(body)}"
    text = f"Min mormors personnummer är {value}."
    assert_removed(text, value, redact(text, "sv"), "SE_PERSONNUMMER")


def test_personnummer_with_wrong_check_digit_is_kept():
    text = "personnummer 811218-9875"
    assert "SE_PERSONNUMMER" not in redact(text, "sv").types


def test_personnummer_with_impossible_date_is_kept():
    # 19900230: 30 February. Luhn-valid check digit computed so only the date is wrong.
    body = "900230123"
    text = f"personnummer 900230-123{luhn.calc_check_digit(body)}"
    assert "SE_PERSONNUMMER" not in redact(text, "sv").types


def test_samordningsnummer_day_plus_60():
    body = "811278987"  # 18 December 1981, day + 60
    value = f"811278-987{luhn.calc_check_digit(body)}"
    text = f"Mitt samordningsnummer är {value}"
    assert_removed(text, value, redact(text, "sv"), "SE_SAMORDNINGSNUMMER")


# --- phones, e-mail, cards, IBAN, bank, plates, IP --------------------------------------
@pytest.mark.parametrize(
    "text,value",
    [
        ("Ring til mig på 20 30 40 50", "20 30 40 50"),
        ("mit mobilnummer er 20304050", "20304050"),
        ("tlf. 2030 4050", "2030 4050"),
        ("Ring +45 20 30 40 50", "+45 20 30 40 50"),
        ("Kontakt 0045 20304050", "0045 20304050"),
    ],
)
def test_danish_phone_numbers(text, value):
    assert_removed(text, value, redact(text, "da"), "PHONE_NUMBER")


@pytest.mark.parametrize(
    "text,value",
    [
        ("Ring mig på 070-123 45 67", "070-123 45 67"),
        ("mobil 0701234567", "0701234567"),
        ("Nås på +46 70 123 45 67", "+46 70 123 45 67"),
        ("Telefon 08-123 456 78", "08-123 456 78"),
    ],
)
def test_swedish_phone_numbers(text, value):
    assert_removed(text, value, redact(text, "sv"), "PHONE_NUMBER")


def test_bare_eight_digits_without_context_stay_because_they_may_be_references():
    text = "Referencen 20304050 virker ikke"
    assert redact(text, "da").text == text


def test_email_addresses_and_bad_domains():
    text = "Skriv til mette.hansen@firma.dk eller (lars+ok@post.tele.dk)."
    result = redact(text, "da")
    assert result.text == "Skriv til <EMAIL_ADDRESS> eller (<EMAIL_ADDRESS>)."
    assert redact("fejl: a@b.notarealtld", "da").findings == ()


@pytest.mark.parametrize("value", ["4571 1234 5678 9016", "4571-1234-5678-9016", "4571.1234.5678.9016", "3782 822463 10005"])
def test_payment_cards_with_valid_luhn(value):
    assert luhn.is_valid("".join(ch for ch in value if ch.isdigit())), "fixture must be Luhn-valid"
    text = f"Kortnummer {value}"
    assert_removed(text, value, redact(text, "da"), "CREDIT_CARD")


def test_card_number_with_wrong_check_digit_is_kept():
    text = "Kort 4571 1234 5678 9011"
    assert "CREDIT_CARD" not in redact(text, "da").types


def test_iban_is_cut_at_the_valid_end():
    text = "Min IBAN er DK50 0040 0440 1162 43 OK?"
    result = redact(text, "da")
    assert result.text == "Min IBAN er <IBAN_CODE> OK?"


def test_iban_with_wrong_checksum_is_kept():
    assert "IBAN_CODE" not in redact("IBAN DK51 0040 0440 1162 43", "da").types


def test_danish_bank_account():
    text = "Mit reg.nr. 1234 og kontonr. 1234567890, tak"
    result = redact(text, "da")
    assert result.types == ("DK_BANK_ACCOUNT",)
    assert "1234567890" not in result.text


def test_licence_plate():
    text = "Min nummerplade er AB 12 345 og bilen hedder Bettina"
    assert_removed(text, "AB 12 345", redact(text, "da"), "DK_LICENCE_PLATE")


def test_ip_addresses_valid_only():
    text = "Min IP er 192.0.2.44 og ikke 999.1.1.1"
    result = redact(text, "da")
    assert result.text == "Min IP er <IP_ADDRESS> og ikke 999.1.1.1"
    assert_removed("ip 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334", redact("ip 2001:db8::8a2e:370:7334", "en"), "IP_ADDRESS")


def test_full_width_digits_and_dashes():
    text = "cpr ０１０２０３－１２３４ tlf ２０ ３０ ４０ ５０"
    result = redact(text, "da")
    assert result.text == "cpr <DK_CPR> tlf <PHONE_NUMBER>"
