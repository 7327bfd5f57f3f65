"""Which company a message is about: aliases, comparison cues, and the order message > slot > metadata."""
from __future__ import annotations

import pytest

from action_trackers import make_tracker, slot_event, user_event
from actions.company import companies_named, resolve_company, wants_comparison
from actions.knowledge_base import load_knowledge_base

KB = load_knowledge_base()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Does OK record phone calls?", ["OK"]),
        ("hvad siger OK's persondatapolitik om cookies", ["OK"]),
        ("gemmer OKs chatbot mine beskeder", ["OK"]),
        ("hur länge sparar OK:s chatt uppgifter", ["OK"]),
        ("jeg skrev til ok@ok.dk for en måned siden", ["OK"]),
        ("what does ok a.m.b.a do with my data", ["OK"]),
        ("bruger ok-appen min lokation", ["OK"]),
        ("does ojco sell my data", ["OJCO"]),
        ("vad gör OJCO:s kundtjänst med min e-post", ["OJCO"]),
        ("I mailed security@ojco.se", ["OJCO"]),
        ("compare OK and OJCO on cookies", ["OK", "OJCO"]),
        ("OJCO eller OK, hvem gemmer længst?", ["OJCO", "OK"]),
    ],
)
def test_a_company_named_in_the_message_is_found(text, expected) -> None:
    assert companies_named(text, KB) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ok, thanks",
        "okay how long do you keep my data",
        "ok så hvad med mine data",
        "Ok, tack",
        "OK",
        "OK.",
        "OK, how long do you keep the chat?",
        "OK thanks, that helps",
        "OK så, hvor længe gemmer I chatten",
        "booking and tokens",
    ],
)
def test_the_everyday_word_ok_is_not_the_company(text) -> None:
    assert companies_named(text, KB) == []


def test_a_leading_interjection_does_not_hide_a_later_mention() -> None:
    assert companies_named("OK, but how long does OK keep the chat?", KB) == ["OK"]


@pytest.mark.parametrize(
    "text",
    [
        "compare the two policies on cookies",
        "what is the difference between you on retention",
        "which of you keeps chats longest",
        "sammenlign jer på opbevaring af chats",
        "hvad gør I begge med mit CPR-nummer",
        "hvem af jer gemmer længst",
        "jämför era policyer om kakor",
        "vad gör båda med min IP-adress",
        "vem av er sparar längst",
        "what do both say about cookies",
        "OK vs OJCO on cookies",
    ],
)
def test_comparison_cues_ask_for_both_companies(text) -> None:
    assert wants_comparison(text, KB)


@pytest.mark.parametrize(
    "text",
    [
        "do you need both my name and address",
        "what different data do you collect",
        "hvilke forskellige oplysninger indsamler I",
        '/choose_company{"company":"OK"}',
    ],
)
def test_ordinary_questions_are_not_comparisons(text) -> None:
    assert not wants_comparison(text, KB)


def test_the_message_beats_the_slot_and_the_metadata() -> None:
    tracker = make_tracker(
        "does OJCO record calls", "ask_phone_recording", slots={"company": "OK"}, metadata={"company": "OK"}
    )
    res = resolve_company(tracker, KB)
    assert (res.company, res.source, res.compare) == ("OJCO", "message", False)


def test_the_slot_beats_the_metadata() -> None:
    tracker = make_tracker("how long do you keep chats", "ask_retention_chat", slots={"company": "OJCO"},
                           metadata={"company": "OK"})
    assert (resolve_company(tracker, KB).company, resolve_company(tracker, KB).source) == ("OJCO", "slot")


def test_the_metadata_is_used_when_nothing_else_names_a_company() -> None:
    tracker = make_tracker("how long do you keep chats", "ask_retention_chat", metadata={"company": "OJCO", "lang": "en"})
    assert (resolve_company(tracker, KB).company, resolve_company(tracker, KB).source) == ("OJCO", "metadata")


def test_no_company_anywhere_resolves_to_none() -> None:
    tracker = make_tracker("how long do you keep chats", "ask_retention_chat", metadata={"lang": "en"})
    assert resolve_company(tracker, KB).company is None


def test_a_button_payload_entity_is_trusted() -> None:
    text = '/choose_company{"company":"OJCO"}'
    tracker = make_tracker(text, "choose_company", entities=[{"entity": "company", "value": "OJCO", "start": 16, "end": 33}])
    res = resolve_company(tracker, KB)
    assert (res.company, res.compare) == ("OJCO", False)


def test_an_entity_on_the_everyday_word_ok_is_rejected_and_the_earlier_slot_kept() -> None:
    # The extractor tagged "ok" and the from_entity mapping already overwrote the slot with OK;
    # the conversation was about OJCO before this message.
    tracker = make_tracker(
        "ok and how long do you keep the chat",
        "ask_retention_chat",
        entities=[{"entity": "company", "value": "OK", "start": 0, "end": 2}],
        slots={"company": "OK"},
        history=[user_event("does OJCO sell data", "ask_sell_data"), slot_event("company", "OJCO")],
    )
    res = resolve_company(tracker, KB)
    assert (res.company, res.source) == ("OJCO", "slot")
