"""BM25 top-k over the postings (see postings.py), the same scores as FTS5's `bm25()`.

A query is an AND of clauses, each an OR of phrases, minus excluded phrases
(`query.ParsedQuery`). Each phrase's posting list is scored in one numpy
expression and added into a dense score array indexed by page id, so the cost
grows with the length of the posting lists read, not with a per-row call.
Scores follow FTS5's bm25 exactly (k1 = 1.2, b = 0.75, IDF floored at 1e-6,
every phrase of the query counted in every matching page, excluded ones
included), so both engines rank alike and either can answer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from search_api import postings

K1 = 1.2
B = 0.75

Phrase = tuple[str, ...]


@dataclass
class Ranked:
    total: int
    ids: list[int]  # page ids, best first
    scores: list[float]  # FTS5 convention: negative, lower is better


def _within(small: np.ndarray, big: np.ndarray) -> np.ndarray:
    """The elements of sorted `small` that are in sorted `big`."""
    if not len(small) or not len(big):
        return small[:0]
    at = np.minimum(np.searchsorted(big, small), len(big) - 1)
    return small[big[at] == small]


def phrase_postings(conn: sqlite3.Connection, phrase: Phrase, terms: dict[str, postings.Postings]) -> tuple[np.ndarray, np.ndarray]:
    """(page ids, occurrences) of a phrase: its words at consecutive positions.

    `terms` caches the posting lists read for this query.
    """
    for t in phrase:
        if t not in terms:
            terms[t] = postings.term_postings(conn, t)
    if len(phrase) == 1:
        return terms[phrase[0]].rows, terms[phrase[0]].tfs
    lists = sorted({terms[t].term: terms[t] for t in phrase}.values(), key=lambda p: len(p.rows))
    pages = lists[0].rows
    for p in lists[1:]:
        pages = _within(pages, p.rows)  # pages with every word
    if not len(pages):
        return pages, pages
    keys = None
    occurrences: dict[str, np.ndarray] = {}  # per word: (page << 32) | position, on those pages
    for i, t in enumerate(phrase):
        if t not in occurrences:
            p = terms[t]
            which = np.searchsorted(p.rows, pages)
            pos = postings.positions(conn, p, which).astype(np.int64)
            occurrences[t] = (np.repeat(pages.astype(np.int64), p.tfs[which]) << 32) | (pos + (1 << 31))
        k = occurrences[t] - i  # where the phrase would start
        keys = k if keys is None else _within(keys, k)
        if not len(keys):
            return pages[:0], pages[:0]
    found, tfs = np.unique(keys >> 32, return_counts=True)
    return found.astype(postings.I4), tfs.astype(postings.I4)


def rank(
    conn: sqlite3.Connection, clauses: list[list[Phrase]], negatives: list[Phrase],
    segs: list[postings.Segment], *, limit: int = 20, offset: int = 0, allowed: np.ndarray | None = None,
) -> Ranked:
    """The matching pages' total and the page `offset:offset+limit` of them by BM25.

    `allowed`, when given, is a boolean mask by page id (see `in_date_range`).
    """
    dl = postings.per_page(conn, segs, "doclens").astype(np.float64)
    n_pages = sum(s.pages for s in segs)
    avgdl = sum(s.tokens for s in segs) / n_pages or 1.0  # pages without words match nothing anyway
    norm = K1 * (1 - B + B * dl / avgdl)  # per page; the tf part follows per posting

    cache: dict[Phrase, tuple[np.ndarray, np.ndarray]] = {}
    terms: dict[str, postings.Postings] = {}

    def get(phrase: Phrase) -> tuple[np.ndarray, np.ndarray]:
        if phrase not in cache:
            cache[phrase] = phrase_postings(conn, phrase, terms)
        return cache[phrase]

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


def in_date_range(conn: sqlite3.Connection, segs: list[postings.Segment], date_from: str | None,
                  date_to: str | None) -> np.ndarray:
    """A mask by page id: the pages of documents dated within [date_from, date_to] (undated: never)."""
    dates = postings.per_page(conn, segs, "dates")
    mask = dates > 0
    if date_from:
        mask &= dates >= postings.date_number(date_from)
    if date_to:
        mask &= dates <= postings.date_number(date_to)
    return mask
