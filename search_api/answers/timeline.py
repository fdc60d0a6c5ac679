"""The timeline of a process: dated events with who, what, planned or happened, cited.

Events are built from date mentions whose sentence names an actor (AB, DB, raad,
college, ...) or an event word (besluit, beeldvormend, bijeenkomst, ...).
- planned or happened: a date after the citing document's own date is planned;
  one on or before it happened.
- one event, several citations: mentions of the same date and actor, in any
  document, are merged.
- shifts: for each document, the latest planned AB decision it names; when the
  next document plans another date, the move is a shift step.
"""

from __future__ import annotations

import re
from typing import Any

from raadslens.models.normalize import fold
from raadslens.models.text import context
from raadslens.search_api.answers.errors import BadRequest
from raadslens.search_api.answers.subjects import resolve_subject
from raadslens.search_api.search.query import parse_query
from raadslens.search_api.store import Store

ACTORS = [  # (label, pattern on folded text)
    ("AB", r"\bab\b|algemeen bestuur|bestuurdersdag|ab-vergadering"),
    ("DB", r"\bdb\b|dagelijks bestuur"),
    ("raad", r"\braad\b|\braden\b|raadsleden|raadsbijeenkomst|radenbijeenkomst|gemeenteraad|raadsvergadering"),
    ("college", r"\bcollege\b|b&w|burgemeester en wethouders"),
    ("begeleidingscommissie", r"begeleidingscommissie"),
]
KINDS = [  # most specific first
    ("besluit", r"besluit|besluiten|besloten|besluitvorming|vastgesteld|vaststellen"),
    ("oordeelsvormende bespreking", r"oordeelsvormend|opinierend"),
    ("beeldvormende bespreking", r"beeldvormend"),
    ("bijeenkomst", r"bijeenkomst|vergadering|bespreking|bestuurdersdag|overleg"),
    ("informatie", r"geinformeerd|informeren|brief|aangeboden|ontvangen"),
]
_ACTORS = [(label, re.compile(p)) for label, p in ACTORS]
_KINDS = [(label, re.compile(p)) for label, p in KINDS]


def actor(folded: str) -> str | None:
    """The first actor (AB, DB, raad, …) named in folded text."""
    return next((label for label, rx in _ACTORS if rx.search(folded)), None)


def classify(sentence: str) -> tuple[str | None, str | None]:
    f = fold(sentence)
    who = actor(f)
    kind = next((label for label, rx in _KINDS if rx.search(f)), None)
    return who, kind


Event = dict[str, Any]


def build_events(store: Store, doc_ids: list[str]) -> tuple[list[Event], list[Event]]:
    """(events, shifts) for the given documents."""
    events: dict[tuple[str, str, str | None], Event] = {}
    planned_decisions: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for r in store.date_mentions(doc_ids):
        value = r["value"] or {}
        if value["granularity"] in ("year", "half") or value["end"] > "9000":
            continue
        quote = context(r["page_text"], r["start"], r["end"])
        who, kind = classify(quote)
        if who is None and kind is None:
            continue
        status = "planned" if r["date"] and value["start"] > r["date"] else "happened"
        citation = {
            "document_id": r["document_id"], "document_title": r["title"] or r["filename"],
            "document_date": r["date"], "page": r["page"], "start": r["start"], "end": r["end"],
            "text": r["text"], "quote": quote, "ocr": bool(r["ocr"]), "status": status,
        }
        key = (value["start"], value["end"], who)
        ev = events.get(key)
        if ev is None:
            ev = events[key] = {
                "date": {k: value[k] for k in ("start", "end", "granularity")},
                "what": kind or "vermelding", "who": who, "status": status, "citations": [],
            }
        elif kind and (ev["what"] == "vermelding" or _rank(kind) < _rank(ev["what"])):
            ev["what"] = kind
        ev["citations"].append(citation)
        # the latest word on an event is the newest document's
        if (r["date"] or "") >= max((c["document_date"] or "") for c in ev["citations"]):
            ev["status"] = status
        if status == "planned" and who == "AB" and kind == "besluit":
            planned_decisions.setdefault(r["document_id"], []).append((ev["date"], citation))
    ordered = sorted(events.values(), key=lambda e: (e["date"]["start"], e["date"]["end"]))
    return ordered, _shifts(planned_decisions)


def _rank(kind: str) -> int:
    return next(i for i, (label, _) in enumerate(KINDS) if label == kind)


def _shifts(planned: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]) -> list[Event]:
    """The planned AB decision per document (its latest), and where it moved."""
    per_doc = []
    for items in planned.values():
        date, citation = max(items, key=lambda x: (x[0]["end"], x[0]["start"]))
        per_doc.append((citation["document_date"] or "", date, citation))
    per_doc.sort(key=lambda x: x[0])
    steps: list[dict[str, Any]] = []
    for _, date, citation in per_doc:
        if steps and steps[-1]["date"] == date:
            steps[-1]["citations"].append(citation)
        else:
            steps.append({"date": date, "text": citation["text"], "citations": [citation]})
    if len(steps) < 2:
        return []
    return [{"what": "besluit", "who": "AB", "steps": steps}]


def documents_for(store: Store, *, q: str | None = None, subject: str | None = None) -> list[str]:
    """The documents of a process: those matching `q`, or naming the subject (resolved)."""
    if not q and not subject:
        raise BadRequest("give q= (e.g. kerntakendiscussie) or subject=")
    terms = q if q else resolve_subject(subject or "")
    return store.documents_matching(parse_query(terms))


MAX_LIMIT = 1000


def timeline(store: Store, *, q: str | None = None, subject: str | None = None, limit: int | None = None,
             offset: int = 0) -> dict[str, Any]:
    """GET /timeline and `raadslens timeline`: the events of the documents of a process, and the shifts;
    `limit`/`offset` page the events (None: all, as the calendar formats need), `total` counts all."""
    if (limit is not None and not 1 <= limit <= MAX_LIMIT) or offset < 0:
        raise BadRequest(f"limit moet 1 tot en met {MAX_LIMIT} zijn en offset 0 of meer "
                         f"(gekregen: limit={limit}, offset={offset})")
    doc_ids = documents_for(store, q=q, subject=subject)
    events, shifts = build_events(store, doc_ids)
    page = events[offset:] if limit is None else events[offset: offset + limit]
    return {"query": q, "subject": subject, "documents": len(doc_ids), "total": len(events), "limit": limit,
            "offset": offset, "events": page, "shifts": shifts}
