"""The companies' own details and reference numbers are not personal data and stay."""
from __future__ import annotations

import pytest

from redaction import redact

KEPT = [
    ("da", "OK a.m.b.a., CVR-nr. 39170418, Åhave Parkvej 11, 8260 Viby J"),
    ("da", "ring til kundeservice på 70 10 20 33 eller tlf. 70102033"),
    ("da", "skriv til ok@ok.dk"),
    ("da", "Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby, tlf. 33 19 32 00 eller e-mail dt@datatilsynet.dk"),
    ("sv", "OJCO AB, org. nr 556520-6199, Drottninggatan 60, 252 21 Helsingborg, e-mail: security@ojco.se"),
    ("sv", "ring OJCO +46 (0) 10 179 72 80 eller 010 179 72 80"),
    ("sv", "maila till secruity@Ojco.se"),
    ("en", "Call +46 (0)10 179 72 80 or mail security@ojco.se"),
    ("da", "Mit ordrenummer er 12345678"),
    ("da", "Fakturanr. 2030405060 er betalt"),
    ("da", "Kundenummer 20304050"),
    ("da", "Jeg har betalt 1.234,50 kr. og 20304050 kr"),
    ("da", "Regningen fra 12.03.2024 og 2024-03-12"),
    ("da", "Postnummer 8260 Viby J"),
    ("da", "Se afsnit 6.3 og punkt 11.4"),
    ("en", "My order number is 90754131"),
    ("en", "Invoice INV-20304050 for DKK 4500"),
    ("en", "Version 2.3.1.4 crashes"),
    ("da", "CVR 12345678 er et andet firma"),
]


# Fail closed (docs/redaction.md): a number that IS a valid identifier by shape, date
# and check digit is removed whatever word stands before it; the cost is these.
FAIL_CLOSED_COST = [
    ("sv", "Ordernummer 0701234567 gäller", "DK_CPR"),  # 07-01-23 and the CPR shape
    ("da", "Målepunkt-ID 571313190001234567 står på regningen", "CREDIT_CARD"),  # Luhn-valid, 18 digits
]


@pytest.mark.parametrize("lang,text,kind", FAIL_CLOSED_COST)
def test_valid_identifier_shapes_are_removed_even_after_reference_words(lang, text, kind):
    assert redact(text, lang).types == (kind,)


@pytest.mark.parametrize("lang,text", KEPT)
def test_kept_unchanged(lang, text):
    assert redact(text, lang).text == text


def test_allow_list_does_not_hide_a_customers_own_number_next_to_it():
    text = "Jeg ringede til 70 10 20 33 fra mit nummer 20 30 40 50"
    assert redact(text, "da").text == "Jeg ringede til 70 10 20 33 fra mit nummer <PHONE_NUMBER>"


# Random session ids whose digit runs passed as a CPR number, a card or a phone number
# before machine tokens were recognised (REST clients name conversations with such ids).
MACHINE_TOKENS = [
    "eval-91e0ca80114c40368404806108cd09c6",
    "eval-f2fcf9621d9840dfa03e0704616043e2",
    "eval-a9079c9aa6104fa1a4c5ce0732104200",
    "f5628249-2426-48c9-a7ce-4da51ca44ef5",
    "c11b279d-1cb7-4a5d-ac05-85768141cfb3",
]


@pytest.mark.parametrize("token", MACHINE_TOKENS)
def test_uuids_and_hashes_are_not_personal_data(token):
    text = f"min session er {token} tak"
    assert redact(text).text == text


def test_an_identifier_glued_to_a_short_word_is_still_found():
    # Only long hex tokens count as machine ids; a CPR number glued to a word is not one.
    assert redact("cpr0704616043", "da").text == "cpr<DK_CPR>"
    assert redact("id-0704616043", "da").text == "id-<DK_CPR>"
