"""The benchmark's web rows (/zoeken latency, page images cold and cached) measure what they say;
no timing is asserted here (speed is the benchmark's, BENCHMARKS.md)."""

from __future__ import annotations

import shutil

from raadslens import bench
from raadslens.search_api.store import open_store


def test_page_image_rows_render_cold_then_serve_from_the_cache(corpus_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copyfile(corpus_db, db)
    store = open_store(db)
    cache = store.cache_dir
    store.close()
    (cache / "stale").mkdir(parents=True)  # whatever was cached before is gone: the first requests are cold
    cold, cached, pages = bench.page_image_latency(db, pages=4, rounds=1)
    assert pages == 4 and cold > 0 and cached > 0
    assert not (cache / "stale").exists() and len(list(cache.rglob("*.png"))) == 4


def test_zoeken_latency_goes_through_the_web_page(corpus_db):
    p50, p95, p99 = bench.search_latency(corpus_db, rounds=1, path="/zoeken", queries=bench.QUERIES[:3])
    assert 0 < p50 <= p95 <= p99
