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


def has_document(conn: sqlite3.Connection, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None


def save_document(conn: sqlite3.Connection, doc: Document, rows: IndexRows | None = None) -> bool:
    """Store a document with its pages, index and mentions in one transaction.

    Returns False (and writes nothing) when a document with the same content
    hash is already stored. `rows` may be computed beforehand (in a worker).
    """
    rows = rows or index_rows(doc)
    title = doc.title
    if title and doc.metadata.get("status") == "concept" and "concept" not in title.lower():
        title = f"{title} (concept)"  # a concept and its final version often share a title
    with conn:
        if has_document(conn, doc.sha256):
            return False
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
        alerts.log_change(conn, "document", doc.id, "added")  # the change feed, in the same transaction
    return True


def record_failure(conn: sqlite3.Connection, path: str, sha256: str | None, error: str) -> None:
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO failures (path, sha256, error, at) VALUES (?, ?, ?, ?)",
            (path, sha256, error, _now()),
        )


def optimize(conn: sqlite3.Connection) -> None:
    """After a bulk load: merge the FTS5 segments and recompute the version chains."""
    with conn:
        conn.execute("INSERT INTO pages_fts (pages_fts) VALUES ('optimize')")
    postings.catch_up(conn)
    versions.rebuild(conn)
    conn.execute("PRAGMA optimize")


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
