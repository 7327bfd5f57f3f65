"""Button payloads the actions send."""
from __future__ import annotations


def choose_company_payload(company_id: str) -> str:
    """The button payload that answers "which company?" with ``company_id``."""
    return '/choose_company{"company":"' + company_id + '"}'
