"""SQLite connections: the schema, opening and migrating a file, read snapshots and a pool.

One file holds documents, pages (body text and blocks), mentions, an ingest
report of failures, and `pages_fts`, an FTS5 index over the stemmed page text
(rowid = pages.id), beside the postings and the version tables. Pooled
connections are reused across requests, so each keeps its page cache warm (a
cold cache per request doubled the latency of broad queries on a large index);
WAL mode lets them read while an ingest writes.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from raadslens.search_api.store.indexing import SHINGLE_HASH_VERSION
from raadslens.search_api.store.sqlite import alerts, postings, versions

# 2: shingle hashes (indexing.SHINGLE_HASH_VERSION); 3: documents.organisation; 4: mentions.block, .flag;
# 5: meta (the 'derived state is stale' mark, writes.mark_derived_stale); 6: an index of versions by chain
SCHEMA_VERSION = 6

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
    ingested_at TEXT NOT NULL,
    organisation TEXT
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
    subject TEXT,
    block INTEGER,  -- a furniture mention: its block in pages.blocks (offsets in that block's text)
    flag TEXT  -- why the mention is doubtful (models.mentions.Flag)
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
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
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
    if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        _migrate(conn)
    alerts.install(conn)  # saved searches, deliveries, the change log (a cheap lookup when present)
    return conn


def migrate_file(path: str | Path) -> tuple[int, int]:
    """(schema version before, after) of an existing file, brought up to date (`raadslens migrate`;
    opening a file migrates it too)."""
    raw = sqlite3.connect(str(path))
    try:
        before = int(raw.execute("PRAGMA user_version").fetchone()[0])
    finally:
        raw.close()
    if before > SCHEMA_VERSION:
        from raadslens.search_api.store.base import StoreError

        raise StoreError(f"{path} has schema version {before}, newer than this raadslens ({SCHEMA_VERSION}):"
                         " upgrade raadslens")
    connect(path).close()
    return before, SCHEMA_VERSION


def tune_for_bulk_writes(conn: sqlite3.Connection) -> None:
    """The single writer of an ingest: a 64 MB page cache (the shingle and FTS5 b-trees stay
    in memory) and a WAL checkpoint every ~40 MB instead of every 4 MB (fewer, larger
    checkpoints). About 13% less writer CPU on the 10k-page bench corpus."""
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA wal_autocheckpoint = 10000")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring a database written by an older raadslens up to date (idempotent, step by step)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version < SHINGLE_HASH_VERSION and conn.execute("SELECT 1 FROM shingles LIMIT 1").fetchone():
        versions.rehash(conn)  # shingles hashed the old way would never match new ones
    columns = {r[1] for r in conn.execute("PRAGMA table_info(documents)")}
    if "organisation" not in columns:  # version 3: the issuing organisation (documents stored before: unknown)
        with conn:
            conn.execute("ALTER TABLE documents ADD COLUMN organisation TEXT")
    mention_columns = {r[1] for r in conn.execute("PRAGMA table_info(mentions)")}
    with conn:  # version 4: furniture mentions and flags (documents stored before have neither)
        for column, kind in (("block", "INTEGER"), ("flag", "TEXT")):
            if column not in mention_columns:
                conn.execute(f"ALTER TABLE mentions ADD COLUMN {column} {kind}")
    with conn:  # version 5: we cannot know whether the last run finished its derived state: redo it once
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is None:
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            if conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone():
                conn.execute("INSERT INTO meta (key, value) VALUES ('derived', 'stale')")
    with conn:  # version 6: a chain's members are read by chain for every search hit (the page's folded versions)
        conn.execute("CREATE INDEX IF NOT EXISTS versions_chain ON versions (chain, position)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


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


READ_CACHE_KIB = 64 * 1024  # page cache per pooled connection


class ConnectionPool:
    """Idle connections to one database, handed out last-in first-out (the warmest first)."""

    def __init__(self, db_path: str | Path, max_idle: int = 8):
        self.db_path = db_path
        self.bulk = False  # connections made from now on are tuned for the single writer
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=max_idle)

    def acquire(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            conn = connect(self.db_path)
            conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
            if self.bulk:
                tune_for_bulk_writes(conn)
            return conn

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        conn = self.acquire()
        try:
            yield conn
        finally:
            self.release(conn)

    def release(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:  # a request that failed half-way: start the next one clean
            conn.rollback()
        try:
            self._idle.put_nowait(conn)
        except queue.Full:
            conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
