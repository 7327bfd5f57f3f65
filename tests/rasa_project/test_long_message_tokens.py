"""A long message is featurised by its question: the story before it gives no tokens."""
from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.understanding.components import PlaceholderWhitespaceTokenizer

STORY = (
    "Hej. Jeg bor i Sverige og har købt kurser hos OJCO i nogle år, men nu har jeg også fået el "
    "hos jer på mit sommerhus. Det undrer mig lidt, for jeg har aldrig skyldt nogen penge. "
    "Hvorfor laver I en kreditvurdering af nye kunder, før I leverer?"
)


def tokens(text: str):
    tokenizer = PlaceholderWhitespaceTokenizer(PlaceholderWhitespaceTokenizer.get_default_config())
    return [t.text for t in tokenizer.tokenize(Message({TEXT: text}), TEXT)]


def test_the_story_before_a_long_question_gives_no_tokens() -> None:
    assert tokens(STORY) == ["Hvorfor", "laver", "I", "en", "kreditvurdering", "af", "nye", "kunder", "før", "I", "leverer"]


def test_a_short_message_keeps_every_word() -> None:
    assert tokens("Jeg er kunde hos OJCO. Hvor længe gemmer I mine data?") == [
        "Jeg", "er", "kunde", "hos", "OJCO", "Hvor", "længe", "gemmer", "I", "mine", "data",
    ]
