"""Distributed ingest on PostgreSQL: the `ingest_queue` table (schema step 2), claimed with
SELECT … FOR UPDATE SKIP LOCKED by every ingest process that shares the database.

- Each process offers the files it found that are not stored yet, keyed by content hash,
  so the same file on two machines (or twice on one) is one job.
- A process claims one job at a time, only of files it has itself (a path on another
  machine means nothing here); SKIP LOCKED lets two claims at the same moment take
  different rows instead of waiting for each other.
- A claim is a lease of LEASE_S seconds, renewed every LEASE_S / 4 by a heartbeat thread
  while the process lives; a process killed with kill -9 stops renewing, and after the
  lease another process claims the file and finishes it. A document read twice is still
  stored once (save_document is idempotent by hash, under the write lock).
- A job claimed MAX_ATTEMPTS times without being done (it kills every process that reads
  it) is left open and no longer claimed.
- The index and version chains are computed after the batch by one leader: the process
  that finds no live claim left and takes the advisory lock LEAD_LOCK.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from collections.abc import Callable
from typing import Any

import psycopg

from raadslens.search_api.store.postgres.connection import CONNECT_TIMEOUT_S

LEASE_S = 10.0  # a claim not renewed for this long belongs to a process that died
MAX_ATTEMPTS = 5
LEAD_LOCK = 0x7261_6c64  # advisory lock key of the leader that finishes the batch

_LIVE = "claimed_at > now() - make_interval(secs => %(lease)s)"


class PgIngestQueue:
    """This process's view of the shared queue: its own connection (autocommit) and heartbeat."""

    def __init__(self, url: str, *, lease_s: float = LEASE_S):
        self.me = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.url, self.lease = url, lease_s
        self.local: dict[str, str] = {}  # sha256 -> path here, of the files offered and not done
        self._conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        self._lock = threading.Lock()  # the connection is shared with the heartbeat thread
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._heartbeat, name="raadslens-claims", daemon=True)
        self._beat.start()

    def _run(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        with self._lock:
            cur = self._conn.execute(sql, params)
            return cur.fetchall() if cur.description else []

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.lease / 4):
            try:
                self._run("UPDATE ingest_queue SET claimed_at = now() WHERE claimed_by = %s AND done_at IS NULL",
                          (self.me,))
            except psycopg.Error:
                return  # the connection is gone: the claims expire, as after a crash

    def offer(self, jobs: list[tuple[str, str, int]]) -> None:
        self.local.update({sha: path for sha, path, _ in jobs})
        with self._lock, self._conn.cursor() as cur:
            # a job done before (a failure, or a document removed since) is open again
            cur.executemany(
                "INSERT INTO ingest_queue (sha256, path, size) VALUES (%s, %s, %s) ON CONFLICT (sha256) DO UPDATE"
                " SET done_at = NULL, claimed_by = NULL, claimed_at = NULL, attempts = 0, path = EXCLUDED.path"
                " WHERE ingest_queue.done_at IS NOT NULL", jobs)

    def claim(self) -> tuple[str, str] | None:
        if not self.local:
            return None
        rows = self._run(
            "UPDATE ingest_queue q SET claimed_by = %(me)s, claimed_at = now(), attempts = q.attempts + 1"
            " WHERE q.sha256 = (SELECT sha256 FROM ingest_queue WHERE done_at IS NULL AND sha256 = ANY(%(local)s)"
            f" AND attempts < %(max)s AND NOT coalesce({_LIVE}, false)"
            " ORDER BY size DESC, sha256 LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING q.sha256",
            {"me": self.me, "local": list(self.local), "max": MAX_ATTEMPTS, "lease": self.lease})
        if not rows:
            return None
        sha = str(rows[0][0])
        return self.local[sha], sha

    def done(self, sha256: str) -> None:
        self._run("UPDATE ingest_queue SET done_at = now() WHERE sha256 = %s", (sha256,))
        self.local.pop(sha256, None)

    def open_here(self) -> int:
        if not self.local:
            return 0
        rows = self._run("SELECT sha256 FROM ingest_queue WHERE sha256 = ANY(%s) AND done_at IS NULL"
                         " AND attempts < %s", (list(self.local), MAX_ATTEMPTS))
        still = {str(r[0]) for r in rows}
        for sha in [s for s in self.local if s not in still]:
            del self.local[sha]  # done by another process
        return len(still)

    def lead(self, finish: Callable[[], None]) -> bool:
        # a connection of its own: the claims' connection is closed once the batch's files are done
        with psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as conn:
            live = conn.execute(f"SELECT count(*) FROM ingest_queue WHERE done_at IS NULL AND {_LIVE}",
                                {"lease": self.lease}).fetchone()
            if live and live[0]:
                return False  # another process still works: the last one to finish leads
            got = conn.execute("SELECT pg_try_advisory_lock(%s)", (LEAD_LOCK,)).fetchone()
            if not got or not got[0]:
                return False  # another process is finishing the batch right now
            try:
                finish()
                return True
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (LEAD_LOCK,))

    def close(self) -> None:
        """Stop renewing the claims and close the connection (again: nothing)."""
        self._stop.set()
        if self._beat.is_alive() and self._beat is not threading.current_thread():
            self._beat.join(timeout=self.lease)
        with self._lock:
            self._conn.close()
