"""The SQLite backend: one file, FTS5 and numpy postings. It owns every line of SQL in raadslens.

`SqliteStore` is the one object that owns the database (as datasette's
`Database`): it holds a pool of connections and runs each call on one of them;
the modules beside it hold the SQL, as plain functions of a connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from raadslens.models import Document, Mention
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store.base import AmountFilter
from raadslens.search_api.store.indexing import IndexRows
from raadslens.search_api.store.rows import (
    ChainMember,
    Counts,
    DocumentRow,
    DocumentSummary,
    FailureRow,
    Hit,
    MentionRow,
    MentionWindow,
    NumberRow,
    PageDetail,
    PageText,
)
from raadslens.search_api.store.sqlite import fts, postings, reads, writes
from raadslens.search_api.store.sqlite.alerts import AlertsMixin
from raadslens.search_api.store.sqlite.connection import (
    ConnectionPool,
    read_snapshot,
    tune_for_bulk_writes,
)

__all__ = ["SqliteStore"]


class SqliteStore(AlertsMixin):
    """The `Store` on one SQLite file; safe to share between threads (one connection per call)."""

    def __init__(self, path: str | Path):
        self.url = str(path)
        self.path = path
        self.cache_dir = Path(f"{path}.pages")  # beside the file: it goes where the database goes
        self.pool = ConnectionPool(path)
        with self.pool.connection():
            pass  # create and migrate the file now, not in the middle of the first request

    # -- writing --
    def has_document(self, sha256: str, complete: bool = False) -> bool:
        with self.pool.connection() as c:
            return writes.has_document(c, sha256, complete)

    def pending_documents(self) -> list[tuple[str, str, int]]:
        with self.pool.connection() as c:
            return writes.pending_documents(c)

    def save_document(self, doc: Document, rows: IndexRows | None = None) -> bool:
        with self.pool.connection() as c:
            return writes.save_document(c, doc, rows)

    def save_documents(self, batch: list[tuple[Document, IndexRows]]) -> int:
        return sum(self.save_document(doc, rows) for doc, rows in batch)

    def record_failure(self, path: str, sha256: str | None, error: str) -> None:
        with self.pool.connection() as c:
            writes.record_failure(c, path, sha256, error)

    def finish_ingest(self, added: bool) -> None:
        with self.pool.connection() as c:
            if added or writes.derived_is_stale(c):  # stale: an earlier run stopped before the end
                writes.optimize(c)
            else:
                postings.catch_up(c)  # nothing new, but a database from before the postings gets them

    def rebuild_index(self) -> int:
        with self.pool.connection() as c:
            return writes.rebuild_index(c)

    def tune_for_bulk_writes(self) -> None:
        self.pool.bulk = True
        with self.pool.connection() as c:
            tune_for_bulk_writes(c)

    def ingest_queue(self) -> None:
        return None  # one file, one writer: the batch is this process's alone

    def replicate_pages(self, target_pages: int) -> tuple[int, float]:
        with self.pool.connection() as c:
            return writes.replicate_pages(c, target_pages)

    # -- reading --
    def counts(self) -> Counts:
        with self.pool.connection() as c:
            return reads.counts(c)

    def failures(self) -> list[FailureRow]:
        with self.pool.connection() as c:
            return reads.failures(c)

    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentSummary]:
        with self.pool.connection() as c:
            return reads.list_documents(c, limit, offset)

    def count_documents(self) -> int:
        with self.pool.connection() as c:
            return reads.count_documents(c)

    def documents_by_id(self, ids: Iterable[str]) -> dict[str, DocumentSummary]:
        with self.pool.connection() as c:
            return reads.documents_by_id(c, ids)

    def get_document(self, doc_id: str) -> DocumentRow | None:
        with self.pool.connection() as c:
            return reads.get_document(c, doc_id)

    def get_page(self, doc_id: str, number: int) -> PageDetail | None:
        with self.pool.connection() as c:
            return reads.get_page(c, doc_id, number)

    def page_texts(self, doc_id: str) -> list[PageText]:
        with self.pool.connection() as c:
            return reads.page_texts(c, doc_id)

    def page_blocks(self, pages: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
        with self.pool.connection() as c:
            return reads.page_blocks(c, pages)

    def get_mentions(self, doc_id: str | None = None, kind: str | None = None,
                     page: int | None = None) -> list[Mention]:
        with self.pool.connection() as c:
            return reads.get_mentions(c, doc_id, kind, page)

    def search_pages(self, query: ParsedQuery, *, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
        with self.pool.connection() as c:
            return fts.search_pages(c, query, date_from=date_from, date_to=date_to, limit=limit, offset=offset)

    def baseline_search(self, query: ParsedQuery, *, limit: int = 20) -> tuple[int, list[Hit]]:
        with self.pool.connection() as c:
            return fts.search_pages_fts(c, fts.compile_match(query), limit=limit)

    def documents_matching(self, query: ParsedQuery) -> list[str]:
        with self.pool.connection() as c:
            return fts.documents_matching(c, query)

    def mentions_of_zaaknummer(self, number: str) -> list[MentionRow]:
        with self.pool.connection() as c:
            return reads.mentions_of_zaaknummer(c, number)

    def money_mentions(self, f: AmountFilter) -> list[MentionRow]:
        with self.pool.connection() as c:
            return reads.money_mentions(c, f)

    def iter_money_mentions(self, f: AmountFilter, chunk: int = 1000) -> Iterator[list[MentionRow]]:
        # one connection and one read snapshot for the whole export, released when the
        # generator finishes or is closed (a client that hangs up)
        with self.pool.connection() as c, read_snapshot(c):
            yield from reads.iter_money_mentions(c, f, chunk)

    def count_money_mentions(self, f: AmountFilter) -> int:
        with self.pool.connection() as c:
            return reads.count_money_mentions(c, f)

    def date_mentions(self, doc_ids: list[str]) -> list[MentionRow]:
        with self.pool.connection() as c:
            return reads.date_mentions(c, doc_ids)

    def page_mentions(self, pages: list[tuple[str, int]], kind: str) -> list[MentionRow]:
        with self.pool.connection() as c:
            return reads.page_mentions(c, pages, kind)

    def zaaknummer_rows(self) -> list[NumberRow]:
        with self.pool.connection() as c:
            return reads.zaaknummer_rows(c)

    def mention_windows(self, kind: str, *, doc_ids: list[str] | None = None, max_page: int | None = None,
                        before: int = 100, after: int = 80) -> list[MentionWindow]:
        with self.pool.connection() as c:
            return reads.mention_windows(c, kind, doc_ids=doc_ids, max_page=max_page, before=before, after=after)

    def document_hashes(self) -> dict[str, str]:
        with self.pool.connection() as c:
            return reads.document_hashes(c)

    def version_chains(self) -> list[list[ChainMember]]:
        with self.pool.connection() as c:
            return reads.version_chains(c)

    def version_chain_of(self, doc_id: str) -> list[ChainMember]:
        with self.pool.connection() as c:
            return reads.version_chain_of(c, doc_id)

    def proposal_mentions(self, document: str | None = None) -> list[MentionRow]:
        with self.pool.connection() as c:
            return reads.proposal_mentions(c, document)

    def close(self) -> None:
        self.pool.close()
