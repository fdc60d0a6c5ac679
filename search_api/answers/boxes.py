"""Where each fact, citation and quote stands on its page: its boxes, from the page's stored word boxes.

Ingest stores every word's box in the page's blocks (`Block.words`: Tesseract's on an OCR page, PDFium's
on a text-layer page), so a span of a page's text is placed without the PDF: `models.document.span_boxes`.
A page stored before text-layer pages kept their word boxes has none: its spans get `boxes: null`
(ingest the file again to get them; the page view measures such a page when it is shown).
"""

from __future__ import annotations

from typing import Any

from raadslens.models.document import span_boxes
from raadslens.search_api.store import Store


def add_boxes(store: Store, data: Any, *, document_id: str | None = None) -> Any:
    """Give every cited place in `data` its `boxes`: each dict with a page and a character span
    (`page`, `start`, `end`, and `document_id` unless `document_id` is given for all), however deeply
    nested; a list of [x0, top, x1, bottom] in whole PDF points from the page's top left, one per line
    the span covers, or None where the page has no stored word boxes. A furniture span (`furniture`)
    is placed in its `block`. The pages' blocks are read at once (one query per document)."""
    places: list[tuple[dict[str, Any], str]] = []

    def walk(x: Any) -> None:
        if isinstance(x, list):
            for v in x:
                if isinstance(v, (dict, list)):
                    walk(v)
            return
        doc = x.get("document_id", document_id)
        if (isinstance(doc, str) and isinstance(x.get("page"), int) and isinstance(x.get("start"), int)
                and isinstance(x.get("end"), int) and "boxes" not in x):
            places.append((x, doc))
        for v in x.values():
            if isinstance(v, (dict, list)):
                walk(v)

    if isinstance(data, (dict, list)):
        walk(data)
    blocks = store.page_blocks({(doc, x["page"]) for x, doc in places}) if places else {}
    decoded: dict[int, list[Any]] = {}  # each block's word boxes, decoded once
    for x, doc in places:
        found = blocks.get((doc, x["page"]))
        block = x.get("block")
        x["boxes"] = (span_boxes(found, x["start"], x["end"], block if isinstance(block, int) else None, decoded)
                      if found and (isinstance(block, int) or not x.get("furniture")) else None)
    return data
