"""The answer-quality evaluation: judging hand-made answers, the questions file, and asking a bot.

The bot here is a small stand-in aiohttp server with canned replies (the end-to-end run
against the real served bot is a separate, model-backed test).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest
from aiohttp import web

from bot.cli import main as cli_main
from bot.evaluation import (
    DEFAULT_QUESTIONS,
    EvaluationError,
    Fact,
    Question,
    contains_fact,
    detect_language,
    judge,
    load_questions,
    run_evaluation,
    run_evaluation_async,
)
from support.stand_in_bot import BotsInThread, answer, StandInBot, free_port, serve

# The topic contract shared by knowledge base, NLU and evaluation set (each topic has intent
# ask_<topic>). Kept here so a typo'd or forgotten topic in the questions file fails.
TOPICS = """
controller contact complaint data_collected purposes legal_basis cpr_number chat phone_recording
cctv plate_recognition newsletter marketing social_media recruitment competitions surveys
ev_charger sponsorship freeze_scheme apps business_customers ip_address sensitive_data
retention_general retention_chat retention_phone retention_cctv retention_plates
retention_applicants retention_master_data retention_cpr retention_bank retention_credit_notes
retention_email retention_test_panel retention_job_agent retention_warranty recipients sell_data
authorities debt_collection cpr_register credit_check coop_bonus third_country consent_withdrawal
security cookies profiling email_policy policy_changes rights_overview right_access right_erasure
right_rectification right_restriction right_portability right_objection
direct_marketing_objection exercise_rights response_deadline
""".split()

# Topics a company's policy says nothing about (the bot must say so).
SILENT = {
    "OK": {"sell_data", "profiling", "email_policy"},
    "OJCO": {
        "complaint", "cpr_number", "chat", "phone_recording", "cctv", "plate_recognition",
        "recruitment", "competitions", "ev_charger", "sponsorship", "freeze_scheme", "apps",
        "retention_chat", "retention_phone", "retention_cctv", "retention_plates",
        "retention_applicants", "retention_cpr", "retention_bank", "retention_credit_notes",
        "retention_test_panel", "retention_job_agent", "retention_warranty", "debt_collection",
        "cpr_register", "credit_check", "coop_bonus", "right_portability", "response_deadline",
    },
}


def question(**overrides: Any) -> Question:
    """A Danish question about OK's chat retention unless overridden."""
    fields: Dict[str, Any] = dict(
        id="t-1",
        lang="da",
        text="hvor længe gemmer i chatten?",
        metadata_company="OK",
        company="OK",
        topic="retention_chat",
        expect="answer",
        must_contain=(Fact({"*": ("180",)}),),
        must_not_contain=(),
    )
    fields.update(overrides)
    return Question(**fields)


def texts(*lines: str) -> List[Dict[str, Any]]:
    return [{"recipient_id": "x", "text": line} for line in lines]


DA_OK_CHAT = "OK gemmer oplysninger fra chatten i højst 180 dage, derefter slettes de. (OK, afsnit 3)"


# --------------------------------------------------------------------------- judging


def test_right_fact_right_company_right_language_passes() -> None:
    verdict = judge(question(), texts(DA_OK_CHAT))
    assert verdict.passed, verdict.reasons
    assert verdict.language == "da"


def test_right_fact_in_the_wrong_language_fails() -> None:
    swedish = "OK sparar uppgifter från chatten i högst 180 dagar, sedan raderas de. (OK, avsnitt 3)"
    verdict = judge(question(), texts(swedish))
    assert not verdict.passed
    assert any(r.startswith("language: expected da, got sv") for r in verdict.reasons)


def test_english_answer_to_english_question_with_danish_names_is_english() -> None:
    answer = (
        "OK a.m.b.a. runs a credit check with Experian and Debitorregistret when you become a "
        "customer, based on its legitimate interest (OK, section 4.1)."
    )
    assert detect_language(answer) == "en"


def test_bare_fact_answer_is_language_neutral_but_a_wrong_language_sentence_is_not() -> None:
    q = question(lang="en", topic="controller", must_contain=(Fact({"*": ("39170418",)}),))
    assert judge(q, texts("OK a.m.b.a., CVR 39170418, Åhave Parkvej 11, 8260 Viby J.")).passed
    danish = judge(q, texts("OK a.m.b.a. er den dataansvarlige virksomhed, og CVR-nummeret er 39170418."))
    assert "language: expected en, got da" in danish.reasons


def test_missing_fact_fails_and_numbers_match_whole() -> None:
    verdict = judge(question(), texts("OK gemmer chatten i 1800 dage. (OK, afsnit 3)"))
    assert not verdict.passed
    assert "missing fact '180'" in verdict.reasons


