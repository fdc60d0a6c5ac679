"""/tijdlijn and /dossiers/{id} against the real server on the corpus: the server-drawn SVG time axis."""

from __future__ import annotations

import re
import urllib.parse

from test_web_page import rendered_dom

HTML = {"Accept": "text/html"}
MARK_RE = re.compile(r'<a href="([^"]+)" tabindex="-1"><title>([^<]*)</title>'
                     r'(?:<circle class="punt (\w+)" cx="([\d.]+)" cy="([\d.]+)"|<rect class="periode (\w+)" x="([\d.]+)" y="([\d.]+)")')
ARROW_RE = re.compile(r'<path class="verschuiving" d="M([\d.]+),([\d.]+) C[^"]* ([\d.]+),[\d.]+"')


def marks(html: str) -> list[dict]:
    out = []
    for link, label, s1, cx, cy, s2, rx, ry in MARK_RE.findall(html):
        out.append({"link": link.replace("&amp;", "&"), "label": label, "status": s1 or s2,
                    "x": float(cx or rx), "y": float(cy or ry)})
    return out


def test_timeline_draws_every_event_and_shift_from_the_api(client):
    api = client.get("/timeline", params={"q": "kerntakendiscussie"}).json()
    html = client.get("/tijdlijn", params={"q": "kerntakendiscussie"}, headers=HTML).text
    drawn = marks(html)
    steps = [s for sh in api["shifts"] for s in sh["steps"]]
    assert api["events"] and api["shifts"]  # the corpus has a decision date that moved twice
    assert len(drawn) == len(api["events"]) + len(steps)
    planned = [m for m in drawn if m["status"] == "planned"]
    happened = [m for m in drawn if m["status"] == "happened"]
    assert len(planned) == sum(e["status"] == "planned" for e in api["events"]) > 0
    assert len(happened) == sum(e["status"] == "happened" for e in api["events"]) > 0
    assert all(90 <= m["x"] <= 1000 for m in drawn)
    assert {m["y"] for m in planned} != {m["y"] for m in happened}  # two lanes
    # the axis keeps time order: a later event is further right
    events = [e for e in api["events"] if e["date"]["start"] == e["date"]["end"]]
    by_date = sorted({(e["date"]["start"], m["x"]) for e, m in zip(api["events"], drawn)
                      if e in events})
    assert [x for _, x in by_date] == sorted(x for _, x in by_date)
    # one arrow per shift step, from each planned date to the next
    arrows = ARROW_RE.findall(html)
    assert len(arrows) == sum(len(sh["steps"]) - 1 for sh in api["shifts"])
    for (x1, _, x2), (a, b) in zip(arrows, zip(steps, steps[1:])):
        assert (float(x1) < float(x2)) == (a["date"]["start"] < b["date"]["start"])


def test_events_link_to_their_quotes_and_the_calendar(client):
    html = client.get("/tijdlijn", params={"q": "kerntakendiscussie"}, headers=HTML).text
    for m in marks(html)[:3]:
        page = client.get(m["link"], headers=HTML)
        assert page.status_code == 200 and "<mark>" in page.text
    ics = re.search(r'class="ics" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    cal = client.get(ics)
    assert cal.headers["content-type"].startswith("text/calendar")
    total = client.get("/timeline", params={"q": "kerntakendiscussie"}).json()["total"]
    assert cal.text.count("BEGIN:VEVENT") == total


def test_dossier_page_and_its_json(client, server):
    dossiers = client.get("/dossiers").json()["dossiers"]
    dossier = next(d for d in dossiers if d["document_count"] > 1)
    data = client.get(f"/dossiers/{dossier['id']}").json()  # the API still answers JSON
    assert data["id"] == dossier["id"]
    dom = rendered_dom(f"{server}/dossiers/{dossier['id']}")
    assert f"Dossier: {data['title']}" in dom and '<svg class="tijdlijn"' in dom
    assert all(f'href="/documenten/{d["id"]}"' in dom for d in data["documents"])
    assert len(marks(dom)) >= len(data["timeline"]["events"])
    assert client.get("/dossiers/bestaatniet", headers=HTML).status_code == 404


def test_bad_timeline_input_is_explained(client):
    r = client.get("/tijdlijn", params={"onderwerp": "<b>onbekend</b>"}, headers=HTML)
    assert r.status_code == 404 and 'class="error"' in r.text and "<b>onbekend</b>" not in r.text  # as GET /timeline
    r = client.get("/tijdlijn?" + urllib.parse.urlencode({"dossier": "bestaatniet"}), headers=HTML)
    assert r.status_code == 404 and 'class="error"' in r.text
