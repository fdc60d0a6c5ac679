"""Full-text search on PostgreSQL while the postings do not cover every page yet (an ingest
is adding pages): the parsed query compiled to a tsquery over `pages_fts`, the stemmed
text, with its GIN index. The usual path is the postings and the shared ranker
(store/sqlite/fts.py `_search_postings`), as on SQLite.

`compile_tsquery` builds the query apart from running it: every token is quoted as a
lexeme, so tsquery syntax in user text is inert.
"""

from __future__ import annotations

from typing import Any, cast

from raadslens.search_api.search.query import ParsedQuery, Phrase
from raadslens.search_api.store.postgres.dialect import PgConnection
from raadslens.search_api.store.rows import Hit

TSV = "to_tsvector('simple', replace(f.stemmed, '_', ' '))"  # the expression of the GIN index


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(phrase: Phrase) -> str:
    return "(" + " <-> ".join(_lexeme(t) for t in phrase) + ")"


def compile_tsquery(query: ParsedQuery) -> str:
    """AND of (OR of phrases), NOT the exclusions, as tsquery text."""
    expr = " & ".join("(" + " | ".join(map(_phrase, c)) + ")" for c in query.clauses)
    for neg in query.negatives:
        expr = f"{expr} & !{_phrase(neg)}"
    return expr


def search_pages(conn: PgConnection, query: ParsedQuery, *, date_from: str | None = None,
                 date_to: str | None = None, limit: int = 20, offset: int = 0) -> tuple[int, list[Hit]]:
    """(total, hits), ranked by ts_rank_cd (higher is better; the score is negated so that, as
    FTS5's rank, lower comes first)."""
    where, args = [f"{TSV} @@ to_tsquery('simple', %s)"], [compile_tsquery(query)]
    for clause, value in (("d.date >= %s", date_from), ("d.date <= %s", date_to)):
        if value:
            where.append(clause)
            args.append(value)
    base = (" FROM pages_fts f JOIN pages p ON p.id = f.rowid JOIN documents d ON d.id = p.document_id"
            f" WHERE {' AND '.join(where)}")
    raw = conn.raw
    total = int(raw.execute("SELECT count(*)" + base, args).fetchone()[0])  # type: ignore[index]
    rows = raw.execute(
        "SELECT p.id, p.document_id, d.title, d.filename, d.organisation, d.doc_type, d.date, p.number, p.text,"
        f" p.ocr, -ts_rank_cd({TSV}, to_tsquery('simple', %s)) AS score" + base
        + " ORDER BY score, p.id LIMIT %s OFFSET %s",
        [args[0], *args, limit, offset],
    ).fetchall()
    return total, [cast(Hit, dict(r)) for r in rows]


def documents_matching(conn: PgConnection, query: ParsedQuery) -> list[str]:
    rows = conn.raw.execute(
        "SELECT DISTINCT p.document_id FROM pages_fts f JOIN pages p ON p.id = f.rowid"
        f" WHERE {TSV} @@ to_tsquery('simple', %s)", [compile_tsquery(query)])
    return [cast(Any, r)[0] for r in rows]
