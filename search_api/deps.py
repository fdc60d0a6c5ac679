"""FastAPI dependencies: one SQLite connection per request, on the app's database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request

from search_api import store


def get_conn(request: Request) -> Iterator[sqlite3.Connection]:
    conn = store.connect(request.app.state.settings.db_path)
    try:
        yield conn
    finally:
        conn.close()


ConnDep = Annotated[sqlite3.Connection, Depends(get_conn)]
