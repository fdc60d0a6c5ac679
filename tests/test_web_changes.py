"""/wijzigingen against the real server on the corpus: two versions, their amounts and text side by side."""

from __future__ import annotations

import re

HTML = {"Accept": "text/html"}


def _steps(client) -> list[str]:
    html = client.get("/wijzigingen", headers=HTML).text
    return [h.replace("&amp;", "&") for h in re.findall(r'class="stap" href="([^"]+)"', html)]


def test_a_version_step_shows_the_api_changes_each_side_linked(client):
    steps = _steps(client)
    assert steps  # the corpus has a concept and its final report
    html = client.get(steps[0], headers=HTML).text
    old, new = re.search(r"van=(\w+)&naar=(\w+)", steps[0]).groups()
    api = client.get("/changes", params={"document": new, "against": old}).json()
    # the same answer as the previous-version route, and the page counts what the API lists
    assert api["amounts"] == client.get("/changes", params={"document": new}).json()["amounts"]
    changed = sum(1 for a in api["amounts"] if a["kind"] == "changed")
    assert changed > 0 and f'class="aantal">{changed} gewijzigd' in html
    vtt = next(a for a in api["amounts"] if a["subject"] == "Veilig Thuis Twente")
    assert "€850.000" in html and "€983.000" in html and "+€ 133.000,00" in html and vtt["delta_cents"] == 13_300_000
    # each side opens its page view with that amount marked
    links = [h.replace("&amp;", "&") for h in re.findall(r'<td class="(?:van|naar)"><a class="bron" href="([^"]+)"', html)]
    assert len(links) == 2 * changed
    for link, cite in zip(links[:2], (api["amounts"][0]["from"], api["amounts"][0]["to"])):
        page = client.get(link, headers=HTML)
        assert page.status_code == 200 and f"<mark>{cite['text']}</mark>" in page.text
    # the text diff per page, with deleted and inserted words
    assert "<del>" in html and "<ins>" in html and "oud p. " in html and "nieuw p. " in html


def test_text_change_links_mark_the_changed_paragraph(client):
    html = client.get(_steps(client)[0], headers=HTML).text
    link = re.search(r'href="([^"]+)">nieuwe tekst</a>', html).group(1).replace("&amp;", "&")
    page = client.get(link, headers=HTML).text
    start, end = (int(x) for x in re.search(r"start=(\d+)&end=(\d+)", link).groups())
    assert end > start and "<mark>" in page


def test_wrong_choices_are_explained_in_dutch(client, documents):
    doc = next(iter(documents.values()))["id"]
    r = client.get("/wijzigingen", params={"van": doc}, headers=HTML)
    assert r.status_code == 400 and "Kies twee versies" in r.text
    assert client.get("/wijzigingen", params={"van": doc, "naar": doc}, headers=HTML).status_code == 400
    r = client.get("/wijzigingen", params={"van": doc, "naar": "<b>x</b>"}, headers=HTML)
    assert r.status_code == 404 and "bestaat niet" in r.text and "<b>x</b>" not in r.text
