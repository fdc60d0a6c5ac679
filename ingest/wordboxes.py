"""Where each word of a block's text stands on its page: the boxes a fact, hit or answer is marked with.

Ingest keeps every word's box in `Block.words` (layout.word_boxes): PDFium's on a text-layer page
(`pdf.text_lines(words=True)`), Tesseract's on an OCR page. A page stored without them (by a
raadslens from before text-layer words were kept) is measured here when it is shown, from the same
PDFium text lines ingest reads.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from raadslens.ingest.layout import match_words
from raadslens.ingest.lines import Line
from raadslens.ingest.pdf import open_pdf, text_frame, text_lines
from raadslens.models.document import WORD_BOX_TOKEN, word_box_list

Box = tuple[int, int, int, int]
Word = tuple[str, int, int, int, int]


def page_lines(path: Path, number: int) -> list[Line]:
    """The text lines of page `number` (1-based) with their words' boxes; [] for no such page.
    PDFium is not thread-safe: the caller holds its lock."""
    doc = open_pdf(path)
    try:
        if not 1 <= number <= len(doc):
            return []
        page = doc[number - 1]
        try:
            tp = page.get_textpage()
            try:
                return text_lines(page, tp, text_frame(page, tp), words=True)
            finally:
                tp.close()
        finally:
            page.close()
    except pdfium.PdfiumError:
        return []
    finally:
        doc.close()


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """(width, height) in PDF points of every page as shown, without loading the pages ([] when the
    file cannot be read): what the boxes of a page's facts are scaled by. The caller holds the
    PDFium lock."""
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return []
    try:
        return [(float(w), float(h)) for w, h in (doc.get_page_size(i) for i in range(len(doc)))]
    finally:
        doc.close()


def page_size(path: Path, number: int) -> tuple[float, float] | None:
    """(width, height) of page `number` (1-based); None for no such page. The caller holds the lock."""
    sizes = page_sizes(path)
    return sizes[number - 1] if 1 <= number <= len(sizes) else None


def block_words(block: dict, lines: list[Line] | None) -> list[Box | None] | None:
    """A box (x0, top, x1, bottom; PDF points) or None for each word (WORD_BOX_TOKEN) of a block's
    text: the stored ones, else matched from `lines` (the page measured now) inside the block's
    bbox. None when neither gives any."""
    if block.get("words"):
        return word_box_list(block["words"])
    bbox = block.get("bbox")
    if not lines or not bbox:
        return None
    x0, top, x1, bottom = bbox
    inside: list[Word] = []
    for ln in lines:
        for w in ln.words or ():
            cx, cy = (w[1] + w[3]) / 2, (w[2] + w[4]) / 2
            if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
                inside.append(w)
    if not inside:
        return None
    matched = match_words(WORD_BOX_TOKEN.findall(block.get("text") or ""), inside)
    boxes = [(w[1], w[2], w[3], w[4]) if w else None for w in matched]
    return boxes if any(boxes) else None
