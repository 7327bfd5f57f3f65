"""action_conversation_rights: explain, confirm, and signal the web server through a custom payload."""
from __future__ import annotations

import pytest

from action_trackers import bot_event, make_tracker, run_action, user_event
from actions.conversation_rights import ActionConversationRights
from actions.language import detect_language

ACTION = ActionConversationRights()
CONFIRM_BUTTONS = [
    {"title": "Yes, delete it", "payload": "/confirm_delete_conversation"},
    {"title": "No, keep it", "payload": "/deny"},
]


def after_delete_question(text: str, intent: str):
    history = [
        user_event("please delete this conversation", "delete_conversation"),
        bot_event("I can delete this conversation so that it is no longer stored in the chat log."),
        bot_event("Do you want me to delete the conversation now? This cannot be undone.", CONFIRM_BUTTONS),
    ]
    return make_tracker(text, intent, history=history, slots={"lang": "en"})


def test_delete_asks_for_confirmation_first_and_signals_nothing() -> None:
    out = run_action(ACTION, make_tracker("please delete this conversation", "delete_conversation"))
    assert "delete this conversation" in out.text and "cannot be undone" in out.text
    assert out.buttons == CONFIRM_BUTTONS
    assert out.custom == []


@pytest.mark.parametrize(
    "text, lang, yes",
    [("slet venligst denne samtale", "da", "Ja, slet samtalen"), ("radera det här samtalet tack", "sv", "Ja, radera samtalet")],
)
def test_delete_question_is_in_the_customers_language(text, lang, yes) -> None:
    out = run_action(ACTION, make_tracker(text, "delete_conversation"))
    assert detect_language(out.text, fallback="none") == lang
    assert out.buttons[0] == {"title": yes, "payload": "/confirm_delete_conversation"}


def test_confirming_signals_the_deletion() -> None:
    out = run_action(ACTION, after_delete_question("/confirm_delete_conversation", "confirm_delete_conversation"))
    assert out.text == "The conversation is now being deleted."
    assert out.custom == [{"privacybot": {"request": "delete_conversation"}}]


def test_a_typed_yes_after_the_question_confirms() -> None:
    out = run_action(ACTION, after_delete_question("yes please", "affirm"))
    assert out.custom == [{"privacybot": {"request": "delete_conversation"}}]


def test_no_after_the_question_deletes_nothing() -> None:
    out = run_action(ACTION, after_delete_question("/deny", "deny"))
    assert out.text == "Alright, the conversation will not be deleted."
    assert out.custom == []


def test_yes_or_no_without_the_question_deletes_nothing() -> None:
    history = [user_event("how long do you keep chats", "ask_retention_chat"), bot_event("OK, section 3: ...")]
    for text, intent in (("yes", "affirm"), ("no", "deny")):
        out = run_action(ACTION, make_tracker(text, intent, history=history, slots={"lang": "en"}))
        assert out.custom == []
        assert "delete" not in out.text


@pytest.mark.parametrize(
    "text, intent, lang, phrase",
    [
        ("can I download this conversation", "download_conversation", "en", "download a copy"),
        ("kan jeg få en kopi af samtalen", "download_conversation", "da", "kopi af denne samtale"),
        ("don't use this chat to train the bot", "opt_out_training", "en", "will not be used to improve"),
        ("använd inte mitt samtal för att träna boten", "opt_out_training", "sv", "inte att användas"),
    ],
)
def test_download_and_opt_out_explain_and_signal(text, intent, lang, phrase) -> None:
    out = run_action(ACTION, make_tracker(text, intent))
    assert phrase in out.text
    assert detect_language(out.text, fallback="none") == lang
    assert out.custom == [{"privacybot": {"request": intent}}]
    assert out.slot("lang") == lang
