"""GET /documents, /documents/{id}, /documents/{id}/pages/{n}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from raadslens.ingest import wordboxes
from raadslens.search_api.answers import documents as docs
from raadslens.search_api.answers.boxes import add_boxes
from raadslens.search_api.answers.errors import NotFound
from raadslens.search_api.store import Store
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.pages import PDFIUM_LOCK
from raadslens.search_api.web.params import Offset, PageNumber

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("")
def list_documents(store: StoreDep,
                   limit: Annotated[int, Query(ge=1, le=docs.MAX_LIMIT, description="documents per page")] = 100,
                   offset: Offset = 0) -> dict[str, Any]:
    """One page of documents with the `total` of all."""
    return docs.documents(store, limit=limit, offset=offset)


@router.get("/{doc_id}")
def get_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """The document's metadata, pages (each with its `width` and `height` in PDF points, null when
    the original PDF is gone) and mentions, each mention with its `boxes` on its page (see
    GET /documents/{id}/pages/{n})."""
    doc = docs.document(store, doc_id)
    add_boxes(store, doc["mentions"], document_id=doc_id)
    sizes = _sizes(store, doc_id)
    for p in doc["pages"]:
        p["width"], p["height"] = sizes[p["number"] - 1] if p["number"] <= len(sizes) else (None, None)
    return doc


def _sizes(store: Store, doc_id: str) -> list[tuple[float, float]]:
    try:
        path = docs.pdf_path(store, doc_id)
    except NotFound:
        return []
    with PDFIUM_LOCK:
        return wordboxes.page_sizes(path)


@router.get("/{doc_id}/pdf", response_class=FileResponse)
def get_pdf(store: StoreDep, doc_id: str) -> FileResponse:
    """The original PDF, by id (the server's path is never shown)."""
    path = docs.pdf_path(store, doc_id)
    return FileResponse(path, media_type="application/pdf", filename=path.name)


@router.get("/{doc_id}/pages/{number}")
def get_page(store: StoreDep, doc_id: str, number: PageNumber) -> dict[str, Any]:
    """The page's text, blocks (each word's box in `words`) and mentions, each with its `boxes`, and the
    page's `width` and `height` in PDF points, read from the original PDF (null when it is gone).

    Boxes: every fact, citation and quote in the API's answers that has a page and a character span
    (`page`, `start`, `end`) carries `boxes`, a list of [x0, top, x1, bottom] in whole PDF points
    measured from the page's top left, one per line the span covers; draw them over the page scaled
    by the image's width / `width`. `boxes` is null when the page has no stored word boxes (stored by
    a raadslens that did not yet keep them for text-layer pages: ingest the file again)."""
    page = docs.page(store, doc_id, number)
    add_boxes(store, page["mentions"], document_id=doc_id)
    sizes = _sizes(store, doc_id)
    page["width"], page["height"] = sizes[number - 1] if number <= len(sizes) else (None, None)
    return page
