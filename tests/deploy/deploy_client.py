"""A widget-API client that sends messages through nginx the way a careful client must.

Each message carries a unique reference (``ref <token>``, letters only, so the redactor
leaves it alone) that the tests later look up in the store.

Delivery: a reply (HTTP 200) acknowledges the message. When an attempt fails (503 from
the replica, 502 from nginx when the replica died, a dropped connection), the message
may or may not have been stored: a replica can be killed after it committed the turn
and before its reply left. So before resending, the client reads the conversation back
(``GET /api/conversations/{id}/messages``, through any replica) and resends only when its
message is not there. That read-back is what makes "retry" exactly-once.
"""
from __future__ import annotations

import asyncio
import random
import string
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import aiohttp

REQUEST_TIMEOUT_SECONDS = 90
FAILED = 0  # status recorded for an attempt that got no HTTP answer at all


def new_token(rng: Optional[random.Random] = None) -> str:
    """Ten random lowercase letters: unique enough, and no recognizer mistakes it for data."""
    rng = rng or random.SystemRandom()
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(10))


@dataclass
class Conversation:
    """A widget conversation: server-issued id and secret."""

    id: str
    secret: str

    @property
    def auth(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"}


@dataclass
class Outcome:
    """What happened to one message."""

    conversation: str
    token: str
    statuses: List[int] = field(default_factory=list)  # every attempt, in order
    acknowledged: bool = False  # a 200 reply came back
    found_on_read_back: bool = False  # no reply, but the read-back shows it stored
    reply: Optional[Dict[str, Any]] = None
    request_id: Optional[str] = None  # nginx's id of the acknowledged attempt
    error_bodies: List[Dict[str, Any]] = field(default_factory=list)
    latency: Optional[float] = None  # of the acknowledged attempt

    @property
    def stored_per_client(self) -> bool:
        """The client knows the message is stored (by a reply or by reading back)."""
        return self.acknowledged or self.found_on_read_back


class WidgetClient:
    """Talks to ``base_url`` (nginx) like the widget does."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    async def _request(
        self, method: str, path: str, body: Any = None, headers: Optional[Dict[str, str]] = None
    ) -> Tuple[int, Any, Optional[str]]:
        """(status, JSON or None, request id); status 0 when nothing answered."""
        try:
            async with self.session.request(
                method,
                self.base_url + path,
                json=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS),
            ) as response:
                try:
                    data = await response.json(content_type=None)
                except ValueError:
                    data = None
                return response.status, data, response.headers.get("X-Request-ID")
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
            return FAILED, None, None

    async def open(self, metadata: Optional[Dict[str, str]] = None, deadline: float = 60) -> Conversation:
        """POST /api/conversations until it succeeds (creating twice only wastes an id)."""
        end = time.monotonic() + deadline
        while True:
            status, data, _ = await self._request("POST", "/api/conversations", {"metadata": metadata or {}})
            if status == 201:
                return Conversation(data["id"], data["secret"])
            if time.monotonic() > end:
                raise AssertionError(f"could not open a conversation: last status {status} {data}")
            await asyncio.sleep(0.5)

    async def post_message(
        self, conversation: Conversation, text: str, metadata: Optional[Dict[str, str]] = None
    ) -> Tuple[int, Any, Optional[str]]:
        """One attempt at sending ``text``."""
        return await self._request(
            "POST",
            f"/api/conversations/{conversation.id}/messages",
            {"message": text, "metadata": metadata or {}},
            conversation.auth,
        )

    async def history(self, conversation: Conversation) -> Optional[List[Dict[str, Any]]]:
        """The conversation as stored, or None when the read failed."""
        status, data, _ = await self._request(
            "GET", f"/api/conversations/{conversation.id}/messages", headers=conversation.auth
        )
        return data["messages"] if status == 200 else None

    async def send(
        self,
        conversation: Conversation,
        text: str,
        token: str,
        metadata: Optional[Dict[str, str]] = None,
        deadline: float = 120,
        pause: float = 0.5,
    ) -> Outcome:
        """Send until acknowledged or confirmed stored by a read-back (see module doc)."""
        outcome = Outcome(conversation.id, token)
        end = time.monotonic() + deadline
        while True:
            began = time.monotonic()
            status, data, request_id = await self.post_message(conversation, text, metadata)
            outcome.statuses.append(status)
            if status == 200:
                outcome.acknowledged, outcome.reply, outcome.request_id = True, data, request_id
                outcome.latency = time.monotonic() - began
                return outcome
            if status not in (FAILED, 502, 503, 504):
                raise AssertionError(f"message refused with {status}: {data}")
            if isinstance(data, dict):
                outcome.error_bodies.append(data)
            # Unknown whether it was stored: read back (retrying the read) before resending.
            while True:
                if time.monotonic() > end:
                    return outcome
                await asyncio.sleep(pause)
                history = await self.history(conversation)
                if history is not None:
                    break
            if any(m["sender"] == "user" and token in m["text"] for m in history):
                outcome.found_on_read_back = True
                return outcome


async def converse(
    client: WidgetClient,
    stop: asyncio.Event,
    outcomes: List[Outcome],
    questions: List[str],
    metadata: Dict[str, str],
    think_time: float = 0.0,
    rng: Optional[random.Random] = None,
) -> None:
    """One visitor: open a conversation and ask questions until ``stop`` is set."""
    rng = rng or random.Random()
    conversation = await client.open(metadata)
    index = 0
    while not stop.is_set():
        token = new_token(rng)
        question = questions[index % len(questions)]
        outcomes.append(await client.send(conversation, f"{question} (ref {token})", token, metadata))
        index += 1
        if think_time:
            await asyncio.sleep(rng.uniform(0, 2 * think_time))


QUESTIONS = [
    "Hvor længe gemmer I mine chatbeskeder?",
    "Hvem er dataansvarlig?",
    "Kan jeg få slettet mine oplysninger?",
    "How long do you keep recordings of phone calls?",
    "Vilka rättigheter har jag?",
    "Sælger I mine data til andre?",
]
