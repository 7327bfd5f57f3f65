"""The widget stays small, has every text in three languages, and never renders HTML."""
from __future__ import annotations

import json
import re

from bot.web.pages.assets import WIDGET_DIR, gzipped_size, load_assets

BUDGET_BYTES = 30 * 1024


def test_widget_is_under_30_kb_gzipped_in_all() -> None:
    assets = load_assets(WIDGET_DIR)
    assert {"widget.js", "widget.css", "strings.js"} <= set(assets)
    assert gzipped_size(assets) < BUDGET_BYTES


def test_every_string_exists_in_danish_swedish_and_english() -> None:
    source = (WIDGET_DIR / "strings.js").read_text(encoding="utf-8")
    body = source[source.index("= {") + 2: source.rindex("}") + 1]
    # strings.js is a plain object literal: quote the keys and it is JSON.
    table = json.loads(re.sub(r"^(\s*)(\w+):", r'\1"\2":', body, flags=re.M))
    assert set(table) == {"da", "sv", "en"}
    assert set(table["da"]) == set(table["sv"]) == set(table["en"])
    used = set(re.findall(r'\bt\("(\w+)"', (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")))
    assert used <= set(table["en"]), f"missing strings: {used - set(table['en'])}"


def test_widget_code_has_no_html_sinks() -> None:
    source = (WIDGET_DIR / "widget.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source
