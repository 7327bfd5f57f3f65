"""GET /policy/{company}: the company's privacy policy, the text the widget's notice links to.

The texts are the policies as published (bot/web/pages/policies/*.txt); they are shown as
plain paragraphs with the numbered section titles as headings.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import List

from aiohttp import web

from actions.catalogue import COMPANIES, COMPANY

POLICY_DIR = Path(__file__).resolve().parent / "policies"
_SECTION = re.compile(r"^\d+\.\s+\S")
_SUBSECTION = re.compile(r"^\d+\.\d+\.?\s+\S")
MAX_HEADING_CHARS = 90


def _section_id(heading: str) -> str:
    """ "4.1 Kreditvurdering" -> "section-4.1"; "4. Videregivelse" -> "section-4"."""
    return "section-" + re.match(r"[\d.]+", heading).group(0).rstrip(".")


def render_policy(company: str, text: str) -> str:
    """The policy as an HTML page (every piece of text escaped)."""
    blocks: List[str] = []
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    title = html.escape(paragraphs[0]) if paragraphs else html.escape(COMPANY[company].display_name)
    for paragraph in paragraphs[1:]:
        escaped = html.escape(paragraph).replace("\n", "<br>")
        short = len(paragraph) <= MAX_HEADING_CHARS and "\n" not in paragraph
        # Headings carry id="section-<number>" so an answer's "afsnit 4.1" can link straight to it.
        if short and _SECTION.match(paragraph):
            blocks.append(f'<h2 id="{_section_id(paragraph)}">{escaped}</h2>')
        elif short and _SUBSECTION.match(paragraph):
            blocks.append(f'<h3 id="{_section_id(paragraph)}">{escaped}</h3>')
        else:
            blocks.append(f"<p>{escaped}</p>")
    return (
        f'<!doctype html>\n<html lang="{COMPANY[company].policy_language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        '<link rel="icon" href="data:,">\n<link rel="stylesheet" href="/static/page.css">\n</head>\n<body>\n<main class="page">\n'
        f"<h1>{title}</h1>\n" + "\n".join(blocks) + "\n</main>\n</body>\n</html>\n"
    )


def add_routes(app: web.Application) -> None:
    """GET /policy/OK and /policy/OJCO."""
    pages = {
        company: render_policy(company, (POLICY_DIR / f"{company}.txt").read_text(encoding="utf-8"))
        for company in COMPANIES
    }

    async def policy(request: web.Request) -> web.Response:
        page = pages.get(request.match_info["company"].upper())
        if page is None:
            raise web.HTTPNotFound()
        return web.Response(text=page, content_type="text/html", headers={"Cache-Control": "public, max-age=3600"})

    app.router.add_get("/policy/{company}", policy)
