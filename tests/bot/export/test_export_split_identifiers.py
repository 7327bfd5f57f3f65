"""`privacybot export --format jsonl` withholds a CPR number split over two user messages.

The rows are planted past the store's write path (which joins the fragments itself), so
only the export's second scan stands between them and the file.
"""
from __future__ import annotations

import json
from datetime import timedelta

from bot.cli import main
from bot.store.conversations import create_conversation
from export_store import bot, cpr, plant, user

NOW = "2026-03-01T12:00:00Z"


def _export(monkeypatch, capsys, db_url: str, out) -> dict:
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", db_url)
    capsys.readouterr()
    code = main(["export", "--out", str(out), "--format", "jsonl", "--now", NOW, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_a_cpr_number_split_over_two_user_messages_is_left_out_of_the_jsonl_export(
    engine, db_url, clock, tmp_path, monkeypatch, capsys
) -> None:
    number = cpr(21, "plain")
    date_part, serial = number[:6], number[6:]
    collected = clock.now - timedelta(days=2)
    create_conversation(engine, "split", company="OK", language="da", now=collected)
    plant(engine, "split", user(f"kiwimarker mit cpr er {date_part}", 2.0), collected)
    plant(engine, "split", bot("Tak, hvad mere?", 3.0), collected)
    plant(engine, "split", user(f"og de sidste fire er {serial}", 4.0), collected)
    plant(engine, "split", user("mangomarker hvor længe gemmer I det?", 5.0), collected)
    # Numbers in two messages that form nothing together stay.
    create_conversation(engine, "plain", company="OK", language="da", now=collected)
    plant(engine, "plain", user("limemarker jeg har 2 spørgsmål", 2.0), collected)
    plant(engine, "plain", user("figmarker nej, 3 spørgsmål", 3.0), collected)

    out = tmp_path / "export.jsonl"
    summary = _export(monkeypatch, capsys, db_url, out)

    raw = out.read_text(encoding="utf-8")
    assert date_part not in raw and serial not in raw and "kiwimarker" not in raw
    for kept in ("mangomarker", "Tak, hvad mere?", "limemarker", "figmarker"):
        assert kept in raw
    by_marker = {json.loads(line)["turns"][0]["text"].split()[0]: json.loads(line) for line in raw.splitlines()}
    assert by_marker["Tak,"]["withheld_turns"] == 2
    assert summary["skipped"]["second_scan_messages"] == 2
    assert summary["skipped"]["second_scan_types"] == {"DK_CPR": 1}
