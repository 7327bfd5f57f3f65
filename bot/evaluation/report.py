"""The evaluation's outcome: accuracy overall and per language, company and kind, and the failures."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Sequence, Tuple

from actions.catalogue import COMPANIES, LANGUAGES
from bot.evaluation.judging import Judgement
from bot.evaluation.sets import Conversation


@dataclass
class Tally:
    """Passed and total for one group of questions."""

    passed: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """Share of correct answers (0.0 for an empty group)."""
        return self.passed / self.total if self.total else 0.0


def _tally(judgements: Sequence[Judgement], key: Callable[[Judgement], str]) -> Dict[str, Tally]:
    tallies: Dict[str, Tally] = {}
    for j in judgements:
        tally = tallies.setdefault(key(j), Tally())
        tally.total += 1
        tally.passed += j.passed
    return tallies


def _json_tallies(t: Dict[str, Tally]) -> Dict[str, Dict[str, Any]]:
    return {k: {"passed": v.passed, "total": v.total, "accuracy": round(v.accuracy, 4)} for k, v in t.items()}


def _table(rows: Sequence[Tuple[str, Tally]], first: str = "group") -> str:
    width = max([len(first)] + [len(name) for name, _ in rows]) + 2
    lines = [f"{first:<{width}}{'passed':>8}{'total':>7}{'accuracy':>10}"]
    for name, tally in rows:
        lines.append(f"{name:<{width}}{tally.passed:>8}{tally.total:>7}{tally.accuracy:>9.1%}")
    return "\n".join(lines)


def _failure_block(j: Judgement, label: str) -> str:
    got = j.answer.replace("\n", " / ") or "(no text)"
    return (
        f"FAIL {label}\n"
        f"  question: {j.question.text}\n"
        f"  expected: {j.question.describe()}\n"
        f"  why:      {'; '.join(j.reasons)}\n"
        f"  got:      {got}"
    )


@dataclass
class Report:
    """Judgements of single questions (or of conversation turns), with tallies per group."""

    judgements: List[Judgement]
    seconds: float = 0.0

    @property
    def language_tallies(self) -> Dict[str, Tally]:
        """Tallies keyed da / sv / en."""
        return _tally(self.judgements, lambda j: j.question.lang)

    @property
    def company_tallies(self) -> Dict[str, Tally]:
        """Tallies keyed OK / OJCO / both (comparisons) / none (asks which company)."""
        return _tally(self.judgements, lambda j: j.question.company)

    @property
    def kind_tallies(self) -> Dict[str, Tally]:
        """Tallies keyed by kind (a question's ``kind``, a turn's derived kind); unlabelled items left out."""
        return _tally([j for j in self.judgements if j.kind], lambda j: j.kind)

    @property
    def total(self) -> int:
        """Number of questions asked."""
        return len(self.judgements)

    @property
    def passed(self) -> int:
        """Number of correct answers."""
        return sum(j.passed for j in self.judgements)

    @property
    def accuracy(self) -> float:
        """Share of correct answers overall."""
        return self.passed / self.total if self.total else 0.0

    @property
    def by_language(self) -> Dict[str, float]:
        """Accuracy per language."""
        return {k: t.accuracy for k, t in self.language_tallies.items()}

    @property
    def by_company(self) -> Dict[str, float]:
        """Accuracy per expected company (OK, OJCO, both, none)."""
        return {k: t.accuracy for k, t in self.company_tallies.items()}

    @property
    def by_kind(self) -> Dict[str, float]:
        """Accuracy per kind."""
        return {k: t.accuracy for k, t in self.kind_tallies.items()}

    @property
    def failures(self) -> List[Judgement]:
        """The judgements that failed, in question order."""
        return [j for j in self.judgements if not j.passed]

    @property
    def leaks(self) -> List[Judgement]:
        """Answers that named or carried the other company's facts."""
        return [j for j in self.failures if any("other company" in r or "'s facts" in r for r in j.reasons)]

    def as_dict(self) -> Dict[str, Any]:
        """JSON-ready summary with the failures."""
        return {
            "total": self.total,
            "passed": self.passed,
            "accuracy": round(self.accuracy, 4),
            "seconds": round(self.seconds, 1),
            "by_language": _json_tallies(self.language_tallies),
            "by_company": _json_tallies(self.company_tallies),
            "by_kind": _json_tallies(self.kind_tallies),
            "failures": [
                {
                    "id": j.question.id,
                    "question": j.question.text,
                    "expected": j.question.describe(),
                    "got": j.answer,
                    "reasons": j.reasons,
                }
                for j in self.failures
            ],
        }

    def format_table(self) -> str:
        """Accuracy overall, per language, company and kind as a plain-text table."""
        langs, comps, kinds = self.language_tallies, self.company_tallies, self.kind_tallies
        rows = [("all", Tally(self.passed, self.total))]
        rows += [(f"lang {k}", langs[k]) for k in LANGUAGES if k in langs]
        rows += [(f"company {k}", comps[k]) for k in (*COMPANIES, "both", "none") if k in comps]
        rows += [(f"kind {k}", kinds[k]) for k in sorted(kinds)]
        return _table(rows)

    def format_failures(self) -> str:
        """One block per failed question: id, question, expected, reasons, got."""
        return "\n".join(_failure_block(j, j.question.id) for j in self.failures)


