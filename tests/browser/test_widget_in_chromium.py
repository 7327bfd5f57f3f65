"""The widget as a visitor meets it: demo page, privacy notice, chatting, redaction, reloads,
XSS, a 360-px phone, keyboard only, and axe-core's WCAG 2.1 AA rules."""
from __future__ import annotations

import json

import pytest

from actions.catalogue import LANGUAGES
from bot import settings
from browser_served import ARTIFACTS, NODE_MODULES
from support.synthetic import synthetic_cpr
from widget_page import BOT_AND_NOTICES, axe_violations, open_chat, send

pytestmark = [pytest.mark.browser, pytest.mark.model]

QUESTIONS = {
    "da": ("Hvor længe gemmer I mine chatbeskeder?", "dage"),
    "sv": ("Hur länge sparar ni mina chattmeddelanden?", "dagar"),
    "en": ("How long do you keep my chat messages?", "days"),
}


def test_demo_page_shows_the_privacy_notice_before_typing(page, served) -> None:
    open_chat(page, served, "", accept=False)
    notice = page.locator(".pb-privacy")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "frivillig" in text and "CPR-nummer" in text and "180 dage" in text
    link = page.locator(".pb-policy")
    assert link.get_attribute("href") == served.url + "/policy/OK"
    assert not page.locator(".pb-input").is_visible()
    assert page.evaluate("document.activeElement.className") == "pb-accept"
    page.click(".pb-accept")
    assert page.locator(".pb-input").is_visible()
    assert page.evaluate("document.activeElement.className") == "pb-input"
    # The demo page shows the very tag it embeds.
    shown = page.locator("pre code").inner_text()
    assert 'data-company="OK"' in shown and "/widget/widget.js" in shown


@pytest.mark.parametrize("lang", ["da", "sv", "en"])
def test_chat_in_each_language(page, served, lang) -> None:
    open_chat(page, served, lang)
    question, unit = QUESTIONS[lang]
    answers = send(page, question, answers=BOT_AND_NOTICES)
    joined = " ".join(answers)
    assert "180" in joined and unit in joined
    assert page.locator(".pb-panel").get_attribute("lang") == lang


def test_language_can_be_switched_in_the_widget(page, served) -> None:
    open_chat(page, served, "sv", company="OJCO")
    assert page.locator(".pb-send").inner_text() == "Skicka"
    assert page.locator(".pb-log .pb-bot .pb-text").first.inner_text().startswith("Hej!")
    page.select_option(".pb-lang", "en")
    assert page.locator(".pb-send").inner_text() == "Send"
    assert page.locator(".pb-log .pb-bot .pb-text").first.inner_text().startswith("Hi!")
    assert page.locator(".pb-panel").get_attribute("lang") == "en"
    page.reload()  # the choice is remembered
    page.wait_for_selector(".pb-launcher", state="attached")
    assert page.locator(".pb-launcher").text_content() == "Ask about your data"
    assert page.locator(".pb-send").text_content() == "Send"


