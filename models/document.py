"""Documents, pages and blocks as ingest hands them over."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum

from pydantic import BaseModel, Field

from raadslens.models.mentions import Mention


class BlockRole(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"
    furniture = "furniture"  # running header, footer, page number, letterhead


WORD_BOX_TOKEN = re.compile(r"[^\s|]+")  # the words of a block's text that `Block.words` boxes ("|" parts table cells)


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
    # the box of each word of `text` (the runs matched by WORD_BOX_TOKEN, in order), four ints a
    # word in whole PDF points, delta-coded to stay small in the page's stored blocks: x0 minus
    # the previous box's x1, top minus the previous top, width, height; 0, 0, 0, 0 for a word
    # without a box. `word_box_list` decodes it. None: not stored (a text-layer page's words are
    # measured when it is shown, ingest/wordboxes.py; OCR lines bring Tesseract's word boxes).
    words: list[int] | None = None


def word_box_list(words: list[int]) -> list[tuple[int, int, int, int] | None]:
    """`Block.words` decoded: (x0, top, x1, bottom) per word of the block's text, None where unboxed."""
    out: list[tuple[int, int, int, int] | None] = []
    x1 = top = 0
    for i in range(0, len(words) - 3, 4):
        dx, dy, w, h = words[i:i + 4]
        if h <= 0:
            out.append(None)
            continue
        x0, top = x1 + dx, top + dy
        x1 = x0 + w
        out.append((x0, top, x1, top + h))
    return out


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
