"""The served bot on the held-out sets: single questions and conversations never trained or tuned on.

Every question and turn goes through the real REST webhook of the real app with the trained
model, as `privacybot evaluate` does against `privacybot serve`. The full report (tables and
failures) is written to var/test-results/heldout-evaluation.txt for whoever reads a CI run.

What is asserted: no more answers name or carry the other company's facts than this version
landed with (issue 10's rule is none; on round 2's held-out sets 5 answers and 4 turns still do,
so the count may not grow), and accuracy stays near the figures this version landed with
(REGRESSION_FLOORS), so a change that makes the bot worse on unseen questions fails the suite.
Issue 10's targets (97 % of questions and of turns, 90 % of conversations, no other company's
facts) are higher and are reported, not asserted, until they are met.
"""
from __future__ import annotations

import pytest

from bot.evaluation import HELDOUT_CONVERSATIONS, HELDOUT_QUESTIONS, run_conversations_async, run_evaluation_async
from bot.settings import REPO_ROOT

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Round 2's held-out sets (342 questions, 100 conversations) landed with 83.9 % of questions,
# 77.8 % of turns and 47 % of conversations (README "Measured"); the floors leave room for the
# spread between retrainings of the same data (about 2 points on questions and turns, 5 on
# conversations, measured on the dev sets).
REGRESSION_FLOORS = {"questions": 0.81, "turns": 0.75, "conversations": 0.42}
# Answers and turns carrying the other company's facts at landing (5 + 4); the target is 0.
MAX_LEAKS = 9
REPORT = REPO_ROOT / "var" / "test-results" / "heldout-evaluation.txt"


async def test_heldout_questions_and_conversations(make_client) -> None:
    # One client address asks 800+ questions: lift the per-address rate limit for it.
    client = await make_client(rate_limit_client=100_000, rate_limit_conversation=100_000)
    url = str(client.make_url("/"))
    questions = await run_evaluation_async(url, HELDOUT_QUESTIONS)
    conversations = await run_conversations_async(url, HELDOUT_CONVERSATIONS)

    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        "held-out questions\n" + questions.format_table() + "\n\n" + questions.format_failures()
        + "\n\nheld-out conversations\n" + conversations.format_table() + "\n\n" + conversations.format_failures()
        + "\n",
        encoding="utf-8",
    )
    assert questions.total >= 300 and conversations.total >= 80

    leaks = [j.question.id for j in questions.leaks + conversations.turns.leaks]
    assert len(leaks) <= MAX_LEAKS, f"more answers naming or carrying the other company's facts than landed: {leaks}"

    figures = {
        "questions": questions.accuracy,
        "turns": conversations.turns.accuracy,
        "conversations": conversations.accuracy,
    }
    below = {k: round(v, 3) for k, v in figures.items() if v < REGRESSION_FLOORS[k]}
    assert not below, f"held-out accuracy fell below the landed figures {REGRESSION_FLOORS}: {below} (see {REPORT})"

