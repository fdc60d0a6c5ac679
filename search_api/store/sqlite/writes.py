"""Writing a SQLite database: documents in one transaction each, failures, and the end of a batch.

A document is written in one transaction, so an interrupted run leaves whole
documents only and re-running skips what is there.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time

from raadslens.models import Document
from raadslens.models.normalize import stem_text
from raadslens.search_api.store.indexing import IndexRows, index_rows
from raadslens.search_api.store.sqlite import alerts, postings, versions


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def has_document(conn: sqlite3.Connection, sha256: str, complete: bool = False) -> bool:
    """Stored; with `complete`, only when no page of it waits for OCR (see `pending_pages`)."""
    row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        return False
    return not complete or pending_pages(conn, row["id"]) == 0


def pending_pages(conn: sqlite3.Connection, doc_id: str) -> int:
    """Pages stored without their text because OCR failed, timed out or could not run.

    They are not lost: the next ingest that can OCR reads the document again
    and replaces it (`save_document`)."""
    return int(conn.execute("SELECT count(*) FROM pages WHERE document_id = ? AND needs_ocr = 1",
                            (doc_id,)).fetchone()[0])


def mark_derived_stale(conn: sqlite3.Connection) -> None:
    """In the transaction that changes documents: the postings and version chains must be
    recomputed. `optimize` clears the mark only when it finished, so a run killed in between
    leaves it set and the next run does the work (`finish_ingest`)."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('derived', 'stale')")


def derived_is_stale(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = 'derived'").fetchone()
    return row is not None and row[0] == "stale"


def delete_document_rows(conn: sqlite3.Connection, doc_id: str) -> None:
    """Every row of one document: pages (and their index rows), mentions, shingles, version
    pairs. The caller holds the transaction. The postings are rebuilt by the next
    `optimize`: page ids are reused after a delete (no AUTOINCREMENT), so counting
    pages cannot tell that a segment holds a page that is gone."""
    conn.execute("DELETE FROM pages_fts WHERE rowid IN (SELECT id FROM pages WHERE document_id = ?)", (doc_id,))
    conn.execute("UPDATE shingle_df SET n = n - 1 WHERE hash IN"
                 " (SELECT hash FROM shingles WHERE document_id = ?)", (doc_id,))
    conn.execute("DELETE FROM shingle_df WHERE n <= 0")
    for sql in ("DELETE FROM shingles WHERE document_id = ?",
                "DELETE FROM shingle_counts WHERE document_id = ?",
                "DELETE FROM similar WHERE a = ?1 OR b = ?1",
                "DELETE FROM versions WHERE document_id = ?",
                "DELETE FROM documents WHERE id = ?"):  # pages and mentions cascade
        conn.execute(sql, (doc_id,))
    mark_derived_stale(conn)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('postings', 'rebuild')")


def save_document(conn: sqlite3.Connection, doc: Document, rows: IndexRows | None = None) -> bool:
    """Store a document with its pages, index and mentions in one transaction.

    Returns False (and writes nothing) when a document with the same content
    hash is already stored complete. One stored with pages pending OCR is
    replaced by the new reading, in the same transaction, when that reading
    has fewer pages pending. `rows` may be computed beforehand (in a worker).
    """
    rows = rows or index_rows(doc)
    title = doc.title
    if title and doc.metadata.get("status") == "concept" and "concept" not in title.lower():
        title = f"{title} (concept)"  # a concept and its final version often share a title
    with conn:
        # the write lock before reading the hash: two processes storing the same file store it once,
        # and two storing similar files (shared shingle counts) wait for each other instead of deadlocking
        conn.execute("BEGIN IMMEDIATE")
        old = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()
        change = "added"
        if old is not None:
            pending = pending_pages(conn, old["id"])
            if pending == 0 or sum(p[4] for p in rows.pages) >= pending:  # no better: keep what is there
                return False
            delete_document_rows(conn, old["id"])
            change = "changed"
        conn.execute(
            "INSERT INTO documents (id, sha256, path, filename, title, doc_type, organisation, date,"
            " zaaknummer, metadata, status, warnings, page_count, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id, doc.sha256, doc.path, doc.filename, title, doc.doc_type, doc.organisation,
                doc.date.isoformat() if doc.date else None, doc.zaaknummer,
                json.dumps(doc.metadata, ensure_ascii=False), doc.status.value,
                json.dumps(doc.warnings, ensure_ascii=False), len(rows.pages), _now(),
            ),
        )
        for number, text, blocks, ocr, needs_ocr, notes, stemmed in rows.pages:
            cur = conn.execute(
                "INSERT INTO pages (document_id, number, text, blocks, ocr, needs_ocr, notes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc.id, number, text, blocks, ocr, needs_ocr, notes),
            )
            conn.execute("INSERT INTO pages_fts (rowid, stemmed) VALUES (?, ?)", (cur.lastrowid, stemmed))
        conn.executemany(
            'INSERT INTO mentions (document_id, page, kind, start, "end", text, value, subject, block, flag)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, *m) for m in rows.mentions],
        )
        versions.add_document(conn, doc.id, rows.shingles)
        conn.execute("DELETE FROM failures WHERE sha256 = ? OR path = ?", (doc.sha256, doc.path))
        alerts.log_change(conn, "document", doc.id, change)  # the change feed, in the same transaction
        mark_derived_stale(conn)
    return True


