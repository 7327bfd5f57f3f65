"""A dead database: a readable error at start-up, StoreUnavailable on use, recovery after."""
from __future__ import annotations

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.store.conversations import verify_secret
from bot.store.database import check_database, dispose_engine, get_engine
from bot.store.errors import DatabaseUnavailable, StoreUnavailable
from bot.store.purge import purge
from bot.store.tracker_store import RetentionTrackerStore, propagate_store_errors
from store_events import DOMAIN, turn
from support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.postgres


def test_check_database_names_the_database_and_the_problem() -> None:
    config = settings.load({"PRIVACYBOT_DATABASE_URL": "postgresql://bot:s3cret-pw@127.0.0.1:1/nothing"})
    with pytest.raises(DatabaseUnavailable) as caught:
        check_database(config)
    message = str(caught.value)
    assert "postgresql://bot:***@127.0.0.1:1/nothing" in message
    assert "s3cret-pw" not in message
    assert "refused" in message.lower()


def test_check_database_for_an_sqlite_path_that_cannot_be_created(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    config = settings.load({"PRIVACYBOT_DATABASE_URL": f"sqlite:///{blocker}/store/transcripts.db"})
    with pytest.raises(DatabaseUnavailable, match="cannot create the transcript store"):
        check_database(config)


def test_starting_the_tracker_store_against_a_dead_database_fails_clearly() -> None:
    with pytest.raises(StoreUnavailable):
        RetentionTrackerStore(DOMAIN, url="postgresql://bot@127.0.0.1:1/nothing")


@pytest.fixture
def proxied_url(pg_url):
    get_engine(pg_url)  # migrate through the direct path first
    proxy = TcpProxy(("127.0.0.1", 5432)).start()
    url = pg_url.replace("@127.0.0.1:5432/", f"@127.0.0.1:{proxy.port}/")
    yield url, proxy
    proxy.close()
    dispose_engine(url)


async def test_outage_gives_store_unavailable_and_recovery_needs_no_restart(proxied_url, clock) -> None:
    url, proxy = proxied_url
    store = RetentionTrackerStore(DOMAIN, url=url, retention_days=180, clock=clock)
    # what the server does: Rasa's fail-safe wrapper must not swallow the outage
    agent_like = type("Agent", (), {})()
    agent_like.tracker_store = FailSafeTrackerStore(store)
    propagate_store_errors(agent_like)
    wrapped = agent_like.tracker_store

    tracker = DialogueStateTracker.from_events("outage", turn("før", "ok", 1_780_000_000.0), DOMAIN.slots)
    await wrapped.save(tracker)

    proxy.cut()
    tracker.update_with_events(turn("under", "ok", 1_780_000_100.0), None, override_timestamp=False)
    with pytest.raises(StoreUnavailable):
        await wrapped.save(tracker)
    with pytest.raises(StoreUnavailable):
        await wrapped.retrieve("outage")
    with pytest.raises(StoreUnavailable):
        verify_secret(store.engine, "outage", "x")
    with pytest.raises(StoreUnavailable):
        purge(store.engine, clock.now, retention_days=180)
    with pytest.raises(DatabaseUnavailable):
        check_database(settings.load({"PRIVACYBOT_DATABASE_URL": url}))

    proxy.restore()
    # same store object, same engine: the pool replaces the broken connections
    await wrapped.save(tracker)
    retrieved = await wrapped.retrieve("outage")
    assert [e.as_dict()["text"] for e in retrieved.events if e.type_name == "user"] == ["før", "under"]
