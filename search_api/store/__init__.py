"""Storage behind one interface: `open_store(url)` gives a `Store`; only this package knows the backends.

A plain path or `sqlite:///path` opens the SQLite backend (the embedded default).
`postgresql://…` goes to the PostgreSQL backend (search_api/store/postgres), never to a
file name: a bad URL or a database that cannot be reached is one clear line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from raadslens.search_api.store.base import (
    AMOUNT_SORTS,
    AmountFilter,
    IngestQueue,
    Store,
    StoreError,
    StoreMissing,
)
from raadslens.search_api.store.indexing import IndexRows, index_rows

__all__ = ["AMOUNT_SORTS", "AmountFilter", "IndexRows", "IngestQueue", "Migration", "display_url", "Store", "StoreError", "StoreMissing", "index_rows",
           "migrate_store", "open_store"]


def display_url(url: str | Path) -> str:
    """The database as it may be printed: a PostgreSQL URL without its password, a path as given."""
    text = str(url)
    if text.split("://", 1)[0].lower() in ("postgresql", "postgres"):
        from raadslens.search_api.store.postgres.connection import redact

        return redact(text)
    return text


def open_store(url: str | Path, *, create: bool = True) -> Store:
    """The store at `url`. With create=False a database that does not exist is a `StoreMissing`
    (a read command must say so, not show an empty database it just created)."""
    text = str(url)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        from raadslens.search_api.store.postgres import open_postgres

        return open_postgres(text, create=create)
    if scheme and scheme != "sqlite":
        raise StoreError(f"{text}: unknown database scheme {scheme!r}; give a file path, sqlite:///path "
                         "or postgresql://…")
    path = text[len("sqlite://"):] if scheme == "sqlite" else text
    if path != ":memory:" and not create and not Path(path).exists():
        raise StoreMissing(f"no database at {path}: ingest documents first (raadslens ingest PATH --db {path})")
    from raadslens.search_api.store.sqlite import SqliteStore

    return SqliteStore(path)


@dataclass(frozen=True)
class Migration:
    backend: str  # "sqlite" or "postgresql"
    before: int  # schema version found (0: an empty database)
    after: int  # schema version now
    where: str  # the database, as it may be shown (a URL without its password)


def migrate_store(url: str | Path) -> Migration:
    """Bring the database at `url` up to this raadslens's schema (`raadslens migrate`), step by step;
    a step that fails leaves the database at the version before it (a `StoreError` says which)."""
    text = str(url)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres"):
        from raadslens.search_api.store.postgres import migrate_postgres
        from raadslens.search_api.store.postgres.connection import redact

        return Migration("postgresql", *migrate_postgres(text), where=redact(text))
    if scheme and scheme != "sqlite":
        raise StoreError(f"{text}: unknown database scheme {scheme!r}; give a file path, sqlite:///path "
                         "or postgresql://…")
    path = text[len("sqlite://"):] if scheme == "sqlite" else text
    if not Path(path).exists():
        raise StoreMissing(f"no database at {path}: nothing to migrate (raadslens ingest PATH --db {path} creates one)")
    from raadslens.search_api.store.sqlite.connection import migrate_file

    return Migration("sqlite", *migrate_file(path), where=path)
