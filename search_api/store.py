"""The SQLite store: all SQL lives here.

One file holds documents, pages (body text and blocks), mentions, an ingest
report of failures, and `pages_fts`, an FTS5 index over the stemmed page text
(rowid = pages.id). A document is written in one transaction, so an interrupted
run leaves whole documents only and re-running skips what is there.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pydantic import TypeAdapter

from raadslens.models import Block, Document, Mention
from raadslens.search_api import postings, rank, versions
from raadslens.search_api.query import ParsedQuery
from raadslens.models.normalize import index_words, stem_text, stem_words

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    filename TEXT NOT NULL,
    title TEXT,
    doc_type TEXT NOT NULL,
    date TEXT,
    zaaknummer TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]',
    page_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL DEFAULT '[]',
    ocr INTEGER NOT NULL DEFAULT 0,
    needs_ocr INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '[]',
    UNIQUE (document_id, number)
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    subject TEXT
);
CREATE INDEX IF NOT EXISTS mentions_doc_page ON mentions (document_id, page);
CREATE INDEX IF NOT EXISTS mentions_kind ON mentions (kind);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT NOT NULL,
    sha256 TEXT,
    error TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (path)
);
CREATE VIRTUAL TABLE IF NOT EXISTS pages_fts USING fts5(
    stemmed, tokenize = 'unicode61 remove_diacritics 2'
);
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (and create if needed) a raadslens database."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA mmap_size = 268435456")
    # the DDL only when the newest table is missing: an API request does one cheap lookup
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'shingle_counts'").fetchone() is None:
        conn.executescript(SCHEMA)
        conn.executescript(postings.SCHEMA)
        conn.executescript(versions.SCHEMA)  # last: it creates the table looked for above
    if conn.execute("PRAGMA user_version").fetchone()[0] < versions.SHINGLE_HASH_VERSION:
        _migrate(conn)
    return conn


def tune_for_bulk_writes(conn: sqlite3.Connection) -> None:
    """The single writer of an ingest: a 64 MB page cache (the shingle and FTS5 b-trees stay
    in memory) and a WAL checkpoint every ~40 MB instead of every 4 MB (fewer, larger
    checkpoints). About 13% less writer CPU on the 10k-page bench corpus."""
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA wal_autocheckpoint = 10000")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a database written by an older raadslens up to date (idempotent)."""
    if conn.execute("SELECT 1 FROM shingles LIMIT 1").fetchone():
        versions.rehash(conn)  # shingles hashed the old way would never match new ones
    conn.execute(f"PRAGMA user_version = {versions.SHINGLE_HASH_VERSION}")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def has_document(conn: sqlite3.Connection, sha256: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None


_BLOCKS = TypeAdapter(list[Block])  # serialises a page's blocks in one call (pydantic-core)


class PageRow(NamedTuple):
    number: int
    text: str
    blocks: str  # JSON
    ocr: int
    needs_ocr: int
    notes: str  # JSON
    stemmed: str  # what pages_fts indexes


@dataclass
class IndexRows:
    """A document as rows ready to insert, computed where it was read (a worker).

    The single writer then only executes INSERTs: serialising blocks, stemming
    and shingling happen in parallel, not in the writer.
    """

    pages: list[PageRow]
    mentions: list[tuple]  # (page, kind, start, end, text, value JSON, subject)
    shingles: set[int]  # for version detection


def index_rows(doc: Document) -> IndexRows:
    words = [index_words(p.text) for p in doc.pages]  # split once: for the index and the shingles
    blocks = _BLOCKS.dump_json
    return IndexRows(
        pages=[
            PageRow(
                p.number, p.text, blocks(p.blocks, exclude_none=True).decode(),
                int(p.ocr), int(p.needs_ocr), json.dumps(p.notes, ensure_ascii=False), stem_words(w),
            )
            for p, w in zip(doc.pages, words)
        ],
        mentions=[
            (m.page, m.kind.value, m.start, m.end, m.text,
             m.value.model_dump_json() if m.value is not None else None, m.subject)
            for m in doc.mentions
        ],
        shingles=versions.shingles_of_words([x for w in words for x in w]),
    )


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
            "INSERT INTO documents (id, sha256, path, filename, title, doc_type, date, zaaknummer,"
            " metadata, status, warnings, page_count, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id, doc.sha256, doc.path, doc.filename, title, doc.doc_type,
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
            'INSERT INTO mentions (document_id, page, kind, start, "end", text, value, subject)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, *m) for m in rows.mentions],
        )
        versions.add_document(conn, doc.id, rows.shingles)
        conn.execute("DELETE FROM failures WHERE sha256 = ? OR path = ?", (doc.sha256, doc.path))
    return True


