"""Language detection of customer messages (shared by the actions and the web server)."""
from __future__ import annotations

import pytest

from actions.language import detect_language


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hvor længe gemmer I mine oplysninger?", "da"),
        ("hvorfor skal i have mit cpr nummer??", "da"),
        ("hur länge sparar ni mina uppgifter?", "sv"),
        ("vill ha ett registerutdrag", "sv"),
        ("how long do you keep my chat messages?", "en"),
        ("who is the data controller", "en"),
        # company and authority names are no evidence of a language
        ("kan jag klaga på OK hos datatilsynet", "sv"),
        ("does OJCO sell my data", "en"),
        # an explicit wish beats the words around it
        ("hvor længe does OK keep the chat? in english pls", "en"),
        ("how long do you keep chats, på svenska tack", "sv"),
    ],
)
def test_detects_the_language_of_a_question(text, expected) -> None:
    assert detect_language(text, fallback="en" if expected != "en" else "da") == expected


@pytest.mark.parametrize("text", ["hej", "OK", "", "   ", "ok@ok.dk", "12345678", "ok ojco", "<DK_CPR>"])
def test_too_little_text_gives_the_fallback(text) -> None:
    assert detect_language(text, fallback="sv") == "sv"


@pytest.mark.parametrize(
    "text, lang",
    [("tak", "da"), ("Tusind tak!", "da"), ("hejsa", "da"), ("godmorgen", "da"), ("tack", "sv"),
     ("hejsan", "sv"), ("Tack så mycket!", "sv"), ("god morgon", "sv"), ("hej då", "sv"), ("thanks", "en"),
     ("hi", "en")],
)
def test_one_word_greetings_and_thanks_have_their_language_whatever_the_fallback(text, lang) -> None:
    for fallback in ("da", "sv", "en"):
        assert detect_language(text, fallback=fallback) == lang


def test_hej_alone_keeps_a_scandinavian_fallback_and_is_danish_otherwise() -> None:
    assert detect_language("hej", fallback="sv") == "sv"
    assert detect_language("hej!", fallback="en") == "da"


def test_a_redaction_placeholder_does_not_decide_the_language() -> None:
    assert detect_language("mit cpr er <DK_CPR> kan I slette mine data", fallback=None) == "da"
    assert detect_language("mit cpr er <DK_CPR> kan I slette mine data", fallback="da") == "da"


@pytest.mark.parametrize("fallback", [None, "de", "xx"])
def test_an_unknown_fallback_becomes_english(fallback) -> None:
    assert detect_language("OK", fallback=fallback) == "en"
