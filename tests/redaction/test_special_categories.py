"""Art. 9/10 data disclosed about a person is redacted; questions about a topic stay."""
from __future__ import annotations

import pytest

from redaction import redact

DISCLOSURES = [
    ("da", "Jeg har diabetes og vil vide hvad I gemmer", "diabetes", "HEALTH"),
    ("da", "min søn er gravid", "gravid", "HEALTH"),
    ("da", "Min mand er sygemeldt med stress", "sygemeldt med stress", "HEALTH"),
    ("da", "Jeg tager antidepressiva", "antidepressiva", "HEALTH"),
    ("da", "Jeg er muslim", "muslim", "RELIGION"),
    ("da", "Jeg er af tyrkisk oprindelse", "af tyrkisk oprindelse", "ETHNIC_ORIGIN"),
    ("da", "Min datter er lesbisk", "lesbisk", "SEXUAL_ORIENTATION"),
    ("da", "Jeg stemmer på Alternativet", "Alternativet", "POLITICAL_OPINION"),
    ("da", "Jeg er medlem af HK", "HK", "TRADE_UNION"),
    ("da", "Jeg er dømt for vold", "dømt for vold", "CRIMINAL_RECORD"),
    ("sv", "jag är med i facket", "facket", "TRADE_UNION"),
    ("sv", "Jag är sjukskriven", "sjukskriven", "HEALTH"),
    ("sv", "Min fru väntar barn", "väntar barn", "HEALTH"),
    ("sv", "Jag är jude", "jude", "RELIGION"),
    ("sv", "Jag röstar på Vänsterpartiet", "Vänsterpartiet", "POLITICAL_OPINION"),
    ("sv", "Jag har suttit i fängelse", "i fängelse", "CRIMINAL_RECORD"),
    ("sv", "Jag är homosexuell", "homosexuell", "SEXUAL_ORIENTATION"),
    ("en", "I was convicted of fraud in 2015", "convicted of fraud", "CRIMINAL_RECORD"),
    ("en", "I'm pregnant", "pregnant", "HEALTH"),
    ("en", "My husband has cancer", "cancer", "HEALTH"),
    ("en", "I am a Muslim", "a Muslim", "RELIGION"),
    ("en", "My son came out as gay", "gay", "SEXUAL_ORIENTATION"),
    ("en", "I'm a member of the Labour Party", "the Labour Party", "POLITICAL_OPINION"),
    ("en", "I'm a union rep", "a union rep", "TRADE_UNION"),
    ("en", "I am of Somali descent", "of Somali descent", "ETHNIC_ORIGIN"),
]


@pytest.mark.parametrize("lang,text,value,entity", DISCLOSURES)
def test_disclosure_is_redacted(lang, text, value, entity):
    result = redact(text, lang)
    start = text.index(value)
    assert [(f.type, f.start, f.end) for f in result.findings] == [(entity, start, start + len(value))]
    assert value not in result.text


@pytest.mark.parametrize("lang,text,value,entity", DISCLOSURES)
def test_disclosure_is_redacted_when_language_unknown(lang, text, value, entity):
    assert entity in redact(text, None).types


QUESTIONS = [
    ("da", "må I behandle helbredsoplysninger?"),
    ("da", "Behandler I oplysninger om religion?"),
    ("da", "Jeg har et spørgsmål om diabetes"),
    ("da", "Gemmer I oplysninger om fagforeningsmedlemskab?"),
    ("da", "Er graviditet en følsom oplysning?"),
    ("da", "Min bil er sort"),
    ("da", "Jeg er medlem af jeres kundeklub"),
    ("sv", "Får ni spara uppgifter om hälsa?"),
    ("sv", "Jag har en fråga om cancer och strålning"),
    ("sv", "Sparar ni uppgifter om fackmedlemskap?"),
    ("en", "May you process health data?"),
    ("en", "I have a question about pregnancy leave"),
    ("en", "I have disabled cookies"),
    ("en", "I spent time reading your policy"),
    ("en", "What happens if someone mentions their illness?"),
    # A possessive before a category NAME is a topic, not a disclosed value:
    ("en", "why do you need my criminal record"),
    ("en", "what about my religion or ethnicity, do you store that"),
    ("en", "do you handle data about my sexuality or political views"),
    ("da", "skal jeg fortælle om min sygdom når jeg skriver til jer"),
    ("sv", "varför behöver ni mitt utdrag ur belastningsregistret"),
]


@pytest.mark.parametrize("lang,text", QUESTIONS)
def test_question_about_a_topic_is_not_a_disclosure(lang, text):
    assert redact(text, lang).text == text
    assert redact(text, None).text == text
