"""FastAPI dependencies: a pooled SQLite connection per request, on the app's database.

Connections are reused across requests, so each keeps its page cache warm
(a cold cache per request doubled the latency of broad queries on a large
index). A connection serves one request at a time; WAL mode lets them read
while an ingest writes, and each request sees the data committed before it.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request

from raadslens.search_api import store

READ_CACHE_KIB = 64 * 1024  # page cache per pooled connection


class ConnectionPool:
    """Idle connections to one database, handed out last-in first-out (the warmest first)."""

    def __init__(self, db_path: str | Path, max_idle: int = 8):
        self.db_path = db_path
        self._idle: queue.LifoQueue[sqlite3.Connection] = queue.LifoQueue(maxsize=max_idle)

    def acquire(self) -> sqlite3.Connection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            conn = store.connect(self.db_path)
            conn.execute(f"PRAGMA cache_size = -{READ_CACHE_KIB}")
            return conn

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


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    pool: ConnectionPool = request.app.state.pool
    conn = pool.acquire()
    try:
        yield conn
    finally:
        pool.release(conn)


ConnDep = Annotated[sqlite3.Connection, Depends(get_conn)]
