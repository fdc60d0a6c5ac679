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

from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store.base import StoreError
from raadslens.search_api.store.postgres import schema, tsearch
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
        self._pool = ConnectionPool(url, min_size=1, max_size=max_size, open=False,
                                    kwargs={"connect_timeout": CONNECT_TIMEOUT_S}, name="raadslens")
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

    def tune_for_bulk_writes(self) -> None:
        self.pool.bulk = True  # PostgreSQL's own settings are the server's; nothing per connection

    def search_pages(self, query: ParsedQuery, *, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
        with self.pool.connection() as c:
            conn: Any = c
            segs = postings.segments(conn)
            if postings.covers(conn, segs):
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
