"""/admin/: export and statistics behind the bearer token, the dashboard's counts; never content."""
from __future__ import annotations

import asyncio
import json
import re
from typing import Any, AsyncIterator, Callable, Dict

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient

from admin_support import TEXT_MARKERS, TOKEN, fill, no_model
from bot.cli import main
from bot.store.database import dispose_engine, get_engine
from bot.store.purge import purge
from bot.store.retention import utcnow
from bot.web.admin.auth import token_matches
from bot.web.admin.handlers import EXPORT_LOCK
from bot.web.security_headers import PAGE_CSP
from support.web_app import AppClients, make_config

DATA_ROUTES = ("/admin/stats", "/admin/api/dashboard", "/admin/export?format=jsonl")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def store_url(tmp_path) -> AsyncIterator[str]:
    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    yield url
    dispose_engine(url)


@pytest_asyncio.fixture
async def make_admin_client(store_url, tmp_path) -> AsyncIterator[Callable[..., Any]]:
    from bot.app import create_app

    env = {"PRIVACYBOT_DATABASE_URL": store_url, "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "0",
           "PRIVACYBOT_MODEL_DIR": str(tmp_path / "no-models")}
    clients = AppClients()

    async def make(token: str = TOKEN) -> TestClient:
        return await clients.start(create_app(make_config(env, admin_token=token), agent_loader=no_model))

    yield make
    await clients.close()


@pytest.fixture
def filled(store_url) -> Dict[str, Any]:
    return fill(get_engine(store_url))


@pytest.mark.parametrize("path", ["/admin/", "/admin", "/admin/assets/admin.js", *DATA_ROUTES])
async def test_without_a_configured_token_the_admin_routes_do_not_exist(make_admin_client, path) -> None:
    client = await make_admin_client(token="")
    response = await client.get(path, headers={"Authorization": "Bearer "}, allow_redirects=False)
    assert response.status == 404


@pytest.mark.parametrize("path", DATA_ROUTES)
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Bearer wrong", f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}",
     f"Basic {TOKEN}", TOKEN, f"Bearer {TOKEN.upper()}"],
)
async def test_a_missing_or_wrong_token_gets_401_and_nothing_else(make_admin_client, filled, path, authorization) -> None:
    client = await make_admin_client()
    headers = {} if authorization is None else {"Authorization": authorization}
    response = await client.get(path, headers=headers)
    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = await response.json()
    assert set(body) == {"error", "message"} and body["error"] == "unauthorized"


async def test_the_token_is_accepted_whatever_the_scheme_case(make_admin_client, filled) -> None:
    client = await make_admin_client()
    response = await client.get("/admin/stats", headers={"Authorization": f"bearer {TOKEN}"})
    assert response.status == 200


def test_token_comparison() -> None:
    assert token_matches(TOKEN, f"Bearer {TOKEN}")
    assert token_matches(TOKEN, f"  Bearer   {TOKEN}  ")
    assert not token_matches(TOKEN, None)
    assert not token_matches("", "Bearer ")  # no token configured never matches
    assert not token_matches(TOKEN, f"Bearer {TOKEN} {TOKEN}")
    assert not token_matches(TOKEN, "Bearer \udcff")  # undecodable bytes do not crash it


