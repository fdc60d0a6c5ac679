"""The PostgreSQL backend (issue 17): for an archive that outgrows one SQLite file.

connection.py checks the URL and turns every failure to connect into one line;
schema.py holds the tables and a versioned migration runner; dialect.py runs the SQLite
backend's SQL functions on psycopg; store.py is the `Store`; tsearch.py is full-text
search while the postings lag behind.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg

from raadslens.search_api.store.base import StoreError
from raadslens.search_api.store.postgres.connection import (
    CONNECT_TIMEOUT_S,
    check_url,
    connect_error,
    first_line,
    redact,
)

if TYPE_CHECKING:
    from raadslens.search_api.store.base import Store

__all__ = ["connect", "migrate_postgres", "open_postgres"]


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[tuple[Any, ...]]:
    """A psycopg connection to `url`, or a `StoreError` of one line saying why there is none."""
    check_url(url)
    try:
        return psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT_S, autocommit=autocommit)
    except psycopg.Error as e:
        raise connect_error(url, e) from None


def _check_server(url: str) -> None:
    conn = connect(url)
    try:
        version = conn.info.server_version
    finally:
        conn.close()
    if version < 150000:
        raise StoreError(f"{redact(url)}: PostgreSQL {version // 10000} is too old; raadslens needs 15 or newer")


def migrate_postgres(url: str) -> tuple[int, int]:
    """(schema version before, after) of the database at `url`, brought up to date (`raadslens migrate`)."""
    from raadslens.search_api.store.postgres import schema

    _check_server(url)
    try:
        with connect(url) as conn:
            return schema.migrate(conn)
    except psycopg.Error as e:
        raise StoreError(f"cannot migrate {redact(url)}: {type(e).__name__}: {first_line(str(e))}") from None


def open_postgres(url: str, *, create: bool = True) -> Store:
    """The store on the PostgreSQL database at `url` (its schema created or migrated when `create`)."""
    _check_server(url)
    from raadslens.search_api.store.postgres.store import PostgresStore

    try:
        return PostgresStore(url, create=create)
    except StoreError:
        raise
    except psycopg.Error as e:
        raise StoreError(f"cannot open {redact(url)}: {type(e).__name__}: {first_line(str(e))}") from None
