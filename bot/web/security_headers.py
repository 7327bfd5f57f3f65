"""Security headers on every response, and CORS for the chat API.

Pages get a Content-Security-Policy that allows the server's own scripts and styles and
nothing inline: the widget renders messages with ``textContent``, and even if that ever
failed, an injected ``<script>`` or ``onerror=`` could not run. Nothing may frame our
pages (``frame-ancestors 'none'``): the widget is embedded by script, never by iframe.

Browsers may call the API from the server's own origin and from the origins in
``PRIVACYBOT_CORS_ORIGINS``. A request that carries any other ``Origin`` is refused
with 403 rather than merely left without CORS headers, so another site cannot make
visitors' browsers chat on its behalf. Clients that send no ``Origin`` (curl, Rasa's
tools, servers) are not browsers and are not affected.
"""
from __future__ import annotations

from typing import Awaitable, Callable, Iterable, Mapping, Optional

from aiohttp import web

from bot.web.responses import json_error

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CORS_PATH_PREFIXES = ("/api/", "/webhooks/", "/socket.io/")
CORS_METHODS = "GET, POST, PUT, DELETE, OPTIONS"
CORS_HEADERS = "Content-Type, Authorization"


def request_origin(scheme: str, host: Optional[str]) -> str:
    """The origin a same-origin browser request would carry."""
    return f"{scheme}://{host or ''}"


def origin_allowed(
    origin: str, own_origins: Iterable[str], configured: Iterable[str]
) -> bool:
    """True for the server's own origin(s) and the configured ones (exact match)."""
    origin = origin.rstrip("/")
    return origin in {o.rstrip("/") for o in own_origins} or origin in {
        o.rstrip("/") for o in configured
    }


def own_origins(scheme: str, host: Optional[str], headers: Mapping[str, str], trust_proxy: bool) -> list:
    """The origins this request was addressed to (behind our proxy: the proxy's too)."""
    origins = [request_origin(scheme, host)]
    if trust_proxy:
        proto = headers.get("X-Forwarded-Proto", scheme).split(",")[0].strip()
        fwd_host = headers.get("X-Forwarded-Host", host or "").split(",")[0].strip()
        origins.append(request_origin(proto, fwd_host))
    return origins


def _is_cors_path(path: str) -> bool:
    return path.startswith(CORS_PATH_PREFIXES)


def security_middleware(cors_origins: Iterable[str], trust_proxy: bool) -> Callable:
    """The middleware adding security headers and enforcing the CORS origin list."""
    configured = tuple(cors_origins)

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        cors_path = _is_cors_path(request.path)
        allowed = False
        if origin is not None and cors_path:
            mine = own_origins(request.scheme, request.host, request.headers, trust_proxy)
            allowed = origin_allowed(origin, mine, configured)
            if not allowed:
                return _decorate(
                    json_error(403, "origin_not_allowed", "This origin may not use the chat API."),
                    request,
                )
            if request.method == "OPTIONS" and not request.path.startswith("/socket.io/"):
                response: web.StreamResponse = web.Response(status=204)
                response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
                response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
                response.headers["Access-Control-Max-Age"] = "600"
                _allow(response, origin)
                return _decorate(response, request)
        response = await handler(request)
        if response.prepared:  # websocket upgrades and streamed bodies: headers are gone
            return response
        if allowed and not request.path.startswith("/socket.io/"):
            _allow(response, origin)  # socket.io (engine.io) sets its own CORS headers
        return _decorate(response, request)

    return middleware


def _allow(response: web.StreamResponse, origin: str) -> None:
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    response.headers.add("Vary", "Origin")


def _decorate(response: web.StreamResponse, request: web.Request) -> web.StreamResponse:
    for name, value in COMMON_HEADERS.items():
        response.headers.setdefault(name, value)
    content_type = response.headers.get("Content-Type", "")
    if request.path.startswith("/widget/"):
        # The widget's files are loaded by other sites' pages: let them.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "cross-origin")
        response.headers.setdefault("Content-Security-Policy", API_CSP)
    elif content_type.startswith("text/html"):
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    else:
        response.headers.setdefault("Content-Security-Policy", API_CSP)
        response.headers.setdefault("Cache-Control", "no-store")
    return response
