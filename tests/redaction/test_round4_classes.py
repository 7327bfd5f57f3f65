"""Issue 11, round 4: the classes missed on the round-2 tuning set, fixed as classes.

A condition named as the reason for a disclosed treatment or aid ("for", "mot", "after"),
everyday names of conditions, origin as an adjective before a person and "half ...", a second
identity after "Som … og"/"As a … and", a Danish reg.nr. written "reg no.", and an e-mail whose
local part has a spelt-out dot. Example sentences are written anew, not copied from any tuning
set; identifiers are synthetic.
"""
from __future__ import annotations

import random

import pytest

from redaction import redact, synthetic


def _removed(text: str, lang: str, value: str, entity: str) -> bool:
    """``value`` is covered by a finding of type ``entity``."""
    start = text.index(value)
    end = start + len(value)
    return any(f.type == entity and f.start <= start and f.end >= end for f in redact(text, lang).findings)


@pytest.mark.parametrize("lang", ["da", None])
@pytest.mark.parametrize(
    "text, value",
    [
        ("Min mor får strålebehandling for lungekræft i foråret", "lungekræft"),
        ("Jeg tager sertralin mod angst og sover dårligt", "angst"),
        ("Min bror sidder i kørestol efter et slagtilfælde", "slagtilfælde"),
        ("Jeg har ordblindhed, så ring hellere", "ordblindhed"),
    ],
)
def test_danish_condition_as_reason_or_everyday_name(text: str, value: str, lang) -> None:
    assert _removed(text, lang, value, "HEALTH")


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Min man äter litium mot bipolär sjukdom", "sv", "litium"),
        ("Jag har dyslexi och läser långsamt", "sv", "dyslexi"),
        ("Min pappa tar waran efter en blodpropp", "sv", "blodpropp"),
        ("My dad uses oxygen because of a lung disease called COPD", "en", "oxygen"),
        ("My sister takes metformin for type 2 diabetes", "en", "type 2 diabetes"),
        ("Our son has cerebral palsy and uses a hoist", "en", "cerebral palsy"),
        ("I'm on bed rest until the birth", "en", "bed rest"),
    ],
)
def test_swedish_and_english_conditions(text: str, lang: str, value: str) -> None:
    assert _removed(text, lang, value, "HEALTH")


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Min irakiske svigerfar henter nøglen", "da", "irakiske"),
        ("Min somaliska granne har nyckeln", "sv", "somaliska"),
        ("My Syrian dad has the key", "en", "Syrian"),
        ("I'm left-handed, half Turkish and a new customer", "en", "half Turkish"),
    ],
)
def test_origin_as_adjective_or_half(text: str, lang: str, value: str) -> None:
    assert _removed(text, lang, value, "ETHNIC_ORIGIN")


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("Som sygeplejerske og tillidsrepræsentant i FOA arbejder jeg om natten", "da", "tillidsrepræsentant i FOA"),
        ("Som elev og medlem af HK har jeg et spørgsmål", "da", "medlem af HK"),
        ("As a nurse and a member of Unison I work nights", "en", "member of Unison"),
    ],
)
def test_second_identity_after_as(text: str, lang: str, value: str) -> None:
    assert _removed(text, lang, value, "TRADE_UNION")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Jeg ringer for min mor, som ikke er hjemme", "da"),
        ("Er der rabat for studerende efter en flytning?", "da"),
        ("Vores kurdiske restaurant vil have en erhvervsaftale", "da"),
        ("Som kunde og forbruger synes jeg prisen er høj", "da"),
        ("Finns det rabatt för pensionärer efter en flytt?", "sv"),
        ("I'm calling for my dad, he is at work", "en"),
        ("Our Turkish restaurant wants a business tariff", "en"),
        ("As a customer and a homeowner I want a fixed price", "en"),
        ("We meet at the office dot matrix printer", "en"),
    ],
)
def test_look_alikes_stay(text: str, lang: str) -> None:
    assert redact(text, lang).text == text


