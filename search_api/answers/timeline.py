"""The timeline of a process: dated events with who, what, planned or happened, cited.

Events are built from date mentions whose sentence names an actor (AB, DB, raad,
college, ...) or an event word (besluit, beeldvormend, bijeenkomst, ...).
- planned or happened: a date after the citing document's own date is planned;
  one on or before it happened.
- one event, several citations: mentions of the same date and actor, in any
  document, are merged.
- shifts: for each document, the latest planned AB decision it names; when the
  next document plans another date, the move is a shift step.
- kind: each event also has a `kind`, one of EVENT_KINDS (besluit genomen, besluit
  gepland, vergadering, publicatie, verzoek ontvangen, termijn verdaagd), read from
  the words right around the date (or None when none fits); `what` keeps the finer label.

Per dossier (`dossier=<id>`) only the dossier's documents count, only events with a
kind are kept (one per date and kind), and each document adds its own dated event:
a besluitenlijst's or verslag's meeting is a `vergadering`, a decision's date a
`besluit genomen`, a request's a `verzoek ontvangen`, any other document's a
`publicatie`. Shifts are then followed for every actor's planned decision.
"""

from __future__ import annotations

import re
from typing import Any

from raadslens.models.normalize import fold
from raadslens.models.text import context, context_bounds
from raadslens.search_api.answers import dossiers as dossier_groups
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


EVENT_KINDS = ("besluit genomen", "besluit gepland", "vergadering", "publicatie", "verzoek ontvangen",
               "termijn verdaagd")
_KIND_RULES = [  # (kind, pattern on the folded words around the date), most specific first
    ("termijn verdaagd", re.compile(
        r"verdaag|verdaging|opgeschort|opschort|(?:beslis)?termijn\w* (?:\w+ ){0,4}verleng|"
        r"verleng\w* (?:\w+ ){0,4}(?:beslis)?termijn|termijn met (?:\w+ ){0,2}weken")),
    ("besluit", re.compile(
        r"besluit|besloten|besluitvorming|vastgesteld|vaststellen|vast te stellen|ingestemd|instemmen|"
        r"goedgekeurd|goedkeuren|beslist|beslissing")),
    ("vergadering", re.compile(
        r"vergader|bijeenkomst|bespreking|overleg|beeldvormend|oordeelsvormend|opinierend|bestuurdersdag|"
        r"sessie|raadsavond|\bcommissie")),
    ("publicatie", re.compile(
        r"gepubliceerd|publicatie|openbaar gemaakt|openbaarmaking|verzonden|verzenddatum|verzending|"
        r"bekendgemaakt|bekendmaking|ter inzage|verschenen|toegezonden|toegestuurd|aangeboden|verstuurd")),
]
# a request is the date itself: "uw verzoek/e-mail van <date>", "ontvangen op <date>", or "<date>, ontvangen
# op ..." / "<date> heeft u ... verzocht" - never a date that merely shares a sentence with "uw verzoek"
_REQUEST_BEFORE = re.compile(
    r"(?:\b(?:uw|je)\s+(?:\(?[\w-]+\)?\s+)?(?:verzoek|aanvraag|bezwaarschrift|bezwaar|e-?mail|brief|melding)"
    r"\s*(?:van|d\.\s?d\.|gedateerd|:)?|\b(?:ontvangen|ingediend|binnengekomen|ingekomen)\s+(?:op|d\.\s?d\.))\s*$")
_REQUEST_AFTER = re.compile(
    r"^[\s,]*(?:(?:door (?:mij|ons) )?ontvangen op\b|(?:\S+\s+){0,10}?(?:heeft u|hebt u|heb ik van u|verzoekt u|"
    r"vraagt u)\b(?:\s+\S+){0,8}?\s+(?:verzocht|gevraagd|verzoek)\b)")
KIND_WINDOW = (90, 60)  # characters before and after the date that decide its kind (within its sentence)
# a past-tense verb right before a date: it happened, even when the date is after the document's own
_DONE_BEFORE = re.compile(r"(?:gehouden|vastgesteld|besloten|plaatsgevonden|genomen|ontvangen)\s+(?:\w+\s+){0,4}"
                          r"(?:op|van|d\.\s?d\.)\s*$|(?:verzonden|datum verzending|verzenddatum)\s*:?\s*(?:\w+\s*)?$")
# the document's own date field ("Datum 17 december 2020"): the document's event says it already
_DATE_FIELD = re.compile(r"\b(?:datum|date)\s*:?\s*$")


