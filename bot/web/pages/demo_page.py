"""GET /: the demo page of each company's website (/?company=OK, /?company=OJCO).

Each page embeds the widget exactly as a site owner would, with one ``<script>`` tag,
and shows that tag as text so it can be copied. Without ``company`` the page links to
both demos.
"""
from __future__ import annotations

import html

from aiohttp import web

from actions.catalogue import COMPANIES, COMPANY, LANGUAGES, display_names
from bot.web import app_keys
from bot.web.pages.page_origin import public_origin


def embed_snippet(origin: str, company: str, lang: str) -> str:
    """The one tag a site owner puts on their page."""
    return (
        f'<script src="{html.escape(origin)}/widget/widget.js" data-company="{company}" '
        f'data-lang="{lang}" data-server="{html.escape(origin)}" defer></script>'
    )


def _page(title: str, body: str, extra: str = "") -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        '<link rel="icon" href="data:,">\n<link rel="stylesheet" href="/static/page.css">\n</head>\n<body>\n'
        f"{body}\n{extra}\n</body>\n</html>\n"
    )


def _nav(current: str) -> str:
    links = []
    for company, name in display_names().items():
        mark = ' aria-current="page"' if company == current else ""
        links.append(f'<a href="/?company={company}"{mark}>{html.escape(name)}</a>')
    return '<nav class="demo-nav" aria-label="Demo pages">' + " ".join(links) + "</nav>"


def render_demo(origin: str, company: str, lang: str) -> str:
    """The demo page of ``company`` with the widget embedded in ``lang``."""
    snippet = embed_snippet(origin, company, lang)
    name = COMPANY[company].display_name
    languages = " ".join(
        f'<a href="/?company={company}&amp;lang={code}"'
        + (' aria-current="true"' if code == lang else "")
        + f">{code}</a>"
        for code in LANGUAGES
    )
    body = (
        f"<header>{_nav(company)}</header>\n<main class=\"page\">\n"
        f"<h1>{html.escape(name)}: chat demo</h1>\n"
        f"<p>This page embeds the privacy-policy chat exactly as {html.escape(name)}'s website "
        "would, with the one tag below. Open the chat with the button in the lower right corner.</p>\n"
        f"<pre><code>{html.escape(snippet)}</code></pre>\n"
        f"<p>Widget language: {languages}</p>\n"
        f'<p>The policy the chat answers about: <a href="/policy/{company}">{html.escape(name)}</a>.</p>\n'
        "</main>"
    )
    return _page(f"{name}: chat demo", body, snippet)


def render_index() -> str:
    """The page linking to both demos."""
    items = "".join(
        f'<li><a href="/?company={company}">{html.escape(name)}</a></li>'
        for company, name in display_names().items()
    )
    body = (
        '<main class="page">\n<h1>Privacy-policy chat: demo pages</h1>\n'
        f"<p>Each company's demo page embeds the chat widget.</p>\n<ul>{items}</ul>\n</main>"
    )
    return _page("Privacy-policy chat: demo pages", body)


async def demo(request: web.Request) -> web.Response:
    """GET / and GET /?company=OK|OJCO[&lang=da|sv|en]."""
    config = request.app[app_keys.CONFIG]
    company = request.query.get("company", "").strip().upper()
    if not company:
        return web.Response(text=render_index(), content_type="text/html")
    if company not in COMPANIES:
        known = " or ".join(f'<a href="/?company={c}">{c}</a>' for c in COMPANIES)
        return web.Response(
            text=_page("Unknown company", f'<main class="page"><h1>Unknown company</h1><p>Use {known}.</p></main>'),
            content_type="text/html",
            status=400,
        )
    lang = request.query.get("lang", "").strip().lower()
    if lang not in LANGUAGES:
        lang = COMPANY[company].policy_language
    origin = public_origin(request, config.trust_proxy)
    return web.Response(text=render_demo(origin, company, lang), content_type="text/html")


def add_routes(app: web.Application) -> None:
    """Register GET /."""
    app.router.add_get("/", demo)
