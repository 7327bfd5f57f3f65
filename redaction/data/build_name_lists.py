"""Derive the compact name lists in redaction/data/names/ from `names-dataset` (PyPI), once.

names-dataset holds first names and surnames by country (from a large public dataset)
but takes gigabytes of memory when loaded, so it is not a runtime dependency: this
script is run by hand and its output, plain text files, is committed as data.

    pip install --target /tmp/namesds names-dataset
    PYTHONPATH=/tmp/namesds .venv/bin/python redaction/data/build_name_lists.py

Writes derived_first_names.txt and derived_surnames.txt (top names of Denmark, Sweden,
the UK, Ireland, the US and Australia). Names shorter than three letters or that are
common da/sv/en words (a word list kept in this folder) are left out: the recognizer
uses these lists only with evidence (a cue word or a listed surname after the first name).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "names"
COUNTRIES = {"DK": (600, 500), "SE": (600, 500), "GB": (400, 300), "IE": (150, 100), "US": (400, 300), "AU": (150, 100)}


def _words() -> set:
    path = HERE / "common_words.txt"
    return {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _keep(name: str, words: set) -> bool:
    return len(name) >= 3 and name.isalpha() is not False and name.lower() not in words and name[0].isupper()


def main() -> int:
    from names_dataset import NameDataset

    data = NameDataset()
    words = _words()
    first, last = set(), set()
    for country, (n_first, n_last) in COUNTRIES.items():
        top = data.get_top_names(n=n_first, use_first_names=True, country_alpha2=country)
        for names in top.get(country, {}).values():
            first.update(n for n in names if _keep(n, words))
        top_last = data.get_top_names(n=n_last, use_first_names=False, country_alpha2=country)
        last.update(n for n in top_last.get(country, []) if _keep(n, words))
    header = "# Derived by redaction/data/build_name_lists.py from names-dataset {}; do not edit by hand.\n"
    version = getattr(sys.modules.get("names_dataset"), "__version__", "3.x")
    (HERE / "derived_first_names.txt").write_text(header.format(version) + "\n".join(sorted(first)) + "\n", encoding="utf-8")
    (HERE / "derived_surnames.txt").write_text(header.format(version) + "\n".join(sorted(last)) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(last)} surnames -> {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
