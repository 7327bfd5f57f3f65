"""What the browser tests do on the widget's page: open the chat, send a message, run axe-core.

One copy for test_rights.py, test_widget_in_chromium.py and test_widget_visitor.py, so a change
to the widget's markup is followed in one place.
"""
from __future__ import annotations

from typing import Any, List

# What counts as "the bot answered": its messages, or also the notices the widget shows itself.
BOT = ".pb-log .pb-bot"
BOT_AND_NOTICES = ".pb-log .pb-bot, .pb-log .pb-notice"
WCAG_21_AA = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"


def open_chat(page: Any, served: Any, lang: str = "da", company: str = "OK", accept: bool = True) -> None:
    """Open the demo page for ``company`` (``lang`` "" leaves the language to the widget) and the chat."""
    query = f"?company={company}" + (f"&lang={lang}" if lang else "")
    page.goto(served.url + "/" + query)
    page.click(".pb-launcher")
    if accept:
        page.click(".pb-accept")


def send(page: Any, text: str, timeout: float = 30_000, answers: str = BOT) -> List[str]:
    """Type and send ``text``; wait for a new element matching ``answers`` and return the new ones' texts."""
    before = page.locator(answers).count()
    page.fill(".pb-input", text)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([selector, n]) => document.querySelectorAll(selector).length > n && !document.querySelector('.pb-pending')",
        arg=[answers, before],
        timeout=timeout,
    )
    texts = ", ".join(f"{part.strip()} .pb-text" for part in answers.split(","))
    return page.locator(texts).all_inner_texts()[before:]


def axe_violations(page: Any, root: str = "document", impact: bool = True) -> list:
    """axe-core's WCAG 2.1 AA violations under ``root`` (a JS expression): id, (impact,) nodes."""
    fields = "id: v.id, impact: v.impact" if impact else "id: v.id"
    return page.evaluate(
        f"""async () => (await axe.run({root}, {{runOnly: {{type: 'tag', values: {WCAG_21_AA}}}}})).violations
             .map(v => ({{{fields}, nodes: v.nodes.map(n => n.target.join(' '))}}))"""
    )
