"""The benchmark harness builds what it measures correctly (no timing is asserted here)."""

from __future__ import annotations

import sqlite3

from raadslens import bench
from raadslens.ingest import file_sha256
from raadslens.search_api.store.sqlite import postings, reads
from raadslens.search_api.store.sqlite.connection import connect


def test_generated_corpus_has_distinct_documents_and_enough_pages(tmp_path):
    sources = [s for s in bench.text_layer_sources() if s.pages <= 20][:3]
    assert sources, "small text-layer PDFs in corpus/ and realworld/"
    files, pages = bench.build_corpus(60, tmp_path, sources)
    assert pages >= 60 and len(files) > len(sources)
    assert len({file_sha256(f) for f in files}) == len(files)  # every copy is a new document


def test_replicated_index_has_the_pages_asked_for_and_searches(corpus_db, tmp_path):
    conn = connect(corpus_db)
    base = reads.counts(conn)["pages"]
    conn.close()
    total, _ = bench.replicate_index(corpus_db, tmp_path / "big.db", 3 * base)
    assert total == 3 * base
    big = sqlite3.connect(tmp_path / "big.db")
    hits = big.execute("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'kerntakendiscussie'").fetchone()[0]
    one = sqlite3.connect(corpus_db).execute(
        "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH 'kerntakendiscussie'").fetchone()[0]
    assert hits == 3 * one > 0
    big_conn = connect(tmp_path / "big.db")
    segs = postings.segments(big_conn)
    assert postings.covers(big_conn, segs) and sum(s.pages for s in segs) == total  # search uses the postings
    parts = bench.search_breakdown(tmp_path / "big.db", rounds=1)
    assert set(parts) == {"FTS5 count + bm25 top 20", "postings top 20", "search()"}


def test_ask_latency_runs_the_question_set_through_http(corpus_db):
    questions = bench.ask_questions()
    assert len(questions) >= 80  # the hand-written set, not a sample made up here
    p50, p95, p99 = bench.search_latency(corpus_db, rounds=1, path="/ask", queries=questions[:12])
    assert 0 < p50 <= p95 <= p99


def test_the_table_is_replaced_and_the_sections_below_it_stay(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n| old | table |\n\n## Scale: a synthetic corpus\n\n| kept | rows |\n")
    bench.write_table(out, "# Benchmarks\n\n| new | table |\n")
    text = out.read_text()
    assert "| new | table |" in text and "| old | table |" not in text
    assert text.endswith("## Scale: a synthetic corpus\n\n| kept | rows |\n")
    fresh = tmp_path / "none.md"
    bench.write_table(fresh, "# Benchmarks\n")
    assert fresh.read_text() == "# Benchmarks\n"
