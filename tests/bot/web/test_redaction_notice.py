"""The notice names the kinds of data removed, in the user's language, and never a value."""
from __future__ import annotations

import pytest

from bot.conversations.redaction_notice import describe, notice


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("da", "et CPR-nummer og en e-mailadresse"),
        ("sv", "ett danskt CPR-nummer och en e-postadress"),
        ("en", "a CPR number and an e-mail address"),
    ],
)
def test_kinds_are_listed_in_the_language(lang, expected) -> None:
    assert describe(["DK_CPR", "EMAIL_ADDRESS"], lang) == expected


def test_health_data_is_named_as_such() -> None:
    assert "helbredsoplysninger" in notice(["HEALTH_DATA"], "da", 180)
    assert "hälsouppgifter" in notice(["SPECIAL_CATEGORY_HEALTH"], "sv", 180)


def test_unknown_types_still_say_personal_data_once() -> None:
    text = notice(["SOMETHING_NEW", "ANOTHER_NEW"], "en", 180)
    assert text.count("personal data") == 1


def test_retention_period_comes_from_configuration() -> None:
    assert "90 dage" in notice(["DK_CPR"], "da", 90)


def test_unknown_language_falls_back_to_english() -> None:
    assert notice(["DK_CPR"], "de", 180).startswith("I removed a CPR number")


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("da", {"<DK_CPR>": "[CPR-nummer fjernet]", "<EMAIL_ADDRESS>": "[e-mailadresse fjernet]"}),
        ("sv", {"<DK_CPR>": "[CPR-nummer borttaget]", "<EMAIL_ADDRESS>": "[e-postadress borttagen]"}),
        ("en", {"<DK_CPR>": "[CPR number removed]", "<EMAIL_ADDRESS>": "[e-mail address removed]"}),
    ],
)
def test_placeholders_get_readable_labels_in_the_language(lang, expected) -> None:
    from bot.conversations.redaction_notice import labels

    assert labels(["Mit <DK_CPR> og <EMAIL_ADDRESS>, igen <DK_CPR>"], lang) == expected


def test_text_that_only_looks_like_markup_is_not_a_placeholder() -> None:
    from bot.conversations.redaction_notice import placeholder_types

    assert placeholder_types("<b>bold</b> <script> <DK_CPR> <lower_case>") == ["DK_CPR"]
