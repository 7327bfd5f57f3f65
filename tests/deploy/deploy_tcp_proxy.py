"""A loopback TCP forwarder, run as its own process, that a test cuts and restores by signal.

The machine's PostgreSQL and Redis are shared with other tests and cannot be restarted
for one. Putting this proxy between the replicas and the server and cutting it does to
the replicas what a server restart does: open connections break mid-query, new ones are
refused (RST) until it comes back. ``SIGUSR1`` cuts, ``SIGUSR2`` restores.

It runs in its own process so that forwarding every query of two busy replicas does not
compete with the test's HTTP client for one interpreter lock.

    python deploy_tcp_proxy.py --target 127.0.0.1:5432   # prints "port <n>" when ready
"""
from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from typing import Optional, Set, Tuple


class Proxy:
    """Forwards 127.0.0.1:port to ``target``; :meth:`cut` / :meth:`restore`."""

    def __init__(self, target: Tuple[str, int], port: int = 0) -> None:
        self.target = target
        self.port = port
        self.server: Optional[asyncio.AbstractServer] = None
        self.transports: Set[asyncio.BaseTransport] = set()

    async def restore(self) -> None:
        if self.server is None:
            self.server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.port, reuse_address=True, backlog=256
            )
            self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
        for transport in list(self.transports):
            transport.abort()  # RST: the peer sees the connection die, as when a server stops
        self.transports.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        pair = {writer.transport, up_writer.transport}
        self.transports |= pair

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.transports -= pair


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="host:port to forward to")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    host, port = args.target.rsplit(":", 1)
    proxy = Proxy((host, int(port)), args.port)
    await proxy.restore()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, lambda: asyncio.ensure_future(proxy.cut()))
    loop.add_signal_handler(signal.SIGUSR2, lambda: asyncio.ensure_future(proxy.restore()))
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print(f"port {proxy.port}", flush=True)
    await stop.wait()
    await proxy.cut()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
