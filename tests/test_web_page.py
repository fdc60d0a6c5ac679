"""The Dutch web pages against the real server on the corpus: over HTTP, and in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import urllib.parse

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HTML = {"Accept": "text/html"}


def rendered_dom(url: str) -> str:
    """The DOM as Chromium renders it (no script is needed by the pages)."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (make system-deps installs it)")
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def links(html: str, cls: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(rf'class="{cls}" href="([^"]+)"', html)]


def test_start_page_has_search_and_ask(client):
    r = client.get("/", headers=HTML)
    assert r.status_code == 200 and '<html lang="nl">' in r.text
    assert 'action="/zoeken"' in r.text and 'action="/vraag"' in r.text
    assert "<script" not in r.text and "style=" not in r.text  # the CSP allows neither inline


def test_search_facet_hit_page_view(client, server):
    dom = rendered_dom(f"{server}/zoeken?q={urllib.parse.quote('veilig thuis')}")
    found = re.search(r'class="aantal">(\d+) resultaten', dom)
    assert found and int(found.group(1)) > 0
    assert "<mark>" in dom and "p. " in dom
    facets = links(dom, "facet")
    assert facets
    # a facet narrows: its count is the number of hits it leaves
    wanted = int(re.search(r'class="facet" href="[^"]+">[^<]+</a> \((\d+)\)', dom).group(1))
    narrowed = client.get(facets[0], headers=HTML).text
    assert f'class="aantal">{wanted} resultaten' in narrowed
    hit = links(narrowed, "hit-link")[0]
    page = client.get(hit, headers=HTML)
    assert page.status_code == 200 and "<mark>" in page.text
    img = re.search(r'<img class="paginabeeld" src="([^"]+)"', page.text).group(1)
    png = client.get(img)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "max-age" in png.headers["cache-control"]
    # the box lies inside the page: the viewBox is the page in PDF points
    vb = [float(x) for x in re.search(r'viewBox="([^"]+)"', page.text).group(1).split()]
    rects = re.findall(r'<rect class="markering" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"',
                       page.text)
    assert rects
    x, y, w, h = (float(v) for v in rects[0])
    assert 0 <= x < vb[2] and 0 <= y < vb[3] and w > 0 and h > 0 and x + w <= vb[2] + 1 and y + h <= vb[3] + 1


def test_folded_versions_are_one_hit(client):
    html = client.get("/zoeken", params={"q": "kerntakendiscussie"}, headers=HTML).text
    assert "2 versies" in html


def test_document_page_lists_facts_and_the_original(client, documents):
    doc = next(iter(documents.values()))
    r = client.get(f"/documenten/{doc['id']}", headers=HTML)
    assert r.status_code == 200 and f'href="/documents/{doc["id"]}/pdf"' in r.text
    assert client.get(f"/documents/{doc['id']}/pdf").content[:4] == b"%PDF"


def test_answered_question(server):
    q = "Wat veranderde er aan het VTT-bedrag tussen de versies?"
    dom = rendered_dom(f"{server}/vraag?q={urllib.parse.quote(q)}")
    assert "983.000" in dom and "850.000" in dom
    assert 'class="cite"' in dom and "/pagina/" in dom and "Niet gevonden" not in dom


def test_unanswered_question_shows_nearest_sources(client):
    r = client.get("/vraag", params={"q": "Wie heeft het rapport over de kerntakendiscussie ondertekend?"},
                   headers=HTML)
    assert r.status_code == 200 and "Niet gevonden" in r.text and "Dichtstbijzijnde bronnen" in r.text


def test_malformed_query_is_explained_and_input_escaped(client):
    r = client.get("/zoeken", params={"q": '"<script>x'}, headers=HTML)
    assert r.status_code == 400 and 'class="error"' in r.text
    assert "<script>x" not in r.text and "&lt;script&gt;x" in r.text


def test_unknown_document_and_page_are_a_dutch_404(client, server, documents):
    dom = rendered_dom(f"{server}/documenten/bestaatniet")
    assert "Niet gevonden" in dom and '<html lang="nl">' in dom
    doc = next(iter(documents.values()))
    assert client.get(f"/documenten/{doc['id']}/pagina/9999", headers=HTML).status_code == 404
    assert client.get(f"/documenten/{doc['id']}/pagina/9999.png").status_code == 404


def test_a_mentions_box_is_its_words_not_its_block(client):
    """Each amount's page view boxes the amount itself: where pdfplumber finds that text on the page."""
    import io

    import pdfplumber

    amounts = [a for a in client.get("/amounts", params={"limit": 200}).json()["amounts"] if not a["ocr"]]
    checked = 0
    pdfs: dict[str, bytes] = {}
    for a in amounts[::10][:12]:
        html = client.get(f"/documenten/{a['document_id']}/pagina/{a['page']}",
                          params={"start": a["start"], "end": a["end"]}, headers=HTML).text
        rects = [tuple(float(v) for v in r) for r in re.findall(
            r'<rect class="markering" x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)"', html)]
        assert rects, a
        if a["document_id"] not in pdfs:
            pdfs[a["document_id"]] = client.get(f"/documents/{a['document_id']}/pdf").content
        with pdfplumber.open(io.BytesIO(pdfs[a["document_id"]])) as pdf:
            found = [(m["x0"], m["top"], m["x1"], m["bottom"])
                     for m in pdf.pages[a["page"] - 1].search(a["text"], regex=False, case=True)]
        if not found or len(rects) != 1:
            continue  # the text is spelled otherwise in the PDF's own reading, or runs over two lines
        x, y, w, h = rects[0]
        covered = max(max(0.0, min(x + w, f[2]) - max(x, f[0])) * max(0.0, min(y + h, f[3]) - max(y, f[1]))
                      for f in found)
        assert covered >= 0.5 * w * h, (a["text"], rects[0], found)
        checked += 1
    assert checked >= 5
