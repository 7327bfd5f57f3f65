"""Answer-quality evaluation: ask the served bot the questions and conversations of a set, judge the answers.

* :mod:`bot.evaluation.sets`: the sets (held-out and tuning), questions and conversations;
* :mod:`bot.evaluation.matching`: whether an answer carries a fact;
* :mod:`bot.evaluation.judging`: the verdict on one answer (facts, company, language);
* :mod:`bot.evaluation.report`: accuracy per language, company and kind, and the failures;
* :mod:`bot.evaluation.runner`: asking the bot over its REST channel.

See docs/evaluation.md.
"""
from bot.evaluation.judging import Judgement, detect_language, judge
from bot.evaluation.matching import contains_fact
from bot.evaluation.report import ConversationReport, Report, Tally
from bot.evaluation.runner import (
    MAX_CONCURRENCY,
    run_conversations,
    run_conversations_async,
    run_evaluation,
    run_evaluation_async,
)
from bot.evaluation.sets import (
    DEFAULT_QUESTIONS,
    DEV_CONVERSATIONS,
    HELDOUT_CONVERSATIONS,
    HELDOUT_QUESTIONS,
    ROUND1_CONVERSATIONS,
    ROUND1_QUESTIONS,
    ROUND2_CONVERSATIONS,
    ROUND2_QUESTIONS,
    Conversation,
    EvaluationError,
    Fact,
    Question,
    load_conversations,
    load_questions,
    turn_kind,
)

__all__ = [
    "DEFAULT_QUESTIONS", "DEV_CONVERSATIONS", "HELDOUT_CONVERSATIONS", "HELDOUT_QUESTIONS", "MAX_CONCURRENCY",
    "ROUND1_CONVERSATIONS", "ROUND1_QUESTIONS", "ROUND2_CONVERSATIONS", "ROUND2_QUESTIONS",
    "Conversation", "ConversationReport", "EvaluationError", "Fact", "Judgement", "Question", "Report", "Tally",
    "contains_fact", "detect_language", "judge", "load_conversations", "load_questions", "run_conversations",
    "run_conversations_async", "run_evaluation", "run_evaluation_async", "turn_kind",
]
