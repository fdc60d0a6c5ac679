"""Accessibility of every page type (WCAG 2.1 AA): axe-core in Chromium, the keyboard, text alternatives.

The URLs are found through the API on the ingested corpus (a document with versions, a dossier,
an amount's page), never written down for one file.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from web_browser import axe_violations

HTML = {"Accept": "text/html"}


def _amount_page(client) -> str:
    a = client.get("/amounts", params={"limit": 1, "sort": "-amount"}).json()["amounts"][0]
    return f"/documenten/{a['document_id']}/pagina/{a['page']}?start={a['start']}&end={a['end']}"


def _version_step(client) -> str:
    html = client.get("/wijzigingen", headers=HTML).text
    return re.search(r'class="stap" href="([^"]+)"', html).group(1).replace("&amp;", "&")


def _dossier(client) -> str:
    return "/dossiers/" + next(d["id"] for d in client.get("/dossiers").json()["dossiers"] if d["document_count"] > 1)


def _q(path: str, q: str) -> str:
    return f"{path}?q={urllib.parse.quote(q)}"


PAGE_TYPES = {
    "start": lambda c: "/",
    "zoeken": lambda c: _q("/zoeken", "veilig thuis"),
    "zoeken-fout": lambda c: _q("/zoeken", '"<script>x'),
    "document": lambda c: "/documenten/" + c.get("/documents").json()["documents"][0]["id"],
    "pagina": _amount_page,
    "bedragen": lambda c: "/bedragen?sorteer=-bedrag",
    "wijzigingen": _version_step,
    "tijdlijn": lambda c: _q("/tijdlijn", "kerntakendiscussie"),
    "dossier": _dossier,
    "vraag": lambda c: _q("/vraag", "Wat veranderde er aan het VTT-bedrag tussen de versies?"),
    "vraag-niet-gevonden": lambda c: _q("/vraag", "Wie heeft het rapport over de kerntakendiscussie ondertekend?"),
    "404": lambda c: "/documenten/bestaatniet",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_or_critical_axe_violation(client, server, page, kind):
    path = PAGE_TYPES[kind](client)
    response = page.goto(server + path)
    assert response is not None and response.status in (200, 400, 404)
    assert page.evaluate("document.documentElement.lang") == "nl"
    if kind == "zoeken":
        assert page.locator(".hit").count() > 0  # the page with hits is the one tested
    if kind == "vraag-niet-gevonden":
        assert "Niet gevonden" in page.inner_text("main")
    violations = axe_violations(page)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == [], f"{path}: {bad}"


def test_skip_link_and_visible_focus(server, page):
    page.goto(server + _q("/zoeken", "veilig thuis"))
    page.keyboard.press("Tab")
    first = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent})")
    assert first == {"cls": "skiplink", "text": "Naar de inhoud"}
    box = page.locator(".skiplink").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # shown on the screen once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    # from the main content on, every stop the Tab key reaches shows a focus ring a sighted user can see
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return {tag: e.tagName, cls: e.className, style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
        if ring["tag"] == "BODY":
            break
        seen.append(ring)
    assert {"facet", "hit-link"} <= {r["cls"] for r in seen}  # the facets and the hits are reachable
    assert all(r["style"] != "none" and r["width"] >= 2 for r in seen), seen


def test_page_image_has_the_page_text_as_its_alternative(client, server, page):
    path = _amount_page(client)
    doc_id, number = re.search(r"/documenten/(\w+)/pagina/(\d+)", path).groups()
    text = client.get(f"/documents/{doc_id}/pages/{number}").json()["text"]
    page.goto(server + path)
    img = page.locator("img.paginabeeld")
    assert img.get_attribute("alt")
    described = page.locator("#" + img.get_attribute("aria-describedby")).inner_text()
    assert " ".join(described.split()) == " ".join(text.split()) and text.strip()
    # the image itself loaded (a broken image has no natural width)
    assert page.evaluate("document.querySelector('img.paginabeeld').naturalWidth") > 0
