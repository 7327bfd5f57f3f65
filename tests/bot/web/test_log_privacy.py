"""No log line, at any level and from any library, carries a chat message's text.

Messages starting with "/" that are not payloads the bot offered are the classic leak:
Rasa tries to read them as ``/intent@confidence{entities}`` and warns with the whole
message quoted. Here they are read as plain text, warnings are logged without their
text, and the whole DEBUG output of the run (log stream, stdout, stderr) is searched.
"""
from __future__ import annotations

import io
import logging
import uuid
import warnings
from typing import Iterator

import pytest

from bot import logging_setup

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

# Each message carries a word found nowhere else, so finding it anywhere means a leak.
SLASH_MESSAGES = {
    "/ordre 250202-1248 zebrafisk": "zebrafisk",
    '/choose_company{"company":"OK"} gnuvandring': "gnuvandring",
    "/greet@0.9 flamingoflet": "flamingoflet",
    '/choose_company{"company": OK, kvasarhval': "kvasarhval",
    "/ask_chat{not json at all} pindsvinefest": "pindsvinefest",
    "//// /// dobbeltskraastreg": "dobbeltskraastreg",
}


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The server's logging at DEBUG into a buffer; the test's own logging restored after."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    saved_levels = {name: logging.getLogger(name).level for name in logging_setup.NOISY_LOGGERS}
    out = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # every warning is shown, none deduplicated away
        logging_setup.configure("DEBUG", stream=out)
        yield out
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved_handlers:
        root.addHandler(handler)
    root.setLevel(saved_level)
    for name, level in saved_levels.items():
        logging.getLogger(name).setLevel(level)


def sender() -> str:
    return f"logtest-{uuid.uuid4()}"


async def test_unoffered_slash_messages_leave_no_text_in_a_debug_log(make_client, agent, debug_log, capfd) -> None:
    client = await make_client()
    senders = []
    for message in SLASH_MESSAGES:
        me = sender()
        senders.append(me)
        response = await client.post(
            "/webhooks/rest/webhook", json={"sender": me, "message": message, "metadata": {"company": "OK"}}
        )
        assert response.status == 200, await response.text()
        assert await response.json(), "the bot answers the message as text"

    captured = capfd.readouterr()
    logged = debug_log.getvalue() + captured.out + captured.err
    lines = [line for line in debug_log.getvalue().splitlines() if line.strip()]
    # The log is not silent: our own DEBUG lines (sender hash, counts) are there.
    assert len(lines) >= 2 * len(SLASH_MESSAGES), lines
    assert any("message in: sender=" in line for line in lines)
    for word in SLASH_MESSAGES.values():
        assert word not in logged, f"{word!r} reached the log"

    # Rasa read each one as a sentence: no intent, confidence or entity came from the text.
    for me, message in zip(senders, SLASH_MESSAGES):
        tracker = await agent.tracker_store.retrieve(me)
        user = [e for e in tracker.events if e.type_name == "user"][-1]
        assert not user.text.startswith("/"), user.text
        assert user.text.strip() and SLASH_MESSAGES[message] in user.text
        assert user.intent.get("name") not in ("choose_company", "greet") or user.intent.get("confidence") != 0.9
        assert not [e for e in user.entities if e.get("extractor") == "RegexMessageHandler"]


async def test_an_offered_button_payload_is_still_a_payload(make_client, agent) -> None:
    client = await make_client()
    me = sender()
    asked = await client.post(
        "/webhooks/rest/webhook", json={"sender": me, "message": "How long do you keep chat messages?"}
    )
    payloads = [b["payload"] for m in await asked.json() for b in m.get("buttons", [])]
    choose_ok = '/choose_company{"company":"OK"}'
    assert choose_ok in payloads, "without a company the bot offers the companies as buttons"
    chosen = await client.post("/webhooks/rest/webhook", json={"sender": me, "message": choose_ok})
    assert chosen.status == 200
    tracker = await agent.tracker_store.retrieve(me)
    user = [e for e in tracker.events if e.type_name == "user"][-1]
    assert user.text == choose_ok
    assert user.intent["name"] == "choose_company"
    assert {"entity": "company", "value": "OK"}.items() <= user.entities[0].items()


async def test_the_same_payload_never_offered_is_plain_text(make_client, agent) -> None:
    client = await make_client()
    me = sender()
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": me, "message": '/choose_company{"company":"OJCO"}'}
    )
    assert response.status == 200
    tracker = await agent.tracker_store.retrieve(me)
    user = [e for e in tracker.events if e.type_name == "user"][-1]
    assert not user.text.startswith("/")
    assert not [e for e in user.entities if e.get("extractor") == "RegexMessageHandler"]


async def test_a_python_warning_is_logged_by_category_and_place_without_its_text(debug_log) -> None:
    warnings.warn("Failed to parse arguments in line '/ordre hemmeligtord 1234'", UserWarning)
    logged = debug_log.getvalue()
    assert "UserWarning at test_log_privacy.py:" in logged
    assert "hemmeligtord" not in logged and "Failed to parse" not in logged