def record_failure(conn: sqlite3.Connection, path: str, sha256: str | None, error: str) -> None:
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO failures (path, sha256, error, at) VALUES (?, ?, ?, ?)",
            (path, sha256, error, _now()),
        )


def optimize(conn: sqlite3.Connection) -> None:
    """After a bulk load: merge the FTS5 segments and recompute the postings and version chains.

    Each step is idempotent; the 'stale' mark is cleared only after the last one,
    so an interrupted optimize is simply run again by the next ingest."""
    with conn:
        conn.execute("INSERT INTO pages_fts (pages_fts) VALUES ('optimize')")
    if conn.execute("SELECT 1 FROM meta WHERE key = 'postings'").fetchone():  # pages were deleted
        postings.rebuild(conn)
    else:
        postings.catch_up(conn)
    versions.rebuild(conn)
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN ('derived', 'postings')")
    conn.execute("PRAGMA optimize")


def pending_documents(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(path, document id, pages pending) of every document with pages waiting for OCR."""
    return [(r["path"], r["id"], r["n"]) for r in conn.execute(
        "SELECT d.path, d.id, count(*) AS n FROM documents d JOIN pages p ON p.document_id = d.id"
        " WHERE p.needs_ocr = 1 GROUP BY d.id ORDER BY d.path")]


def rebuild_index(conn: sqlite3.Connection) -> int:
    """Re-derive pages_fts from pages.text (after a change of stemming rules)."""
    with conn:
        conn.execute("DELETE FROM pages_fts")
        rows = conn.execute("SELECT id, text FROM pages").fetchall()
        conn.executemany(
            "INSERT INTO pages_fts (rowid, stemmed) VALUES (?, ?)",
            ((r["id"], stem_text(r["text"])) for r in rows),
        )
    postings.rebuild(conn)
    return len(rows)


def replicate_pages(conn: sqlite3.Connection, target_pages: int) -> tuple[int, float]:
    """Copy the stored documents until there are about `target_pages` pages, for the bench.

    For search latency on a large index without ingesting that many pages again;
    the copies keep their real text, so term statistics stay realistic. Returns
    the pages and the seconds the postings took to build from scratch.
    """
    docs = conn.execute("SELECT * FROM documents").fetchall()
    pages = conn.execute(
        "SELECT p.document_id, p.number, p.text, f.stemmed FROM pages p JOIN pages_fts f ON f.rowid = p.id"
    ).fetchall()
    copy = 0
    while pages and len(pages) * (copy + 1) < target_pages:
        copy += 1
        with conn:
            conn.executemany(
                f"INSERT INTO documents VALUES ({','.join('?' * len(docs[0].keys()))})",
                [tuple(f"{v}#{copy}" if k in ("id", "sha256") else v for k, v in zip(d.keys(), d)) for d in docs],
            )
            for doc_id, number, text, stemmed in pages:
                cur = conn.execute("INSERT INTO pages (document_id, number, text) VALUES (?, ?, ?)",
                                   (f"{doc_id}#{copy}", number, text))
                conn.execute("INSERT INTO pages_fts (rowid, stemmed) VALUES (?, ?)", (cur.lastrowid, stemmed))
    with conn:
        conn.execute("INSERT INTO pages_fts (pages_fts) VALUES ('optimize')")
    t0 = time.perf_counter()
    postings.rebuild(conn)
    seconds = time.perf_counter() - t0
    return conn.execute("SELECT count(*) FROM pages").fetchone()[0], seconds
