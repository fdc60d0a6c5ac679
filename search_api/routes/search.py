"""GET /search: full-text search over page text, every hit cited to document and page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from raadslens.search_api.deps import ConnDep
from raadslens.search_api.query import QueryError
from raadslens.search_api.search import search

router = APIRouter(tags=["search"])


@router.get("/search")
def search_route(
    conn: ConnDep,
    q: Annotated[str, Query(description='Words, "phrases", OR, -exclude. Dutch stemming.')],
    from_: Annotated[dt.date | None, Query(alias="from", description="document date ≥")] = None,
    to: Annotated[dt.date | None, Query(description="document date ≤")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> JSONResponse:
    try:
        # already plain JSON types: returned as is, without FastAPI's generic encoder (~1 ms)
        return JSONResponse(search(
            conn, q, date_from=from_.isoformat() if from_ else None,
            date_to=to.isoformat() if to else None, limit=limit, offset=offset,
        ))
    except QueryError as e:
        raise HTTPException(status_code=400, detail=str(e)) from e
