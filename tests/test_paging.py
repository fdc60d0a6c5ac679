"""No silent caps: /search, /documents and /amounts page with limit/offset, and `total` counts every match.

Through the real HTTP server on the ingested corpus; the totals are checked against the
SQLite file itself, and the CSV export against the total.
"""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from raadslens.search_api.answers.paging import InvalidPage

# (path, key of the rows, fixed params, a row's identity, the largest limit)
LISTS = [
    ("/search", "hits", {"q": "kerntakendiscussie"}, lambda h: (h["document_id"], h["page"]), 100),
    ("/search", "hits", {"q": "veilig thuis"}, lambda h: (h["document_id"], h["page"]), 100),
    ("/documents", "documents", {}, lambda d: d["id"], 1000),
    ("/amounts", "amounts", {}, lambda a: (a["document_id"], a["page"], a["start"], a["end"]), 1000),
    ("/amounts", "amounts", {"min": 100000}, lambda a: (a["document_id"], a["page"], a["start"], a["end"]), 1000),
]
IDS = [f"{p}?{'&'.join(f'{k}={v}' for k, v in base.items())}" for p, _, base, _, _ in LISTS]


def _count(db, sql: str) -> int:
    with sqlite3.connect(db) as c:
        return int(c.execute(sql).fetchone()[0])


@pytest.mark.parametrize("path, key, base, ident, largest", LISTS, ids=IDS)
def test_pages_concatenated_are_the_whole_list_and_total_counts_it(client, path, key, base, ident, largest):
    whole = client.get(path, params={**base, "limit": largest}).json()
    total = whole["total"]
    assert total == len(whole[key]) > 3  # the corpus fits in one largest page: that is the unpaged set
    for size in (1, 3):
        seen = []
        for offset in range(0, total, size):
            page = client.get(path, params={**base, "limit": size, "offset": offset}).json()
            assert (page["total"], page["limit"], page["offset"]) == (total, size, offset)
            assert len(page[key]) == min(size, total - offset)
            seen += [ident(r) for r in page[key]]
        assert seen == [ident(r) for r in whole[key]]  # same rows, same order, none twice, none left out


@pytest.mark.parametrize("path, key, base, ident, largest", LISTS, ids=IDS)
def test_offset_past_the_end_is_an_empty_page_with_the_same_total(client, path, key, base, ident, largest):
    total = client.get(path, params=base).json()["total"]
    for offset in (total, total + 1, 10_000):
        page = client.get(path, params={**base, "offset": offset}).json()
        assert page[key] == [] and page["total"] == total


@pytest.mark.parametrize("path, key, base, ident, largest", LISTS, ids=IDS)
@pytest.mark.parametrize("limit", [0, -1, 100_000])
def test_a_limit_out_of_range_is_422_with_a_dutch_message(client, path, key, base, ident, largest, limit):
    """The range is in the OpenAPI (so a client knows it) and a value outside it is the documented
    422: the parameter's place and a Dutch sentence naming the bound."""
    r = client.get(path, params={**base, "limit": limit})
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"] == ["query", "limit"]
    assert error["msg"] == ("limit moet 1 of groter zijn" if limit < 1 else f"limit moet {largest} of kleiner zijn")
    schema = next(p for p in client.get("/openapi.json").json()["paths"][path]["get"]["parameters"]
                  if p["name"] == "limit")["schema"]
    assert (schema["minimum"], schema["maximum"]) == (1, largest)
    ok = client.get(path, params={**base, "limit": largest})
    assert ok.status_code == 200  # the edge itself is allowed


def test_totals_are_the_counts_in_the_database(client, corpus_db):
    """`total` is the number of ALL matching rows (a COUNT in the store), not the length of a page."""
    documents = client.get("/documents", params={"limit": 2}).json()
    assert documents["total"] == _count(corpus_db, "SELECT count(*) FROM documents") > 2
    assert len(documents["documents"]) == documents["count"] == 2
    amounts = client.get("/amounts", params={"limit": 2}).json()
    body_money = "SELECT count(*) FROM mentions WHERE kind = 'money' AND block IS NULL"
    assert amounts["total"] == _count(corpus_db, body_money) > 2
    assert amounts["count"] == len(amounts["amounts"]) == 2  # the old key still there
    big = client.get("/amounts", params={"min": 100000, "limit": 2}).json()
    assert big["total"] == _count(corpus_db, body_money + " AND json_extract(value, '$.cents') >= 10000000") > 2


def test_the_csv_export_streams_every_row_past_any_page_limit(client):
    total = client.get("/amounts", params={"limit": 1}).json()["total"]
    r = client.get("/amounts", params={"format": "csv", "limit": 1})  # limit is for JSON pages only
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total > 1
    json_rows = client.get("/amounts", params={"limit": 1000}).json()["amounts"]
    assert [(x["document"], int(x["page"])) for x in rows] == [(a["document_id"], a["page"]) for a in json_rows]


def test_store_streams_money_mentions_in_chunks_of_one_query(corpus_db):
    """The CSV's source: every match, in the order of the pages, in chunks no bigger than asked."""
    from raadslens.search_api.store import AmountFilter, open_store

    store = open_store(corpus_db, create=False)
    try:
        every = store.money_mentions(AmountFilter(limit=None))
        chunks = list(store.iter_money_mentions(AmountFilter(), chunk=7))
        assert len(every) > 14 and all(len(c) == 7 for c in chunks[:-1]) and 1 <= len(chunks[-1]) <= 7
        assert [m for c in chunks for m in c] == every
        assert len(every) == store.count_money_mentions(AmountFilter())
        docs = store.list_documents()
        assert store.list_documents(limit=2, offset=1) == docs[1:3] and store.count_documents() == len(docs)
    finally:
        store.close()


def test_an_abandoned_export_gives_its_connection_back(corpus_db):
    """A client that hangs up mid-stream closes the generator: the connection returns to the pool."""
    from raadslens.search_api.store import AmountFilter, open_store

    store = open_store(corpus_db, create=False)
    try:
        stream = store.iter_money_mentions(AmountFilter(), chunk=2)
        next(stream)
        idle = store.pool._idle.qsize()
        stream.close()
        assert store.pool._idle.qsize() == idle + 1
    finally:
        store.close()


def test_the_cli_pages_and_refuses_alike(corpus_db):
    import json

    from test_faces import raadslens

    out = raadslens(corpus_db, "amounts", "--limit", "3", "--offset", "2")
    assert out.returncode == 0, out.stderr.decode()
    page = json.loads(out.stdout)
    assert (page["limit"], page["offset"], len(page["amounts"])) == (3, 2, 3) and page["total"] > 5
    bad = raadslens(corpus_db, "search", "kerntakendiscussie", "--limit", "100000")
    assert bad.returncode == 2 and bad.stdout == b""
    assert "kies een limit van 1 tot en met 100" in bad.stderr.decode()
    csv_out = raadslens(corpus_db, "amounts", "--format", "csv")
    assert csv_out.returncode == 0 and len(list(csv.DictReader(io.StringIO(csv_out.stdout.decode())))) == page["total"]


def test_invalid_page_is_a_422_answer_error():
    from raadslens.search_api.answers.paging import check_page

    with pytest.raises(InvalidPage) as e:
        check_page(5, -1)
    assert e.value.status == 422 and "offset=-1" in str(e.value)
    check_page(1, 0)
    check_page(1000, 10**9)
