"""Versions, changes, amounts, ask and timeline through a real HTTP client on the ingested corpus."""

from __future__ import annotations

import csv
import io

import pytest
from test_api_search import CONCEPT, LETTER_JULY, LETTER_NOV, REPORT


def _page_text(client, citation) -> str:
    """The text a citation quotes: the page's body, or for a running header/footer fact its blocks."""
    page = client.get(f"/documents/{citation['document_id']}/pages/{citation['page']}").json()
    if citation.get("furniture"):
        return "\n".join(b["text"] for b in page["blocks"])
    return page["text"]


def test_concept_and_final_report_form_one_version_chain(client, documents):
    chains = client.get("/versions").json()["chains"]
    ids = {documents[CONCEPT]["id"], documents[REPORT]["id"]}
    chain = next(c for c in chains if ids & {d["id"] for d in c})
    assert [d["id"] for d in chain] == [documents[CONCEPT]["id"], documents[REPORT]["id"]]
    letters = {documents[LETTER_JULY]["id"], documents[LETTER_NOV]["id"]}
    assert not any(letters & {d["id"] for d in c} for c in chains), "letters are not versions"


@pytest.mark.parametrize(
    "subject, old, new",
    [("VTT", 85_000_000, 98_300_000), ("Gezonde School Aanpak", -20_000_000, -18_500_000)],
)
def test_changes_for_subject_between_concept_and_report(client, documents, subject, old, new):
    r = client.get("/changes", params={"subject": subject}).json()
    changed = [c for c in r["changes"] if c["kind"] == "changed"]
    match = [c for c in changed if c["from"]["amount_cents"] == old and c["to"]["amount_cents"] == new]
    assert match, f"{subject}: {[(c['from']['amount_cents'], c['to']['amount_cents']) for c in changed]}"
    c = match[0]
    assert c["delta_cents"] == new - old
    assert c["from_document"]["id"] == documents[CONCEPT]["id"] and c["from_document"]["date"] == "2025-01-08"
    assert c["to_document"]["id"] == documents[REPORT]["id"] and c["to_document"]["date"] == "2025-03-13"
    for side in ("from", "to"):
        cite = c[side]
        text = _page_text(client, cite)
        assert text[cite["start"] : cite["end"]] == cite["text"]  # the citation points at the amount
        assert cite["quote"] in text


def test_vtt_subject_reports_the_alias_that_matched(client):
    r = client.get("/changes", params={"subject": "VTT"}).json()
    assert r["subject"] == {"canonical": "Veilig Thuis Twente", "alias": "VTT"}
    assert all(c["subject"] == "Veilig Thuis Twente" for c in r["changes"])


def test_changes_for_document_lists_amounts_and_paragraphs(client, documents):
    r = client.get("/changes", params={"document": documents[REPORT]["id"]}).json()
    assert r["from_document"]["id"] == documents[CONCEPT]["id"]
    deltas = {(a["from"]["amount_cents"], a["to"]["amount_cents"]) for a in r["amounts"] if a["kind"] == "changed"}
    assert (85_000_000, 98_300_000) in deltas and (-20_000_000, -18_500_000) in deltas
    assert (130_000_000, 143_300_000) in deltas  # subtotal of autonomous developments
    assert any("983.000" in p["diff"] and "850.000" in p["diff"] for p in r["paragraphs"])
    assert client.get("/changes", params={"document": documents[CONCEPT]["id"]}).status_code == 404


def test_amounts_filter_by_subject_and_csv(client, documents):
    rows = client.get("/amounts", params={"subject": "Veilig Thuis", "document": documents[REPORT]["id"]}).json()["amounts"]
    assert any(r["cents"] == 98_300_000 for r in rows)
    assert all(r["subject"] == "Veilig Thuis Twente" and r["page"] >= 1 and r["quote"] for r in rows)
    structural = client.get("/amounts", params={"recurrence": "structural", "min": 100000}).json()["amounts"]
    assert structural and all(r["recurrence"] == "structural" and r["cents"] >= 10_000_000 for r in structural)
    text = client.get("/amounts", params={"subject": "VTT", "format": "csv"}).text
    table = list(csv.DictReader(io.StringIO(text)))
    assert any(r["amount"] == "983000.00" for r in table)
    assert {"document", "filename", "organisation", "page", "year", "scenario", "quote"} <= set(table[0])


