"""Precision and recall per entity type on the labelled set.

    .venv/bin/python -m redaction.evaluate            # table + targets
    .venv/bin/python -m redaction.evaluate --errors   # also list misses and false alarms
    .venv/bin/python -m redaction.evaluate --unknown-language --check

A prediction counts when it overlaps a labelled span of the same type (span
edges may differ: "dømt for vold" vs "vold"); exact-edge matches are counted too.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from redaction.recognizers import SPECIAL_CATEGORY_TYPES
from redaction.redactor import redact

DEFAULT_SET = Path(__file__).resolve().parent.parent / "data" / "redaction" / "labelled.jsonl"
# Written independently and never tuned on: reported apart from the labelled set.
DEFAULT_HELDOUT = DEFAULT_SET.with_name("heldout.jsonl")
SPECIAL = "SPECIAL_CATEGORY (all)"
# The targets: (row, metric, minimum).
TARGETS: Tuple[Tuple[str, str, float], ...] = (
    ("DK_CPR", "recall", 1.0),
    ("SE_PERSONNUMMER", "recall", 1.0),
    ("SE_SAMORDNINGSNUMMER", "recall", 1.0),
    ("EMAIL_ADDRESS", "recall", 1.0),
    ("CREDIT_CARD", "recall", 1.0),
    ("IBAN_CODE", "recall", 1.0),
    ("PHONE_NUMBER", "recall", 0.98),
    ("PERSON", "recall", 0.95),
    ("DK_LICENCE_PLATE", "recall", 0.95),
    ("DK_BANK_ACCOUNT", "recall", 0.95),
    (SPECIAL, "recall", 0.95),
    ("ALL", "precision", 0.97),
)


@dataclass
class Counts:
    """True positives, false positives, false negatives and exact-edge hits."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    """Counts per entity type plus the messages behind every error."""

    counts: Dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    errors: List[Tuple[str, str, str, str]] = field(default_factory=list)  # (id, kind, type, value)
    messages: int = 0

    def row(self, name: str) -> Counts:
        if name == "ALL":
            types: Iterable[str] = list(self.counts)
        elif name == SPECIAL:
            types = [t for t in self.counts if t in SPECIAL_CATEGORY_TYPES]
        else:
            return self.counts.get(name, Counts())
        total = Counts()
        for t in types:
            c = self.counts[t]
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
            total.exact += c.exact
        return total


def load(path: Path) -> List[Dict]:
    """The labelled messages (JSON lines)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(rows: Sequence[Dict], redact_fn=None, unknown_language: bool = False) -> Report:
    """Run ``redact_fn(text, lang)`` (default: redaction.redact) over ``rows``."""
    redact_fn = redact_fn or redact
    report = Report()
    for row in rows:
        report.messages += 1
        text = row["text"]
        found = redact_fn(text, None if unknown_language else row["lang"]).findings
        gold = list(row["entities"])
        matched_gold = set()
        for f in found:
            hit = next(
                (i for i, g in enumerate(gold)
                 if i not in matched_gold and g["type"] == f.type and f.start < g["end"] and g["start"] < f.end),
                None,
            )
            if hit is None:
                report.counts[f.type].fp += 1
                report.errors.append((row["id"], "false alarm", f.type, text[f.start : f.end]))
            else:
                matched_gold.add(hit)
                report.counts[f.type].tp += 1
                if (gold[hit]["start"], gold[hit]["end"]) == (f.start, f.end):
                    report.counts[f.type].exact += 1
        for i, g in enumerate(gold):
            if i not in matched_gold:
                report.counts[g["type"]].fn += 1
                report.errors.append((row["id"], "missed", g["type"], text[g["start"] : g["end"]]))
    return report


def clean_text_alarms(path: Path) -> List[Tuple[int, str]]:
    """(line number, entity type) for every finding in a file that holds no personal data,
    with the language unknown (the strictest setting: all three languages' rules)."""
    alarms = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for finding in redact(line, None).findings:
            alarms.append((number, finding.type))
    return alarms


def format_table(report: Report) -> str:
    """The table printed by the command."""
    lines = [f"{'entity type':<24} {'labelled':>8} {'found':>6} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'exact':>6}"]
    names = sorted(report.counts) + [SPECIAL, "ALL"]
    for name in names:
        c = report.row(name)
        if name in (SPECIAL,):
            lines.append("-" * len(lines[0]))
        lines.append(
            f"{name:<24} {c.tp + c.fn:>8} {c.tp + c.fp:>6} {c.tp:>4} {c.fp:>4} {c.fn:>4} "
            f"{c.precision:>9.1%} {c.recall:>7.1%} {c.exact:>6}"
        )
    return "\n".join(lines)


def check_targets(report: Report) -> List[Tuple[str, str, float, float, bool]]:
    """(row, metric, target, value, met) for every target of the issue."""
    out = []
    for name, metric, minimum in TARGETS:
        value = getattr(report.row(name), metric)
        out.append((name, metric, minimum, value, value >= minimum - 1e-9))
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m redaction.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_SET, help="labelled JSON lines file")
    parser.add_argument("--unknown-language", action="store_true", help="redact with lang=None (all three languages)")
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--clean",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also redact every line of FILE, which holds no personal data (e.g. the privacy "
        "policies), and count false alarms",
    )
    parser.add_argument(
        "--heldout",
        type=Path,
        default=DEFAULT_HELDOUT,
        help="held-out JSON lines file, reported apart from the labelled set (skipped when missing)",
    )
    args = parser.parse_args(argv)
    return run(args.data, args.heldout, args.unknown_language, args.errors, args.check, args.clean)


def report_set(title: str, path: Path, unknown_language: bool) -> Tuple[Report, bool]:
    """Print one set's table and targets; returns the report and whether targets were met."""
    rows = load(path)
    report = evaluate(rows, unknown_language=unknown_language)
    negatives = sum(1 for r in rows if not r["entities"])
    mode = "language unknown (all three)" if unknown_language else "language given"
    print(f"== {title}: {path.name}, {report.messages} messages ({negatives} with nothing to remove), {mode}\n")
    print(format_table(report))
    print("\ntargets:")
    ok = True
    for name, metric, minimum, value, met in check_targets(report):
        ok &= met
        print(f"  {'ok  ' if met else 'MISS'} {name} {metric} {value:.1%} (target {minimum:.0%})")
    print()
    return report, ok


def run(data: Path, heldout: Optional[Path], unknown_language: bool = False, errors: bool = False,
        check: bool = False, clean: Sequence[Path] = ()) -> int:
    """The labelled set (tuned on), then the held-out set apart; 1 with ``check`` when a target is missed."""
    report, ok = report_set("labelled set (tuned on: flatters the redactor)", data, unknown_language)
    held = None
    if heldout is not None and heldout.exists() and heldout.resolve() != data.resolve():
        held, held_ok = report_set("held-out set (never tuned on)", heldout, unknown_language)
        ok &= held_ok
    for path in clean:
        alarms = clean_text_alarms(path)
        lines = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        print(f"\n{path.name}: {lines} lines without personal data, {len(alarms)} false alarm(s)"
              + "".join(f"\n  line {n}: {t}" for n, t in alarms))
    if errors:
        for label, rep in (("labelled", report), ("held-out", held)):
            if rep is None:
                continue
            print(f"\nerrors, {label} set (synthetic data):")
            for row_id, kind, entity, value in rep.errors:
                print(f"  {row_id:<8} {kind:<11} {entity:<22} {value!r}")
    return 0 if ok or not check else 1


if __name__ == "__main__":
    sys.exit(main())
