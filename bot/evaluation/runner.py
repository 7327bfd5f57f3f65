"""Asking the served bot: every question as its own conversation, every conversation turn by turn.

Everything goes to ``POST {url}/webhooks/rest/webhook`` with ``{"sender", "message", "metadata"}``,
as a web page would send it. Logging carries ids and counts only, never question or answer text.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
import uuid
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Sequence, Tuple, TypeVar

import aiohttp

from bot.evaluation.judging import Judgement, judge
from bot.evaluation.report import ConversationReport, Report
from bot.evaluation.sets import (
    DEFAULT_QUESTIONS,
    HELDOUT_CONVERSATIONS,
    EvaluationError,
    Question,
    load_conversations,
    load_questions,
    turn_kind,
)

logger = logging.getLogger(__name__)

MAX_CONCURRENCY = 4
T = TypeVar("T")


async def _ask(session: Any, url: str, sender: str, question: Question, timeout: float) -> List[Dict[str, Any]]:
    body = {"sender": sender, "message": question.text, "metadata": question.metadata()}
    async with session.post(url, json=body, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
        if resp.status != 200:
            return [{"text": "", "_error": f"HTTP {resp.status}"}]
        data = await resp.json(content_type=None)
    if not isinstance(data, list):
        return [{"text": "", "_error": "reply is not a JSON list"}]
    return data


async def _ask_and_judge(session: Any, url: str, base: str, sender: str, question: Question, timeout: float) -> Judgement:
    try:
        replies = await _ask(session, url, sender, question, timeout)
    except aiohttp.ClientConnectorError as exc:
        raise EvaluationError(
            f"cannot reach the bot at {base} ({exc.os_error.strerror if exc.os_error else exc}); "
            "start it with `privacybot serve` or pass --url"
        ) from None
    except asyncio.TimeoutError:
        replies = [{"text": "", "_error": f"no reply within {timeout:.0f} s"}]
    judgement = judge(question, replies)
    errors = [r["_error"] for r in replies if r.get("_error")]
    if errors:
        judgement.reasons.insert(0, "request failed: " + "; ".join(errors))
        judgement.passed = False
    return judgement


async def _gather_limited(jobs: Sequence[Callable[[], Awaitable[T]]], concurrency: int) -> List[T]:
    limit = asyncio.Semaphore(max(1, min(concurrency, MAX_CONCURRENCY)))

    async def one(job: Callable[[], Awaitable[T]]) -> T:
        async with limit:
            return await job()

    tasks = [asyncio.ensure_future(one(job)) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _raise_if_nothing_answered(judgements: Sequence[Judgement], webhook: str) -> None:
    failed = [j for j in judgements if j.reasons and j.reasons[0].startswith("request failed")]
    if judgements and len(failed) == len(judgements):
        # Nothing was answered: a wrong URL or a server without the REST channel, not a bad bot.
        raise EvaluationError(
            f"every request to {webhook} failed ({failed[0].reasons[0].removeprefix('request failed: ')}); "
            "is this the bot's REST channel?"
        )


async def _converse(
    url: str, dialogues: Sequence[Sequence[Question]], concurrency: int, timeout: float
) -> Tuple[List[List[Judgement]], float]:
    """Send each dialogue's turns in order under a sender of its own (at most 4 dialogues at a
    time); the judgements per dialogue and the seconds it all took.

    A turn whose request fails still lets its dialogue go on, as a customer would retype.
    Raises :class:`EvaluationError` when the bot cannot be reached or nothing was answered.
    """
    webhook = url.rstrip("/") + "/webhooks/rest/webhook"
    started = time.monotonic()

    async def one(session: aiohttp.ClientSession, turns: Sequence[Question]) -> List[Judgement]:
        sender = f"eval-{uuid.uuid4().hex}"
        return [await _ask_and_judge(session, webhook, url, sender, turn, timeout) for turn in turns]

    async with aiohttp.ClientSession() as session:
        results = await _gather_limited([(lambda d=d: one(session, d)) for d in dialogues], concurrency)
    _raise_if_nothing_answered([j for js in results for j in js], webhook)
    return results, time.monotonic() - started


async def run_evaluation_async(
    url: str,
    questions_path: Path | str = DEFAULT_QUESTIONS,
    *,
    concurrency: int = MAX_CONCURRENCY,
    timeout: float = 60.0,
) -> Report:
    """Ask the bot at ``url`` every question (at most 4 at a time, each its own sender) and judge the answers.

    Use this form when the caller already runs an event loop that also serves the bot.
    Raises :class:`EvaluationError` when the bot cannot be reached.
    """
    questions = load_questions(questions_path)
    results, seconds = await _converse(url, [[q] for q in questions], concurrency, timeout)
    report = Report([js[0] for js in results], seconds=seconds)
    logger.info("evaluation done: %d questions, %d passed, %.1f s", report.total, report.passed, report.seconds)
    return report


async def run_conversations_async(
    url: str,
    conversations_path: Path | str = HELDOUT_CONVERSATIONS,
    *,
    concurrency: int = MAX_CONCURRENCY,
    timeout: float = 60.0,
) -> ConversationReport:
    """Send every conversation's turns in order under one sender (at most 4 conversations at a time).

    Each turn is judged like a single question and tallied under its kind (:func:`turn_kind`).
    """
    conversations = load_conversations(conversations_path)
    results, seconds = await _converse(url, [c.turns for c in conversations], concurrency, timeout)
    for conversation, judgements in zip(conversations, results):
        for previous, turn, judgement in zip([None, *conversation.turns], conversation.turns, judgements):
            judgement.kind = turn_kind(previous, turn)
    report = ConversationReport(list(zip(conversations, results)), seconds=seconds)
    logger.info(
        "conversation evaluation done: %d conversations, %d fully right, %.1f s",
        report.total, report.fully_right, report.seconds,
    )
    return report


def _run_sync(make: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine from sync code; inside a running loop, in a worker thread with a loop of its own."""

    def call() -> T:
        return asyncio.run(make())  # type: ignore[arg-type]

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def run_evaluation(
    url: str,
    questions_path: Path | str = DEFAULT_QUESTIONS,
    *,
    concurrency: int = MAX_CONCURRENCY,
    timeout: float = 60.0,
) -> Report:
    """Synchronous :func:`run_evaluation_async` for callers without an event loop (CLI, tests).

    Called from inside a running loop it runs in a worker thread with a loop of its own, so
    the bot must then be served by another process or thread.
    """
    return _run_sync(lambda: run_evaluation_async(url, questions_path, concurrency=concurrency, timeout=timeout))


def run_conversations(
    url: str,
    conversations_path: Path | str = HELDOUT_CONVERSATIONS,
    *,
    concurrency: int = MAX_CONCURRENCY,
    timeout: float = 60.0,
) -> ConversationReport:
    """Synchronous :func:`run_conversations_async`."""
    return _run_sync(
        lambda: run_conversations_async(url, conversations_path, concurrency=concurrency, timeout=timeout)
    )
