"""Feeds: Atom per search (/feeds/zoeken.atom) and per dossier, and the NDJSON change feed (/changes/feed)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse

from raadslens.search_api.alerts import feeds
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.params import MAX_OFFSET, Text

router = APIRouter(tags=["feeds"])

ATOM = "application/atom+xml; charset=utf-8"
Filter = Annotated[str | None, Query(max_length=200)]


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/feeds/zoeken.atom", response_class=Response)
def search_feed(request: Request, store: StoreDep, q: Text, organisatie: Filter = None, zaak: Filter = None,
                dossier: Filter = None, type: Filter = None) -> Response:
    """The documents a search finds (newest first, at most 50), each linking to its best page."""
    body = feeds.search_feed(store, q=q, organisation=organisatie, zaak=zaak, dossier=dossier, doc_type=type,
                             base_url=_base(request), self_url=str(request.url))
    return Response(body, media_type=ATOM)


@router.get("/feeds/dossiers/{dossier_id}.atom", response_class=Response)
def dossier_feed(request: Request, store: StoreDep, dossier_id: str) -> Response:
    """The documents of one dossier, newest first."""
    return Response(feeds.dossier_feed(store, dossier_id, base_url=_base(request), self_url=str(request.url)),
                    media_type=ATOM)


@router.get("/changes/feed", response_class=StreamingResponse)
def change_feed(
    store: StoreDep,
    since: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="the last cursor you saw; 0 from the beginning")] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many changes")] = 1000,
) -> StreamingResponse:
    """NDJSON, one change a line (cursor, at, entity, id, op; an added document with its facts; a removed one
    as a tombstone). Ask again with since=<the last cursor>; a cursor from the future is a 400."""
    feeds.check_cursor(store, since)
    return StreamingResponse(feeds.change_feed(store, since, limit), media_type="application/x-ndjson")
