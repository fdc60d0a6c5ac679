"""The rows a store hands up: typed dicts, so answers read named fields and render them as JSON as is.

Every backend returns these shapes; nothing above the store sees a cursor or a
database row.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Counts(TypedDict):
    documents: int
    pages: int
    mentions: int
    failures: int


class FailureRow(TypedDict):
    path: str
    sha256: str | None
    error: str
    at: str


class DocumentSummary(TypedDict):
    id: str
    filename: str
    title: str | None
    doc_type: str
    organisation: str | None
    date: str | None
    zaaknummer: str | None
    status: str
    page_count: int


class DocumentRow(DocumentSummary):
    sha256: str
    path: str
    metadata: dict[str, Any]
    warnings: list[str]
    ingested_at: str


class PageDetail(TypedDict):
    number: int
    text: str
    blocks: list[dict[str, Any]]
    ocr: bool
    needs_ocr: bool
    notes: list[str]


class PageText(TypedDict):
    number: int
    text: str
    ocr: bool


class Hit(TypedDict):
    """A page that matches a query, with its document; `score` follows FTS5 (lower is better)."""

    id: int
    document_id: str
    title: str | None
    filename: str
    organisation: str | None
    doc_type: str
    date: str | None
    number: int
    text: str
    ocr: int
    score: float


class MentionCore(TypedDict):
    """Where a mention is and what it says: the fields every mention row shares."""

    document_id: str
    page: int
    start: int
    end: int
    text: str
    value: dict[str, Any] | None


class MentionRow(MentionCore):
    """A mention with its document and the text of its page (for quotes)."""

    subject: str | None
    title: str | None
    filename: str
    date: str | None
    zaaknummer: str | None
    organisation: str | None
    page_text: str  # the text the offsets point into: the page, or a furniture mention's block
    ocr: bool
    furniture: bool
    block: int | None  # a furniture mention's block in its page's blocks (its offsets are in that block's text)
    flag: str | None


class ChainMember(TypedDict):
    id: str
    title: str | None
    filename: str
    date: str | None
    position: int
    similarity: float | None


class NumberRow(TypedDict):
    """A zaaknummer mention reduced to what groups documents: its document, number, role and label."""

    document_id: str
    page: int
    number: str
    role: str | None
    label: str | None
    furniture: bool


class MentionWindow(MentionCore):
    """A mention with a little of the text before and after it (for references such as 'uw brief van <date>')."""

    before: str
    after: str
