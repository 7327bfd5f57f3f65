"""Redaction accuracy side by side: our redactor vs stock Presidio, on the held-out and the labelled set.

    .venv/bin/python bench/redaction_accuracy.py [--set heldout|labelled|both]

"Removed" is what the product promises: a labelled span counts as removed when any finding
overlaps it, whatever type the finding names (a CPR number removed as a phone number is still
not stored). "Typed" recall also needs the right type (it decides the label the customer is
shown). Precision counts findings that overlap no labelled span as false alarms. Stock Presidio
runs its default recognizers over the same offline blank spaCy pipelines, once with each
message's language and once with "en" for all (most of its recognizers exist for English only).

The held-out set (data/redaction/heldout.jsonl) was written independently of the recognizers and
is never tuned on; the labelled set is the one the recognizers were developed against, so its
figures are not results. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redaction import redact  # noqa: E402
from redaction.evaluate import DEFAULT_SET, load  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data" / "redaction"
SETS = {"heldout": DATA / "heldout.jsonl", "labelled": DEFAULT_SET}
Span = Tuple[str, int, int]  # (type, start, end)


def stock_engine():
    """Presidio's AnalyzerEngine with its default recognizers over our blank pipelines."""
    from presidio_analyzer import AnalyzerEngine

    from redaction.offline import offline_tld_extractor
    from redaction.pipelines import create_nlp_engine

    offline_tld_extractor()
    return AnalyzerEngine(nlp_engine=create_nlp_engine(("da", "sv", "en")), supported_languages=["da", "sv", "en"])


def score(rows: Sequence[Dict], find: Callable[[Dict], List[Span]]) -> Dict[str, object]:
    """Removed/typed recall per type and overall, precision, and messages left with personal data."""
    removed: Dict[str, List[int]] = defaultdict(lambda: [0, 0])  # type -> [removed, labelled]
    typed = [0, 0]
    false_alarms = findings = leaky_messages = 0
    for row in rows:
        found = find(row)
        findings += len(found)
        gold = row["entities"]
        false_alarms += sum(
            1 for _, s, e in found if not any(s < g["end"] and g["start"] < e for g in gold)
        )
        leaked = False
        for g in gold:
            hit = [t for t, s, e in found if s < g["end"] and g["start"] < e]
            removed[g["type"]][1] += 1
            removed[g["type"]][0] += bool(hit)
            typed[1] += 1
            typed[0] += g["type"] in hit
            leaked |= not hit
        leaky_messages += leaked
    total_removed = sum(v[0] for v in removed.values())
    total = sum(v[1] for v in removed.values())
    return {
        "per_type": {k: v for k, v in sorted(removed.items())},
        "removed": total_removed / total if total else 1.0,
        "typed": typed[0] / typed[1] if typed[1] else 1.0,
        "precision": (findings - false_alarms) / findings if findings else 1.0,
        "false_alarms": false_alarms,
        "leaky_messages": leaky_messages,
        "messages": len(rows),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["heldout", "labelled", "both"], default="both")
    args = parser.parse_args(argv)
    stock = stock_engine()
    engines: Dict[str, Callable[[Dict], List[Span]]] = {
        "ours": lambda r: [(f.type, f.start, f.end) for f in redact(r["text"], r["lang"]).findings],
        "stock (lang)": lambda r: [(x.entity_type, x.start, x.end) for x in stock.analyze(r["text"], language=r["lang"])],
        "stock (en)": lambda r: [(x.entity_type, x.start, x.end) for x in stock.analyze(r["text"], language="en")],
    }
    names = ["heldout", "labelled"] if args.set == "both" else [args.set]
    for name in names:
        rows = load(SETS[name])
        results = {engine: score(rows, find) for engine, find in engines.items()}
        note = "held out, never tuned on" if name == "heldout" else "the set the recognizers were tuned on: not a result"
        spans = sum(len(r["entities"]) for r in rows)
        print(f"\n== {name} set: {len(rows)} messages, {spans} labelled spans ({note})")
        print(f"{'':26}" + "".join(f"{e:>14}" for e in engines))
        for label, key, fmt in (
            ("removed (any type)", "removed", "{:.1%}"),
            ("recall with right type", "typed", "{:.1%}"),
            ("precision", "precision", "{:.1%}"),
            ("false alarms", "false_alarms", "{}"),
            ("messages left with PII", "leaky_messages", "{}"),
        ):
            print(f"{label:26}" + "".join(f"{fmt.format(results[e][key]):>14}" for e in engines))
        best_stock = max(results["stock (lang)"]["removed"], results["stock (en)"]["removed"])
        if best_stock:
            print(f"ratio removed ours / best stock: {results['ours']['removed'] / best_stock:.2f}")
        print("removed per type (ours | stock lang | stock en):")
        for kind, (hit, n) in results["ours"]["per_type"].items():
            s1 = results["stock (lang)"]["per_type"].get(kind, [0, n])[0]
            s2 = results["stock (en)"]["per_type"].get(kind, [0, n])[0]
            print(f"  {kind:24} {hit:>3}/{n:<3} | {s1:>3} | {s2:>3}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
