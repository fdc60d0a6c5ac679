"""The one interface to storage: every backend implements `Store`, nothing above it knows which.

Answers, questions, the web app and the CLI call these methods only. A parsed
query (`search.query.ParsedQuery`) crosses the interface, never a query string
of one engine, so each backend compiles it its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from raadslens.models import Document, Mention
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store.alert_rows import AlertRow, ChangeRow, DeliveryRow
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


class StoreError(Exception):
    """The database cannot be used as asked; the message says why and what to do."""


class StoreMissing(StoreError):
    """A read on a database that does not exist (nothing was ingested there)."""


AMOUNT_SORTS = ("date", "amount", "document", "subject")  # AmountFilter.sort, "-" first: descending


@dataclass(frozen=True)
class AmountFilter:
    """Which money mentions to return; None means no condition."""

    subject: str | None = None
    document: str | None = None  # an id or a file name
    date_from: str | None = None
    date_to: str | None = None
    min_cents: int | None = None
    max_cents: int | None = None
    recurrence: str | None = None
    limit: int | None = 100  # None: every row (the CSV export pages through them itself)
    offset: int = 0
    organisation: str | None = None  # the document's organisation, exactly
    scenario: str | None = None  # words in the amount's table column label ("Kern", "Scenario B")
    sort: str | None = None  # one of AMOUNT_SORTS, "-" first for descending; None: date, file, page


class IngestQueue(Protocol):
    """The files of ingest batches, claimed by the ingest processes that share one database
    (on one machine or several): each file is read by one process, a claim of a process that
    died expires and another takes it (store/postgres/queue.py)."""

    def offer(self, jobs: list[tuple[str, str, int]]) -> None:
        """(sha256, path on this machine, size) of files that are not stored yet."""
        ...

    def claim(self) -> tuple[str, str] | None:
        """(path, sha256) of an offered file this process may read now; None when every open file
        is claimed by a live process (or none is left)."""
        ...

    def done(self, sha256: str) -> None:
        """The file is stored, or its failure recorded."""
        ...

    def open_here(self) -> int:
        """Files offered by this process that are not done yet (another one holds them)."""
        ...

    def lead(self, finish: Callable[[], None]) -> bool:
        """Run `finish` (the index and version chains) once no process works on the queue any
        more, in one process only; True when this process did. Also after `close`."""
        ...

    def close(self) -> None:
        """Stop holding claims (idempotent)."""
        ...


class Store(Protocol):
    url: str  # what the user gave: a file path or a database URL
    cache_dir: Path  # where files derived from this database are kept (rendered page images)

    # -- writing (one writer at a time) --
    def has_document(self, sha256: str, complete: bool = False) -> bool:
        """Stored (with `complete`: and no page of it is pending OCR)."""
        ...

    def pending_documents(self) -> list[tuple[str, str, int]]:
        """(stored path, document id, pages pending) of the documents with pages waiting for OCR."""
        ...

    def save_document(self, doc: Document, rows: IndexRows | None = None) -> bool:
        """Store a document in one transaction; False (and nothing written) when its hash is stored
        complete. A stored reading with pages pending OCR is replaced, unless the new one has more
        pending. Marks the derived state (postings, version chains) stale in the same transaction."""
        ...

    def save_documents(self, batch: list[tuple[Document, IndexRows]]) -> int:
        """Store many documents computed beforehand; returns how many were new. PostgreSQL writes a
        batch by COPY in one transaction (the scale benchmark's fast path); SQLite saves each."""
        ...

    def record_failure(self, path: str, sha256: str | None, error: str) -> None: ...

    def finish_ingest(self, added: bool) -> None:
        """After a batch: bring the search index and the version chains up to date — when
        documents were added, and also when an earlier run was stopped before it finished this."""
        ...

    def rebuild_index(self) -> int:
        """Re-derive the full-text index from the page text; returns the pages indexed."""
        ...

    def tune_for_bulk_writes(self) -> None: ...

    def ingest_queue(self) -> IngestQueue | None:
        """The queue shared with other ingest processes, or None when this process alone decides
        which files it reads (SQLite: one writer, one batch)."""
        ...

    # -- reading --
    def counts(self) -> Counts: ...

    def failures(self) -> list[FailureRow]: ...

    def list_documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentSummary]:
        """Documents by date, then file name; `limit` None is every one."""
        ...

    def count_documents(self) -> int:
        """How many documents are stored (a COUNT, not the length of a page)."""
        ...

    def documents_by_id(self, ids: Iterable[str]) -> dict[str, DocumentSummary]:
        """The summaries of these documents (unknown ids left out): for a few hits' documents,
        without reading every document's row."""
        ...

    def get_document(self, doc_id: str) -> DocumentRow | None: ...

    def get_page(self, doc_id: str, number: int) -> PageDetail | None: ...

    def page_texts(self, doc_id: str) -> list[PageText]: ...

    def page_blocks(self, pages: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
        """The blocks (with their words' boxes) of these (document id, page number) pairs, unknown ones
        left out: what places a fact on its page, read in one query per document."""
        ...

    def get_mentions(self, doc_id: str | None = None, kind: str | None = None,
                     page: int | None = None) -> list[Mention]: ...

    def search_pages(self, query: ParsedQuery, *, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
        """(total, hits) best first by BM25."""
        ...

    def baseline_search(self, query: ParsedQuery, *, limit: int = 20) -> tuple[int, list[Hit]]:
        """The same search ranked by the engine's own function (FTS5's bm25()): the bench's baseline."""
        ...

    def documents_matching(self, query: ParsedQuery) -> list[str]:
        """Ids of documents with at least one matching page."""
        ...

    def mentions_of_zaaknummer(self, number: str) -> list[MentionRow]:
        """Zaaknummer mentions of `number`, or in documents whose own zaaknummer it is."""
        ...

    def money_mentions(self, f: AmountFilter) -> list[MentionRow]: ...

    def iter_money_mentions(self, f: AmountFilter, chunk: int = 1000) -> Iterator[list[MentionRow]]:
        """Every money mention of the filter (limit and offset aside) in `money_mentions`' order, `chunk`
        rows at a time from one query on one snapshot: the CSV export streams these."""
        ...

    def count_money_mentions(self, f: AmountFilter) -> int:
        """How many money mentions match the filter, all of them (limit and offset aside)."""
        ...

    def date_mentions(self, doc_ids: list[str]) -> list[MentionRow]:
        """The date mentions of these documents, by document date, page and position."""
        ...

    def page_mentions(self, pages: list[tuple[str, int]], kind: str) -> list[MentionRow]:
        """Mentions of `kind` on these (document id, page number) pairs, furniture included."""
        ...

    def zaaknummer_rows(self) -> list[NumberRow]:
        """Every zaaknummer mention of every document (body and furniture), for grouping into dossiers."""
        ...

    def mention_windows(self, kind: str, *, doc_ids: list[str] | None = None, max_page: int | None = None,
                        before: int = 100, after: int = 80) -> list[MentionWindow]:
        """Body mentions of `kind` (of these documents, on pages up to `max_page`) with the text around them."""
        ...

    def document_hashes(self) -> dict[str, str]:
        """Each stored document's id and sha256."""
        ...

    def version_chains(self) -> list[list[ChainMember]]:
        """Every chain of versions, each oldest first."""
        ...

    def version_chain_of(self, doc_id: str) -> list[ChainMember]: ...

    def replicate_pages(self, target_pages: int) -> tuple[int, float]:
        """Copy the stored pages until there are about `target_pages` (the bench's large index);
        returns the pages and the seconds the search index took to build."""
        ...

    def proposal_mentions(self, document: str | None = None) -> list[MentionRow]:
        """Proposal mentions (with their options), of one document (id or file name) or all, in reading order."""
        ...

    # -- following: saved searches, their deliveries, the change log (search_api/alerts) --
    def add_alert(self, alert: dict[str, str | None], seen: Iterable[str] = ()) -> bool:
        """Store a saved search and the documents it already finds; False when the name is taken."""
        ...

    def list_alerts(self) -> list[AlertRow]: ...

    def get_alert(self, name: str) -> AlertRow | None: ...

    def remove_alert(self, name: str) -> bool: ...

    def alert_seen(self, name: str) -> set[str]:
        """The documents this search has reported (or found when it was saved)."""
        ...

    def queue_notification(self, name: str, document_ids: list[str],
                           deliveries: list[tuple[str, str | None, dict[str, object]]]) -> list[int]:
        """One transaction: mark the documents reported, queue one delivery per (channel, target, payload)."""
        ...

    def finish_alert_run(self, name: str, error: str | None) -> None: ...

    def pending_deliveries(self) -> list[DeliveryRow]: ...

    def deliveries(self, alert: str | None = None) -> list[DeliveryRow]: ...

    def claim_delivery(self, delivery_id: int) -> bool:
        """Take a pending delivery for sending; False when another run holds it or it was sent."""
        ...

    def record_delivery(self, delivery_id: int, *, sent: bool, attempts: int, error: str | None,
                        give_up: bool = False) -> None: ...

    def changes_since(self, cursor: int, limit: int = 1000) -> list[ChangeRow]:
        """Change-log entries (documents added or removed) after `cursor`, oldest first."""
        ...

    def last_change(self) -> int: ...

    def remove_document(self, doc_id: str) -> bool:
        """Remove a document and everything derived from it; the change log gets a tombstone."""
        ...

    def close(self) -> None: ...