def test_csv_row_reads_year_and_scenario_from_the_table_labels():
    from raadslens.search_api.answers.formats import amount_csv_row

    base = {"document_id": "d", "filename": "f.pdf", "organisation": "gemeente X", "page": 3, "subject": None,
            "recurrence": "structural", "cents": -18_500_000, "quote": "q"}
    row = amount_csv_row({**base, "row": "Lasten", "column": "Begroting 2026"})
    assert (row["year"], row["scenario"], row["amount"]) == ("2026", None, "-185000.00")
    row = amount_csv_row({**base, "row": "Beëindigen GSA", "column": "Scenario Kern"})
    assert (row["year"], row["scenario"]) == (None, "Scenario Kern")
    assert amount_csv_row({**base, "row": None, "column": None, "cents": None})["amount"] is None


def test_amounts_page_with_a_total_and_csv_has_every_row(client):
    """No silent cap: pages of /amounts add up to `total`, and the CSV export holds all of them."""
    first = client.get("/amounts", params={"limit": 7}).json()
    total = first["total"]
    assert total > 50 and first["count"] == 7 and first["limit"] == 7 and first["offset"] == 0
    seen = []
    for offset in range(0, total, 7):
        page = client.get("/amounts", params={"limit": 7, "offset": offset}).json()
        assert page["total"] == total
        seen += [(a["document_id"], a["page"], a["start"]) for a in page["amounts"]]
    assert len(seen) == total and len(set(seen)) == total  # no row twice, none left out
    past = client.get("/amounts", params={"offset": total + 10}).json()
    assert past["amounts"] == [] and past["total"] == total
    rows = list(csv.DictReader(io.StringIO(client.get("/amounts", params={"format": "csv"}).text)))
    assert len(rows) == total  # every row, not the first page
    assert all(r["year"] in r["column"] + r["row"] for r in rows if r["year"])
    for bad in ({"limit": 0}, {"limit": 100_000}, {"offset": -1}):
        r = client.get("/amounts", params=bad)
        assert r.status_code == 422, bad


QUESTIONS = [
    # (question, intent, must appear in the answer; None: the evidence is too weak, so "niet gevonden")
    ("Wat veranderde er aan het VTT-bedrag tussen de versies?", "changes", ["850.000", "983.000"]),
    ("What changed in the VTT amount between versions?", "changes", ["850.000", "983.000"]),
    ("Welke documenten horen bij zaaknummer 3825997?", "zaak_documents", ["Informeren over proces"]),
    ("Waar gaat zaak 3825997 over?", "zaak_about", ["Informeren over proces"]),
    ("Is het bedrag voor Veilig Thuis Twente gewijzigd tussen concept en eindrapport?", "changes", ["983.000"]),
    ("How did the amount for Veilig Thuis Twente change between the versions?", "changes", ["983.000"]),
    ("Which documents belong to case number 3777670?", "zaak_documents", ["Stand van zaken"]),
    ("Welke stukken vallen onder zaaknummer 3777670?", "zaak_documents", ["Stand van zaken"]),
    ("Met hoeveel worden de budgetten voor forensische geneeskunde verhoogd?", "amount", ["450.000"]),
    ("Tot wanneer geldt het PGA-contract voor jeugdgezondheidszorg aan asielzoekers?", "date", ["2026-09-30"]),
    ("Wanneer is het eindrapport van de kerntakendiscussie aangeboden?", "published", ["2025-03-13"]),
    ("Welk zaaknummer heeft de raadsinformatiebrief over de stand van zaken van de kerntakendiscussie?",
     "zaaknummer", ["3777670"]),
    # asked of documents that do not hold the answer: never a guess
    ("Wanneer opent SamenTwente het nieuwe zwembad in Hengelo?", "date", None),
    ("How much did SamenTwente pay Lysias Advies for guiding the kerntakendiscussie?", "amount", None),
    ("Welk scenario heeft het AB op 26 maart 2025 gekozen voor de Gezonde School Aanpak?", None, None),
]


