"""Full-text search in SQLite: a parsed query compiled to FTS5, ranked on the postings or by FTS5.

`compile_match` builds the MATCH expression apart from running it: every phrase
is quoted, so FTS5 syntax in user text is inert.
"""

from __future__ import annotations

import sqlite3
from typing import Any, cast

from raadslens.search_api.search import rank
from raadslens.search_api.search.query import ParsedQuery, Phrase
from raadslens.search_api.store.rows import Hit
from raadslens.search_api.store.sqlite import postings
from raadslens.search_api.store.sqlite.connection import read_snapshot


def _term(phrase: Phrase) -> str:
    """The phrase as a quoted FTS5 string."""
    return '"' + " ".join(phrase) + '"'


def compile_match(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression of a parsed query: AND of (OR of phrases), NOT the exclusions."""
    match = " AND ".join("(" + " OR ".join(map(_term, c)) + ")" for c in query.clauses)
    for neg in query.negatives:
        match = f"{match} NOT {_term(neg)}"
    return match


def search_pages(
    conn: sqlite3.Connection, query: ParsedQuery, *, date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, offset: int = 0,
) -> tuple[int, list[Hit]]:
    """(total, hits) for a parsed query, best first (BM25).

    Ranked on the postings (numpy, `search/rank.py`) when they cover every page,
    which is the case after each ingest; otherwise (pages added since) by FTS5.
    Both give the same scores; only the hits shown are joined to pages and documents.
    """
    with read_snapshot(conn):  # segments and their lists as of one moment, even while an ingest writes
        segs = postings.segments(conn)
        if not postings.covers(conn, segs):
            return search_pages_fts(conn, compile_match(query), date_from=date_from, date_to=date_to,
                                    limit=limit, offset=offset)
        return _search_postings(conn, query, segs, date_from=date_from, date_to=date_to, limit=limit,
                                offset=offset)


_HIT_COLUMNS = ("p.id, p.document_id, d.title, d.filename, d.organisation, d.doc_type, d.date, p.number,"
                " p.text, p.ocr")


def _search_postings(
    conn: sqlite3.Connection, query: ParsedQuery, segs: list[postings.Segment], *,
    date_from: str | None, date_to: str | None, limit: int, offset: int,
) -> tuple[int, list[Hit]]:
    allowed = postings.in_date_range(conn, segs, date_from, date_to) if date_from or date_to else None
    ranked = rank.rank(postings.SegmentReader(conn, segs), query.clauses, query.negatives, limit=limit,
                       offset=offset, allowed=allowed)
    if not ranked.ids:
        return ranked.total, []
    found = {
        r["id"]: dict(r)
        for r in conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM pages p JOIN documents d ON d.id = p.document_id"
            f" WHERE p.id IN ({','.join('?' * len(ranked.ids))})",
            ranked.ids,
        )
    }
    return ranked.total, [cast(Hit, {**found[i], "score": s}) for i, s in zip(ranked.ids, ranked.scores)]


def search_pages_fts(
    conn: sqlite3.Connection, match: str, *, date_from: str | None = None,
    date_to: str | None = None, limit: int = 20, offset: int = 0,
) -> tuple[int, list[Hit]]:
    """(total, hits) for an FTS5 expression, ranked by FTS5's bm25() row by row.

    Without a date filter, ranking and counting stay inside FTS5 (`ORDER BY rank
    LIMIT`), and only the page of hits is joined to pages and documents.
    """
    cols = (f"SELECT {_HIT_COLUMNS}, h.rank AS score"
            " FROM hits h JOIN pages p ON p.id = h.rowid JOIN documents d ON d.id = p.document_id")
    if not (date_from or date_to):
        total = conn.execute("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", (match,)).fetchone()[0]
        rows = conn.execute(
            "WITH hits AS (SELECT rowid, bm25(pages_fts) AS rank FROM pages_fts WHERE pages_fts MATCH ?"
            " ORDER BY rank LIMIT ? OFFSET ?) " + cols + " ORDER BY h.rank, p.id",
            (match, limit, offset),
        ).fetchall()
        return total, [cast(Hit, dict(r)) for r in rows]
    where, args = "pages_fts MATCH ?", [match]
    for clause, value in (("d.date >= ?", date_from), ("d.date <= ?", date_to)):
        if value:
            where += " AND " + clause
            args.append(value)
    hits = (
        "WITH hits AS (SELECT pages_fts.rowid, pages_fts.rank FROM pages_fts"
        " JOIN pages p ON p.id = pages_fts.rowid JOIN documents d ON d.id = p.document_id"
        f" WHERE {where}) "
    )
    total = conn.execute(hits + "SELECT count(*) FROM hits", args).fetchone()[0]
    page_args: list[Any] = [*args, limit, offset]
    rows = conn.execute(hits + cols + " ORDER BY h.rank, p.id LIMIT ? OFFSET ?", page_args).fetchall()
    return total, [cast(Hit, dict(r)) for r in rows]


def documents_matching(conn: sqlite3.Connection, query: ParsedQuery) -> list[str]:
    """Ids of documents with at least one page matching the query."""
    rows = conn.execute(
        "SELECT DISTINCT p.document_id FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid"
        " WHERE pages_fts MATCH ?",
        (compile_match(query),),
    )
    return [r[0] for r in rows]
