"""Postings: the page index as numpy arrays, so ranking costs milliseconds on a large index.

FTS5 computes `bm25()` row by row: about 1–2 µs for every matching page, so a
broad query on a 100k-page index ("jeugd OR jongeren", a third of all pages)
spends most of its time scoring pages that will never be shown. Here the same
index is kept as columnar posting lists: for each term, the pages it occurs in
(`rows`, ascending page ids), how often (`tfs`), and, in a table of their own
so that word queries never read them, the positions (for phrases). `search/rank.py`
scores a whole posting list at once with numpy, read through `SegmentReader`.

The postings are derived from `pages_fts` (the stemmed text), never written
by hand: `catch_up` indexes the pages added since it last ran into a new
*segment* (one per ingest run, at most SEGMENT_PAGES pages each) and merges
the segments when there are more than MAX_SEGMENTS. It runs after every
ingest (`writes.optimize`), is idempotent and resumes after an interruption,
because a segment is written in one transaction. Until it has run, or when
pages were added since, `covers` is False and search falls back to FTS5.

Tokens are those of FTS5's unicode61 tokenizer on the stemmed text: the
stemmed words, with "_" as a separator (see `models.normalize.index_tokens`).
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass
from itertools import count, groupby
from typing import cast

import numpy as np

from raadslens.models.normalize import index_tokens
from raadslens.search_api.search import rank

SEGMENT_PAGES = 5_000  # pages per segment built in one go: bounds the memory of a build (~120 MB)
MAX_SEGMENTS = 8  # more than this, and they are merged into one
I4 = rank.I4
WHOLE_BLOB_BYTES = 256 * 1024  # positions lists up to this size are read whole, not page by page

SCHEMA = """
CREATE TABLE IF NOT EXISTS postings_segments (
    id INTEGER PRIMARY KEY,
    lo INTEGER NOT NULL,          -- first and last page id (pages.id) covered
    hi INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    doclens BLOB NOT NULL,        -- int32 tokens per page id lo..hi, 0 where there is no page
    dates BLOB NOT NULL,          -- int32 document date per page id (20250128), 0 when undated
    tag TEXT NOT NULL             -- random: identifies the segment's content in caches
);
CREATE TABLE IF NOT EXISTS postings (
    term TEXT NOT NULL,
    segment INTEGER NOT NULL,
    rows BLOB NOT NULL,           -- int32 page ids, ascending
    tfs BLOB NOT NULL,            -- int32 occurrences per page
    PRIMARY KEY (term, segment)
);
CREATE TABLE IF NOT EXISTS positions (
    term TEXT NOT NULL,
    segment INTEGER NOT NULL,
    data BLOB NOT NULL,           -- int32 token positions, page by page as in `rows`
    PRIMARY KEY (term, segment)
);
"""


@dataclass(frozen=True)
class Segment:
    id: int
    lo: int
    hi: int
    pages: int
    tokens: int
    tag: str


def segments(conn: sqlite3.Connection) -> list[Segment]:
    return [
        Segment(*r)
        for r in conn.execute("SELECT id, lo, hi, pages, tokens, tag FROM postings_segments ORDER BY lo")
    ]


def covers(conn: sqlite3.Connection, segs: list[Segment]) -> bool:
    """True when the segments hold every stored page (no page was added since `catch_up`)."""
    if not segs:
        return False
    newest = conn.execute("SELECT max(id) FROM pages").fetchone()[0]
    return newest is not None and newest <= segs[-1].hi


# -- building -------------------------------------------------------------------------------


def catch_up(conn: sqlite3.Connection) -> int:
    """Index the pages not yet in a segment; returns how many pages were added."""
    conn.executescript(SCHEMA)
    segs = segments(conn)
    covered = sum(s.pages for s in segs)
    last = segs[-1].hi if segs else 0
    if covered != conn.execute("SELECT count(*) FROM pages WHERE id <= ?", (last,)).fetchone()[0]:
        return rebuild(conn)  # pages were deleted (or the index was rebuilt): start again
    added = 0
    while True:
        rows = conn.execute(
            "SELECT rowid, stemmed FROM pages_fts WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, SEGMENT_PAGES),
        ).fetchall()
        if not rows:
            break
        with conn:
            _write_segment(conn, rows)
        added += len(rows)
        last = rows[-1][0]
    if len(segments(conn)) > MAX_SEGMENTS:
        merge(conn)
    return added


def rebuild(conn: sqlite3.Connection) -> int:
    """Drop all segments and index every page again."""
    conn.executescript(SCHEMA)
    with conn:
        for table in ("positions", "postings", "postings_segments"):
            conn.execute(f"DELETE FROM {table}")
    return catch_up(conn)


def _write_segment(conn: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
    """One segment from (page id, stemmed text) rows in ascending page id order."""
    vocab: defaultdict[str, int] = defaultdict(count().__next__)  # term → id, in order of first use
    ids = array("i")  # the term id of every token, page after page
    lengths = np.empty(len(rows), dtype=np.int64)
    for i, (_, text) in enumerate(rows):
        tokens = index_tokens(text)
        ids.extend(map(vocab.__getitem__, tokens))
        lengths[i] = len(tokens)
    page_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    lo, hi = int(page_ids[0]), int(page_ids[-1])
    doclens = np.zeros(hi - lo + 1, dtype=I4)
    doclens[page_ids - lo] = lengths
    dates = np.zeros(hi - lo + 1, dtype=I4)  # documents are never changed once stored, nor their dates
    for page_id, date in conn.execute(
        "SELECT p.id, d.date FROM pages p JOIN documents d ON d.id = p.document_id"
        " WHERE p.id BETWEEN ? AND ? AND d.date IS NOT NULL", (lo, hi),
    ):
        dates[page_id - lo] = date_number(date)
    seg = conn.execute(
        "INSERT INTO postings_segments (lo, hi, pages, tokens, doclens, dates, tag) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (lo, hi, len(rows), int(lengths.sum()), doclens.tobytes(), dates.tobytes(), secrets.token_hex(8)),
    ).lastrowid
    assert seg is not None
    if not ids:
        return
    term = np.frombuffer(ids, dtype=np.int32)
    order = np.argsort(term, kind="stable")  # by term, then (stable) page and position
    page = np.repeat(page_ids.astype(I4), lengths)[order]
    pos = np.arange(len(term), dtype=I4)
    pos -= np.repeat((np.cumsum(lengths) - lengths).astype(I4), lengths)  # position within the page
    pos = pos[order]
    term = term[order]
    del order
    names = list(vocab)
    _write_terms(conn, seg, names, term, page, pos)


def _write_terms(conn: sqlite3.Connection, seg: int, names: list[str], term: np.ndarray,
                 page: np.ndarray, pos: np.ndarray) -> None:
    """Write the posting lists of a segment from occurrences sorted by (term, page, position)."""
    n = len(term)
    first = np.flatnonzero(np.r_[True, (term[1:] != term[:-1]) | (page[1:] != page[:-1])])
    tfs = np.diff(np.r_[first, n]).astype(I4)
    p_term, p_page = term[first], page[first]
    p_bounds = np.searchsorted(p_term, np.arange(len(names) + 1))  # postings of term t: [b[t], b[t+1])
    o_bounds = np.searchsorted(term, np.arange(len(names) + 1))  # occurrences of term t
    conn.executemany(
        "INSERT INTO postings (term, segment, rows, tfs) VALUES (?, ?, ?, ?)",
        (
            (names[t], seg, p_page[p_bounds[t]:p_bounds[t + 1]].tobytes(), tfs[p_bounds[t]:p_bounds[t + 1]].tobytes())
            for t in range(len(names))
            if p_bounds[t] < p_bounds[t + 1]
        ),
    )
    conn.executemany(
        "INSERT INTO positions (term, segment, data) VALUES (?, ?, ?)",
        (
            (names[t], seg, pos[o_bounds[t]:o_bounds[t + 1]].tobytes())
            for t in range(len(names))
            if o_bounds[t] < o_bounds[t + 1]
        ),
    )


def merge(conn: sqlite3.Connection) -> None:
    """Merge all segments into one, term by term (a log-structured index keeps few segments to read)."""
    segs = segments(conn)
    if len(segs) < 2:
        return
    lo, hi = segs[0].lo, segs[-1].hi
    doclens, dates = (per_page(conn, segs, column)[lo:] for column in PER_PAGE)
    rank = {s.id: i for i, s in enumerate(segs)}  # blobs are joined in page order
    with conn:
        seg = conn.execute(
            "INSERT INTO postings_segments (lo, hi, pages, tokens, doclens, dates, tag) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (lo, hi, sum(s.pages for s in segs), sum(s.tokens for s in segs), doclens.tobytes(),
             dates.tobytes(), secrets.token_hex(8)),
        ).lastrowid
        for table, cols in (("postings", ("rows", "tfs")), ("positions", ("data",))):
            stream = conn.execute(
                f"SELECT term, segment, {', '.join(cols)} FROM {table} WHERE segment != ? ORDER BY term",
                (seg,),
            )
            merged = (
                (term, seg, *(b"".join(b) for b in zip(*(r[2:] for r in sorted(group, key=lambda r: rank[r[1]])))))
                for term, group in groupby(stream, key=lambda r: r[0])
            )
            conn.executemany(
                f"INSERT INTO {table} (term, segment, {', '.join(cols)}) VALUES (?, ?{', ?' * len(cols)})", merged
            )
            conn.execute(f"DELETE FROM {table} WHERE segment != ?", (seg,))
        conn.execute("DELETE FROM postings_segments WHERE id != ?", (seg,))


# -- reading --------------------------------------------------------------------------------


@dataclass
class Postings:
    """One term's posting list over all segments, page ids ascending."""

    term: str
    rows: np.ndarray  # int32 page ids
    tfs: np.ndarray  # int32 occurrences per page
    blobs: list[tuple[int, int]]  # per segment: (rowid in `positions`, postings in it)


