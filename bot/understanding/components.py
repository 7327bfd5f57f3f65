"""The two custom NLU components named in config.yml.

- :class:`PlaceholderWhitespaceTokenizer`: Rasa's whitespace tokenizer minus redaction placeholders
  ("mit cpr er <DK_CPR> kan I slette ..." is featurised as "mit cpr er kan I slette ..."), and, in a
  long message, minus the story told before the question (:mod:`actions.focus`).
- :class:`RetrievalIntentClassifier`: runs after DIET; mixes DIET's intent ranking with a BM25
  ranking over the training examples and the knowledge base (:mod:`bot.understanding.retrieval`).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.catalogue import COMPANIES
from actions.focus import question_spans, question_text
from bot.understanding.retrieval import RetrievalIndex, to_distribution
from bot.understanding.synonyms import expansions
from bot.understanding.text import PLACEHOLDER, reduced_lemma_table, words

logger = logging.getLogger(__name__)

DOCS_FILE = "retrieval.json"
# Parse-data key with both signals' top intents, for measuring (bench/bench_understanding.py).
SIGNALS_KEY = "understanding"
RANKING_LENGTH = 10


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class PlaceholderWhitespaceTokenizer(WhitespaceTokenizer):
    """Whitespace tokens without the redaction placeholders (``<DK_CPR>``, ``<PERSON>`` ...).

    In a long message only the asking sentences are kept: a country, a city or a company named in
    the story before the question must not decide the intent or the company entity.
    """

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Rasa's whitespace tokens, minus placeholders and a long message's story."""
        tokens = super().tokenize(message, attribute)
        text = message.get(attribute) or ""
        spans = [m.span() for m in PLACEHOLDER.finditer(text)]
        questions = question_spans(text) if attribute == TEXT else []
        kept = [
            t for t in tokens
            if not any(s <= t.start and t.end <= e for s, e in spans)
            and (not questions or any(s <= t.start and t.end <= e for s, e in questions))
        ]
        # A message of placeholders only: keep one token so featurisers have something.
        return kept or tokens[:1]


