"""Several OS processes writing different conversations to one store at the same time."""
from __future__ import annotations

import sqlalchemy as sa

from store_processes import start_together, wait_all, worker


def test_two_processes_writing_at_once_lose_and_duplicate_nothing(db_url, engine) -> None:
    processes = [worker("write", db_url, prefix, "20", "4") for prefix in ("pa", "pb")]
    start_together(processes)
    wait_all(processes)

    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT c.sender_id, COUNT(*), COUNT(DISTINCT e.timestamp), MIN(e.id), MAX(e.id) "
            "FROM events e JOIN conversations c ON c.id = e.conversation_id GROUP BY c.sender_id"
        )).all()
        user_texts = connection.execute(sa.text(
            "SELECT c.sender_id, e.data FROM events e JOIN conversations c ON c.id = e.conversation_id "
            "WHERE e.type_name = 'user' ORDER BY e.id"
        )).all()
    expected = {f"{p}-{i}" for p in ("pa", "pb") for i in range(20)}
    assert {r[0] for r in rows} == expected
    # a created tracker starts with action_listen; then 4 turns of 4 events, none twice
    assert {r[0]: (r[1], r[2]) for r in rows} == {s: (17, 17) for s in expected}
    # within each conversation the turns are stored in the order they were said
    by_sender = {}
    for sender, data in user_texts:
        by_sender.setdefault(sender, []).append(data)
    for sender, texts in by_sender.items():
        assert [f"besked {t}" in text for t, text in enumerate(texts)] == [True] * 4, sender
    # and the two processes really overlapped in time
    ranges = {}
    for sender, _, _, lo, hi in rows:
        prefix = sender.split("-")[0]
        a, b = ranges.get(prefix, (lo, hi))
        ranges[prefix] = (min(a, lo), max(b, hi))
    (a_lo, a_hi), (b_lo, b_hi) = ranges["pa"], ranges["pb"]
    assert a_lo < b_hi and b_lo < a_hi, "the writers ran one after the other"
