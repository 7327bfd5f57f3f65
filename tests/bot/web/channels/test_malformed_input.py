"""Every malformed input gets a 4xx JSON error naming the problem, never a 500."""
from __future__ import annotations

import json
import uuid

import pytest

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

WEBHOOK = "/webhooks/rest/webhook"


def sender() -> str:
    return f"malformed-{uuid.uuid4()}"


def raw_body(sender_json: str, message_json: str) -> bytes:
    """A body written by hand: json.dumps would refuse some of these strings."""
    return f'{{"sender": {sender_json}, "message": {message_json}}}'.encode("utf-8")


async def post_raw(client, path: str, body: bytes):
    return await client.post(path, data=body, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(
    "sender_json, message_json",
    [
        (None, r'"hej \ud800 med halv surrogat"'),  # lone high surrogate in the message
        (None, r'"\udfff"'),  # lone low surrogate only
        (r'"abc\ud800"', '"hej"'),  # in the sender
        (None, r'"hej\u0000med NUL"'),  # NUL in the message
        (r'"abc\u0000def"', '"hej"'),  # NUL in the sender
    ],
)
async def test_unstorable_characters_are_a_400(client, sender_json, message_json) -> None:
    body = raw_body(sender_json or json.dumps(sender()), message_json)
    response = await post_raw(client, WEBHOOK, body)
    assert response.status == 400, await response.text()
    assert (await response.json())["error"] == "invalid_characters"


async def test_unstorable_characters_in_metadata_or_keys_are_a_400(client) -> None:
    for body in (
        f'{{"sender": "{sender()}", "message": "hej", "metadata": {{"company": "\\ud83d"}}}}',
        f'{{"sender": "{sender()}", "message": "hej", "metadata": {{"\\u0000": "OK"}}}}',
    ):
        response = await post_raw(client, WEBHOOK, body.encode())
        assert response.status == 400
        assert (await response.json())["error"] == "invalid_characters"


@pytest.mark.parametrize("depth", [33, 1000, 30_000])
async def test_deeply_nested_json_in_a_small_body_is_a_400(client, depth) -> None:
    nested = "[" * depth + "]" * depth
    body = f'{{"sender": "{sender()}", "message": "hej", "metadata": {nested}}}'.encode()
    assert len(body) < 65536  # under the size limit: only the nesting is wrong
    for path in (WEBHOOK, "/api/conversations"):
        response = await post_raw(client, path, body)
        assert response.status == 400, (path, await response.text())
        assert (await response.json())["error"] == "json_too_deep"


async def test_ordinary_nesting_and_astral_characters_are_fine(client) -> None:
    response = await client.post(
        WEBHOOK, json={"sender": sender(), "message": "hej 😀 — tak", "metadata": {"company": "OK", "lang": "da"}}
    )
    assert response.status == 200


async def test_a_valid_pair_of_surrogate_escapes_is_a_character_not_an_error(client) -> None:
    # JSON writes 😀 as the escape pair \ud83d\ude00; only an unpaired half is refused.
    response = await post_raw(client, WEBHOOK, raw_body(json.dumps(sender()), r'"hej \ud83d\ude00"'))
    assert response.status == 200, await response.text()
