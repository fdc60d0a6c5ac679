"""Documents, pages and blocks as ingest hands them over."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, Field

from raadslens.models.mentions import Mention


class BlockRole(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"
    furniture = "furniture"  # running header, footer, page number, letterhead


class Block(BaseModel):
    """A unit of layout on a page.

    Body blocks have `start`/`end` offsets into `Page.text`; furniture blocks are
    kept for exact citations but are not part of the body text (offsets None).
    """

    role: BlockRole
    text: str
    start: int | None = None
    end: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    rows: list[list[str]] | None = None  # table cells, row by row


class Page(BaseModel):
    number: int  # 1-based
    text: str  # body text: what is indexed and extracted
    blocks: list[Block] = Field(default_factory=list)
    width: float | None = None
    height: float | None = None
    ocr: bool = False  # text came from OCR
    needs_ocr: bool = False  # no usable text layer and OCR was unavailable
    notes: list[str] = Field(default_factory=list)  # decisions taken (why OCR, what was furniture)


class DocumentStatus(str, Enum):
    success = "success"
    partial = "partial"  # some pages failed or need OCR
    failure = "failure"


class Document(BaseModel):
    id: str  # first 16 hex digits of the sha256 of the file
    sha256: str
    path: str
    filename: str
    title: str | None = None
    doc_type: str = "other"  # one of models.doctypes.DOC_TYPES
    organisation: str | None = None  # the issuer as the document names itself (None: it does not say)
    date: dt.date | None = None  # the document's own date
    zaaknummer: str | None = None
    metadata: dict[str, str | list[str]] = Field(default_factory=dict)  # letter metadata
    pages: list[Page] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    status: DocumentStatus = DocumentStatus.success
    warnings: list[str] = Field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)