def event_kind(before: str, after: str, status: str) -> str | None:
    """The kind of the event a date stands for: a request received when the date is the request's own,
    else the kind whose words are nearest to it (folded text before and after the date; the more
    specific kind on a tie)."""
    fb, fa = fold(before), fold(after)
    if _REQUEST_BEFORE.search(fb) or _REQUEST_AFTER.search(fa):
        return "verzoek ontvangen"
    best: tuple[int, int, str] | None = None
    for order, (kind, rx) in enumerate(_KIND_RULES):
        distances = [len(fb) - m.end() for m in rx.finditer(fb)] + [m.start() for m in rx.finditer(fa)]
        if distances and (best is None or (min(distances), order) < best[:2]):
            best = (min(distances), order, kind)
    if best is None:
        return None
    if best[2] == "besluit":
        return "besluit gepland" if status == "planned" else "besluit genomen"
    return best[2]


def _kind_window(text: str, start: int, end: int) -> tuple[str, str]:
    s, e = context_bounds(text, start, end)
    before, after = KIND_WINDOW
    return text[max(s, start - before):start], text[end:min(e, end + after)]


def actor(folded: str) -> str | None:
    """The first actor (AB, DB, raad, …) named in folded text."""
    return next((label for label, rx in _ACTORS if rx.search(folded)), None)


def classify(sentence: str) -> tuple[str | None, str | None]:
    f = fold(sentence)
    who = actor(f)
    kind = next((label for label, rx in _KINDS if rx.search(f)), None)
    return who, kind


Event = dict[str, Any]


_KIND_ORDER = {k: i for i, k in enumerate(
    ["termijn verdaagd", "verzoek ontvangen", "besluit genomen", "besluit gepland", "vergadering", "publicatie"])}


def build_events(store: Store, doc_ids: list[str], *, per_kind: bool = False) -> tuple[list[Event], list[Event]]:
    """(events, shifts) for the given documents. With `per_kind` (a dossier's timeline) an event is one
    date and kind, and a date whose words fit no kind is left out."""
    events: dict[tuple[str, str, str | None], Event] = {}
    planned_decisions: dict[str | None, dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}
    for r in store.date_mentions(doc_ids):
        value = r["value"] or {}
        if value["granularity"] in ("year", "half") or value["end"] > "9000":
            continue
        quote = context(r["page_text"], r["start"], r["end"])
        who, what = classify(quote)
        status = "planned" if r["date"] and value["start"] > r["date"] else "happened"
        before, after = _kind_window(r["page_text"], r["start"], r["end"])
        if per_kind and value["start"] == r["date"] and _DATE_FIELD.search(fold(before)):
            continue
        if per_kind and status == "planned" and _DONE_BEFORE.search(fold(before)):
            status = "happened"  # "vastgesteld in de vergadering gehouden op <date>"
        kind = event_kind(before, after, status)
        if per_kind and kind is None:
            continue
        if who is None and what is None and kind is None:
            continue
        citation = {
            "document_id": r["document_id"], "document_title": r["title"] or r["filename"],
            "document_date": r["date"], "page": r["page"], "start": r["start"], "end": r["end"],
            "text": r["text"], "quote": quote, "ocr": bool(r["ocr"]), "status": status, "kind": kind,
        }
        key = (value["start"], value["end"], kind if per_kind else who)
        ev = events.get(key)
        if ev is None:
            ev = events[key] = {
                "date": {k: value[k] for k in ("start", "end", "granularity")},
                "what": what or "vermelding", "who": who, "status": status, "kind": kind, "citations": [],
            }
        else:
            if what and (ev["what"] == "vermelding" or _rank(what) < _rank(ev["what"])):
                ev["what"] = what
            if ev["who"] is None:
                ev["who"] = who
            if kind and (ev["kind"] is None or _KIND_ORDER[kind] < _KIND_ORDER[ev["kind"]]):
                ev["kind"] = kind
        ev["citations"].append(citation)
        # the latest word on an event is the newest document's
        if (r["date"] or "") >= max((c["document_date"] or "") for c in ev["citations"]):
            ev["status"] = status
        if (status == "planned" and what == "besluit" and who == "AB" and not per_kind) or \
                (per_kind and kind == "besluit gepland"):
            planned_decisions.setdefault(who, {}).setdefault(r["document_id"], []).append((ev["date"], citation))
    if per_kind:
        _document_events(store, doc_ids, events)
    for ev in events.values():  # a decision's kind follows the event's final status
        if ev["kind"] in ("besluit genomen", "besluit gepland"):
            ev["kind"] = "besluit gepland" if ev["status"] == "planned" else "besluit genomen"
    ordered = sorted(events.values(), key=lambda e: (e["date"]["start"], e["date"]["end"], str(e.get("kind"))))
    actors = [label for label, _ in ACTORS]
    shifts = [s for who in sorted(planned_decisions, key=lambda w: actors.index(w) if w in actors else len(actors))
              for s in _shifts(planned_decisions[who], who)]
    return ordered, shifts


