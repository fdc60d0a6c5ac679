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

import datetime as dt
import json
import re
import sqlite3

from raadslens.models.text import context
from raadslens.models.normalize import fold

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


def _date_rows(conn: sqlite3.Connection, doc_ids: list[str]) -> list[sqlite3.Row]:
    marks = ",".join("?" * len(doc_ids))
    return conn.execute(
        'SELECT m.document_id, m.page, m.start, m."end", m.text, m.value, d.title, d.filename,'
        " d.date AS doc_date, p.text AS page_text, p.ocr FROM mentions m"
        " JOIN documents d ON d.id = m.document_id"
        " JOIN pages p ON p.document_id = m.document_id AND p.number = m.page"
        f" WHERE m.kind = 'date' AND m.document_id IN ({marks}) ORDER BY d.date, m.page, m.start",
        doc_ids,
    ).fetchall()


def build_events(conn: sqlite3.Connection, doc_ids: list[str]) -> tuple[list[dict], list[dict]]:
    """(events, shifts) for the given documents."""
    events: dict[tuple, dict] = {}
    planned_decisions: dict[str, list[tuple[dict, dict]]] = {}
    for r in _date_rows(conn, doc_ids) if doc_ids else []:
        value = json.loads(r["value"])
        if value["granularity"] in ("year", "half") or value["end"] > "9000":
            continue
        quote = context(r["page_text"], r["start"], r["end"])
        who, kind = classify(quote)
        if who is None and kind is None:
            continue
        status = "planned" if r["doc_date"] and value["start"] > r["doc_date"] else "happened"
        citation = {
            "document_id": r["document_id"], "document_title": r["title"] or r["filename"],
            "document_date": r["doc_date"], "page": r["page"], "start": r["start"], "end": r["end"],
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
        if (r["doc_date"] or "") >= max((c["document_date"] or "") for c in ev["citations"]):
            ev["status"] = status
        if status == "planned" and who == "AB" and kind == "besluit":
            planned_decisions.setdefault(r["document_id"], []).append((ev["date"], citation))
    ordered = sorted(events.values(), key=lambda e: (e["date"]["start"], e["date"]["end"]))
    return ordered, _shifts(planned_decisions)


def _rank(kind: str) -> int:
    return next(i for i, (label, _) in enumerate(KINDS) if label == kind)


def _shifts(planned: dict[str, list[tuple[dict, dict]]]) -> list[dict]:
    """The planned AB decision per document (its latest), and where it moved."""
    per_doc = []
    for items in planned.values():
        date, citation = max(items, key=lambda x: (x[0]["end"], x[0]["start"]))
        per_doc.append((citation["document_date"] or "", date, citation))
    per_doc.sort(key=lambda x: x[0])
    steps: list[dict] = []
    for _, date, citation in per_doc:
        if steps and steps[-1]["date"] == date:
            steps[-1]["citations"].append(citation)
        else:
            steps.append({"date": date, "text": citation["text"], "citations": [citation]})
    if len(steps) < 2:
        return []
    return [{"what": "besluit", "who": "AB", "steps": steps}]


# -- formats --------------------------------------------------------------------------------

def _headline(ev: dict) -> str:
    who = f"{ev['who']}: " if ev["who"] else ""
    return f"{who}{ev['what']}" + (" (gepland)" if ev["status"] == "planned" else "")


def to_timelinejs(events: list[dict], title: str) -> dict:
    def ymd(iso: str) -> dict:
        d = dt.date.fromisoformat(iso)
        return {"year": d.year, "month": d.month, "day": d.day}

    return {
        "title": {"text": {"headline": title}},
        "events": [
            {
                "start_date": ymd(ev["date"]["start"]),
                **({"end_date": ymd(ev["date"]["end"])} if ev["date"]["end"] != ev["date"]["start"] else {}),
                "text": {
                    "headline": _headline(ev),
                    "text": "<br>".join(
                        f"“{c['quote']}” — {c['document_title']}, p. {c['page']}" for c in ev["citations"]
                    ),
                },
            }
            for ev in events
        ],
    }


def _ics_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


def to_ics(events: list[dict], title: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//raadslens//timeline//NL",
             f"X-WR-CALNAME:{_ics_escape(title)}"]
    for i, ev in enumerate(events):
        start = dt.date.fromisoformat(ev["date"]["start"])
        end = dt.date.fromisoformat(ev["date"]["end"]) + dt.timedelta(days=1)
        desc = "\n".join(f"{c['quote']} ({c['document_title']}, p. {c['page']})" for c in ev["citations"])
        lines += [
            "BEGIN:VEVENT", f"UID:{start.isoformat()}-{i}@raadslens",
            f"DTSTAMP:{start.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}", f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(_headline(ev))}", f"DESCRIPTION:{_ics_escape(desc)}",
            f"STATUS:{'TENTATIVE' if ev['status'] == 'planned' else 'CONFIRMED'}", "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def to_markdown(events: list[dict], shifts: list[dict], title: str) -> str:
    out = [f"# {title}", ""]
    for ev in events:
        d = ev["date"]
        when = d["start"] if d["start"] == d["end"] else f"{d['start']} – {d['end']}"
        out.append(f"- **{when}** ({d['granularity']}) {_headline(ev)}")
        for c in ev["citations"]:
            out.append(f"  - “{c['quote']}” — {c['document_title']}, p. {c['page']}")
    for s in shifts:
        out += ["", f"## Verschoven: {s['who']} {s['what']}"]
        for step in s["steps"]:
            c = step["citations"][0]
            out.append(f"- {step['text']} ({step['date']['start']}) — {c['document_title']} ({c['document_date']}), p. {c['page']}")
    return "\n".join(out) + "\n"
