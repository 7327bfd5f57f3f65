"""The evaluation sets: single questions and multi-turn conversations, with the facts each answer must carry.

Two kinds of set live in ``data/evaluation/``:

* **held-out** (``heldout/questions.yml``, ``heldout/conversations.yml``): written by people who
  never saw the code or the training data, frozen, never trained or tuned on. Their figures are
  the results reported in the README.
* **tuning** (``questions.yml`` and everything in ``dev/``, including round 1's former held-out
  sets ``dev/round1_*.yml``): the sets the developers iterate on. Their figures are reported apart
  and are not results.

A conversation is a list of turns sent under one ``sender``; each turn is judged like a single
question (:class:`Question`), with the page's company sent on every turn.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from actions.catalogue import COMPANIES, LANGUAGES
from bot.evaluation.matching import contains_fact, number_words
from bot.settings import REPO_ROOT

EVALUATION_DIR = REPO_ROOT / "data" / "evaluation"
DEFAULT_QUESTIONS = EVALUATION_DIR / "questions.yml"
HELDOUT_QUESTIONS = EVALUATION_DIR / "heldout" / "questions.yml"
HELDOUT_CONVERSATIONS = EVALUATION_DIR / "heldout" / "conversations.yml"
DEV_CONVERSATIONS = EVALUATION_DIR / "dev" / "conversations.yml"
# Round 1's held-out sets: their failures were read while tuning in round 1, so they are tuning sets now.
ROUND1_QUESTIONS = EVALUATION_DIR / "dev" / "round1_questions.yml"
ROUND1_CONVERSATIONS = EVALUATION_DIR / "dev" / "round1_conversations.yml"
# Round 2's development sets: written independently from the policies, for tuning.
ROUND2_QUESTIONS = EVALUATION_DIR / "dev" / "round2_questions.yml"
ROUND2_CONVERSATIONS = EVALUATION_DIR / "dev" / "round2_conversations.yml"

# Turns that are not about a policy: judged on language and listed facts only.
SMALL_TALK: Tuple[str, ...] = ("greeting", "thanks", "goodbye", "smalltalk", "bot_challenge", "out_of_scope")
EXPECTATIONS: Tuple[str, ...] = ("answer", "silent", "compare", "ask_company") + SMALL_TALK


class EvaluationError(RuntimeError):
    """The evaluation cannot run (bot unreachable, bad questions file); the message says why."""


@dataclass(frozen=True)
class Fact:
    """One fact an answer must carry: alternatives per language ("*" = any language)."""

    alternatives: Mapping[str, Tuple[str, ...]]

    def for_language(self, lang: str) -> Tuple[str, ...]:
        """The accepted spellings for an answer in ``lang``."""
        return tuple(self.alternatives.get("*", ())) + tuple(self.alternatives.get(lang, ()))

    def found_in(self, text: str, lang: str) -> bool:
        """Whether ``text`` (an answer in ``lang``) carries one of the spellings."""
        for option in self.for_language(lang):
            if contains_fact(text, option):
                return True
            for word in number_words(lang, option):
                if re.search(r"(?<!\w)" + word + r"(?!\w)", text, re.IGNORECASE):
                    return True
        return False

    def describe(self, lang: str) -> str:
        """Short human text: the string, or "one of a | b"."""
        options = self.for_language(lang)
        return repr(options[0]) if len(options) == 1 else "one of " + " | ".join(options)


@dataclass(frozen=True)
class Question:
    """One question of a set, or one turn of a conversation."""

    id: str
    lang: str
    text: str
    metadata_company: Optional[str]
    company: str  # OK | OJCO | both (compare) | none (ask_company, small talk)
    topic: str
    expect: str
    must_contain: Tuple[Fact, ...] = ()
    must_not_contain: Tuple[str, ...] = ()
    kind: str = ""  # what the item tests ("typo", "both", ...; for turns see turn_kind)

    def metadata(self) -> Dict[str, str]:
        """The metadata the web page would send with this question."""
        meta = {"lang": self.lang}
        if self.metadata_company:
            meta["company"] = self.metadata_company
        return meta

    def describe(self) -> str:
        """What was expected, for the failure list."""
        facts = ", ".join(f.describe(self.lang) for f in self.must_contain) or "-"
        return f"{self.expect} / {self.company} / {self.topic} / {self.lang}; facts: {facts}"


@dataclass(frozen=True)
class Conversation:
    """Turns sent one after another under one sender; ``kinds`` say what the conversation tests."""

    id: str
    metadata_company: Optional[str]
    kinds: Tuple[str, ...]
    turns: Tuple[Question, ...]


def _parse_fact(raw: Any, where: str) -> Fact:
    if isinstance(raw, (str, int, float)):
        return Fact({"*": (str(raw),)})
    if isinstance(raw, Mapping) and set(raw) == {"any_of"}:
        options = raw["any_of"]
        if isinstance(options, list) and options and all(isinstance(o, (str, int, float)) for o in options):
            return Fact({"*": tuple(str(o) for o in options)})
        if isinstance(options, Mapping) and set(options) <= set(LANGUAGES) and options:
            if all(isinstance(v, list) and v and all(isinstance(o, (str, int, float)) for o in v) for v in options.values()):
                return Fact({lang: tuple(str(o) for o in options[lang]) for lang in options})
    raise EvaluationError(
        f"{where}: a fact is a string or {{any_of: [..]}} or {{any_of: {{da: [..], sv: [..], en: [..]}}}}"
    )


def _company_or_none(value: Any) -> Optional[str]:
    return None if value in (None, "none") else str(value)


def parse_question(raw: Mapping[str, Any], *, metadata_company: Any = "absent", qid: Optional[str] = None) -> Question:
    """One question (or conversation turn) from its YAML mapping.

    ``metadata_company`` is given for a turn (the conversation's page company); a question carries
    its own. Raises :class:`EvaluationError` on a malformed item.
    """
    qid = qid or str(raw.get("id", "?"))
    try:
        meta = raw["metadata_company"] if metadata_company == "absent" else metadata_company
        question = Question(
            id=qid,
            lang=raw["lang"],
            text=str(raw["text"]),
            metadata_company=_company_or_none(meta),
            company=str(raw["company"]),
            topic=str(raw.get("topic", "none")),
            expect=raw.get("expect", "answer"),
            must_contain=tuple(_parse_fact(f, qid) for f in raw.get("must_contain") or ()),
            must_not_contain=tuple(str(s) for s in raw.get("must_not_contain") or ()),
            kind=str(raw.get("kind", "")),
        )
    except KeyError as exc:
        raise EvaluationError(f"{qid}: missing field {exc}") from None
    if question.lang not in LANGUAGES:
        raise EvaluationError(f"{qid}: lang must be one of {LANGUAGES}")
    if question.expect not in EXPECTATIONS:
        raise EvaluationError(f"{qid}: expect must be one of {EXPECTATIONS}")
    if question.metadata_company not in (None, *COMPANIES):
        raise EvaluationError(f"{qid}: metadata_company must be OK, OJCO or none")
    if question.expect in SMALL_TALK:
        wanted: Tuple[str, ...] = (*COMPANIES, "both", "none")
    else:
        wanted = {"compare": ("both",), "ask_company": ("none",)}.get(question.expect, COMPANIES)
    if question.company not in wanted:
        raise EvaluationError(f"{qid}: company for expect={question.expect} must be one of {wanted}")
    return question


def parse_conversation(raw: Mapping[str, Any]) -> Conversation:
    """One conversation from its YAML mapping; raises :class:`EvaluationError` on a malformed item."""
    cid = str(raw.get("id", "?"))
    turns = raw.get("turns")
    if not isinstance(turns, list) or not turns:
        raise EvaluationError(f"{cid}: a conversation needs a non-empty `turns` list")
    meta = raw.get("metadata_company", "none")
    kinds = raw.get("kinds") or ()
    if isinstance(kinds, str):
        kinds = (kinds,)
    parsed = [parse_question(t, metadata_company=meta, qid=f"{cid}#{i}") for i, t in enumerate(turns, 1)]
    return Conversation(id=cid, metadata_company=_company_or_none(meta), kinds=tuple(map(str, kinds)), turns=tuple(parsed))


def _load_list(path: Path | str, key: str) -> List[Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationError(f"cannot read evaluation set {path}: {exc.strerror}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get(key), list):
        raise EvaluationError(f"{path}: expected a mapping with a `{key}` list")
    return data[key]


def load_questions(path: Path | str = DEFAULT_QUESTIONS) -> List[Question]:
    """Every question of the set at ``path``."""
    return [parse_question(item) for item in _load_list(path, "questions")]


def load_conversations(path: Path | str = HELDOUT_CONVERSATIONS) -> List[Conversation]:
    """Every conversation of the set at ``path``."""
    return [parse_conversation(item) for item in _load_list(path, "conversations")]


def turn_kind(previous: Optional[Question], turn: Question) -> str:
    """What a turn tests, derived from the turn and the one before it.

    The first matching of: ask_company, typed_company (the answer to "which company?"),
    both_companies, small_talk, language_switch, silent, first_question, follow_up_company,
    follow_up_topic, short_follow_up (same topic and company as before).
    """
    if turn.expect == "ask_company":
        return "ask_company"
    if previous is not None and previous.expect == "ask_company":
        return "typed_company"
    if turn.expect == "compare":
        return "both_companies"
    if turn.expect in SMALL_TALK:
        return "small_talk"
    if previous is not None and previous.lang != turn.lang:
        return "language_switch"
    if turn.expect == "silent":
        return "silent"
    if previous is None or previous.expect in SMALL_TALK:
        return "first_question"
    if previous.company in COMPANIES and turn.company in COMPANIES and previous.company != turn.company:
        return "follow_up_company"
    if previous.topic != turn.topic:
        return "follow_up_topic"
    return "short_follow_up"
