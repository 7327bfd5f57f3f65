"""Round 2 of issue 11: special categories said in other words (offices, voting intention,
activism, origin by country, fines and probation, unions by name, a same-sex partner told by
the writer's gender), names without a cue, and phone numbers in every grouping — each next
to messages that look alike and must stay as they are."""
from __future__ import annotations

import pytest

from redaction import redact
from redaction_asserts import assert_removed

REMOVED = [
    ("da", "Jeg stemmer på SF til næste valg", "SF", "POLITICAL_OPINION"),
    ("da", "Jeg sidder i kommunalbestyrelsen for Socialdemokratiet i Aarhus", "Socialdemokratiet", "POLITICAL_OPINION"),
    ("da", "Jeg er byrådsmedlem i Odense", "byrådsmedlem", "POLITICAL_OPINION"),
    ("da", "jeg er aktiv i Extinction Rebellion", "Extinction Rebellion", "POLITICAL_OPINION"),
    ("sv", "Jag sitter i kommunfullmäktige för Centerpartiet", "Centerpartiet", "POLITICAL_OPINION"),
    ("en", "I'm going to vote Green at the next election", "Green", "POLITICAL_OPINION"),
    ("en", "I'm standing as a Lib Dem candidate in May", "Lib Dem candidate", "POLITICAL_OPINION"),
    ("da", "Min mor er fra Somalia", "Somalia", "ETHNIC_ORIGIN"),
    ("sv", "Min familj kommer från Irak", "Irak", "ETHNIC_ORIGIN"),
    ("en", "As a Roma woman I get treated differently", "Roma woman", "ETHNIC_ORIGIN"),
    ("da", "Jeg fik en bøde for spirituskørsel sidste år", "spirituskørsel", "CRIMINAL_RECORD"),
    ("da", "Jeg går med fodlænke indtil marts", "fodlænke", "CRIMINAL_RECORD"),
    ("sv", "Jag har fått böter för snatteri", "snatteri", "CRIMINAL_RECORD"),
    ("en", "I was fined for shoplifting", "shoplifting", "CRIMINAL_RECORD"),
    ("da", "Jeg er medlem af Dansk Metal og FOA", "FOA", "TRADE_UNION"),
    ("en", "I'm in the NASUWT", "NASUWT", "TRADE_UNION"),
    ("da", "Min kæreste Peter og jeg er begge mænd", "er begge mænd", "SEXUAL_ORIENTATION"),
    ("en", "My boyfriend Peter and I share an account, and I'm a man", "I'm a man", "SEXUAL_ORIENTATION"),
    ("sv", "Jag är kvinna och min fru heter Anna", "Jag är kvinna", "SEXUAL_ORIENTATION"),
    ("da", "Jeg skrev med Yusuf fra jeres kundeservice i går", "Yusuf", "PERSON"),
    ("da", "aftalen står i Anne-Mette Holm-Nielsens navn", "Anne-Mette Holm-Nielsens", "PERSON"),
    ("sv", "Kontot står på Karl-Erik Johansson", "Karl-Erik Johansson", "PERSON"),
    ("en", "my colleague Olga will send the form", "Olga", "PERSON"),
    ("da", "Du kan fange mig på 2233-4455 i morgen", "2233-4455", "PHONE_NUMBER"),
    ("da", "kontakt mig på 223 34 455", "223 34 455", "PHONE_NUMBER"),
    ("da", "22.33.44.55 er bedst efter kl 16", "22.33.44.55", "PHONE_NUMBER"),
    ("da", "22/33/44/55 efter kl 16", "22/33/44/55", "PHONE_NUMBER"),
    ("da", "+45 (0) 22 33 44 55 hele dagen", "+45 (0) 22 33 44 55", "PHONE_NUMBER"),
    ("sv", "070 123 45 67 går bra", "070 123 45 67", "PHONE_NUMBER"),
    ("en", "call me on 07911 123456", "07911 123456", "PHONE_NUMBER"),
]

KEPT = [
    ("da", "Behandler I oplysninger om politisk overbevisning?"),
    ("da", "Jeg stemmer for at I sletter mine data"),
    ("da", "Venstre side af siden virker ikke"),
    ("da", "Jeg er i Thailand på ferie og kan ikke ringe"),
    ("sv", "Jag var i Turkiet förra veckan"),
    ("en", "I'm in China on holiday until Monday"),
    ("en", "I was on leave last week"),
    ("en", "I vote that you delete it all"),
    ("da", "hvorfor skal I bruge min straffeattest"),
    ("en", "Do you store data about criminal convictions?"),
    ("da", "Jeg er en mand og min kone hedder Anna"),
    ("en", "I'm a man of my word, my husband says"),
    ("da", "Jeg har en Samsung telefon og en Volvo"),
    ("en", "I use Windows and Chrome on my Mac"),
    ("da", "Ordrenummer 22334455 er ikke kommet"),
    ("da", "Fakturanummer 4012 3456 er forkert"),
    ("da", "Vi var kunder fra 2019-2024"),
    ("da", "Jeg skylder 2233 4455 kr"),
    ("da", "Kundenummer 2233 4455"),
]


@pytest.mark.parametrize("lang,text,value,entity", REMOVED)
def test_said_in_other_words_is_removed(lang, text, value, entity):
    for language in (lang, None):
        assert_removed(text, value, redact(text, language), entity)


@pytest.mark.parametrize("lang,text", KEPT)
def test_lookalikes_stay(lang, text):
    result = redact(text, lang)
    # Names given in a negative ("Anna") may go; nothing else may.
    assert [f.type for f in result.findings if f.type != "PERSON"] == [], result.text


@pytest.mark.parametrize(
    "lang,text,value,entity",
    [
        ("da", "Kan I overføre pengene til 9570 12345678? Det er Sydbank.", "9570 12345678", "DK_BANK_ACCOUNT"),
        ("sv", "KLM482 står parkerad vid laddstolpen", "KLM482", "SE_LICENCE_PLATE"),
        ("sv", "Kan Zeynep ringa mig i morgon?", "Zeynep", "PERSON"),
        ("en", "Regards, Kwame Lindqvist, +4527519150", "Kwame Lindqvist", "PERSON"),
        ("da", "cpr 271142-6445", "271142-6445", "DK_CPR"),
        ("en", "IBAN: DK 50 00 40 04 40 11 62 43", "DK 50 00 40 04 40 11 62 43", "IBAN_CODE"),
    ],
)
def test_found_by_the_words_around_it(lang, text, value, entity):
    assert_removed(text, value, redact(text, lang), entity)


def test_an_amount_after_letters_and_digits_is_no_plate():
    assert redact("the amount was 499 DKK, not more", "en").findings == ()
