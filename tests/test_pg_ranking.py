"""Search ranks alike on both backends (issue 17, item 2): on the relevance set
(tests/data/relevance/queries.jsonl: words, phrases, OR, NOT, broad and narrow queries) the
top-10 pages of PostgreSQL overlap those of SQLite by at least 0.8 for every query.

Both databases are filled by the real pipeline from the same files (the corpus and the
real-world PDFs of at most 100 pages, text layers only: OCR and the two books of 121 and
203 pages would add minutes to `make test` and no ranking question).
The overlap of the tsvector fallback (ts_rank_cd, used only while the postings lag
behind an ingest) is measured and printed beside it, not asserted: it ranks differently.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS, REALWORLD

from raadslens import pipeline
from raadslens.search_api.search.query import parse_query
from raadslens.search_api.store import Store, open_store

QUERIES = [json.loads(line) for line in (Path(__file__).parent / "data" / "relevance" / "queries.jsonl")
           .read_text().splitlines() if line.strip()]
TOP = 10
MIN_OVERLAP = 0.8


MAX_PAGES = 100


def _files() -> list[Path]:
    import pypdfium2

    files = []
    for f in pipeline.find_pdfs([CORPUS, REALWORLD]):
        pdf = pypdfium2.PdfDocument(f)
        if len(pdf) <= MAX_PAGES:
            files.append(f)
        pdf.close()
    return files


def _fill(store: Store, files: list[Path]) -> None:
    summary = pipeline.ingest(files, store, workers=2, ocr=False)
    assert summary.failures == [] and summary.documents > 40


@pytest.fixture(scope="module")
def stores(pg, tmp_path_factory):
    sqlite = open_store(tmp_path_factory.mktemp("rank") / "rank.db")
    postgres = open_store(pg.create_database("ranking"))
    files = _files()
    for s in (sqlite, postgres):
        _fill(s, files)
    yield sqlite, postgres
    sqlite.close()
    postgres.close()


def _top(hits: list) -> list[tuple[str, int]]:
    return [(h["document_id"], h["number"]) for h in hits]


def overlap(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> float:
    """|A ∩ B| / |A| for the top pages of SQLite (A) and PostgreSQL (B); 1 when both are empty."""
    if not a and not b:
        return 1.0
    return len(set(a) & set(b)) / max(len(a), len(b))


def test_both_backends_hold_the_same_pages(stores):
    sqlite, postgres = stores
    assert sqlite.counts() == postgres.counts()


@pytest.mark.parametrize("case", QUERIES, ids=[c["id"] for c in QUERIES])
def test_top_ten_overlap_with_sqlite(stores, case):
    sqlite, postgres = stores
    query = parse_query(case["q"])
    total_s, hits_s = sqlite.search_pages(query, limit=TOP)
    total_p, hits_p = postgres.search_pages(query, limit=TOP)
    assert total_s > 0, f"{case['q']!r} finds nothing: not a ranking question"
    assert total_p == total_s
    score = overlap(_top(hits_s), _top(hits_p))
    assert score >= MIN_OVERLAP, (case["q"], score, _top(hits_s), _top(hits_p))


def test_the_ranked_path_is_the_postings_and_the_fallback_is_measured(stores, capsys):
    """PostgreSQL answers from the postings after an ingest (not the tsvector fallback); the
    fallback's overlap is printed for the record (BENCHMARKS-style line, per query)."""
    from raadslens.search_api.store.postgres import tsearch
    from raadslens.search_api.store.sqlite import postings

    sqlite, postgres = stores
    with postgres.pool.connection() as conn:  # type: ignore[attr-defined]
        assert postings.covers(conn, postings.segments(conn))
        ranked, fallback = [], []
        for case in QUERIES:
            query = parse_query(case["q"])
            _, hits_s = sqlite.search_pages(query, limit=TOP)
            _, hits_p = postgres.search_pages(query, limit=TOP)
            _, hits_t = tsearch.search_pages(conn, query, limit=TOP)
            ranked.append(overlap(_top(hits_s), _top(hits_p)))
            fallback.append(overlap(_top(hits_s), _top(hits_t)))
    with capsys.disabled():
        for name, scores in (("postings (the ranked path)", ranked), ("ts_rank_cd fallback", fallback)):
            print(f"\n{name}: top-{TOP} overlap with SQLite over {len(scores)} queries: mean"
                  f" {sum(scores) / len(scores):.2f}, min {min(scores):.2f},"
                  f" {sum(s >= MIN_OVERLAP for s in scores)} >= {MIN_OVERLAP}", end="")
        print()
    assert len(ranked) == len(QUERIES)
