"""GET /dossiers and /dossiers/{id}: documents grouped by case, each dossier with its facts and timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from raadslens.search_api.answers import dossiers, timeline
from raadslens.search_api.web.deps import StoreDep
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


@router.get("/{dossier_id}")
def get_dossier(store: StoreDep, dossier_id: str) -> dict[str, Any]:
    """A dossier: its documents in order, why they belong together, its facts and its timeline."""
    found = dossiers.get(store, dossier_id)
    return {**dossiers.detail(store, found), "timeline": timeline.timeline(store, dossier=found.id)}
