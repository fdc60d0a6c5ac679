"""GET /search: full-text search over page text, every hit cited to document and page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from raadslens.search_api.answers.search import MAX_LIMIT, search
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.params import MAX_QUERY, DateFrom, DateTo, Offset

router = APIRouter(tags=["search"])


@router.get("/search")
def search_route(
    store: StoreDep,
    q: Annotated[str, Query(max_length=MAX_QUERY, description='Words, "phrases", OR, -exclude. Dutch stemming.')],
    from_: DateFrom = None,
    to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="hits per page")] = 20,
    offset: Offset = 0,
) -> JSONResponse:
    # already plain JSON types: returned as is, without FastAPI's generic encoder (~1 ms)
    return JSONResponse(search(
        store, q, date_from=from_, date_to=to, limit=limit, offset=offset,
    ))
