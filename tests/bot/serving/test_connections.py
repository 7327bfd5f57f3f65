"""The embedded server closes idle and slow connections and answers unparseable requests in JSON.

The app is served exactly as `privacybot serve` serves it (bot.serving.server), with the
timeouts shortened so the test does not wait for the production values.
"""
from __future__ import annotations

import asyncio
import json
import socket
from typing import AsyncIterator, Tuple

import aiohttp
import pytest
import pytest_asyncio

from bot.serving import server
from bot.web import limits
from support.web_app import make_config

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

SHORT = server.ConnectionLimits(keepalive_timeout=1.0, header_timeout=1.0)
# Long enough for the server's timer, short enough for a test; not a speed assertion.
GRACE = 3.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest_asyncio.fixture(loop_scope="session")
async def served(agent, web_env) -> AsyncIterator[Tuple[str, int]]:
    from bot.app import create_app

    port = free_port()
    runner = await server.start(create_app(make_config(web_env), agent=agent), "127.0.0.1", port, limits=SHORT)
    yield "127.0.0.1", port
    await runner.cleanup()


async def closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    """True when the server closes the connection (EOF) within ``within`` seconds."""
    try:
        while True:
            data = await asyncio.wait_for(reader.read(65536), timeout=within)
            if not data:
                return True
    except asyncio.TimeoutError:
        return False
    except ConnectionError:
        return True


async def test_a_hundred_idle_connections_are_closed(served) -> None:
    host, port = served
    connections = [await asyncio.open_connection(host, port) for _ in range(100)]
    results = await asyncio.gather(*(closed_by_server(r, SHORT.header_timeout + GRACE) for r, _ in connections))
    assert all(results), f"{results.count(False)} of 100 idle connections still open"
    for _, writer in connections:
        writer.close()


async def test_headers_sent_a_byte_at_a_time_are_cut_off(served) -> None:
    host, port = served
    reader, writer = await asyncio.open_connection(host, port)
    request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200
    cut = False
    for byte in request:
        try:
            writer.write(bytes([byte]))
            await writer.drain()
        except ConnectionError:
            cut = True
            break
        await asyncio.sleep(0.05)  # 200+ bytes at 20 per second: far past the 1 s deadline
        if reader.at_eof():
            cut = True
            break
    cut = cut or await closed_by_server(reader, GRACE)
    writer.close()
    assert cut, "a request whose headers never finish keeps its connection"


async def test_a_kept_alive_connection_is_closed_after_its_idle_time(served) -> None:
    host, port = served
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
    await writer.drain()
    status = await reader.readline()
    assert status.startswith(b"HTTP/1.1 ")
    assert await closed_by_server(reader, SHORT.keepalive_timeout + GRACE)
    writer.close()


async def test_headers_over_8_kb_get_the_json_error(served) -> None:
    host, port = served
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{host}:{port}/health", headers={"X-Big": "a" * 9000}) as response:
            assert response.status == 431
            assert response.content_type == "application/json"
            body = await response.json()
    assert body["error"] == "headers_too_large"
    assert "aaaa" not in json.dumps(body)


async def test_a_garbled_request_line_gets_the_json_error(served) -> None:
    host, port = served
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"\x16\x03\x01 NOT HTTP AT ALL\r\n\r\n")
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), timeout=GRACE + 5)
    writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith((b"HTTP/1.0 400", b"HTTP/1.1 400"))
    assert b"application/json" in head
    assert json.loads(body)["error"] == "bad_request"


async def test_a_body_that_never_finishes_gets_a_408_and_the_connection_closes(served, monkeypatch) -> None:
    monkeypatch.setattr(limits, "BODY_TIMEOUT_SECONDS", 1.0)
    host, port = served
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 200\r\n\r\n{\"sender\": \"slow-body\", "
    )
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=GRACE + 5)
    assert head.startswith(b"HTTP/1.1 408"), head
    length = int(next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")).split(b":")[1])
    assert json.loads(await reader.readexactly(length))["error"] == "request_timeout"
    # The rest of the body is not waited for beyond aiohttp's short lingering time.
    assert await closed_by_server(reader, server.LINGERING_SECONDS + GRACE)
    writer.close()
