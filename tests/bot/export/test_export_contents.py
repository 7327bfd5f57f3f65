"""`privacybot export` over a store holding expired, opted-out and planted messages (SQLite and PostgreSQL)."""
from __future__ import annotations

import json
from pathlib import Path

from bot.cli import main
from export_scenario import build
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

NOW = "2026-03-01T12:00:00Z"


def export(monkeypatch, capsys, db_url: str, out: Path, fmt: str, *extra: str) -> dict:
    """Run the command in this process; returns its JSON summary."""
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", db_url)
    capsys.readouterr()
    code = main(["export", "--out", str(out), "--format", fmt, "--now", NOW, "--json", *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def assert_left_out(raw: str, scenario) -> None:
    for marker in scenario.absent_markers:
        assert marker not in raw
    for value in (scenario.typed_cpr, scenario.planted_cpr, scenario.planted_email):
        assert value not in raw
    assert scenario.planted_cpr[:6] not in raw  # not even the date part


def test_jsonl_holds_only_unexpired_redacted_conversations_of_customers_who_did_not_opt_out(
    engine, db_url, clock, tmp_path, monkeypatch, capsys
) -> None:
    scenario = build(engine, clock.now)
    out = tmp_path / "export.jsonl"
    summary = export(monkeypatch, capsys, db_url, out, "jsonl")

    raw = out.read_text(encoding="utf-8")
    assert_left_out(raw, scenario)
    for marker in scenario.kept_markers:
        assert marker in raw
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) == 4 == summary["conversations"]
    by_first_text = {c["turns"][0]["text"].split()[0]: c for c in lines}
    kept = by_first_text["kiwimarker"]
    assert (kept["company"], kept["language"]) == ("OK", "da")
    assert [t["speaker"] for t in kept["turns"]] == ["user", "bot", "user", "user", "user"]
    first = kept["turns"][0]
    assert first["text"] == "kiwimarker hvor længe gemmer I chatten? Mit cpr er <DK_CPR>"
    assert (first["intent"], first["confidence"]) == ("ask_retention_chat", 0.93)
    assert first["timestamp"] == "1970-01-01T00:00:02.000+00:00"
    assert "intent" not in kept["turns"][1]
    planted = by_first_text["hvem"]
    assert [t["text"] for t in planted["turns"]] == ["hvem er dataansvarlig"]
    assert planted["withheld_turns"] == 2
    assert "sender" not in raw and "kept-da" not in raw  # no sender ids

    assert summary["messages"] == 9
    assert summary["skipped"] == {
        "expired_messages": 3,
        "opted_out_conversations": 1,
        "opted_out_messages": 1,
        "second_scan_messages": 2,
        "second_scan_types": {"DK_CPR": 1, "EMAIL_ADDRESS": 1},
    }


def test_rasa_examples_are_grouped_by_intent_with_low_confidence_ones_marked(
    engine, db_url, clock, tmp_path, monkeypatch, capsys
) -> None:
    scenario = build(engine, clock.now)
    out = tmp_path / "export.yml"
    summary = export(monkeypatch, capsys, db_url, out, "rasa")

    raw = out.read_text(encoding="utf-8")
    assert_left_out(raw, scenario)
    assert "choose_company" not in raw  # button payloads are not typed text
    data = RasaYAMLReader().reads(raw)
    examples = {m.get("text"): m for m in data.intent_examples}
    assert set(examples) == {
        "kiwimarker hvor længe gemmer I chatten? Mit cpr er <DK_CPR>",
        "tak for hjælpen (det var)(godt) {x} mangomarker",
        "limemarker noget helt uforståeligt",
        "figmarker hur länge sparar ni mina uppgifter?",
        "plummarker hej igen",
        "hvem er dataansvarlig",
    }
    assert all(not m.get("entities") for m in data.intent_examples)  # "<DK_CPR>", brackets: no markup
    intents = {text.split()[0]: m.get("intent") for text, m in examples.items()}
    assert intents == {
        "kiwimarker": "ask_retention_chat", "tak": "thank", "limemarker": "ask_cookies",
        "figmarker": "ask_retention_general", "plummarker": "greet", "hvem": "ask_controller",
    }
    reviews = {text.split()[0]: (m.get("metadata") or {}).get("example", {}).get("review")
               for text, m in examples.items()}
    assert reviews == {"kiwimarker": None, "tak": "low_confidence", "limemarker": "fallback",
                       "figmarker": None, "plummarker": None, "hvem": None}
    # one block per intent, in intent order, the fallback section last
    blocks = [line.split(": ", 1)[1] for line in raw.splitlines() if line.startswith("- intent: ")]
    assert blocks == ["ask_controller", "ask_retention_chat", "ask_retention_general", "greet", "thank", "ask_cookies"]

    assert summary["messages"] == 6 and summary["review_examples"] == 2
    assert summary["conversations"] == 4
    assert summary["skipped"] == {
        "expired_messages": 2,
        "opted_out_conversations": 1,
        "opted_out_messages": 1,
        "second_scan_messages": 1,
        "second_scan_types": {"DK_CPR": 1},
        "button_payloads": 1,
        "without_intent": 0,
    }


def test_since_limits_the_export_to_messages_collected_from_that_date(
    engine, db_url, clock, tmp_path, monkeypatch, capsys
) -> None:
    build(engine, clock.now)
    out = tmp_path / "recent.jsonl"
    summary = export(monkeypatch, capsys, db_url, out, "jsonl", "--since", "2026-02-25")
    raw = out.read_text(encoding="utf-8")
    # collected 1 and 3 days before NOW; the 10- and 100-day-old conversations are out
    assert "plummarker" in raw and "hvem er dataansvarlig" in raw
    assert "kiwimarker" not in raw and "figmarker" not in raw
    assert summary["conversations"] == 2 and summary["since"] == "2026-02-25T00:00:00+00:00"


def test_now_decides_what_is_expired(engine, db_url, clock, tmp_path, monkeypatch, capsys) -> None:
    build(engine, clock.now)
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", db_url)
    out = tmp_path / "later.jsonl"
    # 171 days after NOW the 10-day-old conversation is 181 days old: expired
    assert main(["export", "--out", str(out), "--format", "jsonl", "--now", "2026-08-19T12:00:00Z"]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "kiwimarker" not in raw and "figmarker" not in raw
    assert "plummarker" in raw


def test_an_empty_store_gives_valid_empty_files(db_url, engine, tmp_path, monkeypatch, capsys) -> None:
    summary = export(monkeypatch, capsys, db_url, tmp_path / "empty.yml", "rasa")
    data = RasaYAMLReader().reads((tmp_path / "empty.yml").read_text(encoding="utf-8"))
    assert data.intent_examples == [] and summary["messages"] == 0
    export(monkeypatch, capsys, db_url, tmp_path / "empty.jsonl", "jsonl")
    assert (tmp_path / "empty.jsonl").read_text(encoding="utf-8") == ""
