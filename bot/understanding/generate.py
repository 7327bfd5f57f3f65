"""Write data/nlu/generated.yml: follow-up fragments, redacted-data variants and spelling variants.

    .venv/bin/python -m bot.understanding.generate

Deterministic (seeded), so the committed file only changes when its sources do:
- fragments: each topic's everyday names (bot/understanding/fragments.yml) in the frames customers
  use for a follow-up ("og {x}?", "what about {x}", "hur är det med {x}?"), also without æøåäö;
- redacted: existing examples with a sentence holding a redaction placeholder before or after
  ("mit cpr er <DK_CPR>, ..."), so the words around a placeholder do not pull towards the CPR topics;
- spelled: existing examples without æøåäö or with one letter dropped, as customers type them;
- both: one example per topic and language naming both companies (still that topic, not
  choose_company: the actions answer it for both side by side).
Never writes a text of the evaluation sets (data/evaluation/questions.yml, data/evaluation/dev/),
nor one that (folded) is a held-out text, nor one already in the training data, and only for
intents the domain declares.
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Dict, Iterable, List, Set

import yaml

from actions.catalogue import LANGUAGES
from bot.evaluation.separation import fold, heldout_folded

REPO = Path(__file__).resolve().parents[2]
NLU_DIR = REPO / "data" / "nlu"
OUT = NLU_DIR / "generated.yml"
FRAGMENTS = Path(__file__).with_name("fragments.yml")
EVALUATION_SETS = (REPO / "data" / "evaluation" / "questions.yml", REPO / "data" / "evaluation" / "dev" / "conversations.yml")
SEED = 10

FRAMES = {
    "da": ["{x}?", "og {x}?", "hvad med {x}?", "hvad så med {x}", "og hvad med {x}?", "{x} hos jer?"],
    "sv": ["{x}?", "och {x}?", "hur är det med {x}?", "vad gäller {x}?", "och {x} då?", "{x} hos er?"],
    "en": ["{x}?", "and {x}?", "what about {x}?", "how about {x}", "and what about {x}?", "{x} at your company?"],
}
FRAMES_PER_NAME = 2
PII_CLAUSES = {
    "da": ["mit cpr er <DK_CPR>", "jeg hedder <PERSON>", "min mail er <EMAIL_ADDRESS>", "mit nr er <PHONE_NUMBER>",
           "jeg har <HEALTH>", "mit cpr-nummer er <DK_CPR>", "mit kontonummer er <DK_BANK_ACCOUNT>"],
    "sv": ["mitt personnummer är <SE_PERSONNUMMER>", "jag heter <PERSON>", "min mejl är <EMAIL_ADDRESS>",
           "mitt nummer är <PHONE_NUMBER>", "jag har <HEALTH>", "mitt pnr är <SE_PERSONNUMMER>"],
    "en": ["my cpr is <DK_CPR>", "my name is <PERSON>", "my email is <EMAIL_ADDRESS>", "my number is <PHONE_NUMBER>",
           "i have <HEALTH>", "my personal number is <SE_PERSONNUMMER>", "my card is <CREDIT_CARD>"],
}
# A question about both companies is still a question about its topic (DIET read two company
# names as choose_company/compare_companies): one example per topic and language names both.
BOTH_COMPANIES = {
    "da": ["{q} hos [OK](company) og [OJCO](company)?", "både [OK](company) og [OJCO](company): {q}?",
           "{q}, for [OK](company) og for [OJCO](company)"],
    "sv": ["{q} hos [OK](company) och [OJCO](company)?", "både [OK](company) och [OJCO](company): {q}?",
           "{q}, för [OK](company) och för [OJCO](company)"],
    "en": ["{q} for [OK](company) and [OJCO](company)?", "both [OK](company) and [OJCO](company): {q}?",
           "{q}, at [OK](company) and at [OJCO](company)"],
}
REDACTED_PER_INTENT = 2
SPELLED_PER_INTENT = 2
# Short replies the model confused across languages (docs/nlu.md); each only where missing.
EXTRA = {
    "greet": ["hejsa", "hejsan", "god morgen", "god morgon", "godmorgen", "tjena", "hallå", "goddag", "hello there",
              "hej med dig", "hej hej", "hey there", "halløj", "tjenare", "hejsa bot"],
    "thank": ["tak", "tack", "mange tak", "tusen tack", "tusind tak", "tak for hjælpen", "tack för hjälpen",
              "tack så mycket", "thanks a lot", "tak skal du have", "super, tak", "perfekt tack"],
    "goodbye": ["farvel", "hej då", "vi ses", "ha det bra", "bye", "hav en god dag", "ha en bra dag", "see you",
                "hejdå", "farvel og tak"],
    "smalltalk": ["how are you", "how are you doing", "how are you today", "hvordan går det", "hvordan har du det",
                  "hur mår du", "hur är läget", "how's your day", "hvordan går det med dig", "hur mår du idag",
                  "are you doing ok", "går det godt", "mår du bra"],
}
# How customers without æøåäö type them: Danes write ae/oe/aa, Swedes (and English keyboards) a/o.
# A follow-up naming only a company ("and what about OJCO?", "og hos den anden?"): choose_company,
# which action_answer_policy answers for the last topic. Lower-case "ok" is left out: it is "okay".
COMPANY_FOLLOW_UPS = {
    "da": ["[OJCO](company)", "[OK](company)", "den anden virksomhed",
           "det svenske firma", "den danske virksomhed"],
    "sv": ["[OJCO](company)", "[OK](company)", "det andra företaget", "det danska bolaget",
           "det svenska företaget"],
    "en": ["[OJCO](company)", "[OK](company)", "[OJCO AB](company)", "the other company", "the Swedish company",
           "the Danish one"],
}
_FOLD = {
    "da": str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}),
    "sv": str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"}),
    "en": str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o"}),
}
_MARKUP = re.compile(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})")


def plain(text: str) -> str:
    """An example without entity markup, lower case, without trailing punctuation (for de-duplication)."""
    return re.sub(r"\s+", " ", _MARKUP.sub(r"\1", text)).strip().lower().rstrip("?!. ")


def read_examples(path: Path) -> Dict[str, List[str]]:
    """intent -> examples of one NLU file."""
    found: Dict[str, List[str]] = {}
    for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        if "intent" in item:
            lines = [line.strip()[2:] for line in item["examples"].splitlines() if line.strip().startswith("- ")]
            found.setdefault(item["intent"], []).extend(lines)
    return found


STORIES = REPO / "tests" / "stories"


def story_texts() -> Set[str]:
    """The user messages of the test stories: they check generalisation, so never training data."""
    texts: Set[str] = set()
    for path in sorted(STORIES.glob("*.yml")):
        for story in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("stories", []):
            texts.update(plain(str(step["user"])) for step in story.get("steps", []) if "user" in step)
    return texts


def evaluation_texts() -> Set[str]:
    """Every text of the evaluation sets this generator may read (never the held-out ones)."""
    texts: Set[str] = set()
    for path in EVALUATION_SETS:
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("questions", []):
            texts.add(plain(str(item["text"])))
        for conversation in data.get("conversations", []):
            texts.update(plain(str(turn["text"])) for turn in conversation.get("turns", []))
    return texts


def drop_letter(text: str, rng: random.Random) -> str:
    """``text`` with one letter removed from one of its longer words."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    j = rng.randrange(1, len(words[i]) - 1)
    words[i] = words[i][:j] + words[i][j + 1:]
    return " ".join(words)


