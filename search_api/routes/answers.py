"""GET /changes, /amounts, /ask, /timeline, /versions: the answers users come for, all cited."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from raadslens.models.subjects import canonical_name
from raadslens.search_api import amounts, ask, changes, store, timeline, versions
from raadslens.search_api.deps import ConnDep
from raadslens.search_api.query import QueryError, parse_query

router = APIRouter(tags=["answers"])


def _subject(name: str) -> str:
    canonical = canonical_name(name)
    if canonical is None:
        raise HTTPException(404, f"unknown subject {name!r}: use a name or abbreviation such as VTT, GGD, OZJT")
    return canonical


@router.get("/versions")
def list_versions(conn: ConnDep) -> dict:
    """Every version chain, oldest first."""
    return {"chains": versions.chains(conn)}


@router.get("/changes")
def get_changes(conn: ConnDep, subject: str | None = None, document: str | None = None) -> dict:
    """Changes per version step: for a subject (`subject=VTT`) or for one document against its previous version."""
    if subject:
        canonical = _subject(subject)
        return {"subject": {"canonical": canonical, "alias": subject},
                "changes": changes.changes_for_subject(conn, canonical)}
    if document:
        if store.get_document(conn, document) is None:
            raise HTTPException(404, f"no document with id {document!r}")
        result = changes.changes_for_document(conn, document)
        if result is None:
            raise HTTPException(404, f"document {document!r} has no previous version; see GET /versions")
        return result
    raise HTTPException(400, "give subject= (e.g. VTT) or document= (a document id)")


@router.get("/amounts", response_model=None)
def get_amounts(
    conn: ConnDep,
    subject: str | None = None,
    document: str | None = None,
    from_: Annotated[dt.date | None, Query(alias="from")] = None,
    to: dt.date | None = None,
    min: Annotated[float | None, Query(description="euros")] = None,
    max: Annotated[float | None, Query(description="euros")] = None,
    recurrence: Literal["structural", "incidental"] | None = None,
    format: Literal["json", "csv"] = "json",
) -> Response | dict:
    rows = amounts.find_amounts(
        conn, subject=_subject(subject) if subject else None, document=document,
        date_from=from_.isoformat() if from_ else None, date_to=to.isoformat() if to else None,
        min_cents=round(min * 100) if min is not None else None,
        max_cents=round(max * 100) if max is not None else None, recurrence=recurrence,
    )
    if format == "csv":
        return PlainTextResponse(amounts.to_csv(rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="amounts.csv"'})
    return {"count": len(rows), "amounts": rows}


@router.get("/ask")
def get_ask(conn: ConnDep, q: Annotated[str, Query(min_length=3)]) -> dict:
    try:
        return ask.answer(conn, q)
    except ask.Unanswerable as e:
        raise HTTPException(422, {"message": str(e), "can_answer": e.capabilities}) from e
    except QueryError as e:
        raise HTTPException(400, str(e)) from e


@router.get("/timeline", response_model=None)
def get_timeline(
    conn: ConnDep,
    q: str | None = None,
    subject: str | None = None,
    format: Literal["json", "timelinejs", "ics", "markdown"] = "json",
) -> Response | dict:
    if not q and not subject:
        raise HTTPException(400, "give q= (e.g. kerntakendiscussie) or subject=")
    try:
        terms = q if q else (_subject(subject) if subject else "")
        doc_ids = store.documents_matching(conn, parse_query(terms).match)
    except QueryError as e:
        raise HTTPException(400, str(e)) from e
    events, shifts = timeline.build_events(conn, doc_ids)
    title = f"Tijdlijn: {q or subject}"
    if format == "timelinejs":
        return JSONResponse(timeline.to_timelinejs(events, title))
    if format == "ics":
        return Response(timeline.to_ics(events, title), media_type="text/calendar; charset=utf-8")
    if format == "markdown":
        return PlainTextResponse(timeline.to_markdown(events, shifts, title), media_type="text/markdown; charset=utf-8")
    return {"query": q, "subject": subject, "documents": len(doc_ids), "events": events, "shifts": shifts}
