"""Running the aiohttp application with connection limits: :func:`run`.

aiohttp's ``run_app`` closes a kept-alive connection after ``keepalive_timeout``, but a
connection that never completes its first request (opened and left idle, or headers sent
a byte at a time) stays open forever, and a malformed or oversized request line/header
gets aiohttp's plain-text 400. The request handler here adds:

- a deadline for the first request's headers (:data:`HEADER_TIMEOUT_SECONDS`); later
  requests on a kept-alive connection fall under the keep-alive timeout;
- the JSON error shape of the API for requests aiohttp refuses before any handler runs
  (431 for headers over 8 KB, 400 otherwise), logged by type only.

Request bodies have their own deadline (``bot.web.limits.BODY_TIMEOUT_SECONDS``).
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Optional, Set

from aiohttp import web
from aiohttp.http_exceptions import LineTooLong
from aiohttp.web_protocol import RequestHandler

from bot.web.responses import json_error

logger = logging.getLogger(__name__)

# Seconds an idle kept-alive connection stays open (nginx keeps its own, shorter, pool).
KEEPALIVE_TIMEOUT_SECONDS = 15.0
# Seconds a new connection has to deliver its first request's headers.
HEADER_TIMEOUT_SECONDS = 10.0
# aiohttp's own limits on one request line / header field, kept at their defaults.
MAX_LINE_BYTES = 8190
MAX_FIELD_BYTES = 8190
# Seconds aiohttp keeps reading (and discarding) the rest of a body it refused before closing.
LINGERING_SECONDS = 2.0
# Seconds requests in flight get to finish when the server stops.
SHUTDOWN_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class ConnectionLimits:
    """Timeouts for one server's connections (tests shorten them)."""

    keepalive_timeout: float = KEEPALIVE_TIMEOUT_SECONDS
    header_timeout: float = HEADER_TIMEOUT_SECONDS


class GuardedRequestHandler(RequestHandler):
    """aiohttp's protocol handler with a first-request deadline and JSON parse errors."""

    def __init__(self, *args: Any, header_timeout: float = HEADER_TIMEOUT_SECONDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout
        self._header_deadline: Optional[asyncio.TimerHandle] = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._header_deadline = self._loop.call_later(self._header_timeout, self._close_if_no_request)

    def connection_lost(self, exc: Optional[BaseException]) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
        super().connection_lost(exc)

    def _close_if_no_request(self) -> None:
        # _request_count counts complete request heads parsed on this connection.
        if self._request_count == 0 and self.transport is not None:
            logger.debug("closed a connection that sent no request within %.0f s", self._header_timeout)
            self.force_close()

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: Optional[BaseException] = None,
        message: Optional[str] = None,
    ) -> web.StreamResponse:
        """The API's JSON error for a request refused before routing (never its content)."""
        if request.writer.output_size > 0:
            raise ConnectionError("response already started; cannot send an error")
        logger.info("refused a malformed request: %s (%d)", type(exc).__name__ if exc else "error", status)
        if isinstance(exc, LineTooLong):
            response = json_error(
                431, "headers_too_large", f"A request line or header is over {MAX_FIELD_BYTES} bytes."
            )
        elif status == 500:
            response = json_error(500, "internal_error", "Something went wrong on the server.")
        else:
            response = json_error(status, "bad_request", "The request could not be parsed as HTTP.")
        response.force_close()
        return response


class GuardedServer(web.Server):
    """A low-level server that makes :class:`GuardedRequestHandler` protocols."""

    def __init__(self, *args: Any, header_timeout: float = HEADER_TIMEOUT_SECONDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout

    def __call__(self) -> RequestHandler:
        return GuardedRequestHandler(
            self, loop=self._loop, header_timeout=self._header_timeout, **self._kwargs
        )


class GuardedAppRunner(web.AppRunner):
    """``web.AppRunner`` serving through :class:`GuardedServer`."""

    def __init__(self, app: web.Application, *, limits: ConnectionLimits = ConnectionLimits(), **kwargs: Any) -> None:
        kwargs.setdefault("keepalive_timeout", limits.keepalive_timeout)
        kwargs.setdefault("max_line_size", MAX_LINE_BYTES)
        kwargs.setdefault("max_field_size", MAX_FIELD_BYTES)
        kwargs.setdefault("lingering_time", LINGERING_SECONDS)
        kwargs.setdefault("access_log", None)  # access logs carry addresses (logging_setup)
        super().__init__(app, **kwargs)
        self._limits = limits

    async def _make_server(self) -> web.Server:
        # The application's own server (startup hooks run, routes frozen), re-made guarded.
        plain = await super()._make_server()
        return GuardedServer(
            plain.request_handler,
            request_factory=plain.request_factory,
            handler_cancellation=plain.handler_cancellation,
            header_timeout=self._limits.header_timeout,
            **plain._kwargs,
        )


async def start(
    app: web.Application,
    host: str,
    port: int,
    reuse_port: bool = False,
    limits: ConnectionLimits = ConnectionLimits(),
    handle_signals: bool = False,
) -> GuardedAppRunner:
    """Start serving ``app`` on host:port; the caller awaits ``runner.cleanup()`` to stop."""
    runner = GuardedAppRunner(
        app, limits=limits, handle_signals=handle_signals, shutdown_timeout=SHUTDOWN_TIMEOUT_SECONDS
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port, reuse_port=reuse_port).start()
    except BaseException:
        await runner.cleanup()
        raise
    return runner


def run(app: web.Application, host: str, port: int, reuse_port: bool = False) -> None:
    """Serve until SIGINT/SIGTERM, like ``web.run_app``. Raises OSError when the port is taken."""

    async def serve() -> None:
        runner = await start(app, host, port, reuse_port, handle_signals=True)
        try:
            while True:
                await asyncio.sleep(3600)
        finally:
            await runner.cleanup()

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    main = loop.create_task(serve())
    try:
        loop.run_until_complete(main)
    except (web.GracefulExit, KeyboardInterrupt):
        pass
    finally:
        _cancel(loop, {main})
        _cancel(loop, asyncio.all_tasks(loop))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()
        asyncio.set_event_loop(None)


def _cancel(loop: asyncio.AbstractEventLoop, tasks: Set["asyncio.Task[Any]"]) -> None:
    """Cancel ``tasks`` and wait for them (as ``web.run_app`` does on exit)."""
    if not tasks:
        return
    for task in tasks:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
