"""The visitor's rights in the widget, in Chromium: download (text and JSON), delete with a
confirmation, the training opt-out (and the export leaving it out), keyboard and axe-core,
and another visitor getting nothing."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from browser_served import NODE_MODULES, REPO_ROOT, ServedBot
from support.synthetic import synthetic_cpr
from widget_page import axe_violations, open_chat, send

pytestmark = [pytest.mark.browser, pytest.mark.model]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedBot]:
    """`privacybot serve` with its own store, serving a copy of the newest trained model.

    A copy, so that `serve` never retrains into the shared models/ directory while the NLU
    data is being edited: these tests are about the widget and the store, not the NLU.
    """
    from bot import paths, settings

    newest = paths.newest_model(Path(settings.load().model_dir))
    assert newest is not None, "no trained model: run `privacybot train`"
    workdir = tmp_path_factory.mktemp("rights-served")
    (workdir / "models").mkdir()
    shutil.copy(newest, workdir / "models" / newest.name)  # a fresh mtime: newer than the data
    bot = ServedBot(workdir, {"PRIVACYBOT_MODEL_DIR": str(workdir / "models")}).start()
    yield bot
    bot.stop()


def held(page) -> dict:
    """The conversation id and secret the widget keeps for this site."""
    return page.evaluate(
        "() => { for (const k of Object.keys(localStorage)) if (k.startsWith('privacybot:v1:'))"
        " { const s = JSON.parse(localStorage.getItem(k)); if (s && s.id) return s; } return {}; }"
    )


def api(page, method: str, path: str, secret: str = "", body: object = None) -> dict:
    """A request from the page itself (same origin): status and text."""
    return page.evaluate(
        """async ([method, path, secret, body]) => {
             const headers = {"Content-Type": "application/json"};
             if (secret) headers.Authorization = "Bearer " + secret;
             const r = await fetch(path, {method, headers, body: body === null ? undefined : JSON.stringify(body)});
             return {status: r.status, text: await r.text()};
           }""",
        [method, path, secret, body],
    )


def stored_events(served: ServedBot, sender_id: str) -> int:
    with sqlite3.connect(served.store_file) as db:
        return db.execute(
            "SELECT count(*) FROM events JOIN conversations ON conversations.id = events.conversation_id"
            " WHERE conversations.sender_id = ?",
            (sender_id,),
        ).fetchone()[0]


def open_rights(page) -> None:
    if page.locator(".pb-rights-toggle").get_attribute("aria-expanded") != "true":
        page.click(".pb-rights-toggle")
    page.wait_for_selector(".pb-rights:not([hidden])")


def test_download_as_text_and_json_is_the_redacted_conversation(page, served) -> None:
    open_chat(page, served, "da")
    cpr = synthetic_cpr(801)
    send(page, f"Mit CPR-nummer er {cpr}, hvor længe gemmer I chatten?")
    conversation = held(page)
    open_rights(page)
    assert page.locator(".pb-rights-toggle").inner_text() == "Dine data"

    with page.expect_download() as info:
        page.click("text=Hent min samtale (tekst)")
    download = info.value
    assert download.suggested_filename == f"conversation-{conversation['id']}.txt"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert "Mit CPR-nummer er <DK_CPR>, hvor længe gemmer I chatten?" in text
    assert cpr not in text and cpr.replace("-", "") not in text
    assert "Dig:" in text and "Chatbot:" in text and "Slettes senest:" in text
    assert page.locator(".pb-rights-status").inner_text() == "Samtalen er hentet, som den er gemt."

    with page.expect_download() as info:
        page.click("text=Hent min samtale (JSON)")
    document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert document["conversation_id"] == conversation["id"]
    assert document["messages"][0]["text"] == "Mit CPR-nummer er <DK_CPR>, hvor længe gemmer I chatten?"
    assert all(m["expires_at"] for m in document["messages"])
    assert cpr not in json.dumps(document)


def test_delete_asks_first_then_everything_is_gone(page, served) -> None:
    open_chat(page, served, "en")
    send(page, "Who is the data controller?")
    conversation = held(page)
    assert stored_events(served, conversation["id"]) > 0
    open_rights(page)

    page.click("text=Delete my conversation")
    dialog = page.get_by_role("dialog", name="Delete the conversation?")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Cancel"  # the safe choice has focus
    page.keyboard.press("Escape")  # closes the question, not the chat
    assert not dialog.is_visible() and page.locator(".pb-panel").is_visible()
    assert stored_events(served, conversation["id"]) > 0, "cancelled: nothing deleted"

    page.click("text=Delete my conversation")
    page.click(".pb-confirm-yes")
    page.wait_for_function("() => !document.querySelector('.pb-log .pb-user')")
    assert page.locator(".pb-log .pb-msg .pb-text").all_inner_texts() == [
        "The conversation has been deleted. Nothing of it is stored any more. "
        "If you write again, a new conversation begins."
    ]
    assert held(page) == {}  # the widget's local copy is gone too
    assert stored_events(served, conversation["id"]) == 0
    gone = api(page, "GET", f"/api/conversations/{conversation['id']}/messages", conversation["secret"])
    assert gone["status"] == 404

    page.reload()
    page.wait_for_selector(".pb-log .pb-msg")
    assert page.locator(".pb-log .pb-user").count() == 0
    assert "Who is the data controller?" not in page.locator(".pb-log").inner_text()
    # Writing again starts a new conversation under a new id.
    send(page, "How long do you keep chats?")
    assert held(page)["id"] != conversation["id"]


def test_opt_out_toggle_shows_its_state_and_the_export_leaves_it_out(page, served, tmp_path) -> None:
    open_chat(page, served, "en")
    send(page, "How long do you keep the chat, asks the papaya customer?")
    conversation = held(page)
    open_rights(page)
    toggle = page.get_by_label("Don't use my conversation for training")
    assert not toggle.is_checked()
    toggle.check()
    page.wait_for_function("() => document.querySelector('.pb-rights-status').textContent.startsWith('Saved')")
    shown = api(page, "GET", f"/api/conversations/{conversation['id']}/training-opt-out", conversation["secret"])
    assert json.loads(shown["text"])["opt_out"] is True
    page.reload()
    open_rights(page)
    page.wait_for_function("() => document.querySelector('.pb-optout').checked")  # read back from the server

    # Another visitor who did not opt out, for contrast.
    other = api(page, "POST", "/api/conversations", body={"metadata": {"company": "OK", "lang": "en"}})
    other = json.loads(other["text"])
    api(page, "POST", f"/api/conversations/{other['id']}/messages", other["secret"],
        {"message": "How long do you keep the chat, asks the guava customer?"})
    out = tmp_path / "export.jsonl"
    env = {**served.env}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("privacybot")), "export", "--out", str(out), "--format", "jsonl"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    exported = out.read_text(encoding="utf-8")
    assert "guava customer" in exported
    assert "papaya customer" not in exported


def test_another_visitor_gets_nothing(browser, served) -> None:
    first_context = browser.new_context()
    first = first_context.new_page()
    open_chat(first, served, "da")
    cpr = synthetic_cpr(802)
    send(first, f"mit cpr er {cpr}, hvem er dataansvarlig?")
    mine = held(first)

    second_context = browser.new_context()  # another visitor: another browser profile
    second = second_context.new_page()
    open_chat(second, served, "da")
    assert "dataansvarlig" not in second.locator(".pb-log").inner_text()
    send(second, "hej")
    theirs = held(second)
    assert theirs["id"] != mine["id"]
    answers = []
    for method, suffix in (("GET", "/transcript"), ("GET", "/messages"), ("GET", "/training-opt-out"), ("DELETE", "")):
        path = f"/api/conversations/{mine['id']}{suffix}"
        guessed = f"/api/conversations/cv_{'1' * 32}{suffix}"
        with_theirs = api(second, method, path, theirs["secret"])
        guessed_id = api(second, method, guessed, theirs["secret"])
        without = api(second, method, path)
        assert with_theirs == guessed_id and with_theirs["status"] == 404  # not even whether it exists
        assert without["status"] == 401
        answers += [with_theirs, guessed_id, without]
    assert all(cpr not in a["text"] and "DK_CPR" not in a["text"] and mine["id"] not in a["text"] for a in answers)
    assert stored_events(served, mine["id"]) > 0  # their DELETE did nothing
    first_context.close()
    second_context.close()


def test_rights_asked_for_in_the_dialogue(page, served) -> None:
    open_chat(page, served, "en")
    send(page, "Who is the data controller?")
    answers = send(page, "I want to download my conversation")
    assert "Choose a format to download the conversation:" in answers
    assert "privacybot" not in page.locator(".pb-log").inner_text()  # no raw payload on screen
    with page.expect_download() as info:
        page.locator(".pb-download-offer").get_by_role("button", name="Download my conversation (text)").click()
    assert "Who is the data controller?" in Path(info.value.path()).read_text(encoding="utf-8")

    conversation = held(page)
    send(page, "delete this chat")
    page.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_function("() => !document.querySelector('.pb-log .pb-user')")
    assert "has been deleted" in page.locator(".pb-log").inner_text()
    assert held(page) == {}
    assert stored_events(served, conversation["id"]) == 0
    page.reload()
    page.wait_for_selector(".pb-log .pb-msg")
    assert "data controller" not in page.locator(".pb-log").inner_text()


def test_keyboard_only(page, served) -> None:
    open_chat(page, served, "sv")
    send(page, "Hur länge sparar ni chatten?")
    page.focus(".pb-input")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.className") == "pb-rights-toggle"
    page.keyboard.press("Enter")
    assert page.locator(".pb-rights-toggle").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ladda ner mitt samtal (text)"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "pb-optout"
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.pb-rights-status').textContent.startsWith('Sparat')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Radera mitt samtal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Avbryt"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Radera samtalet"
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('.pb-log .pb-user')")
    assert page.evaluate("document.activeElement.className") == "pb-input"
    assert page.locator(".pb-log .pb-text").last.inner_text().endswith("börjar ett nytt samtal.")


@pytest.mark.parametrize("viewport", [(1280, 800), (360, 740)])
def test_axe_core_finds_no_violations_in_the_rights_controls(browser, served, viewport) -> None:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=True)
    page = context.new_page()
    open_chat(page, served, "da")
    send(page, "jeg vil hente min samtale")  # the download offer in the log
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    states = {}
    open_rights(page)
    page.get_by_label("Brug ikke min samtale til træning").check()
    page.wait_for_function("() => document.querySelector('.pb-rights-status').textContent !== ''")
    states["menu open"] = axe_violations(page)
    box = page.locator(".pb-rights").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport[0]
    page.click(".pb-delete")
    states["confirmation dialog"] = axe_violations(page)
    context.close()
    assert {state: v for state, v in states.items() if v} == {}, json.dumps(states, indent=1)
