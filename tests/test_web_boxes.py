"""Every fact in the API carries its boxes on the page, from the word boxes ingest stores: checked
against the original PDF read independently (pdfplumber's words on a text page, the rendered
page's ink on a scanned one), on both backends, through the real HTTP server."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from conftest import CORPUS

from raadslens.ingest import read_pdf
from raadslens.models.document import span_boxes
from raadslens.search_api.answers.boxes import add_boxes
from raadslens.search_api.store import open_store


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


def _area(b) -> float:
    return (b[2] - b[0]) * (b[3] - b[1])


def _text_document(documents: dict[str, dict]) -> dict:
    return next(d for name, d in sorted(documents.items()) if "eindrapport" in name and "concept" not in name)


def test_a_text_page_fact_is_boxed_on_its_words_as_pdfplumber_reads_them(client, documents):
    doc = client.get(f"/documents/{_text_document(documents)['id']}").json()
    pdf = client.get(doc["pdf_url"]).content
    mentions = [m for m in doc["mentions"] if not m["furniture"] and m["kind"] in ("money", "date", "zaaknummer")]
    assert len(mentions) > 50
    boxed = on_words = 0
    with pdfplumber.open(io.BytesIO(pdf)) as plumber:
        words = {n: plumber.pages[n - 1].extract_words() for n in {m["page"] for m in mentions}}
        for m in mentions:
            assert "boxes" in m
            if not m["boxes"]:
                continue
            boxed += 1
            # the words pdfplumber finds that share a piece of the mention's text ("€", "1.234", "2025")
            pieces = set(m["text"].split())
            theirs = [(w["x0"], w["top"], w["x1"], w["bottom"]) for w in words[m["page"]]
                      if w["text"] in pieces or any(p in w["text"] for p in pieces if len(p) > 2)]
            area = sum(_area(b) for b in m["boxes"])
            covered = sum(_overlap(b, t) for b in m["boxes"] for t in theirs)
            on_words += covered >= 0.5 * area
    assert boxed >= 0.95 * len(mentions), (boxed, len(mentions))
    assert on_words >= 0.95 * boxed, (on_words, boxed)


def test_a_scanned_page_fact_is_boxed_on_ink(client, documents):
    scan = next(d for name, d in documents.items() if "scan" in name)
    doc = client.get(f"/documents/{scan['id']}").json()
    ocr_pages = {p["number"] for p in doc["pages"] if p["ocr"]}
    mentions = [m for m in doc["mentions"] if m["page"] in ocr_pages and not m["furniture"]]
    assert mentions and all("boxes" in m for m in mentions)
    boxed = [m for m in mentions if m["boxes"]]
    assert len(boxed) >= 0.9 * len(mentions), (len(boxed), len(mentions))
    pdf = pdfium.PdfDocument(client.get(doc["pdf_url"]).content)
    inked = 0
    for m in boxed[:40]:
        page = pdf[m["page"] - 1]
        scale = 2.0
        image = page.render(scale=scale, grayscale=True).to_pil()
        box = m["boxes"][0]
        crop = image.crop(tuple(round(v * scale) for v in box))
        dark = sum(1 for v in crop.get_flattened_data() if v < 128) / max(1, crop.width * crop.height)
        # the same box moved into the page's left margin, where nothing is written
        blank = image.crop((0, round(box[1] * scale), round(10 * scale), round(box[3] * scale)))
        margin = sum(1 for v in blank.get_flattened_data() if v < 128) / max(1, blank.width * blank.height)
        inked += dark > 0.05 and dark > 3 * margin
    pdf.close()
    assert inked >= 0.9 * min(40, len(boxed)), inked


def test_every_answer_carries_the_same_boxes_as_its_mention(client, documents):
    doc = client.get(f"/documents/{_text_document(documents)['id']}").json()
    by_place = {(m["page"], m["start"], m["end"]): m["boxes"] for m in doc["mentions"] if not m["furniture"]}
    amounts = client.get("/amounts", params={"document": doc["id"], "limit": 200}).json()["amounts"]
    assert amounts
    for a in amounts:
        if not a["furniture"]:
            assert a["boxes"] == by_place[(a["page"], a["start"], a["end"])]
    assert sum(bool(a["boxes"]) for a in amounts) >= 0.95 * len(amounts)
    proposals = client.get("/proposals", params={"document": doc["id"]}).json()["proposals"]
    assert all("boxes" in p for p in proposals)
    answer = client.get("/ask", params={"q": "Met hoeveel worden de budgetten voor forensische geneeskunde verhoogd?"}).json()
    assert answer["answered"]
    cited = [c for c in answer["citations"] if c.get("start") is not None]
    assert cited and all(c["boxes"] and all(len(b) == 4 and b[0] < b[2] and b[1] < b[3] for b in c["boxes"])
                         for c in cited)
    events = client.get("/timeline", params={"q": "kerntakendiscussie", "limit": 20}).json()["events"]
    assert any(c.get("boxes") for ev in events for c in ev["citations"])


def test_the_page_has_its_size_and_its_mentions_boxes(client, documents):
    doc = _text_document(documents)
    page = client.get(f"/documents/{doc['id']}/pages/2").json()
    pdf = client.get(f"/documents/{doc['id']}/pdf").content
    with pdfplumber.open(io.BytesIO(pdf)) as plumber:
        assert (page["width"], page["height"]) == pytest.approx((plumber.pages[1].width, plumber.pages[1].height))
    listed = client.get(f"/documents/{doc['id']}").json()["pages"][1]
    assert (listed["width"], listed["height"]) == (page["width"], page["height"])
    for m in page["mentions"]:
        for x0, top, x1, bottom in m["boxes"] or []:
            assert 0 <= x0 < x1 <= page["width"] and 0 <= top < bottom <= page["height"]


def test_a_page_stored_without_word_boxes_says_null(tmp_path):
    """A database from before text-layer pages kept their word boxes: its facts' boxes are null."""
    pdf = next(p for p in sorted(CORPUS.glob("*.pdf")) if "raadsinformatiebrief" in p.name)
    doc = read_pdf(pdf, ocr=False)
    assert any(b.words for p in doc.pages for b in p.blocks)
    for p in doc.pages:
        for b in p.blocks:
            b.words = None
    store = open_store(tmp_path / "old.db")
    try:
        store.save_document(doc)
        page = store.get_page(doc.id, 1)
        assert page is not None and page["text"]
        facts = [{"document_id": doc.id, "page": 1, "start": 0, "end": 10},
                 {"document_id": doc.id, "page": 999, "start": 0, "end": 10}]
        add_boxes(store, {"facts": facts})
        assert [f["boxes"] for f in facts] == [None, None]
    finally:
        store.close()


