"""GET /documents, /documents/{id}, /documents/{id}/pages/{n}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from raadslens.search_api.answers import documents as docs
from raadslens.search_api.web.deps import StoreDep
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
    return docs.document(store, doc_id)


@router.get("/{doc_id}/pdf", response_class=FileResponse)
def get_pdf(store: StoreDep, doc_id: str) -> FileResponse:
    """The original PDF, by id (the server's path is never shown)."""
    path = docs.pdf_path(store, doc_id)
    return FileResponse(path, media_type="application/pdf", filename=path.name)


@router.get("/{doc_id}/pages/{number}")
def get_page(store: StoreDep, doc_id: str, number: PageNumber) -> dict[str, Any]:
    return docs.page(store, doc_id, number)