def knowledge_base_documents(path: Path) -> List[Tuple[str, str]]:
    """(text, intent) for every topic's titles and answer texts in the knowledge base."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs: List[Tuple[str, str]] = []
    for topic_id, topic in (data.get("topics") or {}).items():
        intent = topic.get("intent") or f"ask_{topic_id}"
        docs += [(str(t), intent) for t in (topic.get("title") or {}).values()]
        for company in COMPANIES:
            answer = topic.get(company) or {}
            for part in (answer.get("text"), (answer.get("related") or {}).get("text")):
                if isinstance(part, dict):
                    docs += [(str(t), intent) for t in part.values()]
    return docs


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RetrievalIntentClassifier(GraphComponent, IntentClassifier):
    """Combines DIET's ranking with BM25 retrieval: ``weight * DIET + (1 - weight) * retrieval``."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Defaults; config.yml says why the project's values were chosen."""
        return {
            "weight": 0.5,  # share of DIET in the combined score
            "temperature": 1.5,  # BM25 score units per e-fold of the retrieval distribution
            "knowledge_base": "data/knowledge_base.yml",
            "answer_texts": True,  # index the knowledge base's answer texts, not only titles
            "question_share": 0.6,  # long messages: share of the question sentences in retrieval
        }

    def __init__(
        self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
        docs: Optional[List[Tuple[str, str]]] = None, lemmas: Optional[Dict[str, str]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._index: Optional[RetrievalIndex] = None
        if docs:
            self._index = _index(docs, lemmas or {})

    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RetrievalIntentClassifier":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    def _documents(self, training_data: TrainingData) -> List[Tuple[str, str]]:
        docs = [
            (str(m.get(TEXT)), str(m.get(INTENT)))
            for m in training_data.intent_examples
            if m.get(TEXT) and m.get(INTENT)
        ]
        kb_path = Path(self._config["knowledge_base"])
        if kb_path.exists():
            kb_docs = knowledge_base_documents(kb_path)
            if not self._config["answer_texts"]:
                titles = {t for t, _ in docs}
                kb_docs = [d for d in kb_docs if len(d[0].split()) <= 6 or d[0] in titles]
            known = {intent for _, intent in docs}
            docs += [d for d in kb_docs if d[1] in known]
        else:
            logger.warning("retrieval: no knowledge base at %s; indexing training examples only", kb_path)
        return docs

    def train(self, training_data: TrainingData) -> Resource:
        """Collect the documents and the lemma entries they need; persist both."""
        docs = self._documents(training_data)
        vocabulary = {w for text, _ in docs for w in words(text)}
        lemmas = reduced_lemma_table(vocabulary)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / DOCS_FILE).write_text(
                json.dumps({"docs": docs, "lemmas": lemmas}, ensure_ascii=False), encoding="utf-8"
            )
        self._index = _index(docs, lemmas)
        return self._resource

    @classmethod
    def load(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext, **kwargs: Any,
    ) -> "RetrievalIntentClassifier":
        """The trained component, its index rebuilt from the persisted documents."""
        try:
            with model_storage.read_from(resource) as directory:
                data = json.loads((directory / DOCS_FILE).read_text(encoding="utf-8"))
        except (ValueError, OSError):
            logger.warning("retrieval: no trained index found; passing DIET's ranking through")
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, [tuple(d) for d in data["docs"]], data["lemmas"])

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to the training data."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Replace each message's intent and ranking by the combined one."""
        for message in messages:
            self._combine(message)
        return messages

    def _retrieval(self, text: str) -> Tuple[Dict[str, float], List[Tuple[str, float]]]:
        assert self._index is not None
        return _retrieval_of(self._index, text, float(self._config["temperature"]))

    def _combine(self, message: Message) -> None:
        if self._index is None or not message.get(TEXT):
            return
        diet = {
            r[INTENT_NAME_KEY]: float(r[PREDICTED_CONFIDENCE_KEY]) for r in message.get(INTENT_RANKING_KEY) or []
        }
        text = str(message.get(TEXT))
        retrieval, scores = self._retrieval(question_text(text))
        if question_spans(text):
            # A long message: its question leads, the whole text is the second signal ("Why do you
            # need it?" names its record, the CPR number, only in the story).
            whole, _ = self._retrieval(text)
            share = float(self._config["question_share"])
            retrieval = {
                name: share * retrieval.get(name, 0.0) + (1 - share) * whole.get(name, 0.0)
                for name in set(retrieval) | set(whole)
            }
        message.set(
            SIGNALS_KEY,
            {"diet": _top(diet), "retrieval": _top(retrieval), "bm25": _top(dict(scores), 8)},
            add_to_output=True,
        )
        weight = float(self._config["weight"])
        # No word of the message is known to the index (keyboard mash, another language): DIET's
        # ranking alone, scaled down as if retrieval had given it nothing.
        combined = {
            name: weight * diet.get(name, 0.0) + (1 - weight) * retrieval.get(name, 0.0)
            for name in set(diet) | set(retrieval)
        }
        ranking = sorted(combined.items(), key=lambda kv: -kv[1])[:RANKING_LENGTH]
        best_name, best_conf = ranking[0]
        message.set(INTENT, {INTENT_NAME_KEY: best_name, PREDICTED_CONFIDENCE_KEY: best_conf}, add_to_output=True)
        message.set(
            INTENT_RANKING_KEY,
            [{INTENT_NAME_KEY: n, PREDICTED_CONFIDENCE_KEY: c} for n, c in ranking],
            add_to_output=True,
        )


def _index(docs: List[Tuple[str, str]], lemmas: Dict[str, str]) -> RetrievalIndex:
    """The BM25 index over ``docs``, searching customers' everyday words with the policy's too."""
    return RetrievalIndex([d[0] for d in docs], [d[1] for d in docs], lemmas, expansions(lemmas))


def _retrieval_of(index: RetrievalIndex, text: str, temperature: float) -> Tuple[Dict[str, float], List[Tuple[str, float]]]:
    """(retrieval distribution, raw BM25 scores) of ``text``."""
    scores = index.intent_scores(text)
    exact = index.exact_intents(text)
    if exact:
        return {name: 1.0 / len(exact) for name in exact}, scores
    return to_distribution(scores, temperature), scores


def _top(scores: Dict[str, float], n: int = 5) -> List[List[Any]]:
    return [[name, round(conf, 4)] for name, conf in sorted(scores.items(), key=lambda kv: -kv[1])[:n]]