def term_postings(conn: sqlite3.Connection, term: str) -> Postings:
    rows, tfs, blobs = [], [], []
    for r, t, blob in conn.execute(
        "SELECT p.rows, p.tfs, x.rowid FROM postings p JOIN postings_segments s ON s.id = p.segment"
        " JOIN positions x ON x.term = p.term AND x.segment = p.segment WHERE p.term = ? ORDER BY s.lo",
        (term,),
    ):
        rows.append(np.frombuffer(r, dtype=I4))
        tfs.append(np.frombuffer(t, dtype=I4))
        blobs.append((blob, len(rows[-1])))
    if not rows:
        return Postings(term, np.empty(0, dtype=I4), np.empty(0, dtype=I4), [])
    if len(rows) == 1:
        return Postings(term, rows[0], tfs[0], blobs)
    return Postings(term, np.concatenate(rows), np.concatenate(tfs), blobs)


def positions(conn: sqlite3.Connection, p: Postings, which: np.ndarray) -> np.ndarray:
    """The positions of the term in the postings `which` (indices into p.rows, ascending), concatenated.

    A phrase usually needs the positions of a few pages only: those are read
    with incremental blob I/O, not the whole list (which, for a word like
    "en", holds a million positions).
    """
    tfs = p.tfs[which]
    if not len(which):
        return np.empty(0, dtype=I4)
    starts = np.cumsum(p.tfs, dtype=np.int64) - p.tfs  # where each posting's positions begin
    total = int(p.tfs.sum())
    if total * I4.itemsize <= WHOLE_BLOB_BYTES or tfs.sum() * 4 > total:  # small, or a quarter of it
        whole = np.concatenate([
            np.frombuffer(conn.execute("SELECT data FROM positions WHERE rowid = ?", (rowid,)).fetchone()[0], dtype=I4)
            for rowid, _ in p.blobs
        ])
        firsts = np.repeat(starts[which] - (np.cumsum(tfs) - tfs), tfs)
        return whole[firsts + np.arange(len(firsts))]
    out: list[bytes] = []
    seg_start = 0  # the first posting (and position) index of the current segment
    occ_start = 0
    for rowid, n in p.blobs:
        lo, hi = np.searchsorted(which, [seg_start, seg_start + n])
        if hi > lo:
            begin = (starts[which[lo:hi]] - occ_start) * I4.itemsize  # byte ranges in this blob
            end = begin + tfs[lo:hi] * I4.itemsize
            with conn.blobopen("positions", "data", rowid, readonly=True) as blob:
                ranges = getattr(blob, "read_ranges", None)  # PostgreSQL: every range in one statement
                if ranges is not None:
                    out.extend(ranges(begin.tolist(), end.tolist()))
                else:  # typeshed types Blob[i:j] as int; a slice of a blob is bytes
                    out.extend(cast(bytes, blob[b:e]) for b, e in zip(begin.tolist(), end.tolist()))
        occ_start += int(p.tfs[seg_start : seg_start + n].sum())
        seg_start += n
    return np.frombuffer(b"".join(out), dtype=I4)


