"""Fixtures for the web server tests (tests/bot/web/, tests/bot/serving/): the real app, a real
agent, a real SQLite store. Here, above both folders, so one session loads the agent once.

The agent is loaded once per test session from the newest trained model (trained here
with ``bot.commands.train.train_model`` if there is none: slow, once). Its tracker store
is the one endpoints.yml configures, pointed at an SQLite file of this session through
PRIVACYBOT_DATABASE_URL, exactly as `privacybot serve` would use it. Every test gets its
own app (fresh rate limits) around that agent, served on a loopback port.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Iterator

import pytest
import pytest_asyncio
from aiohttp.test_utils import TestClient

from bot import paths, settings
from support.web_app import AppClients, make_config

MakeClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The model directory, with a trained model in it (trained now if missing)."""
    directory = Path(settings.load().model_dir)
    if paths.newest_model(directory) is None:
        from bot.commands.train import train_model

        assert train_model(directory) == 0, "training the model for the web tests failed"
    return directory


@pytest.fixture(scope="session")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's SQLite transcript store file (created on first use)."""
    return tmp_path_factory.mktemp("web-store") / "transcripts.db"


@pytest.fixture(scope="session")
def web_env(store_file: Path, model_dir: Path) -> Iterator[Dict[str, str]]:
    """PRIVACYBOT_* variables of the session; also exported so endpoints.yml's store sees them."""
    env = {
        "PRIVACYBOT_DATABASE_URL": f"sqlite:///{store_file}",
        "PRIVACYBOT_MODEL_DIR": str(model_dir),
        "PRIVACYBOT_PURGE_INTERVAL_SECONDS": "0",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def agent(web_env: Dict[str, str]) -> Any:
    """The Rasa agent of the newest model, with the configured (SQLite) tracker store."""
    from bot.agent import load_agent
    from bot.serving.store_gateway import propagate_store_errors
    from redaction import warm_up

    warm_up()
    return propagate_store_errors(await load_agent(make_config(web_env)))


@pytest_asyncio.fixture(loop_scope="session")
async def make_client(agent: Any, web_env: Dict[str, str]) -> AsyncIterator[MakeClient]:
    """``await make_client(**setting_overrides)``: a client of a fresh app on a real port."""
    from bot.app import create_app

    clients = AppClients()

    async def make(**overrides: Any) -> TestClient:
        return await clients.start(create_app(make_config(web_env, **overrides), agent=agent))

    yield make
    await clients.close()


@pytest_asyncio.fixture(loop_scope="session")
async def client(make_client: MakeClient) -> TestClient:
    """A client of the app with default settings."""
    return await make_client()