DOCUMENT_EVENT = {  # a document's own date, by its type: the event it is
    "besluitenlijst": ("vergadering", "happened"), "verslag": ("vergadering", "happened"),
    "agenda": ("vergadering", "planned"), "woo-besluit": ("besluit genomen", "happened"),
    "collegebesluit": ("besluit genomen", "happened"), "raadsbesluit": ("besluit genomen", "happened"),
    "woo-verzoek": ("verzoek ontvangen", "happened"), "kapmelding": ("verzoek ontvangen", "happened"),
}


def _document_events(store: Store, doc_ids: list[str], events: dict[tuple[str, str, str | None], Event]) -> None:
    """Each document's own dated event (a besluitenlijst's meeting, a decision, a request, a publication)."""
    for doc_id in doc_ids:
        doc = store.get_document(doc_id)
        if doc is None or not doc["date"]:
            continue
        kind, status = DOCUMENT_EVENT.get(doc["doc_type"], ("publicatie", "happened"))
        title = doc["title"] or doc["filename"]
        citation = {
            "document_id": doc_id, "document_title": title, "document_date": doc["date"], "page": 1,
            "start": None, "end": None, "text": doc["date"], "quote": title, "ocr": False, "status": status,
            "kind": kind, "source": "document",
        }
        key = (doc["date"], doc["date"], kind)
        ev = events.get(key)
        if ev is None:
            events[key] = {
                "date": {"start": doc["date"], "end": doc["date"], "granularity": "day"},
                "what": doc["doc_type"], "who": actor(fold(title)) or doc["organisation"], "status": status,
                "kind": kind, "citations": [citation],
            }
        else:
            ev["citations"].insert(0, citation)


def _rank(kind: str) -> int:
    return next(i for i, (label, _) in enumerate(KINDS) if label == kind)


def _shifts(planned: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]], who: str | None = "AB") -> list[Event]:
    """The planned decision of one actor per document (its latest), and where it moved."""
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
    return [{"what": "besluit", "kind": "besluit gepland", "who": who, "steps": steps}]


def documents_for(store: Store, *, q: str | None = None, subject: str | None = None) -> list[str]:
    """The documents of a process: those matching `q`, or naming the subject (resolved)."""
    if not q and not subject:
        raise BadRequest("geef q= (bijvoorbeeld kerntakendiscussie), subject= of dossier= (zie GET /dossiers)")
    terms = q if q else resolve_subject(subject or "")
    return store.documents_matching(parse_query(terms))


MAX_LIMIT = 1000


def timeline(store: Store, *, q: str | None = None, subject: str | None = None, dossier: str | None = None,
             limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """GET /timeline and `raadslens timeline`: the events of the documents of a process (matching `q`,
    naming `subject`, or those of one dossier), and the shifts; `limit`/`offset` page the events (None:
    all, as the calendar formats need), `total` counts all."""
    if (limit is not None and not 1 <= limit <= MAX_LIMIT) or offset < 0:
        raise BadRequest(f"limit moet 1 tot en met {MAX_LIMIT} zijn en offset 0 of meer "
                         f"(gekregen: limit={limit}, offset={offset})")
    found = None
    if dossier:
        found = dossier_groups.get(store, dossier)
        doc_ids = [d["id"] for d in found.documents]
        events, shifts = build_events(store, doc_ids, per_kind=True)
    else:
        doc_ids = documents_for(store, q=q, subject=subject)
        events, shifts = build_events(store, doc_ids)
    page = events[offset:] if limit is None else events[offset: offset + limit]
    out: dict[str, Any] = {
        "query": q, "subject": subject, "documents": len(doc_ids), "total": len(events), "limit": limit,
        "offset": offset, "events": page, "shifts": shifts}
    if found is not None:
        out["dossier"] = {"id": found.id, "title": found.title}
        out["title"] = found.title
    else:  # the dossiers the matching documents belong to: dossier=<id> narrows the timeline to one
        matched = set(doc_ids)
        out["dossiers"] = [
            {"id": d.id, "title": d.title, "documents": sum(x["id"] in matched for x in d.documents)}
            for d in dossier_groups.all_dossiers(store) if any(x["id"] in matched for x in d.documents)]
    return out
