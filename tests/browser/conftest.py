"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright, against a real
`privacybot serve` process. No browser is downloaded; scripts/bootstrap --test installs chromium."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from browser_served import CHROMIUM, CHROMIUM_ARGS, ServedBot, ThirdPartySite


@pytest.fixture(scope="session")
def third_party_site() -> Iterator[ThirdPartySite]:
    """Another site (origin) that embeds rasa-webchat; the server allows it by configuration."""
    site = ThirdPartySite().start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, third_party_site: ThirdPartySite) -> Iterator[ServedBot]:
    """The chat server, started once for the browser tests."""
    from bot import paths, settings

    model_dir = Path(settings.load().model_dir)
    if not paths.model_is_current(model_dir):
        from bot.commands.train import train_model

        assert train_model(model_dir) == 0
    bot = ServedBot(
        tmp_path_factory.mktemp("browser-served"),
        {"PRIVACYBOT_CORS_ORIGINS": third_party_site.origin, "PRIVACYBOT_MODEL_DIR": str(model_dir)},
    ).start()
    yield bot
    bot.stop()


@pytest.fixture(scope="session")
def browser():
    """Chromium from Debian, headless."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/bootstrap --test"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (empty localStorage) per test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A page that fails the test on any script error."""
    errors = []
    pg = context.new_page()
    pg.on("pageerror", lambda error: errors.append(str(error)))
    yield pg
    assert errors == [], f"script errors on the page: {errors}"
