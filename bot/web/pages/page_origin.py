"""The public origin of this server as the browser sees it (for embedding snippets)."""
from __future__ import annotations

from aiohttp import web


def public_origin(request: web.Request, trust_proxy: bool) -> str:
    """``scheme://host`` of the request; behind our proxy, the proxy's."""
    scheme, host = request.scheme, request.host
    if trust_proxy:
        scheme = request.headers.get("X-Forwarded-Proto", scheme).split(",")[0].strip()
        host = request.headers.get("X-Forwarded-Host", host).split(",")[0].strip()
    return f"{scheme}://{host}"