PER_PAGE = ("doclens", "dates")
_per_page_cache: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
_per_page_lock = threading.Lock()


def per_page(conn: sqlite3.Connection, segs: list[Segment], column: str) -> np.ndarray:
    """A per-page column of the segments ("doclens" or "dates") as one array indexed by page id.

    Cached by the segments' tags: a segment never changes once written, so the
    dense array is assembled once per set of segments, not once per query.
    """
    assert column in PER_PAGE
    key = (column, tuple(s.tag for s in segs))
    with _per_page_lock:
        found = _per_page_cache.get(key)
    if found is None:
        blobs = dict(conn.execute(f"SELECT tag, {column} FROM postings_segments"))
        found = np.zeros(segs[-1].hi + 1, dtype=I4)
        for s in segs:
            found[s.lo : s.hi + 1] = np.frombuffer(blobs[s.tag], dtype=I4)
        found.flags.writeable = False
        with _per_page_lock:
            if len(_per_page_cache) >= 8:
                _per_page_cache.clear()
            _per_page_cache[key] = found
    return found


def date_number(iso: str) -> int:
    """"2025-01-28" → 20250128: dates compare as numbers in the per-page array."""
    return int(iso[:10].replace("-", ""))


class SegmentReader:
    """The ranker's view (`rank.PostingsSource`) of a set of segments on one connection."""

    def __init__(self, conn: sqlite3.Connection, segs: list[Segment]):
        self.conn, self.segs = conn, segs
        self.n_pages = sum(s.pages for s in segs)
        self.tokens = sum(s.tokens for s in segs)

    def doclens(self) -> np.ndarray:
        return per_page(self.conn, self.segs, "doclens")

    def term(self, term: str) -> Postings:
        return term_postings(self.conn, term)

    def positions(self, p: rank.TermPostings, which: np.ndarray) -> np.ndarray:
        assert isinstance(p, Postings)
        return positions(self.conn, p, which)


def in_date_range(conn: sqlite3.Connection, segs: list[Segment], date_from: str | None,
                  date_to: str | None) -> np.ndarray:
    """A mask by page id: the pages of documents dated within [date_from, date_to] (undated: never)."""
    dates = per_page(conn, segs, "dates")
    mask = dates > 0
    if date_from:
        mask &= dates >= date_number(date_from)
    if date_to:
        mask &= dates <= date_number(date_to)
    return mask
