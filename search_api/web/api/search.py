"""GET /search: full-text search over page text, every hit cited to document and page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from raadslens.search_api.answers.search import search
from raadslens.search_api.web.deps import StoreDep

router = APIRouter(tags=["search"])


@router.get("/search")
def search_route(
    store: StoreDep,
    q: Annotated[str, Query(description='Words, "phrases", OR, -exclude. Dutch stemming.')],
    from_: Annotated[dt.date | None, Query(alias="from", description="document date ≥")] = None,
    to: Annotated[dt.date | None, Query(description="document date ≤")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JSONResponse:
    # already plain JSON types: returned as is, without FastAPI's generic encoder (~1 ms)
    return JSONResponse(search(
        store, q, date_from=from_.isoformat() if from_ else None,
        date_to=to.isoformat() if to else None, limit=limit, offset=offset,
    ))
