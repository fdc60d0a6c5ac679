"""Documents and pages as the API and the CLI show them: metadata, pages, blocks and mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from raadslens.search_api.answers.errors import NotFound
from raadslens.search_api.answers.paging import check_page
from raadslens.search_api.store import Store

MAX_LIMIT = 1000


def documents(store: Store, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """One page of the documents (by date, then file name) and the `total` of all."""
    check_page(limit, offset, MAX_LIMIT)
    rows = store.list_documents(limit=limit, offset=offset)
    return {"total": store.count_documents(), "limit": limit, "offset": offset, "count": len(rows),
            "documents": rows}


def document(store: Store, doc_id: str) -> dict[str, Any]:
    row = store.get_document(doc_id)
    if row is None:
        raise NotFound(f"geen document met id {doc_id!r}; zie GET /documents")
    doc: dict[str, Any] = dict(row)
    # the server's file system stays private: the original PDF is served by id, not named by path
    del doc["path"]
    doc["pdf_url"] = f"/documents/{doc_id}/pdf"
    doc["pages"] = [
        {"number": p["number"], "ocr": p["ocr"], "url": f"/documents/{doc_id}/pages/{p['number']}"}
        for p in store.page_texts(doc_id)
    ]
    doc["mentions"] = [m.model_dump(mode="json") for m in store.get_mentions(doc_id)]
    return doc


def pdf_path(store: Store, doc_id: str) -> Path:
    """The stored original of a document, for download; a Dutch 404 when it is unknown or moved away."""
    row = store.get_document(doc_id)
    if row is None:
        raise NotFound(f"geen document met id {doc_id!r}; zie GET /documents")
    path = Path(row["path"])
    if not path.is_file():
        raise NotFound(f"het originele bestand van {row['filename']} is niet meer op de server aanwezig")
    return path


def page(store: Store, doc_id: str, number: int) -> dict[str, Any]:
    row = store.get_page(doc_id, number)
    if row is None:
        raise NotFound(f"document {doc_id!r} heeft geen pagina {number}")
    found: dict[str, Any] = dict(row)
    found["document_id"] = doc_id
    found["mentions"] = [m.model_dump(mode="json") for m in store.get_mentions(doc_id, page=number)]
    return found
