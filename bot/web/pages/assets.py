"""The widget's files (bot/widget), served from memory, gzipped, with ETags.

Read once when the app is created: the files are small (the budget is 30 KB gzipped
in all) and serving from memory keeps the widget fast on a busy server.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Dict

from aiohttp import web

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"
# The demo and policy pages' stylesheet: not part of the widget or its size budget.
PAGE_STATIC_DIR = Path(__file__).resolve().parent / "static"
SERVED_SUFFIXES = (".js", ".css")


@dataclass(frozen=True)
class Asset:
    """One file, raw and gzipped."""

    body: bytes
    gzipped: bytes
    content_type: str
    etag: str


def load_assets(directory: Path = WIDGET_DIR) -> Dict[str, Asset]:
    """Every servable file of the widget, by file name."""
    assets = {}
    for path in sorted(directory.iterdir()):
        if path.suffix not in SERVED_SUFFIXES or not path.is_file():
            continue
        body = path.read_bytes()
        content_type = mimetypes.types_map.get(path.suffix, "application/octet-stream")
        assets[path.name] = Asset(
            body=body,
            gzipped=gzip.compress(body, compresslevel=9, mtime=0),
            content_type=f"{content_type}; charset=utf-8",
            etag='"' + hashlib.sha256(body).hexdigest()[:20] + '"',
        )
    return assets


def gzipped_size(assets: Dict[str, Asset]) -> int:
    """Bytes a browser downloads for the whole widget, gzipped."""
    return sum(len(a.gzipped) for a in assets.values())


def add_routes(app: web.Application, prefix: str, assets: Dict[str, Asset]) -> None:
    """GET {prefix}/{name} for each asset (prefix e.g. ``/widget``)."""

    async def serve(request: web.Request) -> web.Response:
        asset = assets.get(request.match_info["name"])
        if asset is None:
            raise web.HTTPNotFound()
        headers = {
            "ETag": asset.etag,
            # Not fingerprinted, so short-lived; revalidation is a cheap 304.
            "Cache-Control": "public, max-age=300",
            "Vary": "Accept-Encoding",
        }
        if asset.etag in request.headers.get("If-None-Match", ""):
            return web.Response(status=304, headers=headers)
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            body = asset.gzipped
        else:
            body = asset.body
        return web.Response(body=body, headers={**headers, "Content-Type": asset.content_type})

    app.router.add_get(prefix + "/{name}", serve)
