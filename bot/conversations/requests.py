"""The customer's requests as the dialogue signals them to the server.

``action_conversation_rights`` (actions/conversation_rights.py) declares the payload
``{"privacybot": {"request": "delete_conversation" | "download_conversation" |
"opt_out_training"}}``; this module reads that one declaration rather than writing it
again, so the actions and the server cannot drift apart. (``actions`` may not import
``bot``, so the declaration lives on the actions' side.)
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from actions.conversation_rights import REQUESTS, request_payload

DELETE, DOWNLOAD, OPT_OUT = REQUESTS  # in the order the actions declare them
(KEY,) = request_payload(DELETE)  # the custom payload's only key ("privacybot")

__all__ = ["KEY", "DELETE", "DOWNLOAD", "OPT_OUT", "REQUESTS", "request_of", "split_requests"]


def request_of(custom: Any) -> Optional[str]:
    """The request a custom payload signals, or None when it is not one of ours."""
    if not isinstance(custom, dict) or set(custom) != {KEY} or not isinstance(custom[KEY], dict):
        return None
    request = custom[KEY].get("request")
    return request if request in REQUESTS else None


def split_requests(messages: List[Dict[str, Any]]) -> Tuple[List[Dict[str, Any]], List[str]]:
    """(the messages without request payloads, the requests in order)."""
    kept, requests = [], []
    for message in messages:
        request = request_of(message.get("custom"))
        if request is None:
            kept.append(message)
            continue
        requests.append(request)
        rest = {k: v for k, v in message.items() if k not in ("custom", "recipient_id")}
        if rest:  # text sent together with the payload: keep the text
            kept.append({k: v for k, v in message.items() if k != "custom"})
    return kept, requests