SHOP_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>A shop that embeds the widget</title></head>
<body><h1>Shop</h1>
<script src="{server}/widget/widget.js" data-company="OJCO" data-lang="sv" data-server="{server}" defer></script>
</body></html>"""


def test_embedded_on_another_site_the_widget_takes_the_servers_settings_and_chats(
    page, served, third_party_site
) -> None:
    """The one tag on another origin (allowed by PRIVACYBOT_CORS_ORIGINS), as README shows it."""
    third_party_site.files["/widget-shop"] = (SHOP_PAGE.replace("{server}", served.url).encode(), "text/html")
    page.goto(third_party_site.origin + "/widget-shop")
    page.click(".pb-launcher")
    assert "180 dagar" in page.locator(".pb-privacy").inner_text()
    page.click(".pb-accept")
    assert page.eval_on_selector(".pb-input", "input => input.maxLength") == settings.load().max_message_chars
    assert page.eval_on_selector_all(".pb-lang option", "o => o.map(x => x.value)") == list(LANGUAGES)
    answers = send(page, QUESTIONS["sv"][0], answers=BOT_AND_NOTICES)
    assert "180" in " ".join(answers)


def test_cpr_is_replaced_and_the_warning_shown(page, served) -> None:
    open_chat(page, served, "da")
    cpr = synthetic_cpr(1)
    answers = send(page, f"Mit CPR-nummer er {cpr}, hvad gør I med det?", answers=BOT_AND_NOTICES)
    mine = page.locator(".pb-log .pb-user").last
    assert "[CPR-nummer fjernet]" in mine.inner_text()  # the placeholder <DK_CPR>, readable
    assert "Gemt som" in mine.inner_text()
    assert "CPR-nummer" in answers[0] and "fjernet" in answers[0]
    assert cpr not in page.content()
    assert cpr.replace("-", "") not in page.content()


def test_reload_and_navigation_keep_the_conversation(page, served) -> None:
    open_chat(page, served, "en")
    send(page, "Who is the data controller?", answers=BOT_AND_NOTICES)
    before = page.locator(".pb-log .pb-msg .pb-text").all_inner_texts()
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('.pb-log .pb-msg').length >= 2")
    after = page.locator(".pb-log .pb-msg .pb-text").all_inner_texts()
    assert any("data controller" in text for text in after)
    assert after[-1] == before[-1]
    assert page.locator(".pb-panel").is_visible(), "an open chat stays open across reloads"
    # Another page of the same site: same conversation.
    page.goto(served.url + "/?company=OK&lang=da")
    page.wait_for_function("() => document.querySelectorAll('.pb-log .pb-msg').length >= 2")
    assert any("data controller" in text for text in page.locator(".pb-log .pb-msg").all_inner_texts())


def test_markup_in_a_message_is_shown_as_text_and_runs_nothing(page, served) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page, served, "en")
    payload = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2</script><b>bold</b>'
    send(page, payload, answers=BOT_AND_NOTICES)
    mine = page.locator(".pb-log .pb-user .pb-text").last
    assert mine.inner_text() == payload
    assert page.locator(".pb-log img, .pb-log script, .pb-log b").count() == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_phone_width_360(browser, served) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    open_chat(page, served, "da")
    send(page, "Hvad bruger I chatten til?", answers=BOT_AND_NOTICES)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-360px.png"))
    box = page.locator(".pb-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for selector in (".pb-input", ".pb-send", ".pb-close", ".pb-lang"):
        control = page.locator(selector).bounding_box()
        assert control["x"] >= 0 and control["x"] + control["width"] <= 360, selector
    context.close()


def test_keyboard_only(page, served) -> None:
    page.goto(served.url + "/?company=OJCO&lang=en")
    page.wait_for_selector(".pb-launcher")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "pb-launcher":
            break
    assert page.evaluate("document.activeElement.className") == "pb-launcher"
    assert page.locator(".pb-launcher").get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.locator(".pb-launcher").get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.className") == "pb-accept"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "pb-input"
    page.keyboard.type("How can I complain?")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pb-log .pb-user:not(.pb-pending)")
    page.wait_for_function("() => document.querySelectorAll('.pb-log .pb-bot').length >= 2")
    # New messages are announced: they land in a polite live region.
    log = page.locator(".pb-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    page.keyboard.press("Escape")
    assert not page.locator(".pb-panel").is_visible()
    assert page.evaluate("document.activeElement.className") == "pb-launcher"


@pytest.mark.parametrize("viewport", [(1280, 800), (360, 740)])
def test_axe_core_finds_no_wcag_21_aa_violations(browser, served, viewport) -> None:
    # axe is injected as a script of the test tool; the page's CSP (own scripts only) would block it.
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=True)
    page = context.new_page()
    axe_js = str(NODE_MODULES / "axe-core" / "axe.min.js")
    page.goto(served.url + "/?company=OK&lang=da")
    page.wait_for_selector(".pb-launcher")
    page.add_script_tag(path=axe_js)
    states = {"closed": axe_violations(page)}
    page.click(".pb-launcher")
    states["privacy notice"] = axe_violations(page)
    page.click(".pb-accept")
    send(page, "Hvor længe gemmer I data?", answers=BOT_AND_NOTICES)  # without a company-specific word: quick replies may appear
    send(page, f"mit cpr er {synthetic_cpr(3)}", answers=BOT_AND_NOTICES)
    page.locator(".pb-typing").evaluate("el => el.hidden = false")  # the typing indicator, too
    states["chatting"] = axe_violations(page)
    page.goto(served.url + "/policy/OK")
    page.add_script_tag(path=axe_js)
    states["policy page"] = axe_violations(page)
    context.close()
    assert {state: v for state, v in states.items() if v} == {}, json.dumps(states, indent=1)
