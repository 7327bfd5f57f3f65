"""Store calls under a request's deadline: StoreUnavailable in time, nothing written late, recovery."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest
import sqlalchemy as sa

from bot.store.conversations import create_conversation, get_conversation
from bot.store.database import STORE_DEADLINE, dispose_engine, get_engine, run_sync, write_transaction
from bot.store.errors import StoreUnavailable
from support.tcp_proxy import TcpProxy

DEADLINE_SECONDS = 1.0
BOUND_SECONDS = 3.0  # the deadline plus room for a loaded machine; not a speed assertion


async def under_deadline(fn, *args):
    token = STORE_DEADLINE.set(DEADLINE_SECONDS)
    try:
        return await run_sync(fn, *args)
    finally:
        STORE_DEADLINE.reset(token)


async def test_a_write_queued_behind_a_held_sqlite_lock_gives_up_and_never_lands(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'store' / 'transcripts.db'}"
    engine = get_engine(url)
    try:
        held, release = threading.Event(), threading.Event()

        def hold_the_write_lock() -> None:
            with write_transaction(engine) as connection:
                connection.execute(sa.text("SELECT 1"))
                held.set()
                release.wait(10)

        holder = threading.Thread(target=hold_the_write_lock)
        holder.start()
        held.wait(10)
        began = time.monotonic()
        with pytest.raises(StoreUnavailable):
            await under_deadline(create_conversation, engine, "late-writer")
        assert time.monotonic() - began < BOUND_SECONDS
        release.set()
        holder.join()
        await asyncio.sleep(DEADLINE_SECONDS + 0.5)  # the abandoned call has had every chance
        assert get_conversation(engine, "late-writer") is None
        # The store itself is fine: the next call under a deadline works.
        await under_deadline(create_conversation, engine, "next-writer")
        assert get_conversation(engine, "next-writer") is not None
    finally:
        dispose_engine(url)


@pytest.mark.postgres
async def test_a_paused_postgresql_gives_store_unavailable_in_time_and_recovers_without_restart(pg_url) -> None:
    get_engine(pg_url)  # migrated through the direct path
    proxy = TcpProxy(("127.0.0.1", 5432)).start()
    url = pg_url.replace("@127.0.0.1:5432/", f"@127.0.0.1:{proxy.port}/")
    engine = await asyncio.to_thread(get_engine, url)
    try:
        await under_deadline(create_conversation, engine, "before-pause")
        proxy.pause()
        for sender in ("during-pause-1", "during-pause-2"):
            began = time.monotonic()
            with pytest.raises(StoreUnavailable):
                await under_deadline(create_conversation, engine, sender)
            assert time.monotonic() - began < BOUND_SECONDS
        proxy.resume()
        await asyncio.sleep(0.5)
        await under_deadline(create_conversation, engine, "after-pause")  # same engine, no restart
        direct = get_engine(pg_url)
        assert get_conversation(direct, "after-pause") is not None
        assert get_conversation(direct, "during-pause-1") is None
        assert get_conversation(direct, "during-pause-2") is None
    finally:
        proxy.close()
        await asyncio.to_thread(dispose_engine, url)
