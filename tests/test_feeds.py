"""Atom feeds (valid for feedparser, linking to page views) and the NDJSON change feed, over the real server."""

from __future__ import annotations

import json

import feedparser


def test_search_feed_is_valid_atom_linking_to_page_views(client, documents):
    r = client.get("/feeds/zoeken.atom", params={"q": "veilig thuis"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "raadslens: veilig thuis"
    assert len(feed.entries) >= 2
    ids = {d["id"] for d in documents.values()}
    for e in feed.entries:
        doc_id, _, page = e.link.split("/documenten/", 1)[1].partition("/pagina/")
        assert doc_id in ids and int(page) >= 1
        assert e.id == f"urn:raadslens:document:{doc_id}" and e.updated_parsed
        assert client.get(e.link.replace(client.base_url.__str__().rstrip("/"), "")).status_code == 200
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert any("Veilig Thuis" in e.summary or "VTT" in e.summary for e in feed.entries)


def test_search_feed_filters_by_organisation(client, documents):
    organisations = {d["organisation"] for d in documents.values() if d["organisation"]}
    assert organisations
    org = sorted(organisations)[0]
    feed = feedparser.parse(client.get("/feeds/zoeken.atom", params={"q": "kerntakendiscussie", "organisatie": org}).content)
    assert not feed.bozo
    expected = {d["id"] for d in documents.values() if d["organisation"] == org}
    got = {e.id.rsplit(":", 1)[1] for e in feed.entries}
    assert got and got <= expected
    nobody = feedparser.parse(client.get("/feeds/zoeken.atom", params={"q": "kerntakendiscussie",
                                                                      "organisatie": "Nergenshuizen"}).content)
    assert not nobody.bozo and nobody.entries == []


def test_dossier_feed(client):
    dossier = max(client.get("/dossiers").json()["dossiers"], key=lambda d: d["document_count"])
    r = client.get(f"/feeds/dossiers/{dossier['id']}.atom")
    feed = feedparser.parse(r.content)
    assert r.status_code == 200 and not feed.bozo
    assert {e.id.rsplit(":", 1)[1] for e in feed.entries} == {d["id"] for d in dossier["documents"]}
    missing = client.get("/feeds/dossiers/bestaat-niet.atom")
    assert missing.status_code == 404 and "geen dossier" in missing.json()["detail"]


def test_a_malformed_search_feed_is_a_400(client):
    r = client.get("/feeds/zoeken.atom", params={"q": '"veilig thuis'})
    assert r.status_code == 400 and "aanhalingsteken" in r.json()["detail"]


def test_change_feed_from_the_beginning_and_from_a_cursor(client, documents):
    r = client.get("/changes/feed", params={"since": 0})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert {x["id"] for x in lines if x["op"] == "added"} == {d["id"] for d in documents.values()}
    cursors = [x["cursor"] for x in lines]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    first = lines[0]
    assert first["entity"] == "document" and first["document"]["id"] == first["id"]
    assert first["facts"] and {f["kind"] for f in first["facts"]} <= {"date", "money", "zaaknummer", "proposal"}

    later = [json.loads(x) for x in client.get("/changes/feed", params={"since": cursors[1]}).text.splitlines()]
    assert [x["cursor"] for x in later] == cursors[2:]
    assert client.get("/changes/feed", params={"since": cursors[-1]}).text == ""  # nothing new
    one = client.get("/changes/feed", params={"since": 0, "limit": 1}).text.splitlines()
    assert len(one) == 1


def test_a_cursor_from_the_future_is_a_clear_4xx(client):
    last = max(json.loads(x)["cursor"] for x in client.get("/changes/feed").text.splitlines())
    r = client.get("/changes/feed", params={"since": last + 1000})
    assert r.status_code == 400 and "toekomst" in r.json()["detail"] and f"de nieuwste is {last}" in r.json()["detail"]
    for bad in ("-1", "abc", str(2**63)):
        assert client.get("/changes/feed", params={"since": bad}).status_code == 422


def test_control_characters_never_make_a_feed_invalid(client):
    r = client.get("/feeds/zoeken.atom", params={"q": "veilig\x0cthuis\x01"})
    assert r.status_code == 200
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    from raadslens.search_api.alerts.feeds import atom

    text = atom(title="a\x0cb", self_url="http://x/", feed_id="urn:x",
                entries=[{"title": "t\x00\x1f", "id": "urn:y", "url": "http://x/?a=1&b=2", "updated": "2025-01-01T00:00:00Z",
                          "summary": "s\x0b <b>&"}])
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.entries[0].link == "http://x/?a=1&b=2" and "<b>&" in parsed.entries[0].summary
