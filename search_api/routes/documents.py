"""GET /documents, /documents/{id}, /documents/{id}/pages/{n}."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from raadslens.search_api import store
from raadslens.search_api.deps import ConnDep

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("")
def list_documents(conn: ConnDep) -> dict:
    return {"documents": store.list_documents(conn)}


@router.get("/{doc_id}")
def get_document(conn: ConnDep, doc_id: str) -> dict:
    doc = store.get_document(conn, doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}; see GET /documents")
    doc["pages"] = [
        {"number": r["number"], "ocr": bool(r["ocr"]), "url": f"/documents/{doc_id}/pages/{r['number']}"}
        for r in store.page_texts(conn, doc_id)
    ]
    doc["mentions"] = [m.model_dump(mode="json") for m in store.get_mentions(conn, doc_id)]
    return doc


@router.get("/{doc_id}/pages/{number}")
def get_page(conn: ConnDep, doc_id: str, number: int) -> dict:
    page = store.get_page(conn, doc_id, number)
    if page is None:
        raise HTTPException(404, f"document {doc_id!r} has no page {number}")
    page["document_id"] = doc_id
    page["mentions"] = [
        m.model_dump(mode="json") for m in store.get_mentions(conn, doc_id, page=number)
    ]
    return page
