"""The Rasa project (config, domain, NLU data, rules) validates and the trained model passes the test stories.

These tests run the real `rasa` commands of the virtualenv in subprocesses; every output goes to
pytest's tmp_path, never into the repository. The model is the one in models/ (PRIVACYBOT_MODEL_DIR);
when it is missing or older than the training data, `privacybot train --if-missing` trains it first.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml

from bot import paths, settings
from actions.catalogue import LANGUAGES
from bot.settings import REPO_ROOT

RASA = Path(sys.executable).with_name("rasa")
TEST_STORIES = REPO_ROOT / "tests" / "stories"
NLU_DIR = REPO_ROOT / "data" / "nlu"
# Fewer examples than this per intent and language and DIET stops telling that intent apart.
MIN_EXAMPLES_PER_LANGUAGE = 5
NON_TOPIC_INTENTS = {
    "greet", "goodbye", "thank", "bot_challenge", "human_handoff", "out_of_scope", "smalltalk",
    "choose_company", "compare_companies", "delete_conversation", "confirm_delete_conversation",
    "download_conversation", "opt_out_training", "affirm", "deny",
}


def _env() -> Dict[str, str]:
    env = dict(os.environ)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def _run(cmd: List[str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        cmd, cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, timeout=timeout
    )


def _tail(proc: subprocess.CompletedProcess, chars: int = 4000) -> str:
    # rasa prints its error (e.g. the failed story) on stdout and progress bars on stderr
    return f"--- stdout\n{proc.stdout[-chars:]}\n--- stderr\n{proc.stderr[-chars:]}"


def _plain(example: str) -> str:
    """An NLU example without entity markup, lower case, without trailing punctuation."""
    text = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", example)
    return text.strip().lower().rstrip("?!. ")


def _examples_by_intent(path: Path) -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in item:
            lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip()]
            found.setdefault(item["intent"], []).extend(lines)
    return found


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The newest model in models/, trained first when it is missing or stale."""
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "train", "--if-missing"],
        cwd=REPO_ROOT, env=_env(), capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, f"training failed:\n{_tail(proc)}"
    model = paths.newest_model(Path(settings.load().model_dir))
    assert model is not None, "privacybot train produced no model"
    return model


@pytest.mark.slow
def test_rasa_data_validate_passes_without_warnings() -> None:
    proc = _run([str(RASA), "data", "validate", "--fail-on-warnings"], timeout=600)
    assert proc.returncode == 0, f"rasa data validate failed:\n{_tail(proc)}"


@pytest.mark.slow
@pytest.mark.model
def test_test_stories_pass_end_to_end(trained_model: Path, tmp_path: Path) -> None:
    # --e2e sends each story's user text through the NLU model, so a wrong intent or a
    # missed company entity fails the story as much as a wrong next action does.
    proc = _run(
        [
            str(RASA), "test", "core",
            "--model", str(trained_model),
            "--stories", str(TEST_STORIES),
            "--e2e",
            "--fail-on-prediction-errors",
            "--out", str(tmp_path / "results"),
        ],
        timeout=900,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "WrongPredictionException" not in output, (
        f"test stories failed:\n{_tail(proc)}"
    )
    report = yaml.safe_load((tmp_path / "results" / "failed_test_stories.yml").read_text()) or {}
    assert not report.get("stories"), f"failed test stories:\n{report}"


def test_every_knowledge_base_topic_has_an_intent_with_examples_in_each_language() -> None:
    kb = yaml.safe_load((REPO_ROOT / "data" / "knowledge_base.yml").read_text(encoding="utf-8"))
    domain = yaml.safe_load(paths.DOMAIN_FILE.read_text(encoding="utf-8"))
    # <lang>.yml plus the per-language files of later topics (new_topics_<lang>.yml).
    per_language: Dict[str, Dict[str, List[str]]] = {}
    for lang in LANGUAGES:
        for path in sorted({NLU_DIR / f"{lang}.yml", *NLU_DIR.glob(f"*_{lang}.yml")}):
            for intent, examples in _examples_by_intent(path).items():
                per_language.setdefault(lang, {}).setdefault(intent, []).extend(examples)
    wanted = {f"ask_{topic}" for topic in kb["topics"]} | NON_TOPIC_INTENTS
    assert wanted <= set(domain["intents"]), sorted(wanted - set(domain["intents"]))
    thin = [
        f"{intent}/{lang}: {len(per_language[lang].get(intent, []))}"
        for intent in sorted(wanted)
        for lang in LANGUAGES
        if len(per_language[lang].get(intent, [])) < MIN_EXAMPLES_PER_LANGUAGE
    ]
    assert not thin, f"intents with too few examples: {thin}"


def test_test_story_messages_are_not_training_examples() -> None:
    # The test stories must measure generalisation; a copied sentence would pass by memory.
    training: Set[str] = set()
    for path in NLU_DIR.glob("*.yml"):
        for examples in _examples_by_intent(path).values():
            training.update(_plain(e) for e in examples)
    stories = yaml.safe_load((TEST_STORIES / "test_stories.yml").read_text(encoding="utf-8"))
    messages = [
        step["user"].strip()
        for story in stories["stories"]
        for step in story["steps"]
        if "user" in step and not step["user"].strip().startswith("/")
    ]
    assert messages, "no user messages in the test stories"
    copied = [m for m in messages if _plain(m) in training]
    assert not copied, f"test story messages copied from data/nlu: {copied}"
