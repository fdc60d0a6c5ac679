"""Run the raadslens CLI and kill it (as kill -9 would) right after its Nth database commit.

    RAADSLENS_KILL_AFTER_COMMIT=N python tests/reliability/kill_at_commit.py ingest DIR --db X.db

A *commit point* is the end of a transaction: an explicit COMMIT, or a write
statement run outside a transaction (DDL, an autocommit INSERT, a PRAGMA that
writes the file). Statements SQLite runs inside another (FTS5's own, traced
with a leading "--") and per-connection settings are not commit points. The
process exits with status 137 at the first statement after the Nth commit
point, so everything up to that point is durable and nothing after it is.
Without the variable (or with N past the last point) the command runs to its
end; RAADSLENS_COMMIT_COUNT_FILE then receives the number of commit points, so a
test can try every one of them.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

KILLED = 137
_WRITES = {"CREATE", "DROP", "ALTER", "INSERT", "UPDATE", "DELETE", "REPLACE"}
_FILE_PRAGMAS = ("USER_VERSION", "JOURNAL_MODE", "OPTIMIZE")  # the ones that write the database file


def is_commit_point(sql: str, in_transaction: bool) -> bool:
    words = sql.strip().upper().replace(";", " ").split()
    if not words or words[0].startswith("--"):
        return False
    if words[0] in ("COMMIT", "END"):
        return True
    if in_transaction:
        return False
    if words[0] == "PRAGMA":
        rest = " ".join(words[1:])
        return rest.startswith(_FILE_PRAGMAS) and ("=" in rest or rest.startswith("OPTIMIZE"))
    return words[0] in _WRITES


def install(kill_after: int | None, count_file: str | None) -> None:
    main_pid = os.getpid()  # forked ingest workers inherit the hook: only the main process counts
    state = {"commits": 0}
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)

        def on_statement(sql: str) -> None:
            if os.getpid() != main_pid:
                return
            if kill_after is not None and state["commits"] >= kill_after:
                os._exit(KILLED)  # no cleanup, no atexit, no rollback: like SIGKILL
            if is_commit_point(sql, conn.in_transaction):
                state["commits"] += 1

        conn.set_trace_callback(on_statement)
        return conn

    sqlite3.connect = traced  # type: ignore[assignment]
    if count_file:
        atexit.register(lambda: Path(count_file).write_text(str(state["commits"])))


if __name__ == "__main__":
    limit = os.environ.get("RAADSLENS_KILL_AFTER_COMMIT")
    install(int(limit) if limit else None, os.environ.get("RAADSLENS_COMMIT_COUNT_FILE"))
    from raadslens.cli import main

    sys.argv = ["raadslens", *sys.argv[1:]]
    main()
