"""/docs offline within the CSP, and the API's 422s in Dutch naming the parameter."""

from __future__ import annotations

import re

import pytest
from test_web_page import rendered_dom


def test_docs_render_offline_from_local_files(client, server):
    r = client.get("/docs")
    assert r.status_code == 200 and "content-security-policy" in r.headers
    assert "<script>" not in r.text and "style=" not in r.text  # no inline script or style
    sources = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert sources and all(s.startswith("/") for s in sources)  # nothing from another host
    for s in sources:
        assert client.get(s).status_code == 200
    dom = rendered_dom(f"{server}/docs")  # Chromium runs Swagger UI: the operations are drawn
    paths = set(re.findall(r'data-path="([^"]+)"', dom))
    assert {"/search", "/amounts", "/ask"} <= paths


@pytest.mark.parametrize("url, message", [
    ("/search?q=x&limit=abc", "limit moet een geheel getal zijn"),
    ("/search", "q ontbreekt"),
    ("/amounts?min=inf", "min moet een eindig getal zijn"),
    ("/amounts?from=2024", "from moet een datum zijn als JJJJ-MM-DD"),
    ("/amounts?recurrence=x", "recurrence moet een van deze waarden zijn: 'structural', 'incidental'"),
    ("/documents?offset=-1", "offset moet 0 of groter zijn"),
])
def test_validation_errors_are_dutch_and_name_the_parameter(client, url, message):
    r = client.get(url)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert any(message in e["msg"] for e in detail), detail
    assert all("loc" in e and "type" in e for e in detail)  # programs keep what they parsed
    page = client.get(url, headers={"Accept": "text/html"})
    assert page.status_code == 422
    assert message.replace("'", "&#x27;") in page.text or message in page.text
