"""Amount mentions with their subject and citation, filtered; the same for the API and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from raadslens.models.text import context
from raadslens.search_api.answers.errors import BadRequest, check_dates
from raadslens.search_api.answers.paging import check_page
from raadslens.search_api.answers.subjects import resolve_subject
from raadslens.search_api.store import AMOUNT_SORTS, AmountFilter, Store
from raadslens.search_api.store.rows import MentionRow

RECURRENCES = ("structural", "incidental")


MAX_LIMIT = 1000  # rows per request; page on with offset (the CSV export has every row)
CSV_CHUNK = 1000


def _row(r: MentionRow) -> dict[str, Any]:
    value = r["value"] or {}
    return {
        "text": r["text"], "cents": value.get("cents"), "recurrence": value.get("recurrence"),
        "subject": r["subject"], "row": value.get("row"), "column": value.get("column"),
        "total": bool(value.get("total")), "document_id": r["document_id"],
        "document_title": r["title"] or r["filename"], "filename": r["filename"],
        "organisation": r["organisation"], "date": r["date"], "page": r["page"],
        "start": r["start"], "end": r["end"], "furniture": r["furniture"], "block": r["block"], "ocr": r["ocr"],
        "quote": context(r["page_text"], r["start"], r["end"]),
    }


def find_amounts(
    store: Store, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_cents: int | None = None,
    max_cents: int | None = None, recurrence: str | None = None, limit: int | None = 100, offset: int = 0,
) -> list[dict[str, Any]]:
    """Money mentions, each with a citation (document, page, span, quote); `subject` is canonical."""
    f = AmountFilter(subject, document, date_from, date_to, min_cents, max_cents, recurrence, limit, offset)
    return [_row(r) for r in store.money_mentions(f)]


def _filter(subject: str | None, document: str | None, date_from: str | None, date_to: str | None,
            min_eur: float | None, max_eur: float | None, recurrence: str | None,
            organisation: str | None = None, scenario: str | None = None, year: int | None = None,
            sort: str | None = None) -> AmountFilter:
    """A user's filter checked and resolved: a bad one is a `BadRequest`, never silently dropped."""
    check_dates(date_from=date_from, date_to=date_to)
    if recurrence is not None and recurrence not in RECURRENCES:
        raise BadRequest(f"recurrence={recurrence!r}: kies uit {', '.join(RECURRENCES)}")
    if sort is not None and sort.lstrip("-") not in AMOUNT_SORTS:
        raise BadRequest(f"sort={sort!r}: kies uit {', '.join(AMOUNT_SORTS)} (met - ervoor: aflopend)")
    if year is not None:  # the document's year: within the from/to range when both are given
        if not 1900 <= year <= 2100:
            raise BadRequest(f"year={year} kan niet: kies een jaar van 1900 tot en met 2100")
        date_from = max(date_from or "", f"{year}-01-01")
        date_to = min(date_to or "9999", f"{year}-12-31")
    return AmountFilter(
        resolve_subject(subject) if subject else None, document, date_from, date_to,
        round(min_eur * 100) if min_eur is not None else None,
        round(max_eur * 100) if max_eur is not None else None, recurrence,
        organisation=organisation or None, scenario=scenario or None, sort=sort or None,
    )


def amounts(
    store: Store, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_eur: float | None = None,
    max_eur: float | None = None, recurrence: str | None = None, limit: int = 100, offset: int = 0,
    organisation: str | None = None, scenario: str | None = None, year: int | None = None,
    sort: str | None = None,
) -> dict[str, Any]:
    """GET /amounts, `raadslens amounts` and the /bedragen page: one page of the matching amounts,
    the `total` of all that match and `sum_cents`, the sum of the amounts on this page."""
    check_page(limit, offset, MAX_LIMIT)
    f = _filter(subject, document, date_from, date_to, min_eur, max_eur, recurrence,
                organisation, scenario, year, sort)
    page = replace(f, limit=limit, offset=offset)
    rows = [_row(r) for r in store.money_mentions(page)]
    return {"total": store.count_money_mentions(f), "limit": limit, "offset": offset, "count": len(rows),
            "sum_cents": sum(r["cents"] for r in rows if r["cents"] is not None), "amounts": rows}


def every_amount(
    store: Store, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_eur: float | None = None,
    max_eur: float | None = None, recurrence: str | None = None,
    organisation: str | None = None, scenario: str | None = None, year: int | None = None,
    sort: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Every matching amount, read from the store a chunk at a time: the CSV export streams these.

    The filter is checked here, before the first row (a bad one raises at the call, not mid-stream)."""
    f = _filter(subject, document, date_from, date_to, min_eur, max_eur, recurrence,
                organisation, scenario, year, sort)
    return (_row(r) for chunk in store.iter_money_mentions(f, CSV_CHUNK) for r in chunk)
