"""Passages repeated inside one document: flagged, kept as blocks, not indexed twice.

A body block is a repeat when an earlier block of the same document has exactly the
same text (case, spacing and punctuation ignored) and the block is prose: a paragraph
or list item of at least 80 characters and 10 words that starts with a capital, ends
like a sentence and holds no amount. Table rows, outline-numbered items ("2.2 ...",
which a begroting repeats as section openings), footnotes and table-header fragments
are never repeats: repeated amounts and headings are facts in their own place.

Only whole blocks count. Sentences that a letter shares with its annex sit in
different paragraphs and stay. A repeat keeps its block (role unchanged, `start`/`end`
None, like furniture) so citations can still find it; it leaves `Page.text`, and the
page notes and the document warnings say where the first occurrence is.
"""

from __future__ import annotations

import re

from raadslens.models import Block, BlockRole, Page

MIN_CHARS = 80
MIN_WORDS = 10
_BULLET = re.compile(r"^(?:[•●▪■◦·*\-–]\s*|\(?[a-z0-9][.)]\s+)")
_OUTLINE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")
_AMOUNT = re.compile(r"€|\bEUR\b|x\s*1\.000", re.I)


_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    """The words, lower case, single-spaced: the same as collapsing each run of non-word
    characters to one space and stripping the ends."""
    return " ".join(_WORD.findall(text.lower()))


def is_prose(b: Block) -> bool:
    if b.role not in (BlockRole.paragraph, BlockRole.list_item) or b.start is None:
        return False
    t = b.text.strip()
    if len(t) < MIN_CHARS or "|" in t or _OUTLINE.match(t) or t.startswith("*"):
        return False
    core = _BULLET.sub("", t, count=1)
    return (
        core[:1].isupper()
        and core.rstrip()[-1:] in ".!?;:"
        and len(core.split()) >= MIN_WORDS
        and not _AMOUNT.search(t)
    )


def _rebuild(page: Page, drop: set[int]) -> None:
    """Page text from its body blocks without `drop`; offsets recomputed."""
    parts: list[str] = []
    pos = 0
    for i, b in enumerate(page.blocks):
        if b.start is None:
            continue
        if i in drop:
            b.start = b.end = None
            continue
        if parts:
            pos += 2
        b.start, b.end = pos, pos + len(b.text)
        parts.append(b.text)
        pos += len(b.text)
    page.text = "\n\n".join(parts)


def drop_repeats(pages: list[Page]) -> list[str]:
    """Flag repeated prose blocks in `pages` (in order); returns document warnings."""
    seen: dict[str, int] = {}
    warnings: list[str] = []
    for page in pages:
        drop: set[int] = set()
        for i, b in enumerate(page.blocks):
            if not is_prose(b):
                continue
            key = _key(b.text)
            if key not in seen:
                seen[key] = page.number
                continue
            first = seen[key]
            drop.add(i)
            where = "earlier on this page" if first == page.number else f"on page {first}"
            short = b.text if len(b.text) <= 60 else b.text[:57] + "..."
            page.notes.append(f"repeat: {short!r} ({len(b.text)} chars) occurs {where}; left out of the body text")
            warnings.append(f"page {page.number}: a passage of {len(b.text)} chars repeats text {where} (not indexed twice)")
        if drop:
            _rebuild(page, drop)
    return warnings