@dataclass
class ConversationReport:
    """Judgements of every turn of every conversation; a conversation is right when all its turns are."""

    conversations: List[Tuple[Conversation, List[Judgement]]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def turns(self) -> Report:
        """Every turn as one report (kinds are the turns' derived kinds)."""
        return Report([j for _, js in self.conversations for j in js], self.seconds)

    @property
    def total(self) -> int:
        """Number of conversations."""
        return len(self.conversations)

    @property
    def fully_right(self) -> int:
        """Conversations whose every turn was right."""
        return sum(all(j.passed for j in js) for _, js in self.conversations)

    @property
    def accuracy(self) -> float:
        """Share of conversations fully right."""
        return self.fully_right / self.total if self.total else 0.0

    @property
    def conversation_kind_tallies(self) -> Dict[str, Tally]:
        """Conversations fully right, per kind the conversation is labelled with (one may count under several)."""
        tallies: Dict[str, Tally] = {}
        for conversation, js in self.conversations:
            for kind in conversation.kinds or ("unlabelled",):
                tally = tallies.setdefault(kind, Tally())
                tally.total += 1
                tally.passed += all(j.passed for j in js)
        return tallies

    def as_dict(self) -> Dict[str, Any]:
        """JSON-ready summary: conversations, turns (with their failures), per kind."""
        return {
            "conversations": self.total,
            "fully_right": self.fully_right,
            "accuracy": round(self.accuracy, 4),
            "by_conversation_kind": _json_tallies(self.conversation_kind_tallies),
            "turns": self.turns.as_dict(),
        }

    def format_table(self) -> str:
        """Conversations fully right (overall and per labelled kind), then the turns' table."""
        kinds = self.conversation_kind_tallies
        rows = [("all", Tally(self.fully_right, self.total))] + [(f"kind {k}", kinds[k]) for k in sorted(kinds)]
        return (
            "conversations fully right\n" + _table(rows, "conversations") + "\n\nturns\n" + self.turns.format_table()
        )

    def format_failures(self) -> str:
        """For each conversation with a failed turn: every turn up to and including the failures."""
        blocks = []
        for conversation, js in self.conversations:
            if all(j.passed for j in js):
                continue
            lines = [f"CONVERSATION {conversation.id} ({', '.join(conversation.kinds) or '-'})"]
            for j in js:
                if j.passed:
                    lines.append(f"  ok   {j.question.id} [{j.kind}]: {j.question.text}")
                else:
                    lines.append("  " + _failure_block(j, f"{j.question.id} [{j.kind}]").replace("\n", "\n  "))
            blocks.append("\n".join(lines))
        return "\n".join(blocks)
