"""Security headers on pages and API, and CORS only for configured origins."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.model]

SITE = "https://www.ok.dk"


async def test_pages_allow_own_scripts_and_styles_and_nothing_inline(client) -> None:
    response = await client.get("/?company=OK")
    assert response.status == 200
    csp = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    # The page itself has no inline script or style for the CSP to block.
    html = await response.text()
    assert "<script>" not in html and "<style" not in html and " style=" not in html


async def test_widget_files_can_be_loaded_by_other_sites(client) -> None:
    response = await client.get("/widget/widget.js", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("application/javascript")
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Encoding"] == "gzip"
    again = await client.get("/widget/widget.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status == 304


async def test_api_responses_are_not_cached(client) -> None:
    response = await client.post("/api/conversations", json={})
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_configured_origin_gets_cors_headers(make_client) -> None:
    client = await make_client(cors_origins=(SITE,))
    preflight = await client.options(
        "/api/conversations",
        headers={"Origin": SITE, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == SITE
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
    response = await client.post("/api/conversations", json={}, headers={"Origin": SITE})
    assert response.status == 201
    assert response.headers["Access-Control-Allow-Origin"] == SITE
    assert "Origin" in response.headers["Vary"]
    assert "Access-Control-Allow-Credentials" not in response.headers


async def test_other_origins_are_refused(make_client) -> None:
    client = await make_client(cors_origins=(SITE,))
    for method in ("OPTIONS", "POST"):
        response = await client.request(
            method,
            "/webhooks/rest/webhook",
            json={"sender": "cors-test", "message": "hej"},
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
        assert response.status == 403
        assert "Access-Control-Allow-Origin" not in response.headers


async def test_the_servers_own_origin_and_non_browser_clients_are_allowed(client) -> None:
    own = f"http://{client.host}:{client.port}"
    response = await client.post("/api/conversations", json={}, headers={"Origin": own})
    assert response.status == 201
    assert response.headers["Access-Control-Allow-Origin"] == own
    no_origin = await client.post("/api/conversations", json={})
    assert no_origin.status == 201 and "Access-Control-Allow-Origin" not in no_origin.headers


async def test_demo_pages_embed_the_widget_with_one_tag(client) -> None:
    for company, lang in (("OK", "da"), ("OJCO", "sv")):
        html = await (await client.get(f"/?company={company}")).text()
        tag = f'data-company="{company}" data-lang="{lang}"'
        assert html.count("/widget/widget.js") == 2  # the tag itself, and the same tag shown as text
        assert tag in html
    assert (await client.get("/?company=ACME")).status == 400
    index = await (await client.get("/")).text()
    assert "/?company=OK" in index and "/?company=OJCO" in index


async def test_policy_pages_are_served_as_escaped_text(client) -> None:
    ok = await client.get("/policy/OK")
    assert ok.status == 200 and "Persondatapolitik for OK a.m.b.a." in await ok.text()
    assert "180 dage" in await ok.text()
    ojco = await client.get("/policy/ojco")
    assert ojco.status == 200 and 'lang="sv"' in await ojco.text()
    assert (await client.get("/policy/ACME")).status == 404
