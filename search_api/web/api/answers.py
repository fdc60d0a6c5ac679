"""GET /changes, /amounts, /ask, /timeline, /versions: the answers users come for, all cited."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from raadslens.search_api import ask
from raadslens.search_api.answers import amounts, changes, formats, proposals, timeline, versions
from raadslens.search_api.answers.boxes import add_boxes
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.params import MAX_QUERY, DateFrom, DateTo, Euros, Offset

router = APIRouter(tags=["answers"])
AmountSort = Literal["date", "-date", "amount", "-amount", "document", "-document", "subject", "-subject"]


def _rendered(view: str, fmt: str, data: dict[str, Any]) -> Response | dict[str, Any]:
    if fmt == "json":
        return data
    media_type, text = formats.render(view, fmt, data)
    found = formats.FORMATS[(view, fmt)]
    headers = {"Content-Disposition": f'attachment; filename="{found.filename}"'} if found.filename else None
    return Response(text, media_type=media_type, headers=headers)


@router.get("/versions")
def list_versions(store: StoreDep) -> dict[str, Any]:
    """Every version chain, oldest first."""
    return versions.versions(store)


@router.get("/changes")
def get_changes(
    store: StoreDep, subject: str | None = None, document: str | None = None,
    against: Annotated[str | None, Query(description="compare `document` with this document instead of "
                                                     "its previous version")] = None,
) -> dict[str, Any]:
    """Changes per version step: for a subject (`subject=VTT`) or for one document against its previous
    version (or against the document `against`)."""
    return add_boxes(store, changes.changes(store, subject=subject, document=document, against=against))


@router.get("/amounts", response_model=None)
def get_amounts(
    store: StoreDep,
    subject: str | None = None,
    document: str | None = None,
    from_: DateFrom = None,
    to: DateTo = None,
    min: Euros = None,
    max: Euros = None,
    recurrence: Literal["structural", "incidental"] | None = None,
    format: Literal["json", "csv"] = "json",
    limit: Annotated[int, Query(ge=1, le=amounts.MAX_LIMIT, description="amounts per page (JSON; CSV has every row)")] = 100,
    offset: Offset = 0,
    organisation: Annotated[str | None, Query(max_length=200, description="the document's organisation")] = None,
    scenario: Annotated[str | None, Query(max_length=200, description="words in the table column label")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="the document's year")] = None,
    sort: Annotated[AmountSort | None, Query(description="order by this; '-' first: descending")] = None,
) -> Response | dict[str, Any]:
    """One page of amounts with the `total` of all that match and the `sum_cents` of the page, each
    with its `boxes` on its page (see GET /documents/{id}/pages/{n}); `format=csv` streams every row
    (without boxes)."""
    filters: dict[str, Any] = dict(
        subject=subject, document=document, date_from=from_, date_to=to, min_eur=min, max_eur=max, recurrence=recurrence,
        organisation=organisation, scenario=scenario, year=year, sort=sort)
    if format == "csv":
        # a bad filter raises here, before the response has started; the rows are read as they are sent
        chunks = formats.amounts_csv_chunks(amounts.every_amount(store, **filters))
        return StreamingResponse(chunks, media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="amounts.csv"'})
    return add_boxes(store, amounts.amounts(store, **filters, limit=limit, offset=offset))


@router.get("/proposals")
def get_proposals(
    store: StoreDep, document: str | None = None, subject: str | None = None,
    limit: Annotated[int, Query(ge=1, le=proposals.MAX_LIMIT)] = 100, offset: Offset = 0,
) -> dict[str, Any]:
    """Proposals with their options, scenarios and effects, each cited with its `boxes` on its page;
    filter by document or subject words."""
    return add_boxes(store, proposals.proposals(store, document=document, subject=subject, limit=limit, offset=offset))


@router.get("/ask")
def get_ask(store: StoreDep, q: Annotated[str, Query(min_length=3, max_length=MAX_QUERY)]) -> dict[str, Any]:
    """The cited answer to a question; every fact and citation with a span has its `boxes` on its page
    (see GET /documents/{id}/pages/{n})."""
    return add_boxes(store, ask.answer(store, q))


@router.get("/timeline", response_model=None)
def get_timeline(
    store: StoreDep,
    q: str | None = None,
    subject: str | None = None,
    dossier: Annotated[str | None, Query(description="a dossier id (GET /dossiers): only its documents")] = None,
    format: Literal["json", "timelinejs", "ics", "markdown"] = "json",
    limit: Annotated[int | None, Query(ge=1, le=timeline.MAX_LIMIT)] = None,
    offset: Offset = 0,
) -> Response | dict[str, Any]:
    """The events with the `total`, each citation with its `boxes` on its page (JSON); `limit`/`offset`
    page them (a calendar export takes all by default)."""
    data = timeline.timeline(store, q=q, subject=subject, dossier=dossier, limit=limit, offset=offset)
    return _rendered("timeline", format, add_boxes(store, data) if format == "json" else data)
