"""Amount mentions with their subject and citation, filtered; the same for the API and the CLI."""

from __future__ import annotations

import datetime as dt
from typing import Any

from raadslens.models.text import context
from raadslens.search_api.answers.errors import BadRequest
from raadslens.search_api.answers.subjects import resolve_subject
from raadslens.search_api.store import AmountFilter, Store

RECURRENCES = ("structural", "incidental")


def find_amounts(
    store: Store, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_cents: int | None = None,
    max_cents: int | None = None, recurrence: str | None = None, limit: int = 500,
) -> list[dict[str, Any]]:
    """Money mentions, each with a citation (document, page, span, quote); `subject` is canonical."""
    rows = store.money_mentions(AmountFilter(subject, document, date_from, date_to, min_cents, max_cents,
                                             recurrence, limit))
    out = []
    for r in rows:
        value = r["value"] or {}
        out.append({
            "text": r["text"], "cents": value.get("cents"), "recurrence": value.get("recurrence"),
            "subject": r["subject"], "row": value.get("row"), "column": value.get("column"),
            "total": bool(value.get("total")), "document_id": r["document_id"],
            "document_title": r["title"] or r["filename"], "date": r["date"], "page": r["page"],
            "start": r["start"], "end": r["end"], "ocr": r["ocr"],
            "quote": context(r["page_text"], r["start"], r["end"]),
        })
    return out


def amounts(
    store: Store, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_eur: float | None = None,
    max_eur: float | None = None, recurrence: str | None = None,
) -> dict[str, Any]:
    """GET /amounts and `raadslens amounts`: a user's subject name is resolved (unknown: `UnknownSubject`);
    a filter that cannot apply is a `BadRequest`, never silently dropped."""
    for name, value in (("from", date_from), ("to", date_to)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise BadRequest(f"{name}={value!r} is not a date: use YYYY-MM-DD, e.g. 2025-03-13") from None
    if recurrence is not None and recurrence not in RECURRENCES:
        raise BadRequest(f"recurrence={recurrence!r}: use one of {', '.join(RECURRENCES)}")
    rows = find_amounts(
        store, subject=resolve_subject(subject) if subject else None, document=document,
        date_from=date_from, date_to=date_to,
        min_cents=round(min_eur * 100) if min_eur is not None else None,
        max_cents=round(max_eur * 100) if max_eur is not None else None, recurrence=recurrence,
    )
    return {"count": len(rows), "amounts": rows}