def test_span_boxes_join_a_line_and_split_at_a_line_break():
    # "Het budget is" on one line, "€ 5.000" on the next (word boxes delta-coded as Block.words)
    text = "Het budget is € 5.000"
    boxes = [(10, 100, 30, 110), (35, 100, 70, 110), (75, 100, 85, 110), (10, 114, 16, 124), (20, 114, 50, 124)]
    words: list[int] = []
    px1 = ptop = 0
    for x0, top, x1, bottom in boxes:
        words += (x0 - px1, top - ptop, x1 - x0, bottom - top)
        px1, ptop = x1, top
    block = {"text": text, "start": 5, "end": 5 + len(text), "words": words}
    assert span_boxes([block], 5 + 4, 5 + 21) == [[35, 100, 85, 110], [10, 114, 50, 124]]
    assert span_boxes([block], 5 + 15, 5 + 21) == [[20, 114, 50, 124]]
    assert span_boxes([block], 0, 3) is None  # before the block
    assert span_boxes([dict(block, start=None)], 0, 3, block=0) == [[10, 100, 30, 110]]  # furniture: its own text


def test_the_openapi_schema_describes_the_boxes():
    from raadslens.search_api.web.app import create_app

    paths = create_app(":memory:").openapi()["paths"]
    for path in ("/amounts", "/proposals", "/ask", "/timeline", "/documents/{doc_id}/pages/{number}"):
        assert "`boxes`" in paths[path]["get"]["description"], path
    assert "[x0, top, x1, bottom]" in paths["/documents/{doc_id}/pages/{number}"]["get"]["description"]
