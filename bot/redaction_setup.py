"""Redaction configured from the settings: what the app and the commands that redact call at start-up.

``redaction/`` does not read ``bot.settings`` (it is used by ``bot``, not the reverse): the
application injects the recognizers switched off and the languages it serves.
"""
from __future__ import annotations

import redaction
from actions.catalogue import LANGUAGES
from bot.settings import Config


def configure_redaction(config: Config) -> None:
    """Switch off the recognizers PRIVACYBOT_DISABLED_RECOGNIZERS names, for the assistant's languages.

    Raises ValueError for an unknown recognizer name or a served language redaction has no
    recognizers for, so a typo stops the start instead of leaving a recognizer on.
    """
    redaction.configure(disabled_recognizers=config.disabled_recognizers, languages=LANGUAGES)
