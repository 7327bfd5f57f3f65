"""rasa-webchat, unchanged from npm, chats with the server over /socket.io from another site."""
from __future__ import annotations

import json

import pytest

from browser_served import NODE_MODULES
from support.synthetic import synthetic_cpr

pytestmark = [pytest.mark.browser, pytest.mark.model]

SHOP_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A shop that embeds rasa-webchat</title></head>
<body><h1>Shop</h1>
<script src="/rasa-webchat.js"></script>
<script>
  WebChat.default({settings}, null);
</script>
</body></html>"""


def shop(site, served) -> str:
    """Put the shop page (and rasa-webchat's bundle from npm) on the third-party site."""
    bundle = (NODE_MODULES / "rasa-webchat" / "lib" / "index.js").read_bytes()
    settings = json.dumps({
        "socketUrl": served.url,
        "socketPath": "/socket.io/",
        "customData": {"company": "OK", "lang": "en"},
        "title": "Shop chat",
        "params": {"storage": "local"},
    })
    site.files["/rasa-webchat.js"] = (bundle, "application/javascript")
    site.files["/"] = (SHOP_PAGE.replace("{settings}", settings).encode(), "text/html; charset=utf-8")
    return site.origin + "/"


def answers(page) -> list:
    """The bot messages rasa-webchat shows (its typing bubble has no text)."""
    return [t for t in page.locator(".rw-response").all_inner_texts() if t.strip()]


def wait_for_answer_containing(page, text: str, timeout: float = 40_000) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('.rw-response')].some(e => e.innerText.includes(t))",
        arg=text,
        timeout=timeout,
    )


def test_rasa_webchat_chats_and_keeps_its_session(context, served, third_party_site) -> None:
    page = context.new_page()
    page.goto(shop(third_party_site, served))
    page.click(".rw-launcher")
    page.fill(".rw-new-message", "How long do you keep chat messages?")
    page.keyboard.press("Enter")
    wait_for_answer_containing(page, "180")
    session = page.evaluate("JSON.parse(localStorage.getItem('chat_session')).session_id")
    assert session.startswith("cv_")

    page.reload()
    page.wait_for_selector(".rw-launcher, .rw-new-message")
    if not page.locator(".rw-new-message").count():
        page.click(".rw-launcher")
    shown = len(answers(page))
    assert shown >= 1, "rasa-webchat shows the earlier answers after a reload"
    page.fill(".rw-new-message", "Who is the data controller?")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => [...document.querySelectorAll('.rw-response')].filter(e => e.innerText.trim()).length > n",
        arg=shown,
        timeout=40_000,
    )
    assert "OK" in " ".join(answers(page)[shown:])
    assert page.evaluate("JSON.parse(localStorage.getItem('chat_session')).session_id") == session


def test_rasa_webchat_user_sees_redaction_notice(context, served, third_party_site) -> None:
    page = context.new_page()
    page.goto(shop(third_party_site, served))
    page.click(".rw-launcher")
    cpr = synthetic_cpr(5)
    page.fill(".rw-new-message", f"my CPR number is {cpr}, what do you store?")
    page.keyboard.press("Enter")
    wait_for_answer_containing(page, "removed")
    first = answers(page)[0]
    assert "CPR number" in first and "removed" in first
    assert cpr not in " ".join(answers(page))
