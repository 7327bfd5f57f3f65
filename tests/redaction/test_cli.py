"""`privacybot redact` and `privacybot recognizers`."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import redaction
from bot import settings
from bot.cli import main
from bot.commands.redact import redact_stream
from redaction.recognizers import RECOGNIZER_CLASSES

REPO = Path(__file__).resolve().parents[2]


def test_redact_stream_prints_one_json_object_per_line():
    source = io.StringIO("Mit cpr er 010203-1234\n\nRing på 20 30 40 50\n")
    sink = io.StringIO()
    assert redact_stream(source, sink, "da") == 3
    lines = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert lines == [
        {"text": "Mit cpr er <DK_CPR>", "findings": [{"type": "DK_CPR", "start": 11, "end": 22}]},
        {"text": "", "findings": []},
        {"text": "Ring på <PHONE_NUMBER>", "findings": [{"type": "PHONE_NUMBER", "start": 8, "end": 19}]},
    ]


def test_redact_command_end_to_end():
    completed = subprocess.run(
        [sys.executable, "-m", "bot.cli", "redact", "--lang", "sv"],
        input="Jag heter Anna och mitt personnummer är 811218-9876\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-1000:]
    out = json.loads(completed.stdout)
    assert out["text"] == "Jag heter <PERSON> och mitt personnummer är <SE_PERSONNUMMER>"
    assert [f["type"] for f in out["findings"]] == ["PERSON", "SE_PERSONNUMMER"]
    assert "811218" not in completed.stderr and "Anna" not in completed.stderr


def test_recognizers_command_lists_names_types_and_state(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACYBOT_DISABLED_RECOGNIZERS", "IpAddressRecognizer")
    assert main(["recognizers", "--json"]) == 0
    listed = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["IpAddressRecognizer"]["enabled"] is False
    assert listed["DkCprRecognizer"] == {**listed["DkCprRecognizer"], "entity": "DK_CPR", "enabled": True}
    assert len(listed) == len(RECOGNIZER_CLASSES) == 23


def test_unknown_recognizer_in_setting_is_reported(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACYBOT_DISABLED_RECOGNIZERS", "NoSuch")
    assert main(["recognizers"]) == 2
    assert "unknown recognizer 'NoSuch'" in capsys.readouterr().err
    assert settings.load().disabled_recognizers == ("NoSuch",)


def test_the_redact_command_passes_the_setting_to_the_redactor(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACYBOT_DISABLED_RECOGNIZERS", "DkCprRecognizer")
    monkeypatch.setattr(sys, "stdin", io.StringIO("cpr 010203-1234\n"))
    try:
        assert main(["redact", "--lang", "da"]) == 0
    finally:
        redaction.configure()
    types = [f["type"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "DK_CPR" not in types
