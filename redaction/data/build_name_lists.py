"""Derive the compact name lists in redaction/data/names/ from `names-dataset` (PyPI), once.

names-dataset holds first names and surnames by country (from a large public dataset)
but takes gigabytes of memory when loaded, so it is not a runtime dependency: this
script is run by hand and its output, plain text files, is committed as data.

    pip install --target /tmp/namesds names-dataset
    PYTHONPATH=/tmp/namesds .venv/bin/python redaction/data/build_name_lists.py

Writes derived_first_names.txt and derived_surnames.txt (top names of Denmark, Sweden,
the UK, Ireland, the US and Australia, and of the countries the largest immigrant groups
in Denmark and Sweden come from), and derived_male_first_names.txt /
derived_female_first_names.txt (names the dataset gives one gender only, used to read a
partner's gender from a name), and derived_clear_first_names.txt: derived first names that
are rare as words in da, sv and en (wordfreq Zipf frequency below 3.8 in all three, so
"Mohammed", "Yusuf", "Olga" but not "Mark", "Rose", "Said"), which the recognizer takes
alone, capitalised mid-sentence, without a cue. That step needs only wordfreq:

    pip install --target /tmp/wordfreq wordfreq
    PYTHONPATH=/tmp/wordfreq .venv/bin/python redaction/data/build_name_lists.py --clear-only

Names shorter than three letters or that are
common da/sv/en words (a word list kept in this folder) are left out: the recognizer
uses these lists only with evidence (a cue word or a listed surname after the first name).
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent / "names"
COUNTRIES = {"DK": (600, 500), "SE": (600, 500), "GB": (400, 300), "IE": (150, 100), "US": (400, 300), "AU": (150, 100)}
# Origins of the largest immigrant groups in Denmark and Sweden (Danmarks Statistik, SCB):
# fewer names each, as their spellings in Latin letters vary more.
ORIGINS = {code: (120, 80) for code in ("TR", "PL", "IQ", "IR", "SY", "PK", "AF", "SO", "BA", "LB", "MA", "RO", "DE", "NO", "FI",
                                        "VN", "PH", "TH", "IN", "UA", "ER", "ET", "RS", "HR", "LT", "EG", "DZ", "TN", "CL", "NG", "GH")}


def _words() -> set:
    path = HERE / "common_words.txt"
    return {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def _keep(name: str, words: set) -> bool:
    return (len(name) >= 3 and name.isalpha() and name.lower() not in words and name[0].isupper()
            and all(unicodedata.name(c, "").startswith("LATIN") for c in name))


CLEAR_MAX_ZIPF = 3.8


def write_clear_names() -> int:
    """derived_clear_first_names.txt from derived_first_names.txt and wordfreq."""
    from wordfreq import zipf_frequency  # a maintainer's tool, not a dependency of the product

    words = _words()
    names = [line.strip() for line in (HERE / "derived_first_names.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    clear = sorted(n for n in names if n.lower() not in words and len(n) >= 4
                   and max(zipf_frequency(n.lower(), lang) for lang in ("da", "sv", "en")) < CLEAR_MAX_ZIPF)
    header = "# Derived by redaction/data/build_name_lists.py --clear-only (wordfreq Zipf < {} in da/sv/en); do not edit by hand.\n"
    (HERE / "derived_clear_first_names.txt").write_text(header.format(CLEAR_MAX_ZIPF) + "\n".join(clear) + "\n", encoding="utf-8")
    print(f"{len(clear)} first names rare as words -> {HERE}")
    return 0


def main() -> int:
    if "--clear-only" in sys.argv[1:]:
        return write_clear_names()
    from names_dataset import NameDataset  # as wordfreq above: installed only to rebuild the lists

    data = NameDataset()
    words = _words()
    first, last = set(), set()
    gendered = {"M": set(), "F": set()}
    for country, (n_first, n_last) in {**COUNTRIES, **ORIGINS}.items():
        top = data.get_top_names(n=n_first, use_first_names=True, country_alpha2=country)
        for gender, names in top.get(country, {}).items():
            kept = [n for n in names if _keep(n, words)]
            first.update(kept)
            gendered.setdefault(gender, set()).update(kept)
        top_last = data.get_top_names(n=n_last, use_first_names=False, country_alpha2=country)
        last.update(n for n in top_last.get(country, []) if _keep(n, words))
    header = "# Derived by redaction/data/build_name_lists.py from names-dataset {}; do not edit by hand.\n"
    version = getattr(sys.modules.get("names_dataset"), "__version__", "3.x")
    (HERE / "derived_first_names.txt").write_text(header.format(version) + "\n".join(sorted(first)) + "\n", encoding="utf-8")
    (HERE / "derived_surnames.txt").write_text(header.format(version) + "\n".join(sorted(last)) + "\n", encoding="utf-8")
    only = {"male": gendered["M"] - gendered["F"], "female": gendered["F"] - gendered["M"]}
    for gender, names in only.items():
        (HERE / f"derived_{gender}_first_names.txt").write_text(header.format(version) + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(first)} first names, {len(last)} surnames -> {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
