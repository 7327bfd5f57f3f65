"""The custom NLU pieces in bot/understanding/: placeholder-free tokens, the retrieval signal, the generated data."""
from __future__ import annotations

from pathlib import Path

import yaml
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.understanding import generate
from bot.understanding.components import PlaceholderWhitespaceTokenizer
from bot.understanding.retrieval import RetrievalIndex, to_distribution
from bot.understanding.text import fold, normalise, strip_placeholders

DOCS = [
    ("hvor længe gemmer I chatten", "ask_retention_chat"),
    ("how long do you keep chat messages", "ask_retention_chat"),
    ("hvor længe gemmer I optagelser af telefonsamtaler", "ask_retention_phone"),
    ("kan I slette mine oplysninger", "ask_right_erasure"),
    ("hur länge sparar ni mina uppgifter", "ask_retention_general"),
    ("hej", "greet"),
    ("hej hej", "goodbye"),
    ("hej då", "goodbye"),
]
LEMMAS = {"gemmer": "gemme", "gemt": "gemme", "oplysningerne": "oplysning", "oplysninger": "oplysning"}


def tokens(text: str):
    tokenizer = PlaceholderWhitespaceTokenizer(PlaceholderWhitespaceTokenizer.get_default_config())
    return [t.text for t in tokenizer.tokenize(Message({TEXT: text}), TEXT)]


def test_placeholders_never_become_tokens() -> None:
    assert tokens("mit cpr er <DK_CPR> kan I slette mine data") == ["mit", "cpr", "er", "kan", "I", "slette", "mine", "data"]
    assert tokens("jeg hedder <PERSON>, min mail er <EMAIL_ADDRESS>") == ["jeg", "hedder", "min", "mail", "er"]
    assert tokens("<DK_CPR>")  # a placeholder alone still gives the featurisers a token


def test_normalisation_folds_letters_and_their_ascii_spellings_together() -> None:
    assert fold("længe") == fold("laenge") == fold("lange")
    assert fold("hur länge") == "hur lange"
    assert strip_placeholders("a <HEALTH> b").split() == ["a", "b"]
    assert normalise("Gemmer I oplysningerne?", LEMMAS) == normalise("gemt i oplysninger", LEMMAS)


def test_retrieval_finds_the_topic_through_typos_and_missing_letters() -> None:
    index = RetrievalIndex([d[0] for d in DOCS], [d[1] for d in DOCS], LEMMAS)
    assert index.intent_scores("hvor laenge gemer i chaten?")[0][0] == "ask_retention_chat"
    assert index.intent_scores("kan i slete mine oplysningerne <DK_CPR>")[0][0] == "ask_right_erasure"
    assert index.intent_scores("how long are chat mesages kept")[0][0] == "ask_retention_chat"
    assert index.intent_scores("xyzzy plugh") == []


def test_a_message_that_is_word_for_word_an_example_is_that_examples_intent() -> None:
    index = RetrievalIndex([d[0] for d in DOCS], [d[1] for d in DOCS], LEMMAS)
    # BM25 alone puts "hej" under goodbye, whose examples repeat the word.
    assert index.exact_intents("Hej!") == ["greet"]
    assert index.exact_intents("hej, hvor længe gemmer I chatten") == []


def test_the_retrieval_distribution_sums_to_one_and_keeps_the_order() -> None:
    dist = to_distribution([("a", 6.0), ("b", 3.0), ("c", 1.0)], temperature=1.5)
    assert abs(sum(dist.values()) - 1) < 1e-9
    assert dist["a"] > dist["b"] > dist["c"]


def test_the_committed_generated_data_is_up_to_date(tmp_path: Path) -> None:
    out = tmp_path / "generated.yml"
    generate.write(generate.generate(generate.domain_intents()), out)
    assert out.read_text(encoding="utf-8") == generate.OUT.read_text(encoding="utf-8"), (
        "data/nlu/generated.yml is stale: run `python -m bot.understanding.generate`"
    )


def test_generated_data_never_holds_an_evaluation_text() -> None:
    evaluation = generate.evaluation_texts()
    data = yaml.safe_load(generate.OUT.read_text(encoding="utf-8"))
    generated = {
        generate.plain(line.strip()[2:])
        for item in data["nlu"]
        for line in item["examples"].splitlines()
        if line.strip()
    }
    assert evaluation and not generated & evaluation
