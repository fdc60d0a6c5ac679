"""Search and documents through a real HTTP client against the app on the ingested corpus."""

from __future__ import annotations

import pytest

LETTER_JULY = "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf"
LETTER_NOV = "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf"
REPORT = "2025-03-13_eindrapport_kerntakendiscussie.pdf"
CONCEPT = "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"


def test_every_corpus_document_is_listed(documents):
    assert {LETTER_JULY, LETTER_NOV, REPORT, CONCEPT} <= set(documents)
    assert all(d["page_count"] > 0 for d in documents.values())


@pytest.mark.parametrize("filename, number", [(LETTER_JULY, "3777670"), (LETTER_NOV, "3825997")])
def test_zaaknummer_found_on_page_one(client, documents, filename, number):
    doc = client.get(f"/documents/{documents[filename]['id']}").json()
    zaak = [m for m in doc["mentions"] if m["kind"] == "zaaknummer" and m["value"]["number"] == number]
    assert zaak, f"zaaknummer {number} not extracted from {filename}"
    assert zaak[0]["page"] == 1
    page = client.get(f"/documents/{doc['id']}/pages/1").json()
    assert page["text"][zaak[0]["start"] : zaak[0]["end"]] == zaak[0]["text"]


def test_veilig_thuis_finds_the_report_page_with_983000(client, documents):
    hits = client.get("/search", params={"q": "veilig thuis", "limit": 50}).json()["hits"]
    report_id = documents[REPORT]["id"]
    pages = [h for h in hits if h["document_id"] == report_id]
    assert pages, "no eindrapport page found for 'veilig thuis'"
    texts = {h["page"]: client.get(h["url"]).json()["text"] for h in pages}
    assert any("983.000" in t for t in texts.values()), "no hit page states € 983.000"
    for h in pages:
        assert "<mark>" in h["snippet"]
        assert h["page"] >= 1 and h["title"]


def test_stemming_matches_singular_and_plural(client):
    plural = client.get("/search", params={"q": "meldingen"}).json()
    singular = client.get("/search", params={"q": "melding"}).json()
    assert plural["total"] > 0
    assert plural["total"] == singular["total"]
    assert "<mark>melding" in " ".join(h["snippet"] for h in singular["hits"]).lower()


def test_phrase_query_is_stricter_than_words(client):
    words = client.get("/search", params={"q": "thuis veilig"}).json()["total"]
    phrase = client.get("/search", params={"q": '"thuis veilig"'}).json()["total"]
    right = client.get("/search", params={"q": '"veilig thuis"'}).json()["total"]
    assert right > 0
    assert phrase < words


def test_diacritics_are_folded(client):
    a = client.get("/search", params={"q": "geïnformeerd"}).json()["total"]
    b = client.get("/search", params={"q": "geinformeerd"}).json()["total"]
    assert a == b > 0


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR", "OR", "NOT", '""', "   ", "'"])
def test_malformed_query_is_400_with_message(client, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code == 400
    assert r.json()["detail"]


@pytest.mark.parametrize("q", ["NEAR(a b)", "col:veilig", "veilig*", "^thuis", "a + b", "'s-Hertogenbosch"])
def test_fts_syntax_in_user_text_is_inert(client, q):
    assert client.get("/search", params={"q": q}).status_code == 200


def test_date_filter_uses_document_dates(client, documents):
    r = client.get("/search", params={"q": "kerntakendiscussie", "from": "2025-01-01", "limit": 100}).json()
    assert r["hits"]
    assert all(h["date"] is None or h["date"] >= "2025-01-01" for h in r["hits"])
    july_id = documents[LETTER_JULY]["id"]
    assert july_id not in {h["document_id"] for h in r["hits"]}


def test_unknown_document_and_page_are_404(client, documents):
    assert client.get("/documents/doesnotexist").status_code == 404
    assert client.get(f"/documents/{documents[REPORT]['id']}/pages/9999").status_code == 404


def test_openapi_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    assert "/search" in client.get("/openapi.json").json()["paths"]


def test_an_unknown_subject_is_a_dutch_404_naming_it(client):
    r = client.get("/amounts", params={"subject": "zzqqxx"})
    assert r.status_code == 404
    assert "onbekend onderwerp 'zzqqxx'" in r.text