@pytest.mark.parametrize("question, intent, expected", QUESTIONS)
def test_ask_answers_with_citations_or_says_not_found(client, question, intent, expected):
    r = client.get("/ask", params={"q": question})
    if intent is None:  # no fact kind to look for: a 422 listing what can be asked
        assert r.status_code == 422 and r.json()["detail"]["can_answer"]
        return
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) >= {"question", "answered", "interpretation", "answer", "facts", "citations"}
    assert body["interpretation"]["intent"] == intent
    if expected is None:
        assert body["answered"] is False and body["facts"] == []
        assert body["answer"].startswith("Niet gevonden") or body["answer"].startswith("Not found")
        return
    assert body["answered"] is True, body["answer"]
    for e in expected:
        assert e in body["answer"] or any(e in str(f["value"]) for f in body["facts"]), body["answer"]
    assert body["citations"], "an answer without a citation is a bug"
    for c in body["citations"][:5]:
        assert c["page"] >= 1
        quote = c["quote"].replace("<mark>", "").replace("</mark>", "").strip("…").split()
        assert " ".join(quote[:4]) in " ".join(_page_text(client, c).split())


def test_ask_answers_in_the_questions_language(client):
    nl = client.get("/ask", params={"q": "Wat veranderde er aan het VTT-bedrag tussen de versies?"}).json()
    en = client.get("/ask", params={"q": "What changed in the VTT amount between versions?"}).json()
    assert nl["interpretation"]["language"] == "nl" and "bedrag" in nl["answer"]
    assert en["interpretation"]["language"] == "en" and "amount" in en["answer"]


@pytest.mark.parametrize("q", ["", "a" * 10_000, "Hoe laat is het?", "Vertel een mop", "asdf qwer zxcv"])
def test_empty_huge_or_nonsense_question_is_refused_with_a_message(client, q):
    r = client.get("/ask", params={"q": q})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    if isinstance(detail, dict):  # read and not understood: our Dutch message and what can be asked
        assert detail["message"].startswith("Deze vraag kan ik niet lezen") and detail["can_answer"]
    else:  # too short or too long: FastAPI's own check names the parameter
        assert detail and detail[0]["loc"] == ["query", "q"]


@pytest.mark.parametrize("q", ["Hoe laat is het?", "What is the weather tomorrow?", "Vertel een mop"])
def test_unknown_question_is_422_listing_capabilities(client, q):
    r = client.get("/ask", params={"q": q})
    assert r.status_code == 422
    assert len(r.json()["detail"]["can_answer"]) >= 5


def _events(client, **params):
    return client.get("/timeline", params={"q": "kerntakendiscussie", **params}).json()


@pytest.mark.parametrize(
    "date, what",
    [("2025-01-16", "beeldvormende bespreking"), ("2025-03-05", "oordeelsvormende bespreking"),
     ("2025-03-26", "besluit")],
)
def test_timeline_has_the_decision_steps(client, date, what):
    events = [e for e in _events(client)["events"] if e["date"]["start"] == date and e["date"]["granularity"] == "day"]
    assert any(e["what"] == what for e in events), events


def test_timeline_merges_events_mentioned_in_several_places(client, documents):
    events = _events(client)["events"]
    for date, who in (("2024-07-10", "AB"), ("2024-10-16", "raad")):
        same = [e for e in events if e["date"]["start"] == date and e["date"]["end"] == date and e["who"] == who]
        assert len(same) == 1, (date, who, same)
        assert len({(c["document_id"], c["page"], c["start"]) for c in same[0]["citations"]}) >= 2


def test_timeline_shows_the_planning_shift_of_the_ab_decision(client, documents):
    shifts = _events(client)["shifts"]
    assert shifts
    steps = shifts[0]["steps"]
    starts = [s["date"]["start"] for s in steps]
    assert starts[0] == "2024-12-11"
    assert steps[1]["date"]["start"] == "2025-03-31" and steps[1]["date"]["granularity"] == "week"
    assert starts[-1] == "2025-03-26"
    assert steps[0]["citations"][0]["document_id"] == documents[LETTER_JULY]["id"]
    assert steps[1]["citations"][0]["document_id"] == documents[LETTER_NOV]["id"]


def test_timeline_formats(client):
    tjs = client.get("/timeline", params={"q": "kerntakendiscussie", "format": "timelinejs"}).json()
    assert tjs["events"] and {"year", "month", "day"} <= set(tjs["events"][0]["start_date"])
    ics = client.get("/timeline", params={"q": "kerntakendiscussie", "format": "ics"}).text
    assert ics.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20250326" in ics
    md = client.get("/timeline", params={"q": "kerntakendiscussie", "format": "markdown"}).text
    assert "2025-03-26" in md and "Verschoven" in md


