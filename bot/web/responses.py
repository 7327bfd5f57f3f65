"""JSON error responses: one shape for every error the API returns."""
from __future__ import annotations

import asyncio
import logging
import traceback
from typing import Any, Mapping, Optional

from aiohttp import web

from bot.store.errors import StoreUnavailable

logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error answered as ``{"error": code, "message": text}`` with an HTTP status.

    ``message`` is written for the person reading it (a developer or the widget's
    user); it never quotes what the client sent.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def response(self) -> web.Response:
        """The error as a JSON response (the connection closed after it when it says so)."""
        response = json_error(self.status, self.code, self.message, self.headers)
        if self.headers.get("Connection", "").lower() == "close":
            response.force_close()
        return response


def json_error(
    status: int, code: str, message: str, headers: Optional[Mapping[str, str]] = None
) -> web.Response:
    """A JSON error response; ``code`` is stable for programs, ``message`` for people."""
    return web.json_response(
        {"error": code, "message": message}, status=status, headers=dict(headers or {})
    )


def service_unavailable(reason: str, retry_after: int = 5) -> ApiError:
    """503 telling the client to retry: nothing was stored, nothing was lost."""
    return ApiError(
        503,
        "unavailable",
        f"{reason} Your message was not processed; send it again in a few seconds.",
        {"Retry-After": str(retry_after)},
    )


API_PREFIXES = ("/api/", "/webhooks/")
ADMIN_PREFIX = "/admin"


def store_unavailable(path: str) -> web.Response:
    """The 503 for a store that is down or did not answer in time, with Retry-After.

    The admin pages say it in their own words (nothing of a visitor's message is at stake there).
    """
    if path.startswith(ADMIN_PREFIX):
        return json_error(
            503, "unavailable", "The transcript store is not answering; try again shortly.", {"Retry-After": "5"}
        )
    return service_unavailable("The transcript store is unavailable.").response()


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    """Every API error as JSON; a dead store as 503 (:func:`store_unavailable`); unexpected
    errors logged by type only (never their text)."""
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except StoreUnavailable:
        route = request.match_info.route.resource
        where = route.canonical if route is not None else "?"  # the route, not the id in the path
        logger.warning("store unavailable: %s %s got 503", request.method, where)
        return store_unavailable(request.path)
    except web.HTTPException as exc:
        if exc.status == 413:
            return json_error(413, "request_too_large", "The request is too large.")
        if exc.status >= 400 and request.path.startswith(API_PREFIXES):
            code = exc.reason.lower().replace(" ", "_")
            return json_error(exc.status, code, f"{exc.reason}.")
        raise
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        # The exception's message may quote input; its type and place may not.
        where = _where(exc)
        logger.error("unexpected %s at %s on %s %s", type(exc).__name__, where, request.method, request.path)
        return json_error(500, "internal_error", "Something went wrong on the server.")


def _where(exc: BaseException) -> str:
    """``file:line`` of the innermost frame outside libraries (or the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    own = [f for f in frames if "site-packages" not in f.filename and "/lib/python" not in f.filename]
    frame = (own or frames or [None])[-1]
    return f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else "?"
