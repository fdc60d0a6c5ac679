"""/tijdlijn and /dossiers/{id} as pages: the timeline of `answers.timeline.timeline` drawn on the server as SVG.

Two lanes on one time axis, planned above and happened below; a shift (a planned date that moved)
is a row of arrows from each planned date to the next. Every mark is a link to the quote it comes
from (the page view with the date marked). The same events are listed as a table under the
drawing: that list is the drawing's text alternative, and what a keyboard user tabs through.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from raadslens.search_api.answers import timeline as tl
from raadslens.search_api.answers.errors import AnswerError
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.pages import page_response

router = APIRouter(include_in_schema=False)

WIDTH, LEFT, RIGHT = 1000, 90, 20  # the drawing's width and its margins, in SVG units
LANES = {"planned": 70, "happened": 130}  # y of the two lanes
SHIFT_TOP, SHIFT_STEP = 175, 28  # the first shift row's y, and the space between rows
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def cite_link(c: dict[str, Any]) -> str:
    """The page view of a citation with its span marked."""
    link = f"/documenten/{c['document_id']}/pagina/{c['page']}"
    if c.get("start") is not None and c.get("end") is not None:
        link += f"?start={c['start']}&end={c['end']}"
    return link


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def draw(events: list[dict[str, Any]], shifts: list[dict[str, Any]]) -> dict[str, Any]:
    """The SVG's parts as data (the template writes them): ticks, marks and arrows in SVG units."""
    days = [_day(e["date"][k]) for e in events for k in ("start", "end")]
    days += [_day(s["date"]["start"]) for sh in shifts for s in sh["steps"]]
    if not days:
        return {"width": WIDTH, "height": 0, "ticks": [], "marks": [], "arrows": [], "rows": []}
    first, last = min(days), max(days)
    first, last = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)  # whole years
    span = (last - first).days

    def x(day: dt.date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    years = last.year - first.year
    ticks = []
    for year in range(first.year, last.year + 1):
        ticks.append({"x": x(dt.date(year, 1, 1)), "label": str(year), "major": True})
        if years <= 3 and year < last.year:  # few years: quarters too
            ticks += [{"x": x(dt.date(year, m, 1)), "label": MONTHS[m - 1], "major": False} for m in (4, 7, 10)]
    marks = []
    for e in events:
        start, end = _day(e["date"]["start"]), _day(e["date"]["end"])
        c = e["citations"][0]
        label = f"{e['date']['start']}{'' if start == end else ' – ' + e['date']['end']}: " \
                f"{e['who'] + ': ' if e['who'] else ''}{e['what']} ({'gepland' if e['status'] == 'planned' else 'gebeurd'})"
        marks.append({"x": x(start), "x2": x(end) if end > start else None, "y": LANES[e["status"]],
                      "status": e["status"], "link": cite_link(c), "label": label})
    arrows, rows = [], []
    for i, sh in enumerate(shifts):
        y = SHIFT_TOP + i * SHIFT_STEP
        steps = sh["steps"]
        rows.append({"y": y, "label": f"{sh['who'] or ''} {sh['what']}".strip()})
        for a, b in zip(steps, steps[1:]):
            x1, x2 = x(_day(a["date"]["start"])), x(_day(b["date"]["start"]))
            arrows.append({"x1": x1, "x2": x2, "y": y, "link": cite_link(b["citations"][0]),
                           "label": f"verschoven van {a['text']} naar {b['text']}"})
        marks += [{"x": x(_day(s["date"]["start"])), "x2": None, "y": y, "status": "shift",
                   "link": cite_link(s["citations"][0]), "label": f"{s['text']} ({s['citations'][0]['document_title']})"}
                  for s in steps]
    height = (SHIFT_TOP + len(shifts) * SHIFT_STEP) if shifts else LANES["happened"] + 40
    return {"width": WIDTH, "height": height, "ticks": ticks, "marks": marks, "arrows": arrows, "rows": rows,
            "lanes": LANES, "left": LEFT}


def timeline_context(data: dict[str, Any], ics: str) -> dict[str, Any]:
    return {"data": data, "svg": draw(data["events"], data["shifts"]), "ics": ics, "cite_link": cite_link}


@router.get("/tijdlijn", response_class=HTMLResponse)
def tijdlijn(
    request: Request, store: StoreDep,
    q: Annotated[str, Query(max_length=1000)] = "",
    onderwerp: Annotated[str, Query(max_length=200)] = "",
    dossier: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    params = {"q": q.strip(), "subject": onderwerp.strip(), "dossier": dossier.strip()}
    context: dict[str, Any] = {"q": q, "onderwerp": onderwerp, "dossier": dossier}
    if not any(params.values()):
        return page_response(request, "tijdlijn.html", context)
    try:
        data = tl.timeline(store, q=params["q"] or None, subject=params["subject"] or None,
                           dossier=params["dossier"] or None)
    except AnswerError as e:
        return page_response(request, "tijdlijn.html", {**context, "error": str(e)}, status=e.status)
    ics = "/timeline?" + urllib.parse.urlencode({"format": "ics", **{k: v for k, v in params.items() if v}})
    return page_response(request, "tijdlijn.html", {**context, **timeline_context(data, ics)})


def dossier_page(request: Request, found: dict[str, Any]) -> HTMLResponse:
    """GET /dossiers/{id} for a browser: the API's own dossier dict (documents, links, facts, timeline)."""
    ics = "/timeline?" + urllib.parse.urlencode({"format": "ics", "dossier": found["id"]})
    return page_response(request, "dossier.html", {"dossier": found, **timeline_context(found["timeline"], ics)})
