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
    # without a box. `word_box_list` decodes it. Ingest measures them on text-layer pages (PDFium)
    # and takes Tesseract's on OCR pages. None: none measured (a page stored by a raadslens from
    # before text-layer words were kept; the page view then measures it, ingest/wordboxes.py).
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


BoxList = list[list[int]]  # [x0, top, x1, bottom] in whole PDF points (top down), one per line


def span_boxes(blocks: list[dict], start: int, end: int, block: int | None = None,
               decoded: dict[int, list[tuple[int, int, int, int] | None]] | None = None) -> BoxList | None:
    """Where a span of a page's text stands on the page: the boxes of the words it covers, joined per
    line, from the stored blocks (`Block.words`). `start`/`end` are offsets in the page's body text,
    or in the text of `blocks[block]` for a furniture span. None when none of its words has a stored
    box (a page stored before text-layer pages kept their word boxes). `decoded` keeps each block's
    decoded boxes (by the block's id()) for the next span of the same blocks."""
    if block is not None:
        chosen = [(blocks[block], 0)] if 0 <= block < len(blocks) else []
    else:
        chosen = [(b, b["start"]) for b in blocks
                  if b.get("start") is not None and b["start"] < end and start < (b.get("end") or 0)]
    rects: BoxList = []
    for b, offset in chosen:
        if not b.get("words"):
            continue
        boxes = decoded.get(id(b)) if decoded is not None else None
        if boxes is None:
            boxes = word_box_list(b["words"])
            if decoded is not None:
                decoded[id(b)] = boxes
        rects += word_rects(b["text"], offset, boxes, start, end)
    return rects or None


def word_rects(text: str, offset: int, boxes: list[tuple[int, int, int, int] | None], start: int,
               end: int) -> BoxList:
    """The boxes of the words of a block's `text` (at `offset` in its page's text; `boxes` one per
    WORD_BOX_TOKEN word, None where unboxed) that the span [start, end) covers, joined per line."""
    rects: BoxList = []
    for m, box in zip(WORD_BOX_TOKEN.finditer(text), boxes):
        if box is None or offset + m.end() <= start or offset + m.start() >= end:
            continue
        x0, top, x1, bottom = box
        last = rects[-1] if rects else None
        if last and top < last[3] and bottom > last[1] and x0 >= last[0]:  # the same line, further right
            last[1], last[2], last[3] = min(last[1], top), max(last[2], x1), max(last[3], bottom)
        else:
            rects.append([x0, top, x1, bottom])
    return rects
