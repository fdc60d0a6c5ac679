"""The PostgreSQL backend (issue 17): for an archive that outgrows one SQLite file.

What is here: the URL check and one-line connection errors (connection.py), the schema
with a small versioned migration runner (schema.py). The `Store` on PostgreSQL itself is
not finished: `open_postgres` connects (so every bad URL, refused connection, wrong
password or missing database is reported as such) and then refuses with a clear message,
before it has written anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from raadslens.search_api.store.base import StoreError
from raadslens.search_api.store.postgres.connection import (
    CONNECT_TIMEOUT_S,
    check_url,
    connect_error,
    redact,
)

if TYPE_CHECKING:
    import psycopg

__all__ = ["connect", "open_postgres"]


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[tuple[Any, ...]]:
    """A psycopg connection to `url`, or a `StoreError` of one line saying why there is none."""
    check_url(url)
    import psycopg

    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=autocommit)
    except psycopg.Error as e:
        raise connect_error(url, e) from None


def open_postgres(url: str, *, create: bool = True) -> object:
    """Connect to check the URL and the server; the store on it is not available yet."""
    conn = connect(url)
    try:
        version = conn.info.server_version
    finally:
        conn.close()
    if version < 150000:
        raise StoreError(f"{redact(url)}: PostgreSQL {version // 10000} is too old; raadslens needs 15 or newer")
    raise StoreError(
        f"{redact(url)}: connected, but this version cannot store in PostgreSQL yet (the backend is not "
        "finished); use a SQLite file (a path or sqlite:///path)"
    )
