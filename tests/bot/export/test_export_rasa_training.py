"""The Rasa export is training data Rasa accepts: `rasa data validate`, then `rasa train nlu`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.settings import REPO_ROOT
from bot.store.database import dispose_engine, get_engine
from export_scenario import build
from rasa.shared.nlu.training_data.loading import load_data

RASA = str(Path(sys.executable).with_name("rasa"))
pytestmark = pytest.mark.slow


@pytest.fixture
def exported(tmp_path, clock, monkeypatch):
    """An export of the test scenario in its own data directory."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    build(get_engine(url), clock.now)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("PRIVACYBOT_DATABASE_URL", url)
    assert main(["export", "--out", str(data_dir / "export.yml"), "--format", "rasa",
                 "--now", "2026-03-01T12:00:00Z"]) == 0
    yield data_dir
    dispose_engine(url)


def rasa(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}  # no network calls from tests
    return subprocess.run([RASA, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def validate(data_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    return rasa("data", "validate", "--data", str(data_dir), "--domain", str(REPO_ROOT / "domain.yml"),
                "--config", str(REPO_ROOT / "config.yml"), cwd=cwd)


def test_rasa_data_validate_accepts_the_export(exported: Path, tmp_path: Path) -> None:
    result = validate(exported, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "YamlValidationException" not in result.stderr + result.stdout


def test_rasa_data_validate_would_catch_a_broken_export(exported: Path, tmp_path: Path) -> None:
    # The check above can fail: the same command refuses an example list that is not YAML-valid.
    broken = exported / "export.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('- text: "', "- text: [", 1), encoding="utf-8")
    result = validate(exported, tmp_path)
    assert result.returncode != 0


def test_training_on_the_export_merged_with_the_training_data_works(exported: Path, tmp_path: Path) -> None:
    nlu_dir = tmp_path / "nlu"
    shutil.copytree(REPO_ROOT / "data" / "nlu", nlu_dir)
    shutil.copy(exported / "export.yml", nlu_dir / "export.yml")
    merged = load_data(str(nlu_dir))
    exported_texts = {m.get("text"): m.get("intent") for m in load_data(str(exported / "export.yml")).intent_examples}
    merged_texts = {m.get("text"): m.get("intent") for m in merged.intent_examples}
    assert exported_texts and all(merged_texts.get(t) == i for t, i in exported_texts.items())

    config = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = 2  # cheap: this checks that training runs, not its quality
    config_file = tmp_path / "config.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = rasa("train", "nlu", "--config", str(config_file), "--nlu", str(nlu_dir),
                  "--out", str(tmp_path / "models"), "--fixed-model-name", "with-export", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "models" / "with-export.tar.gz").stat().st_size > 0
