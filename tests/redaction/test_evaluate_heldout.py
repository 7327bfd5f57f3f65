"""`privacybot redact --evaluate` reports a held-out file apart from the labelled set."""
from __future__ import annotations

import json

from bot.commands import redact as redact_command
from redaction import evaluate


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_heldout_is_reported_apart_with_its_own_figures(tmp_path, capsys):
    labelled, heldout = tmp_path / "labelled.jsonl", tmp_path / "other.jsonl"
    _write(labelled, [{"id": "a", "lang": "da", "text": "cpr 090244-4141", "entities": [{"type": "DK_CPR", "start": 4, "end": 15}]}])
    # A held-out miss: nothing here says it is a name, so recall falls on that set only.
    _write(heldout, [{"id": "b", "lang": "da", "text": "xq zz", "entities": [{"type": "PERSON", "start": 0, "end": 2}]}])

    code = evaluate.run(labelled, heldout, check=True)

    out = capsys.readouterr().out
    first, second = out.split("== held-out set")
    rows = lambda part: {line.split()[0] for line in part.splitlines() if line[:1].isupper() and not line.startswith("type")}
    assert "labelled set" in first and "DK_CPR" in rows(first) and "PERSON" not in rows(first)
    assert "PERSON" in rows(second) and "MISS PERSON recall 0.0%" in second
    assert code == 1


def test_cli_flag_runs_the_evaluation(tmp_path, capsys, monkeypatch):
    labelled = tmp_path / "labelled.jsonl"
    _write(labelled, [{"id": "a", "lang": "en", "text": "mail me at a.b@example.com", "entities": [{"type": "EMAIL_ADDRESS", "start": 11, "end": 26}]}])
    args = type("Args", (), {"evaluate": True, "data": str(labelled), "heldout": str(tmp_path / "missing.jsonl"), "lang": None, "scores": False})()
    config = type("Config", (), {"disabled_recognizers": ()})()
    assert redact_command.run(args, config) == 0
    out = capsys.readouterr().out
    assert "EMAIL_ADDRESS" in out and "held-out" not in out
