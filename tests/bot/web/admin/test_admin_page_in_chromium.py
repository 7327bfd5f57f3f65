"""The /admin/ dashboard in Debian's Chromium (Playwright): token prompt, SVG charts, export download."""
from __future__ import annotations

import asyncio
import json
import socket
import threading
from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest
from aiohttp import web

from admin_support import TEXT_MARKERS, TOKEN, fill, no_model
from bot.store.database import dispose_engine, get_engine
from bot.store.purge import purge
from bot.store.retention import utcnow
from bot.store.writes import append_events
from support.web_app import make_config

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


class ServedApp:
    """The real web application on a loopback port, served from a background thread."""

    def __init__(self, app: web.Application) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.runner = web.AppRunner(app)
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> "ServedApp":
        self.thread.start()

        async def start() -> None:
            await self.runner.setup()
            await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

        asyncio.run_coroutine_threadsafe(start(), self.loop).result(timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)


@pytest.fixture
def served(tmp_path) -> Iterator[dict]:
    from bot.app import create_app

    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    engine = get_engine(url)
    now = utcnow()
    facts = fill(engine, now)
    # one message past its 180 days that no purge has removed yet, and a dry-run purge that saw it
    append_events(engine, "admin-old", [{"event": "bot", "timestamp": 1.0, "text": "svarmarker gammel"}],
                  now - timedelta(days=181), 180)
    purge(engine, now, 100, dry_run=True, retention_days=180)
    env = {"PRIVACYBOT_DATABASE_URL": url, "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "0",
           "PRIVACYBOT_MODEL_DIR": str(tmp_path / "no-models")}
    app = create_app(make_config(env, admin_token=TOKEN), agent_loader=no_model)
    with ServedApp(app) as server:
        yield {"url": server.url, **facts}
    dispose_engine(url)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/bootstrap --test"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        pg = context.new_page()
        problems = []
        pg.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        yield pg, problems
        context.close()
        browser.close()


def bar_boxes(pg, selector: str) -> list:
    return pg.eval_on_selector_all(selector, "els => els.map(e => { const b = e.getBBox(); return [b.x, b.width]; })")


def test_the_dashboard_draws_its_charts_after_asking_for_the_token(served, page, tmp_path) -> None:
    pg, problems = page
    pg.goto(served["url"] + "/admin/")
    assert pg.is_visible("#token-form") and not pg.is_visible("#dashboard")

    pg.fill("#token-input", "not-the-token")
    pg.click("#token-form button[type=submit]")
    pg.wait_for_function("document.getElementById('token-error').textContent.length > 0")
    assert "not accepted" in pg.text_content("#token-error")
    problems[:] = [p for p in problems if "401" not in p]  # the refused fetch is logged by Chromium

    pg.fill("#token-input", TOKEN)
    pg.click("#token-form button[type=submit]")
    pg.wait_for_selector("#chart-purges svg")
    assert not pg.is_visible("#token-form")

    # stored messages by age: bars, the 180-day line, the expired message right of it
    stored = bar_boxes(pg, "#chart-age rect.bar-stored")
    expired = bar_boxes(pg, "#chart-age rect.bar-expired")
    limit_x = pg.eval_on_selector("#chart-age line.limit", "l => l.x1.baseVal.value")
    assert len(stored) == 2 and len(expired) == 1
    assert all(x + w <= limit_x for x, w in stored) and expired[0][0] > limit_x
    assert "180-day limit" in pg.text_content("#chart-age svg")
    # deletions in the coming weeks, redactions by type (with a legend), the purge history
    assert len(bar_boxes(pg, "#chart-deletions rect.bar")) == 2
    assert pg.eval_on_selector_all("#chart-redactions svg.chart-svg rect.bar", "els => els.length") == 2
    legend = pg.text_content("#chart-redactions .legend")
    assert "DK_CPR" in legend and "EMAIL_ADDRESS" in legend
    assert len(bar_boxes(pg, "#chart-purges svg.chart-svg rect.bar-dry")) == 1
    assert "5 messages in 2 conversations are stored; 1 expired" in pg.text_content("#summary")

    content = pg.content()
    for marker in TEXT_MARKERS:
        assert marker not in content
    assert served["cpr"] not in content
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "admin-dashboard.png"), full_page=True)

    # the team can download the export from the page
    with pg.expect_download() as download_info:
        pg.click("#export-jsonl")
    saved = tmp_path / "download.jsonl"
    download_info.value.save_as(saved)
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["turns"][0]["text"].startswith("kiwimarker")
    assert "plantedmarker" not in saved.read_text(encoding="utf-8")

    # the token lasts as long as the tab's session, and can be forgotten
    pg.reload()
    pg.wait_for_selector("#chart-age svg")
    pg.click("#sign-out")
    assert pg.is_visible("#token-form")
    assert pg.evaluate("window.sessionStorage.length") == 0
    assert problems == [], problems
