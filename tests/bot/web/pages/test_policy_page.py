"""The policy page's headings carry ids, so the widget's "afsnit 4.1" links open that section."""
from __future__ import annotations

import re

from bot.web.pages.policy_page import POLICY_DIR, render_policy


def _ids(company: str) -> list:
    page = render_policy(company, (POLICY_DIR / f"{company}.txt").read_text(encoding="utf-8"))
    return re.findall(r'<h[23] id="(section-[\d.]+)">', page)


def test_sections_and_subsections_have_ids_the_answers_link_to() -> None:
    ok = _ids("OK")
    assert {"section-1.1", "section-2", "section-3", "section-4.1", "section-7"} <= set(ok)
    assert {"section-8", "section-11", "section-13"} <= set(_ids("OJCO"))
    assert len(ok) == len(set(ok))  # one heading per id


def test_a_heading_id_never_carries_the_heading_text() -> None:
    page = render_policy("OK", "Titel\n\n4.1 <b>Kredit</b>\n\nTekst.")
    assert '<h3 id="section-4.1">4.1 &lt;b&gt;Kredit&lt;/b&gt;</h3>' in page
