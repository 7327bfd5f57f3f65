"""The widget's rights controls (rights.js): every text in da/sv/en, no HTML sinks, inside the budget."""
from __future__ import annotations

import json
import re

from bot.web.pages.assets import WIDGET_DIR, gzipped_size, load_assets

BUDGET_BYTES = 30 * 1024


def strings_table() -> dict:
    source = (WIDGET_DIR / "strings.js").read_text(encoding="utf-8")
    body = source[source.index("= {") + 2: source.rindex("}") + 1]
    return json.loads(re.sub(r"^(\s*)(\w+):", r'\1"\2":', body, flags=re.M))


def test_every_text_of_the_rights_controls_exists_in_all_three_languages() -> None:
    source = (WIDGET_DIR / "rights.js").read_text(encoding="utf-8")
    # t("key") calls and the keys chosen at run time ("rightsOptOutSaved" : "rightsOptInSaved", pairs)
    used = set(re.findall(r'\bt\("(\w+)"', source)) | set(re.findall(r'"(rights\w+)"', source))
    assert {"rightsMenu", "rightsDelete", "rightsOptOut", "rightsDownloadText", "rightsOptInSaved"} <= used
    table = strings_table()
    for lang in ("da", "sv", "en"):
        missing = used - set(table[lang])
        assert not missing, f"{lang} lacks {missing}"
        assert all(table[lang][key].strip() for key in used)
    assert len({table[lang]["rightsDelete"] for lang in ("da", "sv", "en")}) == 3  # translated, not copied


def test_rights_code_has_no_html_sinks() -> None:
    source = (WIDGET_DIR / "rights.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source


def test_the_widget_with_its_rights_controls_stays_under_30_kb_gzipped() -> None:
    assets = load_assets(WIDGET_DIR)
    assert {"widget.js", "widget.css", "strings.js", "rights.js"} <= set(assets)
    assert "rights.js" in assets["widget.js"].body.decode("utf-8")  # the widget loads it
    assert gzipped_size(assets) < BUDGET_BYTES