def generate(domain_intents: Set[str]) -> Dict[str, List[str]]:
    """intent -> new examples."""
    rng = random.Random(SEED)
    existing: Dict[str, Dict[str, List[str]]] = {}
    for lang in LANGUAGES:
        existing[lang] = {}
        # Only the hand-written per-language files: variants change when they change.
        for intent, examples in read_examples(NLU_DIR / f"{lang}.yml").items():
            existing[lang].setdefault(intent, []).extend(examples)
    taken: Set[str] = evaluation_texts() | story_texts()
    for path in NLU_DIR.glob("*.yml"):
        if path.name != OUT.name:
            for examples in read_examples(path).values():
                taken.update(plain(e) for e in examples)
    out: Dict[str, List[str]] = {}

    heldout = heldout_folded()  # never write a held-out text (bot/evaluation/separation.py)

    def add(intent: str, text: str) -> None:
        key = plain(text)
        if intent in domain_intents and key and key not in taken and fold(key) not in heldout:
            taken.add(key)
            out.setdefault(intent, []).append(text)

    fragments = yaml.safe_load(FRAGMENTS.read_text(encoding="utf-8"))
    for topic, names in fragments.items():
        for lang in LANGUAGES:
            for name in names.get(lang, []):
                for frame in rng.sample(FRAMES[lang], FRAMES_PER_NAME):
                    add(f"ask_{topic}", frame.format(x=name))
                if name.translate(_FOLD[lang]) != name:
                    add(f"ask_{topic}", rng.choice(FRAMES[lang]).format(x=name.translate(_FOLD[lang])))
    for lang in LANGUAGES:
        for intent in sorted(existing[lang]):
            if not intent.startswith("ask_"):
                continue
            examples = [e for e in existing[lang][intent] if "[" not in e]
            for example in rng.sample(examples, min(REDACTED_PER_INTENT, len(examples))):
                clause = rng.choice(PII_CLAUSES[lang])
                base = example.rstrip("?!. ")
                add(intent, f"{clause}, {base}?" if rng.random() < 0.5 else f"{base}, {clause}")
            for example in rng.sample(examples, min(1, len(examples))):
                add(intent, rng.choice(BOTH_COMPANIES[lang]).format(q=example.rstrip("?!. ")))
            for example in rng.sample(examples, min(SPELLED_PER_INTENT, len(examples))):
                variant = example.translate(_FOLD[lang])
                add(intent, variant if variant != example else drop_letter(example, rng))
    for intent, texts in EXTRA.items():
        for text in texts:
            add(intent, text)
    for lang in LANGUAGES:
        for frame in FRAMES[lang][1:-1]:
            for company in COMPANY_FOLLOW_UPS[lang]:
                add("choose_company", frame.format(x=company))
    return out


def write(examples: Dict[str, List[str]], path: Path = OUT) -> int:
    """Write the NLU file; returns the number of examples."""
    lines = [
        'version: "3.1"',
        "",
        "# GENERATED by `python -m bot.understanding.generate` from bot/understanding/fragments.yml and",
        "# the hand-written examples: follow-up fragments, redacted-data and spelling variants. Do not edit.",
        "",
        "nlu:",
    ]
    for intent in sorted(examples):
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines += [f"    - {text}" for text in examples[intent]]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return sum(len(v) for v in examples.values())


def domain_intents(path: Path = REPO / "domain.yml") -> Set[str]:
    """The intents domain.yml declares."""
    return set(yaml.safe_load(path.read_text(encoding="utf-8"))["intents"])


def main(argv: Iterable[str] = ()) -> None:
    """Generate and write data/nlu/generated.yml."""
    count = write(generate(domain_intents()))
    print(f"wrote {count} examples to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
