"""Long messages: a customer tells a story before the question.

What a customer notices: a country, a city or a company named in passing in the story does not
switch the answer to the other company; the question's own company still counts; a story naming the
only company in play spares the "which company?" question.
"""
from __future__ import annotations

from action_trackers import make_tracker, run_action
from actions.answer_policy import ActionAnswerPolicy
from actions.focus import question_text

ANSWER = ActionAnswerPolicy()

STORY_SWEDEN = (
    "Hi. I moved from Sweden to Copenhagen last year and signed up for heating oil with you. "
    "A friend in Stockholm told me you look people up before you deliver anything. "
    "Why do you run a credit check on new customers?"
)
STORY_OJCO = (
    "Hej. Jeg har tidligere købt kurser hos OJCO og fået deres nyhedsbreve i et par år, men nu er "
    "jeg flyttet og har fået fyr på olie. Jeg vil gerne forstå, hvordan det hænger sammen. "
    "Hvorfor laver OK en kreditvurdering af mig?"
)


def test_a_country_in_the_story_does_not_switch_the_page_company() -> None:
    tracker = make_tracker(STORY_SWEDEN, "ask_credit_check", metadata={"company": "OK"})
    out = run_action(ANSWER, tracker)
    assert out.text.startswith("OK") and out.slot("company") == "OK"
    assert "ojco" not in out.text.lower()


def test_the_question_names_the_company_even_when_the_story_names_the_other() -> None:
    tracker = make_tracker(STORY_OJCO, "ask_credit_check", metadata={"company": "OJCO"})
    out = run_action(ANSWER, tracker)
    assert out.text.startswith("OK") and out.slot("company") == "OK"


def test_a_company_named_only_in_the_story_counts_when_nothing_else_names_one() -> None:
    story = STORY_OJCO.replace("Hvorfor laver OK en kreditvurdering af mig?", "Hvordan afmelder jeg nyhedsbrevet igen?")
    out = run_action(ANSWER, make_tracker(story, "ask_newsletter"))
    assert out.slot("company") == "OJCO" and not out.buttons


def test_a_short_message_is_read_whole() -> None:
    text = "Jeg er kunde. Hvor længe gemmer I mine data?"
    assert question_text(text) == text


def test_a_long_message_is_read_by_its_question() -> None:
    assert question_text(STORY_SWEDEN) == "Why do you run a credit check on new customers?"


def test_a_short_question_keeps_the_sentence_before_it() -> None:
    text = (
        "Vi er et lille firma, som har købt kurser hos jer i nogle år og også lejer lidt datakraft. "
        "Vores bogholder vil vide, hvilke oplysninger I har om os som kontaktpersoner. Hvad gemmer I?"
    )
    assert question_text(text).startswith("Vores bogholder") and question_text(text).endswith("Hvad gemmer I?")


def _ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


SUMMER_HOUSE = (
    "Hej. Vi har et sommerhus, som vi varmer op med fyringsolie fra jer, og vi køber olie et par gange om "
    "året. Da vi skrev under, skulle vi oplyse vores CPR-nummer. Hvor længe gemmer I CPR-nummeret, "
    "når vi holder op med at købe olie hos jer?"
)


def test_a_long_message_put_out_of_scope_gets_its_likeliest_topic() -> None:
    ranking = _ranking(("out_of_scope", 0.34), ("ask_retention_cpr", 0.22), ("ask_retention_general", 0.1))
    tracker = make_tracker(SUMMER_HOUSE, "out_of_scope", metadata={"company": "OK"}, ranking=ranking)
    out = run_action(ANSWER, tracker)
    assert out.slot("last_topic") == "retention_cpr" and "2 år" in out.text


def test_a_short_message_out_of_scope_stays_out_of_scope() -> None:
    ranking = _ranking(("out_of_scope", 0.34), ("ask_retention_cpr", 0.22))
    tracker = make_tracker("kan du anbefale en god film i aften?", "out_of_scope", metadata={"company": "OK"}, ranking=ranking)
    out = run_action(ANSWER, tracker)
    assert not out.sets("last_topic")
