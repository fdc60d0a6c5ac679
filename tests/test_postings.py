"""The numpy postings engine ranks exactly like FTS5's bm25(), on the real corpus index.

Every query runs through both engines (`fts.search_pages` on the postings,
`fts.search_pages_fts` on FTS5) and the whole result lists must agree: the same
pages, in the same order, with the same scores. Then the same for an index
cut into several segments, after a merge, with page-by-page position reads,
and for pages added after the postings were built (FTS5 answers until
`catch_up` has indexed them).
"""

from __future__ import annotations

import math
import shutil

import pytest
from conftest import REALWORLD

from raadslens.ingest import read_pdf
from raadslens.search_api.answers.search import parse_search, search
from raadslens.search_api.store.sqlite import SqliteStore, fts, postings, reads, writes
from raadslens.search_api.store.sqlite.connection import connect

QUERIES = [
    "veilig thuis",  # expanded to its aliases: phrases of 1 to 7 words
    '"veilig thuis"',
    '"advies en meldpunt huiselijk geweld en kindermishandel"',  # a word twice in one phrase
    "jeugd OR jongeren",
    "begroting 2024",
    "algemeen bestuur -dagelijks",
    '"gezonde school" OR GGD',
    "kerntakendiscussie NOT jeugd",
    "besluit",
    '"het het"',  # words that occur, rarely or never side by side
    '"bestuur algemeen"',  # both words common, never in this order
    "xyzzyqwerty",  # in no page
    "gemeente gemeente",  # the same phrase twice counts twice, as in FTS5
]


def _parsed(q: str):
    return parse_search(q)[0]


def _store(conn) -> SqliteStore:
    """The store on the same file as `conn` (the answers take a store, the engine tests a connection)."""
    return SqliteStore(conn.execute("PRAGMA database_list").fetchone()[2])


def _assert_same(conn, q: str, **kw) -> int:
    parsed = _parsed(q)
    assert postings.covers(conn, postings.segments(conn)), "the postings must cover the index here"
    total, hits = fts.search_pages(conn, parsed, limit=10_000, **kw)
    fts_total, fts_hits = fts.search_pages_fts(conn, fts.compile_match(parsed), limit=10_000, **kw)
    assert total == fts_total == len(hits), q
    assert [h["id"] for h in hits] == [h["id"] for h in fts_hits], q
    for h, f in zip(hits, fts_hits):
        assert math.isclose(h["score"], f["score"], rel_tol=1e-9, abs_tol=1e-12), (q, h["id"])
    return total


@pytest.fixture
def db_copy(corpus_db, tmp_path):
    dst = tmp_path / "copy.db"
    shutil.copyfile(corpus_db, dst)
    conn = connect(dst)
    yield conn
    conn.close()


def test_same_ranking_as_fts5(corpus_db):
    conn = connect(corpus_db)
    totals = {q: _assert_same(conn, q) for q in QUERIES}
    assert totals["veilig thuis"] > totals['"veilig thuis"'] > 0
    assert totals["jeugd OR jongeren"] > 10
    assert totals["xyzzyqwerty"] == 0
    assert totals['"bestuur algemeen"'] < totals["algemeen bestuur -dagelijks"]


def test_date_filter_and_paging(corpus_db):
    conn = connect(corpus_db)
    for kw in ({"date_from": "2025-01-01"}, {"date_to": "2024-12-31"},
               {"date_from": "2024-06-01", "date_to": "2025-06-30"}):
        for q in ("veilig thuis", "jeugd OR jongeren", "begroting 2024"):
            _assert_same(conn, q, **kw)
    parsed = _parsed("jeugd OR jongeren")
    _, everything = fts.search_pages(conn, parsed, limit=10_000)
    _, page2 = fts.search_pages(conn, parsed, limit=5, offset=5)
    assert [h["id"] for h in page2] == [h["id"] for h in everything[5:10]]


def test_segments_merge_and_partial_position_reads(db_copy, monkeypatch):
    conn = db_copy
    monkeypatch.setattr(postings, "SEGMENT_PAGES", 25)
    postings.rebuild(conn)
    n_pages = reads.counts(conn)["pages"]
    assert len(postings.segments(conn)) == math.ceil(n_pages / 25)
    for q in QUERIES:
        _assert_same(conn, q)
    monkeypatch.setattr(postings, "WHOLE_BLOB_BYTES", 0)  # positions read page by page (blob I/O)
    for q in QUERIES[:4]:
        _assert_same(conn, q)
    postings.merge(conn)
    segs = postings.segments(conn)
    assert len(segs) == 1 and segs[0].pages == n_pages
    assert conn.execute("SELECT count(DISTINCT segment) FROM positions").fetchone()[0] == 1
    for q in QUERIES:
        _assert_same(conn, q)
    monkeypatch.setattr(postings, "MAX_SEGMENTS", 2)  # catch_up merges when there are too many
    postings.rebuild(conn)
    assert len(postings.segments(conn)) == 1
    _assert_same(conn, "veilig thuis")


def test_pages_added_later_are_found_before_and_after_catch_up(db_copy):
    conn = db_copy
    doc = read_pdf(REALWORLD / "was_bw_besluitenlijst_2024-12-10.pdf", ocr=False)
    writes.save_document(conn, doc)
    segs = postings.segments(conn)
    assert not postings.covers(conn, segs)  # the new pages are not in the postings yet
    found = search(_store(conn), "wassenaar")
    assert found["total"] > 0 and {h["document_id"] for h in found["hits"]} == {doc.id}  # FTS5 answers

    assert postings.catch_up(conn) == len(doc.pages)
    assert len(postings.segments(conn)) == len(segs) + 1
    assert postings.catch_up(conn) == 0  # idempotent
    assert _assert_same(conn, "wassenaar") == found["total"]
    for q in QUERIES:
        _assert_same(conn, q)


def test_a_search_reads_one_snapshot_while_an_ingest_commits(db_copy, monkeypatch):
    """An ingest that commits new pages and their segment in the middle of a search (another
    connection, as `raadslens ingest` beside `raadslens serve`) does not change that search."""
    conn = db_copy
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    before = search(_store(conn), "besluit OR college")
    doc = read_pdf(REALWORLD / "was_bw_besluitenlijst_2024-12-10.pdf", ocr=False)
    real = postings.term_postings
    done = []

    def ingest_meanwhile(c, term):
        if not done:
            done.append(True)
            writer = connect(path)
            writes.save_document(writer, doc)
            assert postings.catch_up(writer) == len(doc.pages)
            writer.close()
        return real(c, term)

    monkeypatch.setattr(postings, "term_postings", ingest_meanwhile)
    during = search(_store(conn), "besluit OR college")
    assert done and during == before
    monkeypatch.setattr(postings, "term_postings", real)
    assert len(postings.segments(conn)) == 2 and postings.covers(conn, postings.segments(conn))
