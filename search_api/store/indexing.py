"""Rows to store, computed from a document where it was read (a worker), for any backend.

Serialising blocks, stemming and shingling happen in the workers, in parallel;
the single writer of a backend then only inserts. The version shingles are
hashed here, the same for every backend: word 5-grams, a 1-in-SAMPLE sample.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from pydantic import TypeAdapter

from raadslens.models import Block, Document
from raadslens.models.normalize import index_words, stem_words

SHINGLE = 5
SAMPLE = 8  # keep shingles whose hash % SAMPLE == 0

SHINGLE_HASH_VERSION = 2  # bump when `shingles` changes: stored shingles are recomputed (the backend's migration)
_P = np.uint64(0x100000001B3)  # FNV prime: combines the word hashes of a 5-gram
_MIX = np.uint64(0x9E3779B97F4A7C15)

_BLOCKS = TypeAdapter(list[Block])  # serialises a page's blocks in one call (pydantic-core)


class PageRow(NamedTuple):
    number: int
    text: str
    blocks: str  # JSON
    ocr: int
    needs_ocr: int
    notes: str  # JSON
    stemmed: str  # what the full-text index holds


# page, kind, start, end, text, value JSON, subject, furniture block (None: body text), flag
MentionRow = tuple[int, str, int, int, str, str | None, str | None, int | None, str | None]


@dataclass
class IndexRows:
    """A document as rows ready to insert, computed where it was read (a worker)."""

    pages: list[PageRow]
    mentions: list[MentionRow]
    shingles: set[int]  # for version detection


def index_rows(doc: Document) -> IndexRows:
    words = [index_words(p.text) for p in doc.pages]  # split once: for the index and the shingles
    blocks = _BLOCKS.dump_json
    return IndexRows(
        pages=[
            PageRow(
                p.number, p.text, blocks(p.blocks, exclude_none=True).decode(),
                int(p.ocr), int(p.needs_ocr), json.dumps(p.notes, ensure_ascii=False), stem_words(w),
            )
            for p, w in zip(doc.pages, words)
        ],
        mentions=[
            (m.page, m.kind.value, m.start, m.end, m.text,
             m.value.model_dump_json() if m.value is not None else None, m.subject, m.block, m.flag)
            for m in doc.mentions
        ],
        shingles=shingles_of_words([x for w in words for x in w]),
    )


def shingles(text: str) -> set[int]:
    return shingles_of_words(index_words(text))


@lru_cache(maxsize=1 << 17)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def shingles_of_words(words: list[str]) -> set[int]:
    """The sampled hashes of the word 5-grams (words as `index_words` gives them), stable across runs.

    Vectorised: one hash per word (cached), 5-grams combined and mixed in numpy;
    kept when the mixed hash is 0 modulo SAMPLE, so two documents sample the
    same shingles. Values fit SQLite's signed 64-bit integers.
    """
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return set()
    ids = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = h * _P + ids[k : k + n]
    h ^= h >> np.uint64(29)
    h *= _MIX
    h ^= h >> np.uint64(32)
    kept = h[h % np.uint64(SAMPLE) == 0] >> np.uint64(1)
    return set(kept.tolist())
