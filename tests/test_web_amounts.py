"""/bedragen against the real server on the corpus: the page, the API and the CSV show the same rows."""

from __future__ import annotations

import csv
import io
import re

HTML = {"Accept": "text/html"}
ROW_RE = re.compile(r'<tr><td class="bedrag">(?:(-?)€ ([\d.]+),(\d\d))?')


def shown_cents(html: str) -> list[int | None]:
    """The amounts in the page's table, in the order shown (None: a mention without a sum, e.g. p.m.)."""
    return [(-1 if sign else 1) * (int(whole.replace(".", "")) * 100 + int(cents)) if whole else None
            for sign, whole, cents in ROW_RE.findall(html)]


def csv_link(html: str) -> str:
    return re.search(r'class="csv" href="([^"]+)"', html).group(1).replace("&amp;", "&")


def test_page_shows_the_api_rows_their_sum_and_the_same_csv(client):
    api = client.get("/amounts", params={"limit": 50, "sort": "-amount"}).json()
    assert api["total"] > 50  # the corpus has more than one page of amounts: paging is exercised
    html = client.get("/bedragen", params={"sorteer": "-bedrag"}, headers=HTML).text
    assert f'class="aantal">{api["total"]} bedragen, 1 tot en met 50 getoond' in html
    cents = shown_cents(html)
    assert cents == [a["cents"] for a in api["amounts"]]
    known = [c for c in cents if c is not None]
    assert known and known == sorted(known, reverse=True)
    assert api["sum_cents"] == sum(c for c in cents if c is not None)
    whole, rest = divmod(api["sum_cents"], 100)
    assert f"€ {whole:,}".replace(",", ".") + f",{rest:02d}" in html
    # the CSV is exactly the table: the same rows in the same order
    r = client.get(csv_link(html))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [round(float(row["amount"]) * 100) if row["amount"] else None for row in rows] == cents
    assert [(row["document"], int(row["page"])) for row in rows] == [(a["document_id"], a["page"]) for a in api["amounts"]]


def test_second_page_and_its_csv(client):
    html = client.get("/bedragen", params={"sorteer": "bedrag", "pagina": 2}, headers=HTML).text
    api = client.get("/amounts", params={"limit": 50, "offset": 50, "sort": "amount"}).json()
    assert shown_cents(html) == [a["cents"] for a in api["amounts"]] and api["count"] > 0
    assert 'rel="prev"' in html
    rows = list(csv.DictReader(io.StringIO(client.get(csv_link(html)).text)))
    assert len(rows) == api["count"]


def test_subject_and_year_filters_narrow(client):
    html = client.get("/bedragen", params={"onderwerp": "VTT", "jaar": "2025"}, headers=HTML).text
    api = client.get("/amounts", params={"subject": "VTT", "year": 2025, "limit": 50}).json()
    assert 0 < api["total"] < client.get("/amounts", params={"limit": 1}).json()["total"]
    assert f'class="aantal">{api["total"]} bedragen' in html
    assert all(a["subject"] == "Veilig Thuis Twente" and a["date"].startswith("2025") for a in api["amounts"])
    # min/max in Dutch notation: dots group thousands
    big = client.get("/bedragen", params={"min": "1.000.000"}, headers=HTML).text
    assert shown_cents(big) and min(c for c in shown_cents(big) if c is not None) >= 100_000_000


def test_scenario_words_are_matched_as_written(client):
    everything = client.get("/amounts", params={"limit": 1}).json()["total"]
    assert everything > 0
    assert client.get("/amounts", params={"scenario": "%"}).json()["total"] < everything


def test_bad_filters_are_explained_and_escaped(client):
    r = client.get("/bedragen", params={"min": "<b>veel</b>"}, headers=HTML)
    assert r.status_code == 400 and 'class="error"' in r.text and "min moet een bedrag" in r.text
    assert "<b>veel</b>" not in r.text and "&lt;b&gt;veel&lt;/b&gt;" in r.text
    r = client.get("/bedragen", params={"onderwerp": "<i>niets</i>"}, headers=HTML)
    assert r.status_code == 400 and "<i>niets</i>" not in r.text
    assert client.get("/bedragen", params={"jaar": "twee"}, headers=HTML).status_code == 400
    assert client.get("/bedragen.csv", params={"sorteer": "kleur"}).status_code == 400
