"""Answer-quality evaluation: ask the served bot every question of the evaluation set and judge the answers.

The set (``data/evaluation/questions.yml``) holds customer questions with the facts a correct
answer must carry. An answer is correct when it has

* the right facts: every ``must_contain`` entry (a string, or ``any_of`` alternatives per language)
  and none of ``must_not_contain``;
* the right company: it names the expected company (``OK`` as a word, or ``OJCO``) and neither names
  the other company nor carries facts only the other company has (its e-mail, phone, CVR/org.nr ...);
* the right language: :mod:`lingua` detects the question's language on the answer text once company
  names, e-mails, URLs, numbers and proper nouns are stripped (fewer than 4 words left: the answer
  is language-neutral, e.g. a bare address, and passes this check);
* for ``expect: silent``: a "the policy says nothing about this" marker in the question's language;
* for ``expect: ask_company``: buttons for both companies;
* for ``expect: compare``: both company names and the facts of both.

See docs/evaluation.md. Logging carries ids and counts only, never question or answer text.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.settings import REPO_ROOT

logger = logging.getLogger(__name__)

DEFAULT_QUESTIONS = REPO_ROOT / "data" / "evaluation" / "questions.yml"
LANGUAGES: Tuple[str, ...] = ("da", "sv", "en")
COMPANIES: Tuple[str, ...] = ("OK", "OJCO")
EXPECTATIONS: Tuple[str, ...] = ("answer", "silent", "compare", "ask_company")
MAX_CONCURRENCY = 4

# Markers of "the policy says nothing about this", per language. Kept loose on purpose: the
# knowledge base words its silence in several ways and the judge must not fail correct answers
# on phrasing. Compared case-insensitively after apostrophes are normalised.
SILENT_MARKERS: Dict[str, Tuple[str, ...]] = {
    "da": (
        "siger ikke", "siger intet", "nævner ikke", "nævner intet", "fremgår ikke",
        "står ikke", "står intet", "beskriver ikke", "oplyser ikke", "omtaler ikke",
        "intet om", "ikke noget om", "ingen oplysninger om", "tager ikke stilling",
        "ingen særskilt", "ingen særlig", "ingen egen", "har ikke en",
    ),
    "sv": (
        "säger inget", "säger ingenting", "säger inte", "nämner inte", "nämner inget",
        "framgår inte", "står inget", "står inte", "beskriver inte", "anger inte",
        "tar inte upp", "inget om", "ingenting om", "saknar uppgift", "saknar information",
        "ingen särskild", "har ingen", "har inte någon",
    ),
    "en": (
        "does not say", "doesn't say", "does not mention", "doesn't mention", "says nothing",
        "is silent", "does not state", "doesn't state", "does not cover", "doesn't cover",
        "does not address", "doesn't address", "does not specify", "doesn't specify",
        "does not describe", "doesn't describe", "nothing about", "no information",
        "not mentioned", "no separate", "does not have a", "doesn't have a",
    ),
}

# Facts only one company has: an answer about the other company must not carry them.
COMPANY_FACTS: Dict[str, Tuple[str, ...]] = {
    "OK": (
        "ok@ok.dk", "ok.dk", "70 10 20 33", "39170418", "Åhave Parkvej", "Viby",
        "Datatilsynet", "Experian", "Debitorregistret", "COOP Danmark", "Fri Vask",
    ),
    "OJCO": (
        "security@ojco.se", "ojco.se", "10 179 72 80", "556520-6199", "Drottninggatan",
        "Helsingborg", "Visma", "Office 365", "Integritetsskyddsmyndigheten", "IMY",
    ),
}

# Names that would mislead language detection (they are the same in every language).
PROPER_NOUNS: Tuple[str, ...] = (
    "OK a.m.b.a.", "OK a.m.b.a", "OJCO International AB", "OJCO AB", "Åhave Parkvej", "Viby J",
    "Carl Jacobsens Vej", "Valby", "Drottninggatan", "Helsingborg", "Datatilsynet",
    "Integritetsskyddsmyndigheten", "IMY", "Experian", "Debitorregistret", "COOP Danmark A/S",
    "COOP Danmark", "Coop", "Visma", "Lime", "Office 365", "Google Analytics", "Facebook",
    "LinkedIn", "Twitter", "Instagram", "YouTube", "Snapchat", "Vimeo", "Messenger",
    "TV2-gruppen", "TV2", "Fri Vask", "Min OK", "OK Hjem", "Job Agent", "SKAT", "Energinet",
    "Erhvervsstyrelsen", "Gældsstyrelsen", "Elforsyningsloven", "bogføringsloven",
    "bokföringslagen", "CPR-nr.", "CPR-nr", "CPR", "GDPR", "CVR-nr.", "CVR-nr", "CVR", "org.nr.",
    "org.nr", "org. nr", "OJCO", "OK",
)

# Fewer words than this left after stripping names and numbers (a bare address, "CVR 39170418"):
# the answer is language-neutral and the language check does not apply.
MIN_WORDS_FOR_LANGUAGE = 4

# Small numbers an answer may spell out ("två år", "six months"); matched as whole words.
NUMBER_WORDS: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "da": {"2": ("to",), "3": ("tre",), "5": ("fem",), "6": ("seks",), "12": ("tolv",)},
    "sv": {"2": ("två",), "3": ("tre",), "5": ("fem",), "6": ("sex",), "12": ("tolv",)},
    "en": {"2": ("two",), "3": ("three",), "5": ("five",), "6": ("six",), "12": ("twelve",)},
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:dk|se|com)(?:/\S*)?", re.IGNORECASE)
_OK_WORD = re.compile(r"(?<!\w)OK(?:s|:s)?(?!\w)")  # case-sensitive: "ok" is also a word
_OJCO_WORD = re.compile(r"(?<!\w)OJCO", re.IGNORECASE)
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[ \-](?=\d)")


class EvaluationError(RuntimeError):
    """The evaluation cannot run (bot unreachable, bad questions file); the message says why."""


# --------------------------------------------------------------------------- the questions


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
            for word in NUMBER_WORDS[lang].get(option.strip(), ()):
                if re.search(r"(?<!\w)" + word + r"(?!\w)", text, re.IGNORECASE):
                    return True
        return False

    def describe(self, lang: str) -> str:
        """Short human text: the string, or "one of a | b"."""
        options = self.for_language(lang)
        return repr(options[0]) if len(options) == 1 else "one of " + " | ".join(options)


@dataclass(frozen=True)
class Question:
    """One item of the evaluation set."""

    id: str
    lang: str
    text: str
    metadata_company: Optional[str]
    company: str  # OK | OJCO | both (compare) | none (ask_company)
    topic: str
    expect: str
    must_contain: Tuple[Fact, ...] = ()
    must_not_contain: Tuple[str, ...] = ()

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


def _parse_fact(raw: Any, where: str) -> Fact:
    if isinstance(raw, (str, int, float)):
        return Fact({"*": (str(raw),)})
    if isinstance(raw, Mapping) and set(raw) == {"any_of"}:
        options = raw["any_of"]
        if isinstance(options, list) and options and all(isinstance(o, str) for o in options):
            return Fact({"*": tuple(options)})
        if isinstance(options, Mapping) and set(options) == set(LANGUAGES):
            if all(isinstance(v, list) and v and all(isinstance(o, str) for o in v) for v in options.values()):
                return Fact({lang: tuple(options[lang]) for lang in LANGUAGES})
    raise EvaluationError(
        f"{where}: a fact is a string or {{any_of: [..]}} or {{any_of: {{da: [..], sv: [..], en: [..]}}}}"
    )


def parse_question(raw: Mapping[str, Any]) -> Question:
    """One question from its YAML mapping; raises :class:`EvaluationError` on a malformed item."""
    qid = str(raw.get("id", "?"))
    try:
        meta = raw["metadata_company"]
        question = Question(
            id=qid,
            lang=raw["lang"],
            text=raw["text"],
            metadata_company=None if meta in (None, "none") else meta,
            company=raw["company"],
            topic=raw["topic"],
            expect=raw.get("expect", "answer"),
            must_contain=tuple(_parse_fact(f, qid) for f in raw.get("must_contain") or ()),
            must_not_contain=tuple(str(s) for s in raw.get("must_not_contain") or ()),
        )
    except KeyError as exc:
        raise EvaluationError(f"{qid}: missing field {exc}") from None
    if question.lang not in LANGUAGES:
        raise EvaluationError(f"{qid}: lang must be one of {LANGUAGES}")
    if question.expect not in EXPECTATIONS:
        raise EvaluationError(f"{qid}: expect must be one of {EXPECTATIONS}")
    if question.metadata_company not in (None, *COMPANIES):
        raise EvaluationError(f"{qid}: metadata_company must be OK, OJCO or none")
    wanted = {"compare": ("both",), "ask_company": ("none",)}.get(question.expect, COMPANIES)
    if question.company not in wanted:
        raise EvaluationError(f"{qid}: company for expect={question.expect} must be one of {wanted}")
    return question


def load_questions(path: Path | str = DEFAULT_QUESTIONS) -> List[Question]:
    """Every question of the evaluation set at ``path``."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvaluationError(f"cannot read questions file {path}: {exc.strerror}") from None
    if not isinstance(data, Mapping) or not isinstance(data.get("questions"), list):
        raise EvaluationError(f"{path}: expected a mapping with a `questions` list")
    return [parse_question(item) for item in data["questions"]]


