"""The one table of output formats: (view, format) → media type and renderer, for the API and the CLI.

A view's data is built once (`answers.*`) and rendered here as CSV, ICS,
TimelineJS or Markdown; JSON is the data itself. Both faces look formats up in
`FORMATS`, so `GET /timeline?format=ics` and `raadslens timeline --format ics`
give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from raadslens.search_api.answers.errors import BadRequest

Event = dict[str, Any]


@dataclass(frozen=True)
class Format:
    media_type: str
    render: Callable[[dict[str, Any]], str]
    filename: str | None = None  # offered as a download under this name


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


CSV_FIELDS = ["document", "filename", "organisation", "page", "subject", "row", "column", "year", "scenario",
              "proposal", "recurrence", "amount", "quote"]
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# a scenario column: "Kern", "Koers", "Scenario B", "Variant 2", "Pakket A" (not "Kerntaken")
_SCENARIO_RE = re.compile(r"\b(?:kern|koers|scenario|variant|optie|pakket)\b", re.I)


def amount_csv_row(r: dict[str, Any]) -> dict[str, Any]:
    """One amount as a CSV row: the year and the scenario read from its table labels, where they say it."""
    labels = f"{r.get('column') or ''} {r.get('row') or ''}"
    year = _YEAR_RE.search(labels)
    column = r.get("column") or ""
    return {"document": r["document_id"], "filename": r.get("filename"), "organisation": r.get("organisation"),
            "page": r["page"], "subject": r["subject"], "row": r["row"], "column": r["column"],
            "year": year.group(1) if year else None,
            "scenario": column if _SCENARIO_RE.search(column) and not year else None,
            "proposal": None,  # not linked yet: a money mention does not know the proposal it belongs to
            "recurrence": r["recurrence"], "amount": None if r["cents"] is None else f"{r['cents'] / 100:.2f}",
            "quote": r["quote"]}


def amounts_csv_chunks(rows: Iterable[dict[str, Any]], chunk: int = 500) -> Iterator[str]:
    """The CSV export as text chunks, header first, so a face can stream every row."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for i, r in enumerate(rows, 1):
        w.writerow(amount_csv_row(r))
        if i % chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def amounts_csv(data: dict[str, Any]) -> str:
    return "".join(amounts_csv_chunks(data["amounts"]))


def _title(data: dict[str, Any]) -> str:
    # a dossier's timeline has no query or subject but a title
    return f"Tijdlijn: {data.get('query') or data.get('subject') or data.get('title') or 'alle documenten'}"


def _headline(ev: Event) -> str:
    who = f"{ev['who']}: " if ev["who"] else ""
    return f"{who}{ev['what']}" + (" (gepland)" if ev["status"] == "planned" else "")


def to_timelinejs(events: list[Event], title: str) -> dict[str, Any]:
    def ymd(iso: str) -> dict[str, int]:
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


def fold_line(line: str, limit: int = 75) -> str:
    """RFC 5545 §3.1: a content line longer than 75 octets is split, each continuation starting with
    one space; the split never falls inside a multi-byte UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1  # the continuation's leading space counts
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def event_uid(ev: Event) -> str:
    """A UID from the fact's identity (its dates, kind and the citing documents' spans), never its
    position in the list: a re-ingest of the same documents gives the same UIDs."""
    cites = sorted(f"{c['document_id']}:{c['page']}:{c.get('start')}" for c in ev["citations"])
    key = "|".join([ev["date"]["start"], ev["date"]["end"], str(ev.get("who")), str(ev.get("what")), *cites])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@raadslens"


def to_ics(events: list[Event], title: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//raadslens//timeline//NL",
             f"X-WR-CALNAME:{_ics_escape(title)}"]
    for ev in events:
        start = dt.date.fromisoformat(ev["date"]["start"])
        end = dt.date.fromisoformat(ev["date"]["end"]) + dt.timedelta(days=1)
        desc = "\n".join(f"{c['quote']} ({c['document_title']}, p. {c['page']})" for c in ev["citations"])
        lines += [
            "BEGIN:VEVENT", f"UID:{event_uid(ev)}",
            f"DTSTAMP:{start.strftime('%Y%m%d')}T000000Z",
            f"DTSTART;VALUE=DATE:{start.strftime('%Y%m%d')}", f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_escape(_headline(ev))}", f"DESCRIPTION:{_ics_escape(desc)}",
            f"STATUS:{'TENTATIVE' if ev['status'] == 'planned' else 'CONFIRMED'}", "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold_line(line) for line in lines) + "\r\n"


def _md(text: str) -> str:
    """User text in Markdown: HTML-significant characters escaped, so a renderer cannot run it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(events: list[Event], shifts: list[Event], title: str) -> str:
    out = [f"# {_md(title)}", ""]
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


FORMATS: dict[tuple[str, str], Format] = {
    ("amounts", "csv"): Format("text/csv; charset=utf-8", amounts_csv, "amounts.csv"),
    ("timeline", "timelinejs"): Format(
        "application/json", lambda d: json.dumps(to_timelinejs(d["events"], _title(d)), ensure_ascii=False)),
    ("timeline", "ics"): Format("text/calendar; charset=utf-8", lambda d: to_ics(d["events"], _title(d))),
    ("timeline", "markdown"): Format(
        "text/markdown; charset=utf-8", lambda d: to_markdown(d["events"], d["shifts"], _title(d))),
}


def render(view: str, fmt: str, data: dict[str, Any]) -> tuple[str, str]:
    """(media type, text) of a view's data in a format; "json" for every view."""
    if fmt == "json":
        return "application/json", to_json(data)
    found = FORMATS.get((view, fmt))
    if found is None:
        known = ", ".join(["json", *sorted(f for v, f in FORMATS if v == view)])
        raise BadRequest(f"onbekend formaat {fmt!r} voor {view}: kies uit {known}")
    return found.media_type, found.render(data)


def formats_of(view: str) -> list[str]:
    return ["json", *[f for v, f in FORMATS if v == view]]
