"""The widget as visitors use it (issue 13): blocked storage, `lang` on messages, readable
placeholders after a reload, 44-px targets, a growing input, focus kept in a covering panel,
errors that say what failed, long answers read from their start, links without HTML, the
customer's JSON download, timestamps, dark and forced-colours themes, the server's
retention period, languages, companies and longest message (GET /api/widget-config).

Tests about how the widget renders an answer give the widget a fixed answer (Playwright
routing of the messages endpoint), so they test the widget, not the NLU.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from actions.catalogue import LANGUAGES
from browser_served import NODE_MODULES, ServedBot
from support.synthetic import synthetic_cpr
from screenshots import assert_looks_like
from widget_page import axe_violations, open_chat, send

pytestmark = [pytest.mark.browser, pytest.mark.model]

RETENTION_DAYS = 90  # not the default 180: the notice must take it from the server
MAX_MESSAGE_CHARS = 500  # not the default 2000: the input field must take it from the server
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedBot]:
    """`privacybot serve` with its own store, a copy of the newest model, 90 days' retention,
    messages of at most 500 characters."""
    from bot import paths, settings

    newest = paths.newest_model(Path(settings.load().model_dir))
    assert newest is not None, "no trained model: run `privacybot train`"
    workdir = tmp_path_factory.mktemp("visitor-served")
    (workdir / "models").mkdir()
    shutil.copy(newest, workdir / "models" / newest.name)
    bot = ServedBot(
        workdir,
        {"PRIVACYBOT_MODEL_DIR": str(workdir / "models"), "PRIVACYBOT_RETENTION_DAYS": str(RETENTION_DAYS),
         "PRIVACYBOT_MAX_MESSAGE_CHARS": str(MAX_MESSAGE_CHARS)},
    ).start()
    yield bot
    bot.stop()


def new_page(browser, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors
    return context, page


def finish(context, page) -> None:
    """Close the profile; the page must have had no script error."""
    errors = page.script_errors
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def answer_with(page, messages: list, labels: dict | None = None, lang: str = "da", user: dict | None = None) -> None:
    """Make the server's answer to every message sent from now on ``messages``."""

    def handle(route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sent = json.loads(route.request.post_data)["message"]
        route.fulfill(json={
            "user": user or {"text": sent, "redacted_types": [], "lang": lang},
            "lang": lang,
            "messages": [{"recipient_id": "x", "lang": lang, **m} for m in messages],
            "labels": labels or {},
            "sent_at": "2026-01-01T12:00:00Z",
        })

    page.route("**/api/conversations/*/messages", handle)


BLOCK_STORAGE = """
(() => {
  const blocked = () => { throw new DOMException("The user has blocked site data.", "SecurityError"); };
  Object.defineProperty(window, "localStorage", { get: blocked, configurable: true });
  Object.defineProperty(window, "sessionStorage", { get: blocked, configurable: true });
})();
"""


# ---- 1. storage blocked ----

def test_blocked_storage_chat_works_in_memory_and_says_it_will_not_survive_a_reload(browser, served) -> None:
    context, page = new_page(browser)
    context.add_init_script(BLOCK_STORAGE)
    open_chat(page, served, "da")
    assert page.evaluate("() => { try { localStorage; return 'open'; } catch (e) { return 'blocked'; } }") == "blocked"
    note = page.locator(".pb-memory")
    assert note.is_visible() and "forsvinder, hvis du genindlæser" in note.inner_text()
    assert page.locator(".pb-input").is_visible(), "'Start chatten' works without storage"
    send(page, "Hvor længe gemmer I mine chatbeskeder?")
    assert "dage" in page.locator(".pb-log .pb-bot .pb-text").last.inner_text()
    send(page, "Hvem er dataansvarlig?")  # the same conversation, held in memory
    assert page.locator(".pb-log .pb-user").count() == 2
    page.reload()
    page.click(".pb-launcher")
    assert page.locator(".pb-privacy").is_visible(), "nothing survived the reload, as the note said"
    assert page.locator(".pb-log .pb-user").count() == 0
    finish(context, page)


def test_with_storage_there_is_no_memory_note(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "en")
    assert not page.locator(".pb-memory").is_visible()
    finish(context, page)


# ---- 2. lang on every message ----

def test_every_message_carries_the_language_of_its_text(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "da")
    send(page, "How long do you keep my chat messages?")
    send(page, "Min e-mail er kunde@example.dk og jeg har diabetes, hvad gør I med det?")
    langs = page.eval_on_selector_all(".pb-log .pb-msg", "els => els.map(e => [e.className, e.lang])")
    assert langs and all(lang in ("da", "sv", "en") for _, lang in langs), langs
    assert langs[0] == ["pb-msg pb-bot", "da"]  # the greeting, in the widget's language
    assert langs[1][1] == "en" and langs[2][1] == "en", "an English question and its answer"
    notice = page.locator(".pb-log .pb-notice").last
    assert notice.get_attribute("lang") == "da" and "fjernet" in notice.inner_text()
    # The screen reader's "Dig:"/"Chatbot:" prefix is in the widget's language.
    assert set(page.eval_on_selector_all(".pb-msg > .pb-sr", "els => els.map(e => e.lang)")) == {"da"}
    finish(context, page)


# ---- 3. placeholders as readable labels, live and after a reload ----

def test_a_redacted_message_is_explained_live_and_after_a_reload(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "da")
    send(page, f"Mit CPR-nummer er {synthetic_cpr(1301)}, hvad gør I med det?")

    def check() -> None:
        mine = page.locator(".pb-log .pb-user").last
        assert "Gemt som:" in mine.inner_text()
        assert mine.locator(".pb-text").inner_text() == "Mit CPR-nummer er [CPR-nummer fjernet], hvad gør I med det?"
        assert mine.locator(".pb-ph").get_attribute("title") == "<DK_CPR>"
        assert "<DK_CPR>" not in page.locator(".pb-log").inner_text()
        notice = page.locator(".pb-log .pb-user + .pb-notice")
        assert "Jeg har fjernet et CPR-nummer" in notice.inner_text()
        assert f"{RETENTION_DAYS} dage" in notice.inner_text()

    check()
    page.reload()
    page.wait_for_selector(".pb-log .pb-notice")
    check()
    finish(context, page)


# ---- 4. 44 × 44 px targets ----

TARGETS = """() => Array.from(document.querySelectorAll(
    '.pb-root button, .pb-root select, .pb-root textarea, .pb-root input, .pb-root .pb-privacy a'))
  .filter(e => e.getClientRects().length)
  .map(e => { const r = e.getBoundingClientRect();
              return {what: e.className || e.tagName, width: Math.round(r.width * 10) / 10,
                      height: Math.round(r.height * 10) / 10}; })"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_control_is_at_least_44_by_44_px(browser, served, viewport) -> None:
    context, page = new_page(browser, viewport)
    page.goto(f"{served.url}/?company=OK&lang=da")
    measured = page.evaluate(TARGETS)  # the launcher
    page.click(".pb-launcher")
    measured += page.evaluate(TARGETS)  # the notice: close, language, policy link, start
    page.click(".pb-accept")
    answer_with(page, [{"text": "Vil du vide mere?", "buttons": [{"title": "Ja", "payload": "/affirm"},
                                                                   {"title": "Nej", "payload": "/deny"}]}])
    send(page, "Hej")
    measured += page.evaluate(TARGETS)  # suggestions, input, send, "Dine data"
    page.click(".pb-rights-toggle")
    measured += page.evaluate(TARGETS)  # downloads, opt-out checkbox, delete
    page.click(".pb-delete")
    measured += page.evaluate(TARGETS)  # the confirmation's buttons
    kinds = {m["what"] for m in measured}
    for expected in ("pb-launcher", "pb-close", "pb-lang", "pb-policy", "pb-accept", "pb-reply", "pb-input",
                     "pb-send", "pb-rights-toggle", "pb-optout", "pb-confirm-no", "pb-confirm-yes"):
        assert any(expected in kind for kind in kinds), (expected, kinds)
    small = [m for m in measured if m["width"] < 44 or m["height"] < 44]
    assert small == [], small
    finish(context, page)


# ---- 5. a textarea that grows; Enter sends, Shift+Enter breaks the line ----

def test_the_input_grows_to_a_few_lines_enter_sends_and_shift_enter_breaks_the_line(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "en")
    answer_with(page, [{"text": "Noted."}], lang="en")
    box = page.locator(".pb-input")
    one_line = box.bounding_box()["height"]
    box.click()
    page.keyboard.type("First line of a long question")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("second line")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("third line")
    assert box.input_value() == "First line of a long question\nsecond line\nthird line"
    three_lines = box.bounding_box()["height"]
    assert three_lines > one_line + 40, (one_line, three_lines)
    assert page.locator(".pb-log .pb-user").count() == 0, "Shift+Enter did not send"
    for _ in range(10):
        page.keyboard.press("Shift+Enter")
        page.keyboard.type("more")
    assert box.bounding_box()["height"] <= 140, "a few lines, then it scrolls"
    page.keyboard.press("Enter")
    page.wait_for_selector(".pb-log .pb-user:not(.pb-pending)")
    assert page.locator(".pb-log .pb-user .pb-text").inner_text().startswith("First line of a long question\nsecond line")
    assert box.input_value() == "" and abs(box.bounding_box()["height"] - one_line) < 2
    finish(context, page)


# ---- 6. focus stays in a panel that covers the page ----

def _focus_inside(page) -> bool:
    return page.evaluate("() => !!document.activeElement.closest('.pb-panel')")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 320, "height": 200}], ids=["phone", "desktop-at-400-percent"])
def test_focus_stays_in_the_panel_while_it_covers_the_page(browser, served, viewport) -> None:
    context, page = new_page(browser, viewport)
    open_chat(page, served, "en")
    assert page.locator(".pb-panel").get_attribute("aria-modal") == "true"
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        assert _focus_inside(page), f"focus left the panel after {key}"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.className") == "pb-launcher"
    finish(context, page)


def test_on_a_desktop_the_panel_does_not_trap_focus(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "en")
    assert page.locator(".pb-panel").get_attribute("aria-modal") is None
    left = False
    for _ in range(25):
        page.keyboard.press("Tab")
        left = left or not _focus_inside(page)
    assert left, "the page beside a small panel stays reachable"
    finish(context, page)


# ---- 7. each error says what failed ----

def test_each_error_says_what_failed(browser, served) -> None:
    context, page = new_page(browser)
    open_chat(page, served, "da")
    answer_with(page, [{"text": "Svar."}])
    send(page, "Hej")
    unavailable = {"status": 503, "json": {"error": "unavailable"}, "headers": {"Retry-After": "5"}}
    page.route("**/transcript*", lambda route: route.fulfill(**unavailable))
    page.click(".pb-rights-toggle")
    page.click(".pb-download-json")
    error = page.locator(".pb-error")
    error.wait_for()
    assert error.inner_text().startswith("Samtalen blev ikke hentet.")
    assert "besked" not in error.inner_text()
    page.route("**/api/conversations/cv_*", lambda route: route.fulfill(**unavailable)
               if route.request.method == "DELETE" else route.continue_())
    page.click(".pb-delete")
    page.click(".pb-confirm-yes")
    page.wait_for_function("() => document.querySelector('.pb-error').textContent.includes('slettet')")
    assert error.inner_text() == "Samtalen blev ikke slettet. Chatten er midlertidigt utilgængelig; prøv igen om lidt."
    page.unroute("**/api/conversations/*/messages")
    page.route("**/api/conversations/*/messages", lambda route: route.abort())
    one_line = page.locator(".pb-input").bounding_box()["height"]
    page.fill(".pb-input", "Er I der?\nJeg har et spørgsmål\nom min samtale.")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.pb-error').textContent.includes('sendt')")
    assert error.inner_text() == "Din besked blev ikke sendt. Der er ingen forbindelse til chatten; prøv igen."
    assert page.locator(".pb-input").input_value() == "Er I der?\nJeg har et spørgsmål\nom min samtale.", "nothing lost"
    assert page.locator(".pb-input").bounding_box()["height"] > one_line + 40, "put back whole, not cut"
    finish(context, page)


# ---- 8. a long answer is shown from its start ----

def test_a_long_new_answer_scrolls_so_its_start_is_in_view(browser, served) -> None:
    context, page = new_page(browser, PHONE)
    open_chat(page, served, "en")
    long_answer = "START of the answer. " + " ".join(f"Sentence {i} of a long answer." for i in range(120))
    answer_with(page, [{"text": long_answer}], lang="en")
    send(page, "Tell me everything")
    top = page.evaluate("""() => { const log = document.querySelector('.pb-log').getBoundingClientRect();
        const answer = document.querySelector('.pb-log .pb-bot:last-of-type').getBoundingClientRect();
        return {log: log.top, answer: answer.top, answerBottom: answer.bottom, logBottom: log.bottom}; }""")
    assert top["answerBottom"] > top["logBottom"], "the answer is longer than the view"
    assert top["log"] - 1 <= top["answer"] <= top["log"] + 24, top
    finish(context, page)


# ---- 9. links in answers, never HTML ----

XSS = '<img src=x onerror="window.__xss=1"><a href="javascript:window.__xss=2">klik</a><script>window.__xss=3</script>'


def test_addresses_numbers_and_sections_become_links_and_markup_stays_text(browser, served) -> None:
    context, page = new_page(browser)
    dialogs: list = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page, served, "da")
    text = (f"Skriv til dpo@ok.dk {XSS} eller ring på 33 19 32 00. Se www.imy.se, "
            "https://www.datatilsynet.dk/klage og afsnit 4.1. javascript:alert(1) CVR-nr. 39170418.")
    answer_with(page, [{"text": text}])
    send(page, "Hvordan klager jeg?")
    answer = page.locator(".pb-log .pb-bot").last
    links = answer.locator("a").evaluate_all("els => els.map(a => [a.textContent, a.getAttribute('href')])")
    assert links == [
        ["dpo@ok.dk", "mailto:dpo@ok.dk"],
        ["33 19 32 00", "tel:33193200"],
        ["www.imy.se", "https://www.imy.se"],
        ["https://www.datatilsynet.dk/klage", "https://www.datatilsynet.dk/klage"],
        ["afsnit 4.1", f"{served.url}/policy/OK#section-4.1"],
    ]
    assert answer.locator(".pb-text").inner_text() == text, "the text is shown exactly as sent"
    assert page.locator(".pb-log img, .pb-log script, .pb-log a[href^='javascript']").count() == 0
    assert page.evaluate("window.__xss") is None and dialogs == []
    # Links open with the same look as the rest: an external one in a new tab, safely.
    assert answer.locator("a[href^='https://www.imy']").get_attribute("rel") == "noopener noreferrer"
    finish(context, page)


# ---- 10. the customer's JSON download ----

def test_the_json_download_is_the_conversation_in_the_visitors_language(browser, served) -> None:
    context, page = new_page(browser, accept_downloads=True)
    open_chat(page, served, "da")
    send(page, f"Mit CPR-nummer er {synthetic_cpr(1310)}, hvor længe gemmer I chatten?")
    page.click(".pb-rights-toggle")
    with page.expect_download() as info:
        page.click(".pb-download-json")
    document = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert set(document) == {"conversation_id", "company", "language", "downloaded_at", "training_opt_out",
                             "note", "messages"}, "no raw Rasa events in the customer's copy"
    assert document["language"] == "da" and "pladsholdere" in document["note"]
    first, *answers = document["messages"]
    assert first["who"] == "Dig" and first["sender"] == "user"
    assert first["text"] == "Mit CPR-nummer er <DK_CPR>, hvor længe gemmer I chatten?"
    assert first["placeholders"] == {"<DK_CPR>": "[CPR-nummer fjernet]"}
    assert answers and all(m["who"] == "Chatbot" for m in answers)
    for message in document["messages"]:
        assert {"sender", "who", "text", "sent_at", "expires_at"} <= set(message)
    finish(context, page)


# ---- 11. timestamps, dark, forced colours, LTR inside an RTL page ----

def _conversation_for_screenshots(page, served) -> None:
    open_chat(page, served, "da")
    answer_with(
        page,
        [{"text": "Jeg har fjernet et CPR-nummer fra din besked, før den blev gemt.", "custom": {"redaction": {}}},
         {"text": "Skriv til dpo@ok.dk eller ring på 33 19 32 00. Se afsnit 4.1.",
          "buttons": [{"title": "Klage", "payload": "/complain"}]}],
        labels={"<DK_CPR>": "[CPR-nummer fjernet]"},
        user={"text": "Mit CPR-nummer er <DK_CPR>", "redacted_types": ["DK_CPR"], "lang": "da"},
    )
    send(page, "Mit CPR-nummer er 010203-0000")
    page.locator(".pb-input").blur()
    page.mouse.move(0, 0)


@pytest.mark.parametrize("theme", ["dark", "forced-colors"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_dark_and_forced_colour_themes_look_as_stored(browser, served, theme, viewport) -> None:
    name = f"widget-{theme}-{'phone' if viewport == PHONE else 'desktop'}"
    media = {"color_scheme": "dark"} if theme == "dark" else {"forced_colors": "active"}
    context, page = new_page(browser, viewport, **media)
    _conversation_for_screenshots(page, served)
    if theme == "dark":
        colours = page.evaluate("() => getComputedStyle(document.querySelector('.pb-log')).backgroundColor")
        assert colours == "rgb(28, 28, 30)"
    else:
        # Outlines survive: bubbles and buttons keep a visible border.
        for selector in (".pb-bot", ".pb-user", ".pb-reply", ".pb-send"):
            width = page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).borderTopWidth)")
            style = page.eval_on_selector(selector, "e => getComputedStyle(e).borderTopStyle")
            assert width >= 1 and style == "solid", selector
    shot = page.locator(".pb-panel").screenshot(mask=[page.locator(".pb-time")], animations="disabled")
    assert_looks_like(shot, name)
    finish(context, page)


def test_messages_have_times_and_the_widget_stays_ltr_on_an_rtl_page(browser, served) -> None:
    context, page = new_page(browser)
    page.goto(f"{served.url}/?company=OK&lang=en")
    page.evaluate("document.documentElement.dir = 'rtl'")
    page.click(".pb-launcher")
    page.click(".pb-accept")
    answer_with(page, [{"text": "Yes (see section 2)."}], lang="en")
    send(page, "Is this chat stored?")
    assert page.evaluate("getComputedStyle(document.querySelector('.pb-panel')).direction") == "ltr"
    assert page.locator(".pb-root").get_attribute("dir") == "ltr"
    times = page.eval_on_selector_all(".pb-log .pb-msg time", "els => els.map(t => [t.textContent, t.dateTime])")
    assert len(times) == page.locator(".pb-log .pb-msg").count() == 3
    for shown, iso in times:
        assert len(shown) == 5 and shown[2] == ":" and iso.endswith("Z")
    finish(context, page)


# ---- 12. the retention period comes from the server ----

def test_the_notice_names_the_servers_retention_period(browser, served) -> None:
    context, page = new_page(browser)
    page.goto(f"{served.url}/?company=OJCO&lang=sv")
    page.click(".pb-launcher")
    assert f"sparas i högst {RETENTION_DAYS} dagar" in page.locator(".pb-privacy").inner_text()
    assert "180" not in page.locator(".pb-privacy").inner_text()
    finish(context, page)


# ---- 13. languages, companies and the longest message come from the server ----

def _languages(page) -> list:
    return page.eval_on_selector_all(".pb-lang option", "options => options.map(o => o.value)")


def test_the_input_and_the_language_list_follow_the_server(browser, served) -> None:
    context, page = new_page(browser)
    page.goto(f"{served.url}/?company=OK&lang=en")
    page.click(".pb-launcher")
    assert page.eval_on_selector(".pb-input", "input => input.maxLength") == MAX_MESSAGE_CHARS
    assert _languages(page) == list(LANGUAGES)
    # A server serving fewer languages: the widget offers only those.
    page.route("**/api/widget-config", lambda route: route.fulfill(json={
        "retention_days": RETENTION_DAYS, "max_message_chars": 40, "languages": ["sv", "en"],
        "companies": {"OK": {"name": "OK"}}}))
    page.reload()
    page.wait_for_selector(".pb-lang option", state="attached")
    assert _languages(page) == ["sv", "en"]
    assert page.eval_on_selector(".pb-input", "input => input.maxLength") == 40
    finish(context, page)


def test_without_the_servers_settings_the_widget_still_starts(browser, served) -> None:
    context, page = new_page(browser)
    page.route("**/api/widget-config", lambda route: route.abort())
    page.goto(f"{served.url}/?company=OK&lang=da")
    page.click(".pb-launcher")
    assert _languages(page) == ["da", "sv", "en"], "the languages strings.js has texts for"
    assert page.eval_on_selector(".pb-input", "input => input.maxLength") == -1, "the server still refuses 413"
    assert "gemmes i en begrænset periode" in page.locator(".pb-privacy").inner_text(), "no number named"
    finish(context, page)


def test_a_company_the_server_does_not_serve_gets_no_widget(browser, served) -> None:
    context, page = new_page(browser)
    messages: list = []
    page.on("console", lambda message: messages.append(message.text))
    page.route(f"{served.url}/embed-acme", lambda route: route.fulfill(
        content_type="text/html",
        body=f'<!doctype html><html lang="en"><head><title>ACME</title></head><body><h1>ACME</h1>'
             f'<script src="{served.url}/widget/widget.js" data-company="ACME" data-lang="en"></script></body></html>'))
    page.goto(f"{served.url}/embed-acme")
    for _ in range(100):  # the refusal is logged once the settings and strings have arrived
        if any("serves no company" in m for m in messages):
            break
        page.wait_for_timeout(100)
    assert any('serves no company "ACME"' in m for m in messages)
    assert page.locator(".pb-root").count() == 0
    finish(context, page)


# ---- axe-core: no violations in the new states ----

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_core_finds_no_violations_with_links_labels_and_the_memory_note(browser, served, scheme, viewport) -> None:
    context, page = new_page(browser, viewport, bypass_csp=True, color_scheme=scheme)
    context.add_init_script(BLOCK_STORAGE)
    _conversation_for_screenshots(page, served)
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    states = {"chatting": axe_violations(page, root="document.querySelector('.pb-root')", impact=False)}
    page.click(".pb-rights-toggle")
    states["rights menu"] = axe_violations(page, root="document.querySelector('.pb-root')", impact=False)
    assert {state: v for state, v in states.items() if v} == {}, json.dumps(states, indent=1)
    finish(context, page)