def record_failure(conn: sqlite3.Connection, path: str, sha256: str | None, error: str) -> None:
    with conn:
        conn.execute(
            "INSERT OR REPLACE INTO failures (path, sha256, error, at) VALUES (?, ?, ?, ?)",
            (path, sha256, error, _now()),
        )


def failures(conn: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM failures ORDER BY path")]


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


# -- reading --------------------------------------------------------------------------------

def _document_row(row: sqlite3.Row) -> dict:
    d = dict(row)
    d["metadata"] = json.loads(d["metadata"])
    d["warnings"] = json.loads(d["warnings"])
    return d


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "pages": one("SELECT count(*) FROM pages"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "failures": one("SELECT count(*) FROM failures"),
    }


def list_documents(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        "SELECT id, filename, title, doc_type, date, zaaknummer, status, page_count"
        " FROM documents ORDER BY date, filename"
    )
    return [dict(r) for r in rows]


def get_document(conn: sqlite3.Connection, doc_id: str) -> dict | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return _document_row(row) if row else None


def get_page(conn: sqlite3.Connection, doc_id: str, number: int) -> dict | None:
    row = conn.execute(
        "SELECT number, text, blocks, ocr, needs_ocr, notes FROM pages"
        " WHERE document_id = ? AND number = ?",
        (doc_id, number),
    ).fetchone()
    if row is None:
        return None
    page = dict(row)
    page["blocks"] = json.loads(page["blocks"])
    page["notes"] = json.loads(page["notes"])
    page["ocr"] = bool(page["ocr"])
    page["needs_ocr"] = bool(page["needs_ocr"])
    return page


def page_texts(conn: sqlite3.Connection, doc_id: str) -> Iterator[sqlite3.Row]:
    return conn.execute(
        "SELECT number, text, ocr FROM pages WHERE document_id = ? ORDER BY number", (doc_id,)
    )


def get_mentions(
    conn: sqlite3.Connection, doc_id: str | None = None, kind: str | None = None,
    page: int | None = None,
) -> list[Mention]:
    sql = 'SELECT document_id, page, kind, start, "end", text, value, subject FROM mentions WHERE 1'
    args: list = []
    for col, val in (("document_id", doc_id), ("kind", kind), ("page", page)):
        if val is not None:
            sql += f" AND {col} = ?"
            args.append(val)
    sql += ' ORDER BY document_id, page, start'
    return [
        Mention.model_validate(
            {
                "kind": r["kind"], "page": r["page"], "start": r["start"], "end": r["end"],
                "text": r["text"], "subject": r["subject"],
                "value": json.loads(r["value"]) if r["value"] else None,
            }
        )
        for r in conn.execute(sql, args)
    ]


def search_pages(
    conn: sqlite3.Connection, query: ParsedQuery, *, date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, offset: int = 0,
) -> tuple[int, list[dict]]:
    """(total, hits) for a parsed query, best first (BM25).

    Ranked on the postings (numpy, `rank.py`) when they cover every page, which
    is the case after each ingest; otherwise (pages added since) by FTS5. Both
    give the same scores; only the hits shown are joined to pages and documents.
    """
    with read_snapshot(conn):  # segments and their lists as of one moment, even while an ingest writes
        segs = postings.segments(conn)
        if not postings.covers(conn, segs):
            return search_pages_fts(conn, query.match, date_from=date_from, date_to=date_to, limit=limit,
                                    offset=offset)
        return _search_postings(conn, query, segs, date_from=date_from, date_to=date_to, limit=limit,
                                offset=offset)


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """Run several reads on one snapshot of the database (a read transaction in WAL mode)."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.rollback()  # nothing was written: this only ends the snapshot


def _search_postings(
    conn: sqlite3.Connection, query: ParsedQuery, segs: list[postings.Segment], *,
    date_from: str | None, date_to: str | None, limit: int, offset: int,
) -> tuple[int, list[dict]]:
    allowed = rank.in_date_range(conn, segs, date_from, date_to) if date_from or date_to else None
    ranked = rank.rank(conn, query.clauses, query.negatives, segs, limit=limit, offset=offset, allowed=allowed)
    if not ranked.ids:
        return ranked.total, []
    found = {
        r["id"]: dict(r)
        for r in conn.execute(
            "SELECT p.id, p.document_id, d.title, d.filename, d.date, p.number, p.text, p.ocr"
            " FROM pages p JOIN documents d ON d.id = p.document_id"
            f" WHERE p.id IN ({','.join('?' * len(ranked.ids))})",
            ranked.ids,
        )
    }
    return ranked.total, [{**found[i], "score": s} for i, s in zip(ranked.ids, ranked.scores)]


def search_pages_fts(
    conn: sqlite3.Connection, match: str, *, date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, offset: int = 0,
) -> tuple[int, list[dict]]:
    """(total, hits) for an FTS5 expression, ranked by FTS5's bm25() row by row.

    Without a date filter, ranking and counting stay inside FTS5 (`ORDER BY rank
    LIMIT`), and only the page of hits is joined to pages and documents.
    """
    cols = ("SELECT p.id, p.document_id, d.title, d.filename, d.date, p.number, p.text, p.ocr, h.rank AS score"
            " FROM hits h JOIN pages p ON p.id = h.rowid JOIN documents d ON d.id = p.document_id")
    if not (date_from or date_to):
        total = conn.execute("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", (match,)).fetchone()[0]
        rows = conn.execute(
            "WITH hits AS (SELECT rowid, bm25(pages_fts) AS rank FROM pages_fts WHERE pages_fts MATCH ?"
            " ORDER BY rank LIMIT ? OFFSET ?) " + cols + " ORDER BY h.rank, p.id",
            (match, limit, offset),
        ).fetchall()
        return total, [dict(r) for r in rows]
    where, args = "pages_fts MATCH ?", [match]
    for clause, value in (("d.date >= ?", date_from), ("d.date <= ?", date_to)):
        if value:
            where += " AND " + clause
            args.append(value)
    hits = (
        "WITH hits AS (SELECT pages_fts.rowid, pages_fts.rank FROM pages_fts"
        " JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id"
        f" WHERE {where}) "
    )
    total = conn.execute(hits + "SELECT count(*) FROM hits", args).fetchone()[0]
    rows = conn.execute(hits + cols + " ORDER BY h.rank, p.id LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    return total, [dict(r) for r in rows]


def documents_matching(conn: sqlite3.Connection, match: str) -> list[str]:
    """Ids of documents with at least one page matching an FTS5 expression."""
    rows = conn.execute(
        "SELECT DISTINCT p.document_id FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
        " WHERE pages_fts MATCH ?",
        (match,),
    )
    return [r[0] for r in rows]


def documents_with_zaaknummer(conn: sqlite3.Connection, number: str) -> list[dict]:
    """Documents that carry or cite a zaaknummer/kenmerk, with where they do."""
    rows = conn.execute(
        'SELECT m.document_id, m.page, m.start, m."end", m.text, m.value, d.title, d.filename, d.date,'
        " d.zaaknummer, p.text AS page_text FROM mentions m JOIN documents d ON d.id = m.document_id"
        " JOIN pages p ON p.document_id = m.document_id AND p.number = m.page"
        " WHERE m.kind = 'zaaknummer' AND (json_extract(m.value, '$.number') = ? OR d.zaaknummer = ?)"
        " ORDER BY d.date, m.page, m.start",
        (number, number),
    )
    return [dict(r) for r in rows]
