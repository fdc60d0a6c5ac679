"""Many documents in one transaction through COPY: the scale benchmark's fast path (raadslens/synth.py fill).

`save_document` writes a document in one transaction of some 20 statements (its pages one by
one, its shingles, the version candidates of its rare shingles): on a busy 2-core machine
each statement is a round trip that waits to be scheduled, and 1M pages would take a day.
`save_documents` writes the same rows of a batch of documents with one COPY per table under
the same write lock, and marks the derived state stale as `save_document` does, so the real
`finish_ingest` builds the postings and the version chains from them.

What it leaves out, and says so: the version-pair lookup of each new document (the `similar`
rows): generated documents share no text beyond chance, so that lookup would find nothing,
but its cost is not measured here. Documents whose hash is stored are skipped, never replaced.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import psycopg

from raadslens.models import Document
from raadslens.search_api.store.indexing import IndexRows
from raadslens.search_api.store.postgres.dialect import WRITE_LOCK

_DOCUMENT_COLUMNS = ("id, sha256, path, filename, title, doc_type, organisation, date, zaaknummer, metadata,"
                     " status, warnings, page_count, ingested_at")


def save_documents(raw: psycopg.Connection[Any], batch: list[tuple[Document, IndexRows]]) -> int:
    """Store the documents of `batch` not stored yet, in one transaction; returns how many."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        stored = {r[0] for r in raw.execute("SELECT sha256 FROM documents WHERE sha256 = ANY(%s)",
                                            ([d.sha256 for d, _ in batch],))}
        batch = [(d, r) for d, r in batch if d.sha256 not in stored]
        if not batch:
            return 0
        n_pages = sum(len(r.pages) for _, r in batch)
        ids = [r[0] for r in raw.execute(
            "SELECT nextval(pg_get_serial_sequence('pages', 'id')) FROM generate_series(1, %s)", (n_pages,))]
        ids.sort()  # page ids ascend in the order of the batch, as one by one
        cur = raw.cursor()
        with cur.copy(f"COPY documents ({_DOCUMENT_COLUMNS}) FROM STDIN") as cp:
            for d, r in batch:
                cp.write_row((d.id, d.sha256, d.path, d.filename, d.title, d.doc_type, d.organisation,
                              d.date.isoformat() if d.date else None, d.zaaknummer,
                              json.dumps(d.metadata, ensure_ascii=False), d.status.value,
                              json.dumps(d.warnings, ensure_ascii=False), len(r.pages), now))
        page_rows = [(page_id, d.id, page) for page_id, (d, page) in zip(ids, ((d, p) for d, r in batch for p in r.pages))]
        with cur.copy("COPY pages (id, document_id, number, text, blocks, ocr, needs_ocr, notes) FROM STDIN") as cp:
            for page_id, doc_id, page in page_rows:  # one COPY at a time on a connection
                cp.write_row((page_id, doc_id, *page[:6]))
        with cur.copy("COPY pages_fts (rowid, stemmed) FROM STDIN") as cp:
            for page_id, _, page in page_rows:
                cp.write_row((page_id, page.stemmed))
        with cur.copy('COPY mentions (document_id, page, kind, start, "end", text, value, subject, block, flag)'
                      " FROM STDIN") as cp:
            for d, r in batch:
                for m in r.mentions:
                    cp.write_row((d.id, *m))
        with cur.copy("COPY shingles (hash, document_id) FROM STDIN") as cp:
            for d, r in batch:
                for h in r.shingles:
                    cp.write_row((h, d.id))
        with cur.copy("COPY shingle_counts (document_id, n) FROM STDIN") as cp:
            for d, r in batch:
                cp.write_row((d.id, len(r.shingles)))
        df = Counter(h for _, r in batch for h in r.shingles)
        raw.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_shingle_df (hash BIGINT, n INTEGER) ON COMMIT DELETE ROWS")
        with cur.copy("COPY bulk_shingle_df (hash, n) FROM STDIN") as cp:
            for h in sorted(df):  # one order for every writer, as save_document
                cp.write_row((h, df[h]))
        raw.execute("INSERT INTO shingle_df (hash, n) SELECT hash, n FROM bulk_shingle_df ORDER BY hash"
                    " ON CONFLICT (hash) DO UPDATE SET n = shingle_df.n + EXCLUDED.n")
        with cur.copy("COPY change_log (at, entity, id, op) FROM STDIN") as cp:
            for d, _ in batch:
                cp.write_row((now, "document", d.id, "added"))
        raw.execute("INSERT INTO meta (key, value) VALUES ('derived', 'stale')"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
    return len(batch)