# --------------------------------------------------------------------------- judging


def normalise(text: str) -> str:
    """NFC, plain spaces and apostrophes, and digit groups joined ("70 10 20 33" -> "70102033")."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'").replace("\u2011", "-")
    text = re.sub(r"\s+", " ", text)
    return _DIGIT_SEPARATOR.sub("", text)


def contains_fact(text: str, fact: str) -> bool:
    """Whether ``text`` carries ``fact``.

    Numbers match whole ("180" is not in "1800"; "5" is not in "2025"; :meth:`Fact.found_in`
    also accepts small numbers spelled out in the answer's language), phone numbers and
    org.nr match whatever the spacing; short upper-case tokens ("EU", "CPR", "IP") match
    as words, case-sensitively; anything else matches case-insensitively as a substring,
    so a stem like "anonymi" accepts "anonymised" and "anonymized".
    """
    hay = normalise(text)
    needle = normalise(fact).strip()
    if re.fullmatch(r"[\d.,+()/ ]+", needle):
        digits = sum(ch.isdigit() for ch in needle)
        left = r"(?<![\d.,])" if digits <= 4 else ""
        return re.search(left + re.escape(needle) + r"(?![\d])", hay) is not None
    if len(needle) <= 4 and needle.isupper() and needle.replace("/", "").isalnum():
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", hay) is not None
    return needle.casefold() in hay.casefold()


def strip_for_language(text: str) -> str:
    """The answer's words with names, e-mails, URLs, numbers and punctuation removed."""
    text = _EMAIL.sub(" ", text)
    text = _URL.sub(" ", text)
    for noun in sorted(PROPER_NOUNS, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(noun) + r"(?:'s|s|:s)?(?!\w)", " ", text)
    text = re.sub(r"[\d]+", " ", text)
    text = re.sub(r"[^\w\s'-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.DANISH, Language.SWEDISH, Language.ENGLISH).build()


def language_words(text: str) -> List[str]:
    """The words language detection looks at (names, e-mails, numbers stripped)."""
    return re.findall(r"[^\W\d_][\w'-]*", strip_for_language(text))


def detect_language(text: str) -> Optional[str]:
    """"da", "sv" or "en" for the answer text (names and numbers stripped); None if undecidable."""
    words = language_words(text)
    if not words:
        return None
    language = _detector().detect_language_of(" ".join(words))
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


def names_company(text: str, company: str) -> bool:
    """Whether the answer names ``company`` (e-mail addresses and URLs do not count)."""
    bare = _URL.sub(" ", _EMAIL.sub(" ", text))
    pattern = _OK_WORD if company == "OK" else _OJCO_WORD
    return pattern.search(bare) is not None


def other_company(company: str) -> str:
    """The company that is not ``company``."""
    return "OJCO" if company == "OK" else "OK"


def says_silent(text: str, lang: str) -> bool:
    """Whether the answer says the policy is silent, in ``lang``."""
    hay = normalise(text).casefold()
    return any(marker in hay for marker in SILENT_MARKERS[lang])


def _button_companies(replies: Sequence[Mapping[str, Any]]) -> set:
    found = set()
    for reply in replies:
        for button in reply.get("buttons") or ():
            label = f"{button.get('title', '')} {button.get('payload', '')}"
            if _OJCO_WORD.search(label):
                found.add("OJCO")
            elif _OK_WORD.search(label):
                found.add("OK")
    return found


@dataclass
class Judgement:
    """The verdict on one answer."""

    question: Question
    answer: str
    passed: bool
    reasons: List[str] = field(default_factory=list)
    language: Optional[str] = None


def reply_text(replies: Sequence[Mapping[str, Any]]) -> str:
    """The texts of the bot's replies joined into one answer."""
    return "\n".join(str(r["text"]) for r in replies if r.get("text"))


def judge(question: Question, replies: Sequence[Mapping[str, Any]]) -> Judgement:
    """Judge the bot's replies (the REST webhook's JSON list) to ``question``."""
    answer = reply_text(replies)
    reasons: List[str] = []

    language = detect_language(answer) if answer.strip() else None
    neutral = bool(answer.strip()) and len(language_words(answer)) < MIN_WORDS_FOR_LANGUAGE
    if language != question.lang and not neutral:
        reasons.append(f"language: expected {question.lang}, got {language or 'undetermined'}")

    if question.expect == "ask_company":
        missing = set(COMPANIES) - _button_companies(replies)
        if missing:
            reasons.append(f"ask_company: no button for {', '.join(sorted(missing))}")
        return Judgement(question, answer, not reasons, reasons, language)

    for fact in question.must_contain:
        if not fact.found_in(answer, question.lang):
            reasons.append(f"missing fact {fact.describe(question.lang)}")
    for forbidden in question.must_not_contain:
        if contains_fact(answer, forbidden):
            reasons.append(f"contains forbidden {forbidden!r}")

    if question.expect == "compare":
        for company in COMPANIES:
            if not names_company(answer, company):
                reasons.append(f"compare: does not name {company}")
    else:
        if not names_company(answer, question.company):
            reasons.append(f"company: does not name {question.company}")
        other = other_company(question.company)
        if names_company(answer, other):
            reasons.append(f"company: names the other company {other}")
        leaked = [f for f in COMPANY_FACTS[other] if contains_fact(answer, f)]
        if leaked:
            reasons.append(f"company: carries {other}'s facts {leaked}")

    if question.expect == "silent" and not says_silent(answer, question.lang):
        reasons.append(f"silent: no '{question.lang}' marker that the policy is silent")

    return Judgement(question, answer, not reasons, reasons, language)


# --------------------------------------------------------------------------- the report


@dataclass
class Tally:
    """Passed and total for one group of questions."""

    passed: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """Share of correct answers (0.0 for an empty group)."""
        return self.passed / self.total if self.total else 0.0


@dataclass
class Report:
    """The evaluation's outcome: every judgement and accuracy overall, per language, per company."""

    judgements: List[Judgement]
    seconds: float = 0.0

    def _tallies(self, key) -> Dict[str, Tally]:
        tallies: Dict[str, Tally] = {}
        for j in self.judgements:
            tally = tallies.setdefault(key(j.question), Tally())
            tally.total += 1
            tally.passed += j.passed
        return tallies

    @property
    def language_tallies(self) -> Dict[str, Tally]:
        """Tallies keyed da / sv / en."""
        return self._tallies(lambda q: q.lang)

    @property
    def company_tallies(self) -> Dict[str, Tally]:
        """Tallies keyed OK / OJCO / both (comparisons) / none (asks which company)."""
        return self._tallies(lambda q: q.company)

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
    def failures(self) -> List[Judgement]:
        """The judgements that failed, in question order."""
        return [j for j in self.judgements if not j.passed]

    def as_dict(self) -> Dict[str, Any]:
        """JSON-ready summary with the failures."""

        def tallies(t: Dict[str, Tally]) -> Dict[str, Dict[str, Any]]:
            return {k: {"passed": v.passed, "total": v.total, "accuracy": round(v.accuracy, 4)} for k, v in t.items()}

        return {
            "total": self.total,
            "passed": self.passed,
            "accuracy": round(self.accuracy, 4),
            "seconds": round(self.seconds, 1),
            "by_language": tallies(self.language_tallies),
            "by_company": tallies(self.company_tallies),
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
        """Accuracy overall, per language and per company as a plain-text table."""
        order_lang = [k for k in LANGUAGES if k in self.language_tallies]
        order_comp = [k for k in ("OK", "OJCO", "both", "none") if k in self.company_tallies]
        rows = [("all", Tally(self.passed, self.total))]
        rows += [(f"lang {k}", self.language_tallies[k]) for k in order_lang]
        rows += [(f"company {k}", self.company_tallies[k]) for k in order_comp]
        lines = [f"{'group':<14}{'passed':>8}{'total':>7}{'accuracy':>10}"]
        for name, tally in rows:
            lines.append(f"{name:<14}{tally.passed:>8}{tally.total:>7}{tally.accuracy:>9.1%}")
        return "\n".join(lines)

    def format_failures(self) -> str:
        """One block per failed question: id, question, expected, reasons, got."""
        blocks = []
        for j in self.failures:
            got = j.answer.replace("\n", " / ") or "(no text)"
            blocks.append(
                f"FAIL {j.question.id}\n"
                f"  question: {j.question.text}\n"
                f"  expected: {j.question.describe()}\n"
                f"  why:      {'; '.join(j.reasons)}\n"
                f"  got:      {got}"
            )
        return "\n".join(blocks)


# --------------------------------------------------------------------------- asking the bot


async def _ask(session: Any, url: str, question: Question, timeout: float) -> List[Dict[str, Any]]:
    import aiohttp

    body = {"sender": f"eval-{uuid.uuid4().hex}", "message": question.text, "metadata": question.metadata()}
    async with session.post(url, json=body, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
        if resp.status != 200:
            return [{"text": "", "_error": f"HTTP {resp.status}"}]
        data = await resp.json(content_type=None)
    if not isinstance(data, list):
        return [{"text": "", "_error": "reply is not a JSON list"}]
    return data


async def run_evaluation_async(
    url: str,
    questions_path: Path | str = DEFAULT_QUESTIONS,
    *,
    concurrency: int = MAX_CONCURRENCY,
    timeout: float = 60.0,
) -> Report:
    """Ask the bot at ``url`` every question (at most 4 at a time) and judge the answers.

    Use this form when the caller already runs an event loop that also serves the bot.
    Raises :class:`EvaluationError` when the bot cannot be reached.
    """
    import aiohttp

    questions = load_questions(questions_path)
    webhook = url.rstrip("/") + "/webhooks/rest/webhook"
    limit = asyncio.Semaphore(max(1, min(concurrency, MAX_CONCURRENCY)))
    started = time.monotonic()

    async def one(session: aiohttp.ClientSession, question: Question) -> Judgement:
        async with limit:
            try:
                replies = await _ask(session, webhook, question, timeout)
            except aiohttp.ClientConnectorError as exc:
                raise EvaluationError(
                    f"cannot reach the bot at {url} ({exc.os_error.strerror if exc.os_error else exc}); "
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

    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.ensure_future(one(session, q)) for q in questions]
        try:
            judgements = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
    failed = [j for j in judgements if j.reasons and j.reasons[0].startswith("request failed")]
    if judgements and len(failed) == len(judgements):
        # Nothing was answered: a wrong URL or a server without the REST channel, not a bad bot.
        raise EvaluationError(
            f"every request to {webhook} failed ({failed[0].reasons[0].removeprefix('request failed: ')}); "
            "is this the bot's REST channel?"
        )
    report = Report(list(judgements), seconds=time.monotonic() - started)
    logger.info(
        "evaluation done: %d questions, %d passed, %.1f s", report.total, report.passed, report.seconds
    )
    return report


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

    def call() -> Report:
        return asyncio.run(
            run_evaluation_async(url, questions_path, concurrency=concurrency, timeout=timeout)
        )

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()
