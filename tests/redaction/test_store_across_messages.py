"""An identifier split over two user messages is redacted in both, through the real
tracker store on SQLite; the earlier, already stored event is rewritten.

Synthetic CPR 090244-4141 (real date, fails modulus 11).
"""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.store.tracker_store import RetentionTrackerStore

T0 = 1_780_000_000.0


def _store(tmp_path: Path) -> RetentionTrackerStore:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    return RetentionTrackerStore(Domain.empty(), url=url, retention_days=30,
                                 clock=lambda: datetime(2026, 6, 1, tzinfo=timezone.utc))


def _user(text: str, offset: float) -> UserUttered:
    return UserUttered(text, {"name": "inform", "confidence": 0.9}, timestamp=T0 + offset)


def _stored(store: RetentionTrackerStore) -> list:
    with store.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT type_name, data, redactions FROM events ORDER BY timestamp")).all()
    return [(r.type_name, json.loads(r.data), r.redactions) for r in rows]


def _save(store: RetentionTrackerStore, events) -> None:
    tracker = DialogueStateTracker.from_events("split-test", events, [])
    asyncio.run(store.save(tracker))


def test_date_in_one_message_and_last_four_digits_in_the_next_are_both_removed(tmp_path):
    store = _store(tmp_path)
    first = [_user("mit cpr er 090244", 1), BotUttered("Tak, og resten?", timestamp=T0 + 2)]
    _save(store, first)
    assert "090244" in json.dumps(_stored(store))  # alone it is only a date

    _save(store, first + [_user("de sidste fire er 4141", 3)])

    stored = _stored(store)
    dumped = json.dumps(stored, ensure_ascii=False)
    assert "090244" not in dumped and "4141" not in dumped
    users = [data for kind, data, _ in stored if kind == "user"]
    assert users[0]["text"] == "mit cpr er <DK_CPR>"
    assert users[1]["text"] == "de sidste fire er <DK_CPR>"
    assert users[0]["parse_data"]["text"] == "mit cpr er <DK_CPR>"
    assert all("DK_CPR" in (counts or "") for kind, _, counts in stored if kind == "user")
    raw = (tmp_path / "store.db").read_bytes()
    assert b"090244" not in raw


def test_both_parts_in_one_save_and_obfuscated(tmp_path):
    store = _store(tmp_path)
    _save(store, [_user("my number starts 09\u200b02\u200b44", 1), _user("then 41\u200b41", 2)])
    texts = [data["text"] for kind, data, _ in _stored(store) if kind == "user"]
    assert texts == ["my number starts <DK_CPR>", "then <DK_CPR>"]


def test_unrelated_numbers_in_consecutive_messages_stay(tmp_path):
    store = _store(tmp_path)
    _save(store, [_user("jeg har 2 ordrer", 1), _user("og 3 pakker", 2)])
    texts = [data["text"] for kind, data, _ in _stored(store) if kind == "user"]
    assert texts == ["jeg har 2 ordrer", "og 3 pakker"]