@pytest.mark.parametrize("seed", range(5))
def test_reg_no_and_account_are_removed(seed: int) -> None:
    reg, konto = synthetic.dk_bank_account(random.Random(seed))
    text = f"Please pay the refund to reg no. {reg}, account {konto}"
    out = redact(text, "en").text
    assert reg not in out and konto not in out


@pytest.mark.parametrize("seed", range(5))
def test_email_with_spelt_dots_in_the_local_part(seed: int) -> None:
    address = synthetic.email(random.Random(seed))
    spelt = address.replace(".", " dot ").replace("@", " at ")
    text = f"Email me at {spelt} thanks"
    result = redact(text, "en")
    assert [f.type for f in result.findings] == ["EMAIL_ADDRESS"]
    assert result.text == "Email me at <EMAIL_ADDRESS> thanks"


@pytest.mark.parametrize(
    "text, lang, partner",
    [
        ("Jeg hedder Freja og min kone skal også stå på aftalen", "da", "min kone"),
        ("Åsa här. Min fru vill också ha fakturan", "sv", "Min fru"),
        ("My name is Sarah and my wife pays the bills", "en", "my wife"),
    ],
)
def test_writer_named_and_partner_of_the_same_gender(text: str, lang: str, partner: str) -> None:
    assert _removed(text, lang, partner, "SEXUAL_ORIENTATION")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Jeg hedder Peter og min kone betaler regningen", "da"),
        ("Lars här. Min fru vill också ha fakturan", "sv"),
        ("This is Emma, my husband wants a new contract", "en"),
    ],
)
def test_writer_named_and_partner_of_the_other_gender_stays(text: str, lang: str) -> None:
    assert not [f for f in redact(text, lang).findings if f.type == "SEXUAL_ORIENTATION"]


def test_both_men_after_a_contracted_we() -> None:
    text = "My boyfriend and I (we're both men) share the flat"
    assert _removed(text, "en", "'re both men", "SEXUAL_ORIENTATION")


@pytest.mark.parametrize(
    "text, lang, name",
    [
        ("kontaktperson: søren lindqvist", "da", "søren lindqvist"),
        ("ordernr 44120, namn ingrid bergström", "sv", "ingrid bergström"),
        ("my name's oskar karlsson and the invoice is wrong", "en", "oskar karlsson"),
        ("REF 5512 / JAMES TAYLOR", "en", "JAMES TAYLOR"),
        ("Kunde: IDA HANSEN / ordre 55120", "da", "IDA HANSEN"),
    ],
)
def test_lower_case_and_capital_full_names(text: str, lang: str, name: str) -> None:
    assert _removed(text, lang, name, "PERSON")


@pytest.mark.parametrize(
    "text, lang",
    [
        ("PLEASE SEND THE INVOICE AGAIN", "en"),
        ("KAN I RINGE MIG OP I MORGEN", "da"),
        ("My name's on the contract, can I change it?", "en"),
        ("Vilket namn står på avtalet?", "sv"),
    ],
)
def test_capitals_and_name_words_alone_stay(text: str, lang: str) -> None:
    assert redact(text, lang).text == text


@pytest.mark.parametrize("lang", ["sv", "en", "da", None])
@pytest.mark.parametrize("number", ["010-488 31 72", "08-123 45 67", "0703 91 22 48", "070-652 18 33"])
def test_swedish_phone_grouping_is_labelled_a_phone_number(number: str, lang) -> None:
    text = f"Receptionen: {number}, tack"
    findings = redact(text, lang).findings
    assert [f.type for f in findings] == ["PHONE_NUMBER"]
    assert text[findings[0].start:findings[0].end] == number


def test_credit_check_word_brings_a_cpr_shape_over_the_threshold() -> None:
    # 04-09-49 with century digit 6 gives 2049: no CPR number by the rules, but what is
    # typed after "kreditvurdering"; without the word it stays.
    assert redact("kreditvurdering på 0409496991 tak", "da").text == "kreditvurdering på <DK_CPR> tak"
    assert redact("ordre 0409496991 tak", "da").text == "ordre 0409496991 tak"
