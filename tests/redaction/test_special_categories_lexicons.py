"""Special categories said indirectly (lexicons in redaction/data/special_categories/),
every disclosure in a message, and questions about a topic left alone."""
from __future__ import annotations

import pytest

from redaction import redact

DISCLOSED = [
    ("da", "jeg har diabetes, astma og gigt", "jeg har <HEALTH>, <HEALTH> og <HEALTH>"),
    ("da", "Min søn har kræft, og jeg har også depression", "Min søn har <HEALTH>, og jeg har også <HEALTH>"),
    ("en", "I have cancer and take sertraline", "I have <HEALTH> and take <HEALTH>"),
    ("sv", "jag sitter i rullstol", "jag sitter i <HEALTH>"),
    ("da", "min bror sidder i fængsel", "min bror sidder <CRIMINAL_RECORD>"),
    ("en", "my dad is in prison", "my dad is <CRIMINAL_RECORD>"),
    ("da", "jeg går i frikirken", "jeg går i <RELIGION>"),
    ("en", "I go to the mosque on Fridays", "I go to <RELIGION> on Fridays"),
    ("da", "min far er byrådsmedlem for Venstre", "min far er <POLITICAL_OPINION>"),
    ("da", "jeg er grønlandsk", "jeg er <ETHNIC_ORIGIN>"),
    ("sv", "min mamma är samisk", "min mamma är <ETHNIC_ORIGIN>"),
    ("en", "I live with another man", "I live <SEXUAL_ORIENTATION>"),
    ("sv", "jag är medlem i Kommunal", "jag är medlem i <TRADE_UNION>"),
    ("en", "My partner and I are both women", "My <SEXUAL_ORIENTATION>"),
    ("da", "Min kone og jeg er begge kvinder", "Min <SEXUAL_ORIENTATION>"),
    ("en", "my brother is doing time", "my brother is <CRIMINAL_RECORD>"),
    ("da", "min mor har demens og min far har parkinson", "min mor har <HEALTH> og min far har <HEALTH>"),
    ("sv", "jag är troende muslim", "jag är <RELIGION> <RELIGION>"),
    ("sv", "Jag är kristen och går i kyrkan varje söndag", "Jag är <RELIGION> och <RELIGION> varje söndag"),
    ("da", "jeg har siddet i fængsel for tyveri", "jeg har siddet <CRIMINAL_RECORD>"),
]


@pytest.mark.parametrize("lang,text,expected", DISCLOSED)
def test_indirect_disclosures_are_removed(lang, text, expected):
    assert redact(text, lang).text == expected


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Do you process health data?"),
        ("da", "Behandler I helbredsoplysninger og oplysninger om fagforening?"),
        ("sv", "Sparar ni uppgifter om hälsa och facklig tillhörighet?"),
        ("da", "jeg har et spørgsmål om diabetes og astma"),
        ("en", "I have disabled cookies in my browser."),
        ("en", "I was charged 797 kr twice."),
        ("da", "Min bil er sort og har nummer på forruden"),
    ],
)
def test_questions_and_ordinary_sentences_stay(lang, text):
    assert redact(text, lang).text == text
