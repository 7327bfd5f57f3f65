"""A loopback TCP proxy that a test can pause, resume, cut and restore: a backend's faults.

- ``pause()``: stop forwarding in both directions but keep every connection open, and
  accept new connections without forwarding them: a database or Redis that stalls (hung
  process, full disk, lost packets) while the sockets stay up. Nothing is lost: bytes
  wait in the kernel's buffers and flow again on ``resume()``.
- ``cut()``: refuse new connections and reset the open ones, as a server restart does;
  ``restore()`` accepts again.

The proxy runs its own event loop in a daemon thread, so it keeps working whatever the
test's event loop or threads are blocked on. The shared PostgreSQL and Redis servers are
never touched.

Run as a script it is a process of its own, cut and restored by signal (the deploy tests,
whose busy replicas should not share the test's interpreter lock with it):

    python tests/support/tcp_proxy.py --target 127.0.0.1:5432   # prints "port <n>" when ready

``SIGUSR1`` cuts, ``SIGUSR2`` restores, ``SIGTERM`` ends it.
"""
from __future__ import annotations

import argparse
import asyncio
import signal
import threading
from typing import Any, Coroutine, Optional, Set, Tuple


class TcpProxy:
    """Forwards 127.0.0.1:<port> to ``target``."""

    def __init__(self, target: Tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name="tcp-proxy")
        self._thread.start()
        self._server: Optional[asyncio.AbstractServer] = None
        self._transports: Set[asyncio.BaseTransport] = set()
        self._flowing = asyncio.Event()
        self._run(self._set_flowing(True))

    # -- control (from any thread) -------------------------------------------------------

    def start(self) -> "TcpProxy":
        """Listen (on a free port the first time, then on the same one) and forward."""
        self._run(self._listen())
        return self

    def pause(self) -> None:
        """Stop forwarding; connections stay open and new ones are accepted but not served."""
        self._run(self._set_flowing(False))

    def resume(self) -> None:
        """Forward again, including everything held while paused."""
        self._run(self._set_flowing(True))

    def cut(self) -> None:
        """Refuse new connections and reset every open one."""
        self._run(self._cut())

    def restore(self) -> None:
        """Accept and forward connections again after :meth:`cut`."""
        self._run(self._set_flowing(True))
        self.start()

    def close(self) -> None:
        """Cut everything and stop the proxy's thread."""
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)

    @property
    def url_host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- inside the proxy's loop ---------------------------------------------------------

    def _run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)

    async def _set_flowing(self, flowing: bool) -> None:
        if flowing:
            self._flowing.set()
        else:
            self._flowing.clear()

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.port, reuse_address=True, backlog=256
            )
            self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for transport in list(self._transports):
            transport.abort()  # RST, as when the server process dies
        self._transports.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._transports.add(writer.transport)
        await self._flowing.wait()  # a paused backend does not even answer the handshake
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._transports.add(up_writer.transport)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while True:
                    data = await source.read(65536)
                    if not data:
                        break
                    await self._flowing.wait()  # paused: hold the bytes, keep the socket
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.transport.abort()
                self._transports.discard(sink.transport)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


def main() -> None:
    """The proxy as a process: forward to ``--target`` until SIGTERM; SIGUSR1 cuts, SIGUSR2 restores."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, help="host:port to forward to")
    args = parser.parse_args()
    host, port = args.target.rsplit(":", 1)
    proxy = TcpProxy((host, int(port))).start()
    stop = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: proxy.cut())
    signal.signal(signal.SIGUSR2, lambda *_: proxy.restore())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"port {proxy.port}", flush=True)
    while not stop.wait(0.2):  # wakes up for signals; the proxy works in its own thread
        pass
    proxy.close()


if __name__ == "__main__":
    main()
