"""The chat metadata a client may send: which company's page, which language."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from actions.catalogue import COMPANIES, LANGUAGES
from bot.web.responses import ApiError


@dataclass(frozen=True)
class ChatMetadata:
    """Company and language given by the page the chat is on (both optional)."""

    company: Optional[str] = None
    lang: Optional[str] = None

    def for_agent(self) -> Dict[str, Any]:
        """The metadata handed to the agent's UserMessage (only known keys, never client extras)."""
        return {k: v for k, v in (("company", self.company), ("lang", self.lang)) if v}


def parse_company(raw: Any) -> Optional[str]:
    """A company id of the catalogue (``OK``/``OJCO``, any case) or None; anything else is a 400."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw.strip().upper() in COMPANIES:
        return raw.strip().upper()
    raise ApiError(400, "unknown_company", f"Unknown company; expected {_choices(COMPANIES)}.")


def parse_lang(raw: Any) -> Optional[str]:
    """A language of the catalogue (``da``/``sv``/``en``, any case) or None; anything else is a 400."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw.strip().lower() in LANGUAGES:
        return raw.strip().lower()
    raise ApiError(400, "unknown_lang", f"Unknown language; expected {_choices(LANGUAGES)}.")


def parse_metadata(raw: Any) -> ChatMetadata:
    """Validate the ``metadata`` object of a chat request.

    Missing metadata is fine (the bot asks which company is meant); a wrong type or an
    unknown company or language is a 400, so a misconfigured embedding fails loudly.
    ``language`` is accepted as an alias of ``lang`` because rasa-webchat's examples use it.
    """
    if raw is None:
        return ChatMetadata()
    if not isinstance(raw, dict):
        raise ApiError(400, "bad_metadata", "\"metadata\" must be a JSON object.")
    lang = raw.get("lang", raw.get("language"))
    return ChatMetadata(company=parse_company(raw.get("company")), lang=parse_lang(lang))


def _choices(values: tuple) -> str:
    """``"a", "b" or "c"``: the accepted values as an error message names them."""
    quoted = [f'"{v}"' for v in values]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
