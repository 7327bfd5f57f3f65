"""Multi-turn evaluation: turns go in order under one sender, each judged; a conversation is right when all are.

The bot is a stand-in aiohttp server that remembers each sender's last topic, so a follow-up
is answered only when the runner keeps the conversation together.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.cli import main as cli_main
from bot.evaluation import (
    EvaluationError,
    Question,
    judge,
    load_conversations,
    run_conversations_async,
    turn_kind,
)
from support.stand_in_bot import BotsInThread, answer, StandInBot

CONVERSATIONS_YML = """
conversations:
  - id: c-1
    metadata_company: OK
    kinds: [follow_up_topic]
    turns:
      - {text: "hvor længe gemmer I chatten?", lang: da, company: OK, topic: retention_chat, expect: answer, must_contain: ["180"]}
      - {text: "og telefonoptagelser?", lang: da, company: OK, topic: retention_phone, expect: answer, must_contain: ["90"]}
  - id: c-2
    metadata_company: none
    kinds: [small_talk]
    turns:
      - {text: "hej", lang: da, company: none, topic: greeting, expect: greeting, must_contain: ["OK", "OJCO"]}
      - {text: "tak", lang: da, company: none, topic: thanks, expect: thanks, must_contain: []}
"""

ANSWERS = {
    "chat": "OK sletter oplysninger fra chatten efter højst 180 dage. (OK, afsnit 3)",
    "phone": "OK sletter optagelser af telefonsamtaler senest 90 dage efter optagelsen. (OK, afsnit 3)",
    "hej": "Hej! Jeg svarer på spørgsmål om persondatapolitikkerne hos OK og OJCO.",
    "tak": "Selv tak, skriv endelig hvis du har flere spørgsmål.",
}


class MemoryBot:
    """Answers a follow-up about phone recordings only after the same sender asked about chats."""

    def __init__(self) -> None:
        self.seen: Dict[str, List[str]] = {}

    def __call__(self, body: Dict[str, Any]) -> List[Dict[str, Any]]:
        history = self.seen.setdefault(body["sender"], [])
        history.append(body["message"])
        text = body["message"]
        if "chatten" in text:
            reply = ANSWERS["chat"]
        elif "telefon" in text:
            reply = ANSWERS["phone"] if len(history) > 1 else "Hvilket emne mener du?"
        else:
            reply = ANSWERS.get(text, "Det forstod jeg ikke.")
        return answer(body, reply)


@pytest.fixture
def conversations_file(tmp_path: Path) -> Path:
    path = tmp_path / "conversations.yml"
    path.write_text(CONVERSATIONS_YML, encoding="utf-8")
    return path


async def test_turns_share_one_sender_and_every_conversation_is_right(conversations_file: Path) -> None:
    bot = MemoryBot()
    async with StandInBot(bot) as url:
        report = await run_conversations_async(url, conversations_file)
    assert report.turns.failures == [], report.format_failures()
    assert (report.total, report.fully_right, report.turns.total) == (2, 2, 4)
    assert len(bot.seen) == 2  # one sender per conversation
    assert sorted(report.turns.by_kind) == ["first_question", "follow_up_topic", "small_talk"]


async def test_a_failed_turn_fails_its_conversation_and_is_listed_with_the_turns_before(conversations_file: Path) -> None:
    ANSWERS_BACKUP = dict(ANSWERS)
    ANSWERS["tak"] = "You're welcome!"  # English thanks in a Danish conversation
    try:
        async with StandInBot(MemoryBot()) as url:
            report = await run_conversations_async(url, conversations_file)
    finally:
        ANSWERS.update(ANSWERS_BACKUP)
    assert report.fully_right == 1 and report.turns.passed == 3
    text = report.format_failures()
    assert "CONVERSATION c-2" in text and "ok   c-2#1" in text and "FAIL c-2#2 [small_talk]" in text
    assert "language: expected da" in text


def test_greeting_is_judged_on_language_and_its_facts_not_on_a_company() -> None:
    hello = Question("g", "sv", "hej", None, "none", "greeting", "greeting",
                     must_contain=())
    assert judge(hello, [{"text": "Hej! Jag svarar på frågor om integritetspolicyerna hos OK och OJCO."}]).passed
    assert not judge(hello, [{"text": "Hello! I answer questions about the privacy policies of OK and OJCO."}]).passed
    assert not judge(hello, []).passed  # no reply at all


def test_turn_kinds_are_derived_from_the_turn_before() -> None:
    def q(**kw: Any) -> Question:
        base = dict(id="x", lang="da", text="t", metadata_company="OK", company="OK",
                    topic="retention_chat", expect="answer")
        base.update(kw)
        return Question(**base)

    first = q()
    assert turn_kind(None, first) == "first_question"
    assert turn_kind(first, q(topic="retention_phone")) == "follow_up_topic"
    assert turn_kind(first, q(company="OJCO", expect="silent")) == "silent"
    assert turn_kind(first, q(company="OJCO")) == "follow_up_company"
    assert turn_kind(first, q()) == "short_follow_up"
    assert turn_kind(first, q(lang="en")) == "language_switch"
    asked = q(company="none", expect="ask_company", metadata_company=None)
    assert turn_kind(None, asked) == "ask_company"
    assert turn_kind(asked, q()) == "typed_company"
    assert turn_kind(first, q(company="both", expect="compare")) == "both_companies"


def test_malformed_conversations_are_clear_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("conversations:\n  - id: c-9\n    metadata_company: OK\n    turns: []\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="c-9: a conversation needs a non-empty `turns` list"):
        load_conversations(path)
    path.write_text(
        "conversations:\n  - id: c-8\n    metadata_company: OK\n    turns:\n"
        "      - {text: hi, lang: de, company: OK, topic: x, expect: answer}\n",
        encoding="utf-8",
    )
    with pytest.raises(EvaluationError, match=r"c-8#1: lang must be one of"):
        load_conversations(path)


def test_cli_runs_a_conversations_file_and_reports_turns_and_conversations(conversations_file: Path, capsys) -> None:
    bots = BotsInThread()
    url = bots.start(MemoryBot())
    try:
        code = cli_main(["evaluate", "--url", url, "--conversations", str(conversations_file), "--min-accuracy", "0.9"])
    finally:
        bots.close()
    out = capsys.readouterr().out
    assert code == 0, out
    assert "conversations: 2 (4 turns)" in out
    assert "conversations fully right" in out and "kind follow_up_topic" in out
