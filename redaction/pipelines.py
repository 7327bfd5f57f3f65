"""Blank spaCy pipelines for da/sv/en (and "xx" for unknown language), built offline.

Presidio needs a spaCy pipeline per language for tokens and lemmas. We need no
statistical model (our recognizers are patterns), so each pipeline is
``spacy.blank(lang)`` plus a lookup lemmatizer whose table ships in the
spacy-lookups-data package. It is saved under ``var/spacy/<lang>`` on first use
and from then on loaded by path, so nothing is ever downloaded.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Dict, Iterable, Optional

import spacy
from presidio_analyzer.nlp_engine import NlpEngineProvider

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "spacy"
# "xx" is spaCy's multi-language tokenizer: used when the language is unknown.
LANGUAGES = ("da", "sv", "en", "xx")
_LEMMA_TABLES = {"da", "sv", "en"}  # spacy-lookups-data has lemma_lookup for these
_MARKER = "privacybot-pipeline.txt"
_LOCK = threading.Lock()


def _wanted_marker() -> str:
    return f"spacy={spacy.__version__}\n"


def _build(lang: str, target: Path) -> None:
    nlp = spacy.blank(lang)
    if lang in _LEMMA_TABLES:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma table from spacy-lookups-data (a local package)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Build next to the target and rename, so concurrent workers never load half a pipeline.
    tmp = Path(tempfile.mkdtemp(prefix=f".{lang}-", dir=target.parent))
    try:
        nlp.to_disk(tmp)
        (tmp / _MARKER).write_text(_wanted_marker())
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:
            # Another process won the race and the target is already in place.
            if not (target / _MARKER).exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def ensure_pipeline(lang: str, base_dir: Optional[Path] = None) -> Path:
    """Return the directory of the blank pipeline for ``lang``, creating it if needed."""
    base_dir = DEFAULT_DIR if base_dir is None else base_dir
    if lang not in LANGUAGES:
        raise ValueError(f"no pipeline for language {lang!r}; known: {', '.join(LANGUAGES)}")
    target = Path(base_dir) / lang
    marker = target / _MARKER
    with _LOCK:
        if not marker.exists() or marker.read_text() != _wanted_marker():
            _build(lang, target)
    return target


def nlp_configuration(languages: Iterable[str] = LANGUAGES, base_dir: Optional[Path] = None) -> Dict:
    """Presidio NlpEngineProvider configuration loading the blank pipelines by path."""
    return {
        "nlp_engine_name": "spacy",
        "models": [
            {"lang_code": lang, "model_name": str(ensure_pipeline(lang, base_dir))}
            for lang in languages
        ],
        # Blank pipelines have no NER; the mapping is still required by Presidio.
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": {"PER": "PERSON", "PERSON": "PERSON"},
            "low_confidence_score_multiplier": 0.4,
            "low_score_entity_names": [],
            "labels_to_ignore": [],
        },
    }


def create_nlp_engine(languages: Iterable[str] = LANGUAGES, base_dir: Optional[Path] = None):
    """A loaded Presidio SpacyNlpEngine over the blank pipelines."""
    engine = NlpEngineProvider(nlp_configuration=nlp_configuration(languages, base_dir)).create_engine()
    if not engine.is_loaded():
        engine.load()
    return engine