def test_answer_naming_the_other_company_fails() -> None:
    answer = "OK gemmer chatten i 180 dage, mens OJCO ikke siger noget om det. (OK, afsnit 3)"
    verdict = judge(question(), texts(answer))
    assert not verdict.passed
    assert "company: names the other company OJCO" in verdict.reasons


def test_answer_carrying_the_other_companys_facts_fails() -> None:
    answer = "OK gemmer chatten i 180 dage. Skriv til security@ojco.se hvis du vil have dem slettet."
    verdict = judge(question(), texts(answer))
    assert not verdict.passed
    assert any("carries OJCO's facts" in r and "security@ojco.se" in r for r in verdict.reasons)


def test_answer_not_naming_the_company_fails_and_email_does_not_count_as_naming() -> None:
    verdict = judge(question(), texts("Chatbeskeder slettes efter 180 dage. Spørgsmål: ok@ok.dk"))
    assert not verdict.passed
    assert "company: does not name OK" in verdict.reasons


def test_lowercase_ok_is_not_the_company() -> None:
    verdict = judge(question(lang="en"), texts("ok, chat messages are deleted after 180 days."))
    assert "company: does not name OK" in verdict.reasons


def test_any_of_alternatives_are_per_language() -> None:
    consent = Fact({"da": ("samtykke",), "sv": ("samtycke",), "en": ("consent",)})
    q_en = question(lang="en", must_contain=(consent,), topic="phone_recording")
    q_da = question(lang="da", must_contain=(consent,), topic="phone_recording")
    en = "OK only records the call if you give your consent at the start of it (OK, section 2)."
    da_with_english_word = "OK optager kun samtalen med dit consent, som du altid kan trække tilbage (OK, afsnit 2)."
    assert judge(q_en, texts(en)).passed
    verdict = judge(q_da, texts(da_with_english_word))
    assert not verdict.passed
    assert "missing fact 'samtykke'" in verdict.reasons


def test_small_numbers_may_be_spelled_out_in_the_answers_language() -> None:
    two = Fact({"*": ("2",)})
    assert two.found_in("Mejl raderas senast efter två år.", "sv")
    assert two.found_in("Mails slettes senest efter to år.", "da")
    assert two.found_in("E-mails are deleted after two years.", "en")
    assert not two.found_in("E-mails are deleted after a while, see section 3.", "en")
    assert not two.found_in("Mejl raderas senast efter två år.", "en")  # Swedish word, English answer


def test_a_short_number_may_be_one_group_of_a_longer_one_and_four_may_be_spelled_out() -> None:
    assert contains_fact("ring +46 (0)10 179 72 80", "179")
    assert not contains_fact("ring 1790", "179")
    four = Fact({"*": ("4",)})
    assert four.found_in("Der er fire grunde.", "da") and four.found_in("There are four reasons.", "en")


def test_phone_numbers_match_whatever_the_spacing() -> None:
    for written in ("+46 (0)10 179 72 80", "+46 (0) 10-179 72 80", "010-179 72 80", "+46101797280"):
        assert contains_fact(f"Ring till OJCO på {written}.", "10 179 72 80"), written
    assert contains_fact("OK a.m.b.a., CVR-nr. 39170418", "39170418")
    assert contains_fact("org. nr 556520-6199", "556520-6199")
    assert contains_fact("telefon 70102033", "70 10 20 33")


def test_short_uppercase_facts_match_as_words_only() -> None:
    assert contains_fact("Data kan overføres uden for EU/EØS.", "EU")
    assert not contains_fact("We work with partners in Europe.", "EU")
    assert not contains_fact("Det er neutralt.", "EU")
    assert contains_fact("dit CPR-nummer", "CPR")


def test_silent_answer_with_marker_passes() -> None:
    q = question(
        lang="sv", company="OJCO", metadata_company="OJCO", expect="silent", must_contain=(),
        must_not_contain=("180",),
    )
    answer = (
        "OJCO:s integritetspolicy säger inget om hur länge chattsamtal sparas. Allmänt enligt "
        "GDPR (inte OJCO:s löfte): uppgifter får inte sparas längre än nödvändigt."
    )
    verdict = judge(q, texts(answer))
    assert verdict.passed, verdict.reasons


def test_silent_answer_without_marker_or_with_the_other_companys_figure_fails() -> None:
    q = question(
        lang="en", company="OJCO", metadata_company="OJCO", expect="silent", must_contain=(),
        must_not_contain=("180",),
    )
    without_marker = judge(q, texts("OJCO keeps chat conversations for a reasonable time."))
    assert not without_marker.passed
    assert "silent: no 'en' marker that the policy is silent" in without_marker.reasons
    borrowed = judge(q, texts("OJCO's policy does not say; chats are deleted after 180 days."))
    assert not borrowed.passed
    assert "contains forbidden '180'" in borrowed.reasons


