"""Redaction works with the network unavailable and never tries to reach it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import json, os, socket, sys
    from pathlib import Path

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(str(args[:2])[:80])
        raise OSError("network is disabled in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    import redaction.pipelines as pipelines
    pipelines.DEFAULT_DIR = Path(sys.argv[1])  # build the blank pipelines from scratch

    import redaction
    result = redaction.redact("mail mette@firma.co.uk eller ring +45 20 30 40 50", "da")

    # Presidio's own e-mail recognizer validates with tldextract's default extractor.
    from presidio_analyzer.predefined_recognizers import EmailRecognizer
    stock = EmailRecognizer().analyze("write to lars@example.com", ["EMAIL_ADDRESS"])

    print(json.dumps({
        "text": result.text,
        "stock_found": len(stock),
        "attempts": attempts,
        "pipelines": sorted(p.name for p in Path(sys.argv[1]).iterdir() if not p.name.startswith(".")),
    }))
    """
)


def test_redaction_builds_and_runs_with_no_network(tmp_path):
    env = dict(os.environ)
    env["TLDEXTRACT_CACHE"] = str(tmp_path / "tld-cache")  # empty cache: a fetch would be needed
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "spacy")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert report["text"] == "mail <EMAIL_ADDRESS> eller ring <PHONE_NUMBER>"
    assert report["stock_found"] == 1
    assert report["pipelines"] == ["da", "en", "sv", "xx"]
    assert not (tmp_path / "tld-cache").exists() or not any((tmp_path / "tld-cache").rglob("*.json"))
