"""BM25 top-k over posting lists, the same scores as FTS5's `bm25()`.

The ranker knows no database: it reads posting lists through a `PostingsSource`
(the SQLite backend's is `store.sqlite.postings.SegmentReader`), so any backend
that keeps postings can reuse it.

A query is an AND of clauses, each an OR of phrases, minus excluded phrases
(`query.ParsedQuery`). Each phrase's posting list is scored in one numpy
expression and added into a dense score array indexed by page id, so the cost
grows with the length of the posting lists read, not with a per-row call.
Scores follow FTS5's bm25 exactly (k1 = 1.2, b = 0.75, IDF floored at 1e-6,
every phrase of the query counted in every matching page, excluded ones
included), so both engines rank alike and either can answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from raadslens.search_api.search.query import Phrase

K1 = 1.2
B = 0.75
I4 = np.dtype("<i4")


class TermPostings(Protocol):
    """One term's posting list: page ids ascending and occurrences per page (int32)."""

    rows: np.ndarray
    tfs: np.ndarray


class PostingsSource(Protocol):
    """What the ranker reads: one consistent view of a backend's posting lists."""

    n_pages: int  # pages indexed
    tokens: int  # tokens in them

    def doclens(self) -> np.ndarray:
        """Tokens per page, indexed by page id."""
        ...

    def term(self, term: str) -> TermPostings: ...

    def positions(self, p: TermPostings, which: np.ndarray) -> np.ndarray:
        """The term's positions in the postings `which` (indices into p.rows), concatenated."""
        ...


@dataclass
class Ranked:
    total: int
    ids: list[int]  # page ids, best first
    scores: list[float]  # FTS5 convention: negative, lower is better


def _member(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """A mask: which of `values` are in the sorted array `sorted_set`."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[at] == values


def _within(small: np.ndarray, big: np.ndarray) -> np.ndarray:
    """The elements of sorted `small` that are in sorted `big`."""
    return small[_member(small, big)]


class _Phrases:
    """The phrases of one query, evaluated on the postings with the reads shared between them.

    A word's posting list is read once per query, and a phrase that starts with
    a shorter phrase of the same query ("veil thuis twent" after "veil thuis")
    continues from that phrase's matches instead of starting again.
    """

    def __init__(self, source: PostingsSource):
        self.source = source
        self.terms: dict[str, TermPostings] = {}
        self.starts: dict[Phrase, np.ndarray] = {}  # phrase → sorted (page << 32) | (start + 2**31)
        self.found: dict[Phrase, tuple[np.ndarray, np.ndarray]] = {}

    def term(self, t: str) -> TermPostings:
        if t not in self.terms:
            self.terms[t] = self.source.term(t)
        return self.terms[t]

    def postings(self, phrase: Phrase) -> tuple[np.ndarray, np.ndarray]:
        """(page ids, occurrences) of a phrase: its words at consecutive positions."""
        if phrase not in self.found:
            if len(phrase) == 1:
                p = self.term(phrase[0])
                self.found[phrase] = p.rows, p.tfs
            else:
                pages = self._starts(phrase) >> 32  # sorted: count the runs
                first = np.flatnonzero(np.r_[True, pages[1:] != pages[:-1]]) if len(pages) else pages
                tfs = np.diff(np.r_[first, len(pages)])
                self.found[phrase] = pages[first].astype(I4), tfs.astype(I4)
        return self.found[phrase]

    def _starts(self, phrase: Phrase) -> np.ndarray:
        if phrase in self.starts:
            return self.starts[phrase]
        done = next((k for k in range(len(phrase) - 1, 1, -1) if phrase[:k] in self.starts), 0)
        rest = {t: self.term(t) for t in phrase[done:]}
        lists = sorted(rest.values(), key=lambda p: len(p.rows))
        pages = self.postings(phrase[:done])[0] if done else lists.pop(0).rows
        for p in lists:
            pages = _within(pages, p.rows)  # the pages with every word (still) needed
        keys = self.starts[phrase[:done]] if done else None
        if keys is not None:
            keys = keys[_member(keys >> 32, pages.astype(np.int64))]
        occurrences: dict[str, np.ndarray] = {}  # per word: (page << 32) | (position + 2**31)
        for i in range(done, len(phrase)):
            if keys is not None and not len(keys):
                break
            t = phrase[i]
            if t not in occurrences:
                p = self.terms[t]
                which = np.searchsorted(p.rows, pages)
                pos = self.source.positions(p, which).astype(np.int64)
                occurrences[t] = (np.repeat(pages.astype(np.int64), p.tfs[which]) << 32) | (pos + (1 << 31))
            k = occurrences[t] - i  # where the phrase would start
            keys = k if keys is None else _within(keys, k)
        assert keys is not None  # a phrase has at least two words here
        self.starts[phrase] = keys
        return keys


def rank(
    source: PostingsSource, clauses: list[list[Phrase]], negatives: list[Phrase], *,
    limit: int = 20, offset: int = 0, allowed: np.ndarray | None = None,
) -> Ranked:
    """The matching pages' total and the page `offset:offset+limit` of them by BM25.

    `allowed`, when given, is a boolean mask by page id (e.g. the pages in a date range).
    """
    dl = source.doclens().astype(np.float64)
    n_pages = source.n_pages
    avgdl = source.tokens / n_pages or 1.0  # pages without words match nothing anyway
    norm = K1 * (1 - B + B * dl / avgdl)  # per page; the tf part follows per posting

    phrases = _Phrases(source)
    for phrase in sorted({ph for c in clauses for ph in c} | set(negatives), key=len):
        phrases.postings(phrase)  # shorter first: a longer phrase may continue from one
    get = phrases.postings

    size = len(dl)
    score = np.zeros(size)
    matched = None
    for clause in clauses:
        hit = np.zeros(size, dtype=bool)
        for phrase in clause:
            rows, tfs = get(phrase)
            hit[rows] = True
            if len(rows):
                idf = max(np.log((n_pages - len(rows) + 0.5) / (len(rows) + 0.5)), 1e-6)
                tf = tfs.astype(np.float64)
                score[rows] += idf * tf * (K1 + 1) / (tf + norm[rows])
        matched = hit if matched is None else matched & hit
    if matched is None:
        return Ranked(0, [], [])
    for phrase in negatives:
        matched[get(phrase)[0]] = False
    if allowed is not None:
        matched &= allowed
    ids = np.flatnonzero(matched)
    total = len(ids)
    want = offset + limit
    if total > want:  # keep the best `want`, and every page tied with the last of them
        kth = np.partition(-score[ids], want - 1)[want - 1]
        ids = ids[-score[ids] <= kth]
    order = np.lexsort((ids, -score[ids]))[offset:want]  # best first, ties by page id
    ids = ids[order]
    return Ranked(total, ids.tolist(), (-score[ids]).tolist())
