"""Real clicks in Chromium (Playwright) through the web pages on the ingested corpus.

search → facet → hit → page view (the highlight box lies over the word on the page image) →
bedragen → CSV download; wijzigingen; tijdlijn. With RAADSLENS_SCREENSHOTS=DIR (`make screenshots`)
each page type is also kept as a PNG in DIR.

Where a word is on the page is read from the original PDF with pdfplumber here, independently of
what ingest stored, so the box the page draws is checked against the PDF itself.
"""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from pathlib import Path

import pdfplumber
from web_browser import screenshot

from raadslens.models.normalize import WORD_RE, stem


def _overlap(a: dict, b: dict) -> float:
    """The area two screen boxes {x, y, width, height} share."""
    w = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(w, 0) * max(h, 0)


def _pdf_word_boxes(pdf: bytes, number: int, stems: set[str]) -> tuple[tuple[float, float], list[tuple]]:
    """The page size and the boxes (x0, top, x1, bottom; PDF points) of the words with these stems."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        p = doc.pages[number - 1]
        words = p.extract_words(keep_blank_chars=False, use_text_flow=True)
        boxes = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in words
                 if any(stem(m.group()) in stems for m in WORD_RE.finditer(w["text"]))]
        return (float(p.width), float(p.height)), boxes


def _on_screen(img: dict, size: tuple[float, float], box: tuple) -> dict:
    sx, sy = img["width"] / size[0], img["height"] / size[1]
    return {"x": img["x"] + box[0] * sx, "y": img["y"] + box[1] * sy,
            "width": (box[2] - box[0]) * sx, "height": (box[3] - box[1]) * sy}


def test_search_facet_hit_page_view_bedragen_csv(client, server, page):
    page.goto(server + "/")
    screenshot(page, "start")
    page.fill("#q", "veilig thuis")
    page.press("#q", "Enter")
    page.wait_for_url("**/zoeken?*")
    total = int(re.search(r"(\d+) resultaten", page.inner_text(".aantal")).group(1))
    assert total > 0 and page.locator(".hit mark").count() > 0
    screenshot(page, "zoeken")

    # a facet narrows the hits to the count it showed
    facet = page.locator("a.facet").first
    wanted = int(re.search(r"\((\d+)\)", facet.locator("xpath=..").inner_text()).group(1))
    facet.click()
    page.wait_for_load_state()
    assert f"{wanted} resultaten" in page.inner_text(".aantal") and "filter weghalen" in page.inner_text("main")

    # a hit from a text-layer page (the PDF has words to compare the box with)
    hits = page.locator("li.hit")
    chosen = next(i for i in range(hits.count()) if "OCR" not in hits.nth(i).locator(".meta").inner_text())
    hits.nth(chosen).locator("a.hit-link").click()
    page.wait_for_url("**/pagina/*")
    doc_id, number = re.search(r"/documenten/(\w+)/pagina/(\d+)", page.url).groups()
    marked = page.locator(".tekst mark").all_inner_texts()
    assert {stem("veilig"), stem("thuis")} <= {stem(w) for w in marked}
    assert "en" not in marked  # a subject's name is marked where it stands whole, not word by word
    page.wait_for_function("document.querySelector('img.paginabeeld').complete")
    assert page.evaluate("document.querySelector('img.paginabeeld').naturalWidth") > 0
    screenshot(page, "pagina")

    # every highlight box on the image lies on a word that is marked in the text: at least half of
    # its area is that word's (a box around the whole block or line would not be)
    pdf = client.get(f"/documents/{doc_id}/pdf").content
    size, words = _pdf_word_boxes(pdf, int(number), {stem(w) for w in marked})
    assert words
    img = page.locator("img.paginabeeld").bounding_box()
    boxes = [page.locator("rect.markering").nth(i).bounding_box() for i in range(page.locator("rect.markering").count())]
    assert boxes
    on_screen = [_on_screen(img, size, w) for w in words]
    for box in boxes:
        assert any(_overlap(box, w) >= 0.5 * box["width"] * box["height"] for w in on_screen), (box, on_screen)

    # bedragen: sorted by amount, and the CSV download holds exactly the shown rows
    page.click("header nav >> text=Bedragen")
    page.wait_for_url("**/bedragen")
    page.click("th a.sorteer >> text=Bedrag")
    page.wait_for_url("**sorteer=*")
    shown = page.locator("table.bedragen tbody tr").count()
    assert shown == 50
    screenshot(page, "bedragen")
    with page.expect_download() as info:
        page.click("a.csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == shown
    first_cell = page.locator("table.bedragen tbody tr td.bedrag").first.inner_text()
    sign, whole, cents = re.search(r"(-?)€ ([\d.]+),(\d\d)", first_cell).groups()
    assert round(float(rows[0]["amount"]) * 100) == (-1 if sign else 1) * (int(whole.replace(".", "")) * 100 + int(cents))


def test_wijzigingen_and_tijdlijn_by_clicks(client, server, page):
    page.goto(server + "/")
    page.click("header nav >> text=Wijzigingen")
    page.wait_for_url("**/wijzigingen")
    page.locator("a.stap").first.click()
    page.wait_for_url("**/wijzigingen?van=*")
    counts = page.inner_text("p.aantal")
    assert int(re.search(r"(\d+) gewijzigd", counts).group(1)) > 0
    assert page.locator("table.wijzigingen tbody tr.changed").count() > 0
    assert page.locator("p.diff del").count() > 0 and page.locator("p.diff ins").count() > 0
    screenshot(page, "wijzigingen")
    # the new side of a changed amount opens its page with that amount marked
    link = page.locator("tr.changed td.naar a.bron").first
    amount = link.inner_text()
    link.click()
    page.wait_for_url("**/pagina/*")
    assert amount in page.locator(".tekst mark").all_inner_texts()

    page.click("header nav >> text=Tijdlijn")
    page.wait_for_url("**/tijdlijn")
    page.fill("#t-q", "kerntakendiscussie")
    page.click("form.filters button")
    page.wait_for_url("**/tijdlijn?*")
    api = client.get("/timeline", params={"q": "kerntakendiscussie"}).json()
    assert page.locator("svg.tijdlijn circle.punt, svg.tijdlijn rect.periode").count() >= len(api["events"]) > 0
    assert page.locator("table.gebeurtenissen tbody tr").count() == len(api["events"])
    screenshot(page, "tijdlijn")
    # a dot on the axis is a link to its quote (mouse users click the drawing itself)
    page.locator("svg.tijdlijn a:has(circle.punt)").first.click()
    page.wait_for_url("**/pagina/*")
    assert page.locator(".tekst mark").count() > 0


def test_remaining_page_types_screenshots(client, server, page, documents):
    """The document page, a dossier, both outcomes of /vraag and the 404, as a user opens them."""
    doc = next(d for d in documents.values() if d["page_count"] > 1)
    page.goto(f"{server}/documenten/{doc['id']}")
    assert page.locator("a.pdf").count() == 1
    screenshot(page, "document")
    dossier = next(d for d in client.get("/dossiers").json()["dossiers"] if d["document_count"] > 1)
    page.goto(f"{server}/dossiers/{dossier['id']}")
    assert page.locator("svg.tijdlijn").count() == 1
    screenshot(page, "dossier")
    page.goto(server + "/vraag")
    page.fill("#vraag", "Wat veranderde er aan het VTT-bedrag tussen de versies?")
    page.press("#vraag", "Enter")
    page.wait_for_url("**/vraag?q=*")
    assert "983.000" in page.inner_text(".antwoord") and page.locator("li.cite").count() > 0
    screenshot(page, "vraag")
    page.goto(server + "/vraag?q=" + urllib.parse.quote("Wie heeft het rapport over de kerntakendiscussie ondertekend?"))
    assert "Niet gevonden" in page.inner_text(".antwoord")
    screenshot(page, "vraag-niet-gevonden")
    response = page.goto(server + "/documenten/bestaatniet")
    assert response is not None and response.status == 404 and "Niet gevonden" in page.inner_text("h1")
    screenshot(page, "404")