def test_ics_lines_are_folded_at_75_octets_and_unfold_to_the_original():
    from raadslens.search_api.answers.formats import fold_line

    line = "DESCRIPTION:" + "Het algemeen bestuur besluit over € 983.000 voor Veilig Thuis — één keuze; " * 4
    folded = fold_line(line)
    parts = folded.split("\r\n")
    assert len(parts) > 3 and all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line  # unfolding (RFC 5545 §3.1) restores it
    for p in parts:
        p.encode("utf-8").decode("utf-8")  # no multi-byte character split


def test_ics_uids_are_stable_across_re_ingests(tmp_path):
    """Two fresh databases built from the same PDFs give the same UIDs: a hash of the fact, not its position."""
    from conftest import CORPUS
    from test_api_search import LETTER_JULY, LETTER_NOV

    from raadslens import pipeline
    from raadslens.search_api.answers import formats, timeline
    from raadslens.search_api.store import open_store

    uids = []
    for name in ("a", "b"):
        store = open_store(tmp_path / f"{name}.db")
        files = [CORPUS / LETTER_NOV, CORPUS / LETTER_JULY] if name == "a" else [CORPUS / LETTER_JULY, CORPUS / LETTER_NOV]
        pipeline.ingest(files, store, workers=1)
        _, text = formats.render("timeline", "ics", timeline.timeline(store, q="kerntakendiscussie"))
        store.close()
        assert "\r\n" in text and all(len(x.encode()) <= 75 for x in text.split("\r\n"))
        assert "DTSTAMP:" in text
        uids.append([x for x in text.split("\r\n") if x.startswith("UID:")])
    assert uids[0] and sorted(uids[0]) == sorted(uids[1]) and len(set(uids[0])) == len(uids[0])


@pytest.mark.parametrize("path, key, base", [("/documents", "documents", {}),
                                             ("/timeline", "events", {"q": "kerntakendiscussie"})])
def test_list_endpoints_page_with_a_total(client, path, key, base):
    total = client.get(path, params=base).json()["total"]
    assert total >= 3
    paged = []
    for offset in range(0, total, 2):
        page = client.get(path, params={**base, "limit": 2, "offset": offset}).json()
        assert page["total"] == total and len(page[key]) <= 2
        paged += page[key]
    assert paged == client.get(path, params={**base, "limit": 1000}).json()[key]
    assert client.get(path, params={**base, "offset": total + 5}).json()[key] == []
    assert client.get(path, params={**base, "limit": 0}).status_code == 422


def test_proposals_with_options_scenarios_and_effects(client, documents):
    body = client.get("/proposals", params={"document": REPORT}).json()
    assert body["total"] >= 5 and len(body["proposals"]) == body["total"]
    gsa = [p for p in body["proposals"] if "Gezonde School" in p["title"]]
    assert gsa and gsa[0]["page"] >= 1 and gsa[0]["quote"]
    options = gsa[0]["options"]
    assert len(options) >= 2 and any(o["scenario"] for o in options)
    assert any(-18_500_000 in o["effects_cents"] for o in options)  # ending it saves € 185.000 (final report)
    # subject words are stemmed: the plural finds it too, and every hit names them
    found = client.get("/proposals", params={"subject": "gezonde scholen"}).json()
    assert found["total"] >= 1 and all("Gezonde School" in p["title"] for p in found["proposals"])
    assert client.get("/proposals", params={"subject": "zwembad"}).json()["total"] == 0
    page = client.get("/proposals", params={"limit": 2, "offset": 1}).json()
    assert len(page["proposals"]) <= 2 and page["total"] == client.get("/proposals").json()["total"]


def test_an_amount_that_differs_between_versions_is_shown_side_by_side(client, documents):
    body = client.get("/ask", params={"q": "Hoeveel kost het uitvoeren van de wettelijke taken van VTT op een "
                                            "minimumniveau?"}).json()
    assert body["answered"] is True
    assert body["facts"][0]["value"] == 98_300_000  # the final report's word first
    assert body["facts"][0]["document_id"] == documents[REPORT]["id"]
    concept = [a for a in body.get("alternatives", []) if a["document_id"] == documents[CONCEPT]["id"]]
    assert concept and concept[0]["value"] == 85_000_000 and concept[0]["quote"]
    assert "850.000" in body["answer"] and "983.000" in body["answer"]
