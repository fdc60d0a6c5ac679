"""Documents and pages as the API and the CLI show them: metadata, pages, blocks and mentions."""

from __future__ import annotations

from typing import Any

from raadslens.search_api.answers.errors import BadRequest, NotFound
from raadslens.search_api.store import Store

MAX_LIMIT = 1000


def documents(store: Store, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """One page of the documents (by date, then file name) and the `total` of all."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise BadRequest(f"limit moet 1 tot en met {MAX_LIMIT} zijn en offset 0 of meer "
                         f"(gekregen: limit={limit}, offset={offset})")
    every = store.list_documents()
    return {"total": len(every), "limit": limit, "offset": offset, "documents": every[offset: offset + limit]}


def document(store: Store, doc_id: str) -> dict[str, Any]:
    row = store.get_document(doc_id)
    if row is None:
        raise NotFound(f"no document with id {doc_id!r}; see GET /documents")
    doc: dict[str, Any] = dict(row)
    doc["pages"] = [
        {"number": p["number"], "ocr": p["ocr"], "url": f"/documents/{doc_id}/pages/{p['number']}"}
        for p in store.page_texts(doc_id)
    ]
    doc["mentions"] = [m.model_dump(mode="json") for m in store.get_mentions(doc_id)]
    return doc


def page(store: Store, doc_id: str, number: int) -> dict[str, Any]:
    row = store.get_page(doc_id, number)
    if row is None:
        raise NotFound(f"document {doc_id!r} has no page {number}")
    found: dict[str, Any] = dict(row)
    found["document_id"] = doc_id
    found["mentions"] = [m.model_dump(mode="json") for m in store.get_mentions(doc_id, page=number)]
    return found
