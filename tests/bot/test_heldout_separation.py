"""The held-out sets stay held out: none of their texts is in training data or in the sets we tune on.

The held-out sets (data/evaluation/heldout/, data/redaction/heldout.jsonl) were written by people
who never saw the code, and are frozen. Their figures are the results the README reports; that
holds only while no held-out text (normalised: case, accents, punctuation and spacing folded)
also appears in the NLU training data, the tuning sets, or the redaction labelled set.
Round 1's held-out sets (data/evaluation/dev/round1_*.yml, data/redaction/dev_round1.jsonl) had
their failures read while tuning, so they count as tuning sets; round 2's held-out sets replaced them.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator, List, Set

import pytest
import yaml

from bot.evaluation import HELDOUT_CONVERSATIONS, HELDOUT_QUESTIONS, load_conversations, load_questions
from bot.evaluation.separation import fold as normalise
from bot.evaluation.separation import heldout_texts
from bot.settings import REPO_ROOT

DATA = REPO_ROOT / "data"
REDACTION_HELDOUT = DATA / "redaction" / "heldout.jsonl"
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")
def nlu_examples() -> Iterator[str]:
    """Every intent example in any Rasa YAML file under data/ (entity annotations removed)."""
    for path in sorted(DATA.rglob("*.yml")):
        if "evaluation" in path.parts or "store" in path.parts:
            continue
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if not isinstance(content, dict):
            continue
        for item in content.get("nlu") or ():
            # Intent examples only: lookup tables, synonyms and regexes are lexicons (company
            # aliases from the knowledge base), not sentences a classifier is trained on.
            if not isinstance(item, dict) or "intent" not in item:
                continue
            examples = item.get("examples")
            if isinstance(examples, str):
                for line in examples.splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        yield _ANNOTATION.sub(r"\1", line[2:])


def tuning_texts() -> Set[str]:
    """Normalised texts of the sets we iterate on: the tuning questions and every dev set."""
    found = {normalise(q.text) for q in load_questions(DATA / "evaluation" / "questions.yml")}
    for dev in sorted((DATA / "evaluation" / "dev").glob("*.yml")):
        content = yaml.safe_load(dev.read_text(encoding="utf-8")) or {}
        if "questions" in content:
            found |= {normalise(q.text) for q in load_questions(dev)}
        if "conversations" in content:
            found |= {normalise(t.text) for c in load_conversations(dev) for t in c.turns}
    return found


def redaction_heldout() -> List[dict]:
    return [json.loads(line) for line in REDACTION_HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_heldout_sets_are_there_and_large_enough() -> None:
    questions = load_questions(HELDOUT_QUESTIONS)
    conversations = load_conversations(HELDOUT_CONVERSATIONS)
    assert len(questions) >= 300
    assert len(conversations) >= 80
    assert all(2 <= len(c.turns) <= 5 for c in conversations)
    assert {q.lang for q in questions} == {"da", "sv", "en"}
    assert len(redaction_heldout()) >= 300


def test_no_heldout_question_or_turn_is_in_the_nlu_training_data() -> None:
    training = {normalise(t) for t in nlu_examples()}
    assert len(training) > 1000  # the reader found the training data
    overlap = sorted(i for i, text in heldout_texts().items() if normalise(text) in training)
    assert not overlap, f"held-out texts also in NLU training data: {overlap}"


# A one- or two-word turn ("OK", "tak", "det danske" after "which company?") is bound to be in
# both sets and carries no phrasing to tune on; anything longer must be in one set only.
MAX_SHARED_WORDS = 2


def test_no_heldout_question_or_turn_is_in_a_tuning_set() -> None:
    tuning = tuning_texts()
    overlap = sorted(
        i for i, text in heldout_texts().items()
        if normalise(text) in tuning and len(normalise(text).split()) > MAX_SHARED_WORDS
    )
    assert not overlap, f"held-out texts also in a tuning set: {overlap}"


def test_no_heldout_redaction_message_is_in_a_set_the_recognizers_are_tuned_on() -> None:
    tuning_files = [p for p in sorted((DATA / "redaction").glob("*.jsonl")) if p != REDACTION_HELDOUT]
    assert {"labelled.jsonl", "dev_independent.jsonl", "dev_round1.jsonl"} <= {p.name for p in tuning_files}
    tuned = {
        normalise(json.loads(line)["text"])
        for path in tuning_files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    overlap = sorted(m["id"] for m in redaction_heldout() if normalise(m["text"]) in tuned)
    assert not overlap, f"held-out redaction messages also in a tuning set: {overlap}"


@pytest.mark.parametrize("text,copy", [
    ("Hvor længe gemmer I chatten?", "hvor laenge gemmer i chatten"),
    ("Hur länge sparar ni min data?!", "hur lange  sparar ni min data"),
])
def test_the_comparison_sees_through_case_accents_and_punctuation(text: str, copy: str) -> None:
    assert normalise(text) == normalise(copy)