def test_ask_company_needs_buttons_for_both_companies() -> None:
    q = question(metadata_company=None, company="none", expect="ask_company", must_contain=())
    text = "Hvilken virksomhed handler dit spørgsmål om?"
    both = [{
        "text": text,
        "buttons": [
            {"title": "OK a.m.b.a.", "payload": '/choose_company{"company":"OK"}'},
            {"title": "OJCO AB", "payload": '/choose_company{"company":"OJCO"}'},
        ],
    }]
    assert judge(q, both).passed
    only_ok = [{"text": text, "buttons": [{"title": "OK", "payload": '/choose_company{"company":"OK"}'}]}]
    verdict = judge(q, only_ok)
    assert not verdict.passed
    assert "ask_company: no button for OJCO" in verdict.reasons
    assert not judge(q, texts(text)).passed


def test_compare_needs_both_companies_and_their_facts() -> None:
    q = question(
        lang="en", metadata_company=None, company="both", expect="compare",
        must_contain=(Fact({"*": ("ok@ok.dk",)}), Fact({"*": ("security@ojco.se",)})),
    )
    good = "You withdraw consent at OK by writing to ok@ok.dk, and at OJCO by writing to security@ojco.se."
    assert judge(q, texts(good)).passed
    one_side = judge(q, texts("You withdraw consent at OK by writing to ok@ok.dk at any time."))
    assert not one_side.passed
    assert "compare: does not name OJCO" in one_side.reasons


# --------------------------------------------------------------------------- the questions file


@pytest.fixture(scope="module")
def questions() -> List[Question]:
    return load_questions(DEFAULT_QUESTIONS)


def test_set_is_large_and_covers_every_language(questions: List[Question]) -> None:
    assert len(questions) >= 200
    per_lang = Counter(q.lang for q in questions)
    assert set(per_lang) == {"da", "sv", "en"}
    assert min(per_lang.values()) >= 60, per_lang


def test_ids_are_unique(questions: List[Question]) -> None:
    duplicates = [i for i, n in Counter(q.id for q in questions).items() if n > 1]
    assert not duplicates


def test_every_topic_is_asked_and_no_unknown_topic(questions: List[Question]) -> None:
    asked = {q.topic for q in questions}
    assert set(TOPICS) - asked == set()
    assert asked - set(TOPICS) == set()


def test_every_topic_a_policy_speaks_about_is_asked_for_that_company(questions: List[Question]) -> None:
    for company in ("OK", "OJCO"):
        answered = {q.topic for q in questions if q.company == company and q.expect == "answer"}
        missing = set(TOPICS) - SILENT[company] - answered
        assert not missing, f"{company}: no question for {sorted(missing)}"


def test_silent_expectations_match_the_silent_topics(questions: List[Question]) -> None:
    wrong = [q.id for q in questions if q.expect == "silent" and q.topic not in SILENT[q.company]]
    assert not wrong


def test_every_answer_has_facts_to_check(questions: List[Question]) -> None:
    empty = [q.id for q in questions if q.expect in ("answer", "compare") and not q.must_contain]
    assert not empty
    for q in questions:
        for fact in q.must_contain:
            assert fact.for_language(q.lang), f"{q.id}: a fact has no alternative for {q.lang}"


def test_both_companies_comparisons_and_ask_company_are_in_every_language(questions: List[Question]) -> None:
    seen = Counter((q.lang, q.company) for q in questions)
    for lang in ("da", "sv", "en"):
        for company in ("OK", "OJCO", "both", "none"):
            assert seen[(lang, company)] >= 3, (lang, company)


def _names(text: str) -> set:
    found = set()
    if re.search(r"(?<!\w)ok(?!\w)", text, re.IGNORECASE):
        found.add("OK")
    if re.search(r"ojco", text, re.IGNORECASE):
        found.add("OJCO")
    return found


def test_company_comes_from_the_page_or_the_text(questions: List[Question]) -> None:
    for q in questions:
        named = _names(q.text)
        if q.expect == "ask_company":
            assert q.metadata_company is None and not named, q.id
        elif q.expect == "compare":
            assert named == {"OK", "OJCO"}, q.id
        elif named:
            assert named == {q.company}, q.id
        else:
            assert q.metadata_company == q.company, q.id


# --------------------------------------------------------------------------- asking a (stand-in) bot


QUESTIONS_YML = """
questions:
  - id: da-ok-retention_chat-1
    lang: da
    text: "hvor længe gemmer i chatten?"
    metadata_company: OK
    company: OK
    topic: retention_chat
    expect: answer
    must_contain: ["180"]
  - id: en-none-controller-1
    lang: en
    text: "who is the data controller?"
    metadata_company: none
    company: none
    topic: controller
    expect: ask_company
    must_contain: []
"""


