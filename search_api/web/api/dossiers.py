"""GET /dossiers and /dossiers/{id}: documents grouped by case, each dossier with its facts and timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from raadslens.search_api.answers import dossiers, timeline
from raadslens.search_api.answers.boxes import add_boxes
from raadslens.search_api.web import tijdlijn
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.errors import wants_html
from raadslens.search_api.web.params import Offset

router = APIRouter(prefix="/dossiers", tags=["dossiers"])


@router.get("")
def list_dossiers(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=dossiers.MAX_LIMIT)] = 50,
    offset: Offset = 0,
    min_documents: Annotated[int, Query(ge=1, description="only dossiers of at least this many documents")] = 1,
) -> dict[str, Any]:
    """One page of dossiers, oldest first, each with its documents (id, filename, title, date, role); `total` counts all."""
    return dossiers.dossiers(store, limit=limit, offset=offset, min_documents=min_documents)


@router.get("/{dossier_id}", response_model=None)
def get_dossier(request: Request, store: StoreDep, dossier_id: str) -> dict[str, Any] | HTMLResponse:
    """A dossier: its documents in order, why they belong together, its facts and its timeline
    (a browser asking for HTML gets the same dict as the Dutch dossier page)."""
    found = dossiers.get(store, dossier_id)
    data = {**dossiers.detail(store, found), "timeline": timeline.timeline(store, dossier=found.id)}
    return tijdlijn.dossier_page(request, data) if wants_html(request) else add_boxes(store, data)
