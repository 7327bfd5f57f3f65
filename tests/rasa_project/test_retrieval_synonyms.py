"""Customers' everyday words find the topic the policy names otherwise (bot/understanding/synonyms.yml)."""
from __future__ import annotations

import pytest

from bot.understanding.retrieval import RetrievalIndex
from bot.understanding.synonyms import expand, expansions

DOCS = [
    ("OJCO may disclose data to its other group companies and partners", "ask_recipients"),
    ("OJCO kan videregive oplysninger til sine andre koncernselskaber", "ask_recipients"),
    ("OK carries out a credit check when you become a customer", "ask_credit_check"),
    ("hvorfor laver I en kreditvurdering af mig", "ask_credit_check"),
    ("OK shares data with plumbing, service and trading partners", "ask_recipients"),
    ("what does a new heat pump cost", "out_of_scope"),
    ("do you have a newsletter", "ask_newsletter"),
]


def best(text: str, with_synonyms: bool = True) -> str:
    index = RetrievalIndex([d[0] for d in DOCS], [d[1] for d in DOCS], {}, expansions({}) if with_synonyms else [])
    scores = index.intent_scores(text)
    return scores[0][0] if scores else "none"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("can my details end up with your sister companies", "ask_recipients"),
        ("får jeres søsterselskaber mine data", "ask_recipients"),
        ("tjekker I om jeg er en dårlig betaler", "ask_credit_check"),
        ("kollar ni om jag är en dålig betalare", "ask_credit_check"),
        ("does the installer get my phone number", "ask_recipients"),
    ],
)
def test_everyday_words_find_the_policy_topic(text, intent) -> None:
    assert best(text) == intent


def score(text: str, intent: str, with_synonyms: bool) -> float:
    index = RetrievalIndex([d[0] for d in DOCS], [d[1] for d in DOCS], {}, expansions({}) if with_synonyms else [])
    return dict(index.intent_scores(text)).get(intent, 0.0)


@pytest.mark.parametrize(
    "text, intent",
    [("tjekker I om jeg er en dårlig betaler", "ask_credit_check"), ("do the fitters see my address", "ask_recipients")],
)
def test_the_synonyms_raise_the_policy_topic(text, intent) -> None:
    assert score(text, intent, True) > score(text, intent, False)


def test_a_message_without_an_everyday_phrase_is_searched_as_written() -> None:
    assert expand(["do", "you", "have", "newsletter"], expansions({})) == ["do", "you", "have", "newsletter"]
