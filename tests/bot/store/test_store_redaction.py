"""Nothing a customer typed is written unredacted: every event type, every field."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from sqlalchemy.engine.url import make_url

from bot.store.tracker_store import RetentionTrackerStore
from store_events import DOMAIN, every_event_type
from store_synthetic import identifiers

IDS = identifiers()


@pytest.fixture(autouse=True)
def _in_tmp_dir(tmp_path, monkeypatch) -> None:
    # Applying Rasa's StoryExported event writes a stories file into the working directory.
    monkeypatch.chdir(tmp_path)


def _identifier_forms() -> list:
    forms = set(IDS.values())
    forms |= {v.replace("-", "") for v in IDS.values()}  # CPR / personnummer without dash
    forms.add(IDS["phone"].replace(" ", ""))
    return sorted(forms)


def _all_stored_text(engine) -> str:
    """Every value of every row of every table, as one text."""
    parts = []
    with engine.connect() as connection:
        for table in ("conversations", "events", "purge_audit"):
            for row in connection.execute(sa.text(f"SELECT * FROM {table}")):
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_the_fixture_covers_every_rasa_event_type() -> None:
    covered = {type(e) for e in every_event_type(IDS, 0.0)}
    # The conversation events Rasa defines; `rasa test` adds evaluation-only subclasses
    # (WronglyPredictedAction, ...) elsewhere once imported, which a tracker never stores.
    conversation_events = {cls for cls in all_subclasses(Event) if cls.__module__ == Event.__module__}
    missing = {cls.__name__ for cls in conversation_events} - {cls.__name__ for cls in covered}
    assert not missing, f"event types without a redaction test: {sorted(missing)}"


def test_the_fixture_really_carries_identifiers_into_rasa_serialisation() -> None:
    # Guards the test below against passing because the input never held the data.
    for event in every_event_type(IDS, 0.0):
        serialised = json.dumps(event.as_dict(), ensure_ascii=False)
        assert any(value in serialised for value in IDS.values()), type(event).__name__


async def test_every_event_type_is_redacted_before_it_is_written(db_url, engine, clock, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    store = RetentionTrackerStore(DOMAIN, url=db_url, retention_days=180, clock=clock)
    tracker = DialogueStateTracker.from_events("redaction-test", every_event_type(IDS, 1_780_000_000.0), DOMAIN.slots)

    await store.save(tracker)

    stored_text = _all_stored_text(engine)
    for value in _identifier_forms():
        assert value not in stored_text
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT type_name, data, redactions FROM events ORDER BY id")).all()
    assert [r.type_name for r in rows] == [e.as_dict()["event"] for e in tracker.events]
    # the structure survives: intent, action and slot names are not content
    by_type = {r.type_name: json.loads(r.data) for r in rows}
    assert by_type["user"]["parse_data"]["intent"]["name"] == "inform"
    assert by_type["slot"]["name"] in {"email", "profile"}
    assert any(r.redactions and "{" in r.redactions for r in rows)

    if engine.dialect.name == "sqlite":
        path = Path(make_url(db_url).database)
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())
        for value in _identifier_forms():
            assert value.encode() not in raw, "identifier found in the SQLite file bytes"

    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in _identifier_forms():
        assert value not in logged

    # and what comes back is the redacted conversation
    retrieved = await store.retrieve_full_tracker("redaction-test")
    assert retrieved is not None
    assert len(retrieved.events) == len(tracker.events)
    dumped = json.dumps([e.as_dict() for e in retrieved.events], ensure_ascii=False)
    for value in _identifier_forms():
        assert value not in dumped
