"""A loopback TCP proxy in front of the PostgreSQL test server that a test can cut and restore.

Cutting it is what a database outage looks like from the web server: new connections are
refused and open ones are dropped. The database itself, shared with other tests, is untouched.
"""
from __future__ import annotations

import asyncio
import os
from typing import Optional, Set

import sqlalchemy as sa

PG_HOST = os.environ.get("PRIVACYBOT_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("PRIVACYBOT_TEST_PG_PORT", "5432"))


def pg_user() -> str:
    """A user the test server accepts (trust auth: postgres or root)."""
    for user in ("postgres", "root"):
        engine = sa.create_engine(f"postgresql://{user}@{PG_HOST}:{PG_PORT}/test", future=True)
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return user
        except sa.exc.OperationalError:
            continue
        finally:
            engine.dispose()
    raise RuntimeError("PostgreSQL test server not reachable on 127.0.0.1:5432")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to the PostgreSQL server until cut."""

    def __init__(self) -> None:
        self.port = 0
        self._server: Optional[asyncio.base_events.Server] = None
        self._writers: Set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(PG_HOST, PG_PORT)
        except OSError:
            client_writer.transport.abort()
            return
        self._writers.update({client_writer, server_writer})

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.transport.abort()
                self._writers.discard(writer)

        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))