async def test_stats_are_what_privacybot_stats_prints(make_admin_client, filled, store_url, monkeypatch, capsys) -> None:
    client = await make_admin_client()
    response = await client.get("/admin/stats", headers=AUTH)
    assert response.status == 200
    over_http = await response.json()
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", store_url)
    capsys.readouterr()
    assert main(["stats"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(over_http) == set(printed)
    for key in ("conversations", "events", "events_expiring_within_7_days", "events_expiring_within_30_days",
                "expired_events_awaiting_purge", "retention_days", "last_purges"):
        assert over_http[key] == printed[key], key
    assert over_http["conversations"] == 2 and over_http["events"] == 5


async def test_export_over_http_streams_the_same_safe_export(make_admin_client, filled) -> None:
    client = await make_admin_client()
    response = await client.get("/admin/export?format=jsonl", headers=AUTH)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/x-ndjson")
    assert re.fullmatch(r'attachment; filename="privacybot-export-\d{8}T\d{6}Z\.jsonl"',
                        response.headers["Content-Disposition"])
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers.get("Transfer-Encoding") == "chunked"
    raw = await response.text()
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) == 1
    texts = [turn["text"] for turn in lines[0]["turns"]]
    assert texts[0].startswith("kiwimarker mit cpr er <DK_CPR> og min mail er <EMAIL_ADDRESS>")
    assert "optedoutmarker" not in raw and "plantedmarker" not in raw
    assert filled["cpr"] not in raw and filled["email"] not in raw

    rasa = await client.get("/admin/export?format=rasa&since=2000-01-01", headers=AUTH)
    assert rasa.status == 200 and rasa.headers["Content-Type"].startswith("application/x-yaml")
    yaml_text = await rasa.text()
    assert 'version: "3.1"' in yaml_text and "- intent: ask_retention_chat" in yaml_text
    assert "plantedmarker" not in yaml_text and "optedoutmarker" not in yaml_text


@pytest.mark.parametrize("query", ["", "?format=csv", "?format=jsonl&since=yesterday"])
async def test_a_bad_export_request_is_400(make_admin_client, filled, query) -> None:
    client = await make_admin_client()
    response = await client.get("/admin/export" + query, headers=AUTH)
    assert response.status == 400


async def test_one_export_at_a_time(make_admin_client, filled) -> None:
    client = await make_admin_client()
    lock: asyncio.Lock = client.server.app[EXPORT_LOCK]
    async with lock:  # as if an export were streaming
        busy = await client.get("/admin/export?format=jsonl", headers=AUTH)
        assert busy.status == 409
    assert (await client.get("/admin/export?format=jsonl", headers=AUTH)).status == 200


async def test_the_dashboard_counts_the_store_and_never_shows_content(make_admin_client, filled, store_url) -> None:
    engine = get_engine(store_url)
    purge(engine, utcnow(), 100, dry_run=True, retention_days=180)
    client = await make_admin_client()
    response = await client.get("/admin/api/dashboard", headers=AUTH)
    assert response.status == 200
    data = await response.json()
    assert data["retention_days"] == 180
    assert data["totals"] == {"messages": 5, "conversations": 2, "expired_awaiting_purge": 0,
                              "conversations_opted_out": 1}
    ages = {b["age_days_from"]: b["messages"] for b in data["messages_by_age"]}
    assert ages[0] == 4 and ages[35] == 1 and sum(ages.values()) == 5
    assert data["messages_by_age"][-1]["age_days_to"] >= 180
    assert len(data["deletions_by_week"]) == 26 and sum(w["messages"] for w in data["deletions_by_week"]) == 5
    redactions = data["redactions_by_day"]
    two_days_ago = redactions["days"].index(filled["now"].date().isoformat()) - 2
    assert redactions["types"]["DK_CPR"][two_days_ago] == 1  # once, though Rasa keeps the text twice
    assert redactions["types"]["EMAIL_ADDRESS"][two_days_ago] == 1
    assert sum(sum(v) for v in redactions["types"].values()) == 2
    assert len(data["purges"]) == 1 and data["purges"][0]["dry_run"] is True


async def test_no_admin_response_but_the_export_carries_message_text(make_admin_client, filled) -> None:
    client = await make_admin_client()
    for path in ("/admin/", "/admin/assets/admin.js", "/admin/assets/admin.css", "/admin/stats",
                 "/admin/api/dashboard"):
        response = await client.get(path, headers=AUTH)
        assert response.status == 200, path  # an error body would hold no text either
        body = await response.text()
        for marker in TEXT_MARKERS:
            assert marker not in body, (path, marker)
        assert filled["cpr"] not in body and filled["email"] not in body
    export = await client.get("/admin/export?format=jsonl", headers=AUTH)
    assert export.status == 200
    exported = await export.text()
    assert "kiwimarker" in exported and "svarmarker" in exported  # the same store's text, where it belongs
    assert filled["cpr"] not in exported and "optedoutmarker" not in exported


async def test_the_page_runs_under_the_strict_content_security_policy(make_admin_client) -> None:
    client = await make_admin_client()
    response = await client.get("/admin/")
    assert response.status == 200  # the page holds no data: no token needed to load it
    assert response.headers["Content-Security-Policy"] == PAGE_CSP
    assert response.headers["Cache-Control"] == "no-store"
    html = await response.text()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/admin/assets/admin.js" defer>']
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)  # no inline event handlers
    redirect = await client.get("/admin", allow_redirects=False)
    assert redirect.status == 302 and redirect.headers["Location"] == "/admin/"
    for name, kind in (("admin.js", "application/javascript"), ("admin.css", "text/css")):
        asset = await client.get(f"/admin/assets/{name}")
        assert asset.status == 200 and asset.headers["Content-Type"].startswith(kind)
    script = await (await client.get("/admin/assets/admin.js")).text()
    assert "innerHTML" not in script and "eval(" not in script and ".style." not in script


async def test_an_export_failing_midway_is_an_incomplete_download_not_a_short_file(
    make_admin_client, filled, monkeypatch
) -> None:
    import aiohttp

    from bot.export import exporter
    from bot.store.errors import StoreUnavailable

    def failing_chunks(self):
        yield '{"conversation": 1}\n'
        raise StoreUnavailable("transcript store unavailable while exporting")

    monkeypatch.setattr(exporter.Export, "chunks", failing_chunks)
    client = await make_admin_client()
    response = await client.get("/admin/export?format=jsonl", headers=AUTH)
    assert response.status == 200  # the status went out with the first chunk
    with pytest.raises(aiohttp.ClientPayloadError):
        await response.read()


async def test_an_unreachable_store_before_the_first_chunk_is_503(make_admin_client, monkeypatch) -> None:
    from bot.export import exporter
    from bot.store.errors import StoreUnavailable

    def dead_chunks(self):
        raise StoreUnavailable("transcript store unavailable while counting")
        yield ""  # pragma: no cover

    monkeypatch.setattr(exporter.Export, "chunks", dead_chunks)
    client = await make_admin_client()
    response = await client.get("/admin/export?format=rasa", headers=AUTH)
    assert response.status == 503 and response.headers["Retry-After"] == "5"
