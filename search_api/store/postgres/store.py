"""`PostgresStore`: the `Store` on PostgreSQL, over the same SQL functions as the SQLite backend.

Each method of `SqliteStore` runs one of the shared SQL functions on a pooled
connection; here the pool is psycopg_pool's and the connection the sqlite3-shaped
`PgConnection` (dialect.py), so those methods are inherited, not copied. What differs
is overridden below: opening (connect, migrate), search while the postings lag behind
the pages (tsearch.py instead of FTS5), and bulk-write tuning.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import pq
from psycopg_pool import ConnectionPool

from raadslens.models import Document
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store.base import StoreError
from raadslens.search_api.store.indexing import IndexRows
from raadslens.search_api.store.postgres import bulk, schema, tsearch
from raadslens.search_api.store.postgres.connection import CONNECT_TIMEOUT_S, redact
from raadslens.search_api.store.postgres.dialect import PgConnection
from raadslens.search_api.store.postgres.queue import PgIngestQueue
from raadslens.search_api.store.rows import Hit
from raadslens.search_api.store.sqlite import SqliteStore, fts, postings


def cache_dir(url: str) -> Path:
    """The per-user cache directory, under a hash of the URL: a server database has no folder
    beside it, and a folder named after the URL would spell out its password."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "raadslens" / "pages" / hashlib.sha256(url.encode()).hexdigest()[:16]


class PgPool:
    """Pooled psycopg connections handed out as `PgConnection`s, rolled back when returned."""

    def __init__(self, url: str, max_size: int = 8):
        self.url = url
        self.bulk = False
        # autocommit: a read is its statements only, no BEGIN and ROLLBACK round trips around them;
        # writes are `with conn:` blocks, which open their transaction (dialect.PgConnection)
        self._pool = ConnectionPool(url, min_size=1, max_size=max_size, open=False,
                                    kwargs={"connect_timeout": CONNECT_TIMEOUT_S, "autocommit": True},
                                    name="raadslens")
        self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S + 5)

    @contextmanager
    def connection(self) -> Iterator[PgConnection]:
        with self._pool.connection() as raw:
            conn = PgConnection(raw)
            try:
                yield conn
            finally:
                if raw.info.transaction_status != pq.TransactionStatus.IDLE:
                    raw.rollback()  # a read's snapshot, or a request that failed half-way

    def close(self) -> None:
        self._pool.close()


def _segments_and_newest(conn: Any) -> tuple[list[postings.Segment], int | None]:
    """postings.segments and the newest page id (for postings.covers) in one round trip."""
    rows = conn.execute("SELECT s.id, s.lo, s.hi, s.pages, s.tokens, s.tag, m.newest FROM (SELECT max(id) AS newest"
                        " FROM pages) m LEFT JOIN postings_segments s ON TRUE ORDER BY s.lo").fetchall()
    return [postings.Segment(*r[:6]) for r in rows if r[0] is not None], rows[0][6] if rows else None


class PostgresStore(SqliteStore):
    """The `Store` on one PostgreSQL database; safe to share between threads."""

    def __init__(self, url: str, *, create: bool = True):  # noqa: D107 - SqliteStore's __init__ is not called
        self.url = url
        self.path = url
        self.cache_dir = cache_dir(url)
        with psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S) as conn:
            before, after = schema.migrate(conn, create=create)
        if after == 0:
            from raadslens.search_api.store.base import StoreMissing

            raise StoreMissing(f"no raadslens tables in {redact(url)}: ingest documents first"
                               f" (raadslens ingest PATH --db {redact(url)})")
        if after < schema.SCHEMA_VERSION:
            raise StoreError(f"{redact(url)} has schema version {before}, older than this raadslens"
                             f" ({schema.SCHEMA_VERSION}): run raadslens migrate --db URL")
        self.pool = PgPool(url)  # type: ignore[assignment]

    def ingest_queue(self) -> PgIngestQueue:  # type: ignore[override]
        return PgIngestQueue(self.url)  # ingest processes here and on other machines share the batch

    def save_documents(self, batch: list[tuple[Document, IndexRows]]) -> int:
        """A batch of documents by COPY in one transaction (the scale benchmark's fast path, bulk.py)."""
        with self.pool.connection() as c:
            conn: Any = c  # a PgConnection (the pool's type is SqliteStore's)
            return bulk.save_documents(conn.raw, batch)

    def tune_for_bulk_writes(self) -> None:
        self.pool.bulk = True  # PostgreSQL's own settings are the server's; nothing per connection

    def search_pages(self, query: ParsedQuery, *, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
        with self.pool.connection() as c:
            conn: Any = c
            segs, newest = _segments_and_newest(conn)
            if segs and newest is not None and newest <= segs[-1].hi:  # postings.covers, in the same statement
                return fts._search_postings(conn, query, segs, date_from=date_from, date_to=date_to,
                                            limit=limit, offset=offset)
            return tsearch.search_pages(conn, query, date_from=date_from, date_to=date_to, limit=limit,
                                        offset=offset)

    def baseline_search(self, query: ParsedQuery, *, limit: int = 20) -> tuple[int, list[Hit]]:
        with self.pool.connection() as c:
            return tsearch.search_pages(c, query, limit=limit)  # type: ignore[arg-type]

    def documents_matching(self, query: ParsedQuery) -> list[str]:
        with self.pool.connection() as c:
            return tsearch.documents_matching(c, query)  # type: ignore[arg-type]
