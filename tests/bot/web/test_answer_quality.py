"""The served bot answers the committed evaluation set (issue 2's quality target).

Every question goes through the real REST webhook of the real app with the trained
model, exactly as `privacybot evaluate` does against `privacybot serve`.
"""
from __future__ import annotations

import pytest

from bot.evaluation import DEFAULT_QUESTIONS, run_evaluation_async

pytestmark = [pytest.mark.model, pytest.mark.slow]


async def test_answers_carry_the_right_fact_for_the_right_company_in_the_right_language(make_client) -> None:
    # One client address asks 400+ questions: lift the per-address rate limit for it.
    client = await make_client(rate_limit_client=100_000, rate_limit_conversation=100_000)
    report = await run_evaluation_async(str(client.make_url("/")), DEFAULT_QUESTIONS)

    summary = "\n".join(
        f"{j.question.id}: {'; '.join(j.reasons)}" for j in report.failures
    )
    assert report.total >= 200
    assert report.accuracy >= 0.95, f"accuracy {report.accuracy:.3f}; failures:\n{summary}"
    for lang, accuracy in report.by_language.items():
        assert accuracy >= 0.90, f"{lang}: accuracy {accuracy:.3f}"
    # Never another company's facts, even in an otherwise failed answer.
    leaks = [j.question.id for j in report.failures if any("other company" in r or "'s facts" in r for r in j.reasons)]
    assert not leaks, f"answers naming or carrying the other company's facts: {leaks}"
