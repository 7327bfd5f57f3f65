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


@pytest.mark.parametrize("text", ["hej", "OK", "tak", "", "   ", "ok@ok.dk", "12345678", "ok ojco"])
def test_too_little_text_gives_the_fallback(text) -> None:
    assert detect_language(text, fallback="sv") == "sv"
    assert detect_language(text, fallback="da") == "da"


@pytest.mark.parametrize("fallback", [None, "de", "xx"])
def test_an_unknown_fallback_becomes_english(fallback) -> None:
    assert detect_language("hej", fallback=fallback) == "en"
