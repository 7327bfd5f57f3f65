"""What the widget API tells the widget beyond the text: the language of every message,
readable labels for placeholders, the removal notice again after a reload, and what the
widget takes from the server (retention period, longest message, languages, companies)."""
from __future__ import annotations

import pytest

from actions.catalogue import COMPANIES, LANGUAGES
from support.synthetic import synthetic_cpr

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]


async def _conversation(client, lang: str) -> tuple:
    response = await client.post("/api/conversations", json={"metadata": {"company": "OK", "lang": lang}})
    conversation = await response.json()
    return conversation["id"], {"Authorization": f"Bearer {conversation['secret']}"}


async def test_every_message_has_a_language_and_placeholders_have_labels(client) -> None:
    conversation_id, auth = await _conversation(client, "da")
    response = await client.post(
        f"/api/conversations/{conversation_id}/messages",
        json={"message": f"Mit CPR-nummer er {synthetic_cpr(1401)}, hvor længe gemmer I det?",
              "metadata": {"company": "OK", "lang": "da"}},
        headers=auth,
    )
    body = await response.json()
    assert body["lang"] == "da" and body["user"]["lang"] == "da"
    assert body["labels"] == {"<DK_CPR>": "[CPR-nummer fjernet]"}
    assert body["messages"] and all(m["lang"] in ("da", "sv", "en") for m in body["messages"])
    assert body["messages"][0]["lang"] == "da"  # the removal notice, in the visitor's language


async def test_history_explains_a_redacted_message_after_a_reload(client) -> None:
    conversation_id, auth = await _conversation(client, "sv")
    await client.post(
        f"/api/conversations/{conversation_id}/messages",
        json={"message": f"Mitt CPR-nummer är {synthetic_cpr(1402)}, hur länge sparar ni chatten?",
              "metadata": {"company": "OK", "lang": "sv"}},
        headers=auth,
    )
    response = await client.get(f"/api/conversations/{conversation_id}/messages?lang=sv", headers=auth)
    body = await response.json()
    first, notice = body["messages"][:2]
    # A Danish CPR number and a Swedish personnummer look alike: either type may be found.
    assert first["sender"] == "user" and first["lang"] == "sv" and first["sent_at"].endswith("Z")
    (kind,) = first["redacted_types"]
    assert notice["sender"] == "notice" and notice["lang"] == "sv"
    assert notice["text"].startswith("Jag har tagit bort ett")
    assert body["labels"] == {f"<{kind}>": "[CPR-nummer borttaget]" if kind == "DK_CPR" else "[personnummer borttaget]"}


async def test_widget_config_names_the_servers_settings_and_the_catalogue(client, web_env) -> None:
    """What widget.js no longer hard-codes: the settings' values and the knowledge base's lists."""
    response = await client.get("/api/widget-config")
    assert response.status == 200
    config = await response.json()
    assert config["retention_days"] == int(web_env.get("PRIVACYBOT_RETENTION_DAYS", "180"))
    assert config["max_message_chars"] == int(web_env.get("PRIVACYBOT_MAX_MESSAGE_CHARS", "2000"))
    assert config["languages"] == list(LANGUAGES) == ["da", "sv", "en"]
    assert config["companies"] == {"OK": {"name": "OK"}, "OJCO": {"name": "OJCO"}}
    assert list(config["companies"]) == list(COMPANIES)