def _canned(body: Dict[str, Any]) -> List[Dict[str, Any]]:
    if "company" not in body.get("metadata", {}):
        return answer(body, "Which company do you mean?", buttons=[
            {"title": "OK", "payload": '/choose_company{"company":"OK"}'},
            {"title": "OJCO", "payload": '/choose_company{"company":"OJCO"}'},
        ])
    return answer(body, DA_OK_CHAT)


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.yml"
    path.write_text(QUESTIONS_YML, encoding="utf-8")
    return path


async def test_run_posts_each_question_with_metadata_and_a_fresh_sender(questions_file: Path) -> None:
    bot = StandInBot(_canned)
    async with bot as url:
        report = await run_evaluation_async(url, questions_file)
    assert report.accuracy == 1.0, report.format_failures()
    assert report.by_language == {"da": 1.0, "en": 1.0}
    assert report.by_company == {"OK": 1.0, "none": 1.0}
    bodies = sorted(bot.requests, key=lambda b: b["message"])
    assert bodies[0]["metadata"] == {"lang": "da", "company": "OK"}
    assert bodies[1]["metadata"] == {"lang": "en"}  # no company: the page sent none
    assert len({b["sender"] for b in bodies}) == 2


async def test_wrong_answers_show_up_as_failures_with_what_was_expected(questions_file: Path) -> None:
    async with StandInBot(lambda body: answer(body, "Sorry, I did not get that.")) as url:
        report = await run_evaluation_async(url, questions_file)
    assert report.accuracy == 0.0
    assert [j.question.id for j in report.failures] == ["da-ok-retention_chat-1", "en-none-controller-1"]
    text = report.format_failures()
    assert "missing fact '180'" in text and "Sorry, I did not get that." in text
    assert "ask_company: no button for OJCO, OK" in text


def test_unreachable_bot_is_a_clear_error(questions_file: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(EvaluationError, match="cannot reach the bot at " + re.escape(url)):
        run_evaluation(url, questions_file)


async def test_a_server_that_is_not_the_rest_channel_is_a_clear_error(questions_file: Path) -> None:
    runner, url = await serve(web.Application())  # answers 404 to everything
    try:
        with pytest.raises(EvaluationError, match=r"every request .* failed \(HTTP 404\)"):
            await run_evaluation_async(url, questions_file)
    finally:
        await runner.cleanup()


@pytest.fixture
def bot_in_thread() -> Iterator[Callable[[Callable], str]]:
    """Start a stand-in bot on a loop in another thread (the CLI runs its own loop)."""
    bots = BotsInThread()
    yield bots.start
    bots.close()


def test_cli_prints_the_table_and_exits_by_the_threshold(bot_in_thread, questions_file: Path, capsys) -> None:
    good = bot_in_thread(_canned)
    assert cli_main(["evaluate", "--url", good, "--questions", str(questions_file), "--min-accuracy", "0.95"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^all\s+2\s+2\s+100\.0%$", out, re.M), out
    assert re.search(r"^lang da\s+1\s+1\s+100\.0%$", out, re.M), out
    assert re.search(r"^company none\s+1\s+1\s+100\.0%$", out, re.M), out

    half = bot_in_thread(lambda body: _canned(body) if "company" not in body["metadata"] else [])
    assert cli_main(["evaluate", "--url", half, "--questions", str(questions_file)]) == 0
    assert cli_main(["evaluate", "--url", half, "--questions", str(questions_file), "--min-accuracy", "0.95"]) == 1
    captured = capsys.readouterr()
    assert "FAIL da-ok-retention_chat-1" in captured.out
    assert "accuracy 50.0% is below 95.0%" in captured.err


def test_cli_reports_an_unreachable_bot(questions_file: Path, capsys) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    assert cli_main(["evaluate", "--url", url, "--questions", str(questions_file)]) == 2
    assert "cannot reach the bot" in capsys.readouterr().err


def test_the_heldout_sets_failures_are_listed_only_on_request(bot_in_thread, questions_file: Path, capsys, monkeypatch) -> None:
    # Whoever reads a held-out set's failures can no longer tune without contaminating it.
    from bot.commands import evaluate as command

    monkeypatch.setitem(command.SETS, "heldout", (questions_file, questions_file.with_name("absent.yml")))
    half = bot_in_thread(lambda body: _canned(body) if "company" not in body["metadata"] else [])
    assert cli_main(["evaluate", "--url", half]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^all\s+1\s+2\s+50\.0%$", out, re.M), out
    assert "FAIL" not in out
    assert cli_main(["evaluate", "--url", half, "--json"]) == 0
    assert '"failures"' not in capsys.readouterr().out
    assert cli_main(["evaluate", "--url", half, "--failures"]) == 0
    assert "FAIL da-ok-retention_chat-1" in capsys.readouterr().out
