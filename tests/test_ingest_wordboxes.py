"""Word boxes: where each word of a block stands on its page, measured with PDFium and checked
against pdfplumber's words of the same PDF (an independent reader), on the real corpus."""

from __future__ import annotations

import pdfplumber
import pytest
from conftest import CORPUS

from raadslens.ingest import read_pdf
from raadslens.ingest.layout import word_boxes
from raadslens.ingest.lines import Line
from raadslens.ingest.wordboxes import block_words, page_lines
from raadslens.models.document import WORD_BOX_TOKEN, word_box_list

TEXT_PDFS = sorted(p for p in CORPUS.glob("*.pdf") if "scan" not in p.name)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


@pytest.mark.parametrize("pdf", TEXT_PDFS[:3], ids=lambda p: p.name[:40])
def test_text_layer_words_are_boxed_where_pdfplumber_sees_them(pdf):
    doc = read_pdf(pdf, ocr=False)
    tokens = boxed = agreed = checked = 0
    with pdfplumber.open(pdf) as plumber:
        for page in doc.pages[:4]:
            if page.ocr or page.needs_ocr:
                continue
            lines = page_lines(pdf, page.number)
            theirs = [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]))
                      for w in plumber.pages[page.number - 1].extract_words()]
            for b in page.blocks:
                words = WORD_BOX_TOKEN.findall(b.text)
                # measured now, as the page view measures a page stored without word boxes
                boxes = block_words(b.model_dump(exclude={"words"}), lines) or [None] * len(words)
                assert len(boxes) == len(words)
                tokens += len(words)
                for word, box in zip(words, boxes):
                    if box is None:
                        continue
                    boxed += 1
                    x0, top, x1, bottom = b.bbox
                    assert x0 - 2 <= box[0] < box[2] <= x1 + 2 and top - 2 <= box[1] < box[3] <= bottom + 2
                    same = [t for text, t in theirs if text == word]
                    if same:
                        checked += 1
                        area = (box[2] - box[0]) * (box[3] - box[1])
                        agreed += any(_overlap(box, t) >= 0.5 * area for t in same)
    assert tokens > 300 and boxed >= 0.95 * tokens, (boxed, tokens)
    assert checked > 0.8 * boxed and agreed >= 0.98 * checked, (agreed, checked)


def _line(words: list[tuple[str, int, int, int, int]]) -> Line:
    return Line(" ".join(w[0] for w in words), words[0][1], min(w[2] for w in words), words[-1][3],
                max(w[4] for w in words), words=words)


def test_stored_word_boxes_round_trip_with_a_hyphen_join_and_a_table_bar():
    # what OCR lines carry (Tesseract's word boxes): the block's text joins "verant-" + "woordelijk"
    first = _line([("De", 72, 100, 84, 110), ("gemeente", 87, 100, 130, 112), ("is", 133, 100, 140, 110),
                   ("verant-", 143, 100, 180, 110)])
    second = _line([("woordelijk", 72, 114, 120, 126), ("|", 125, 114, 126, 126), ("€", 130, 114, 136, 124),
                    ("5.000", 138, 114, 160, 124)])
    text = "De gemeente is verantwoordelijk | € 5.000"
    decoded = word_box_list(word_boxes(text, [first, second]) or [])
    assert WORD_BOX_TOKEN.findall(text) == ["De", "gemeente", "is", "verantwoordelijk", "€", "5.000"]
    assert decoded == [(72, 100, 84, 110), (87, 100, 130, 112), (133, 100, 140, 110), (143, 100, 180, 110),
                       (130, 114, 136, 124), (138, 114, 160, 124)]
    # a word the lines do not have gets no box, and the words after it still get theirs
    decoded = word_box_list(word_boxes("De gemeente niet is", [first]) or [])
    assert decoded == [(72, 100, 84, 110), (87, 100, 130, 112), None, (133, 100, 140, 110)]
    assert word_boxes("iets anders", [first]) is None  # nothing matched: no boxes at all


def test_ingest_stores_the_word_boxes_of_text_pages_as_the_page_view_measures_them():
    """Ingest keeps every text-layer word's box in the blocks (Block.words), the same boxes the page
    view would measure from the PDF, so facts are placed without the PDF."""
    doc = read_pdf(TEXT_PDFS[0], ocr=False, pages=[1, 2])
    stored = measured = 0
    for page in doc.pages:
        lines = page_lines(TEXT_PDFS[0], page.number)
        for b in page.blocks:
            if not b.words:
                continue
            stored += 1
            assert word_box_list(b.words) == block_words(b.model_dump(exclude={"words"}), lines)
            measured += 1
    assert stored >= 0.9 * sum(len(p.blocks) for p in doc.pages) and measured == stored
