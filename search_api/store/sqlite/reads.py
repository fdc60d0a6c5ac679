"""Reading a SQLite database: documents, pages, mentions with their citations, version chains.

Each function returns the typed rows of `store.rows`; JSON columns are decoded
here, so nothing above the store parses a column.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, cast

from raadslens.models import Mention
from raadslens.search_api.store.base import AmountFilter
from raadslens.search_api.store.rows import (
    ChainMember,
    Counts,
    DocumentRow,
    DocumentSummary,
    FailureRow,
    MentionRow,
    MentionWindow,
    NumberRow,
    PageDetail,
    PageText,
)


def counts(conn: sqlite3.Connection) -> Counts:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "documents": one("SELECT count(*) FROM documents"),
        "pages": one("SELECT count(*) FROM pages"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "failures": one("SELECT count(*) FROM failures"),
    }


def failures(conn: sqlite3.Connection) -> list[FailureRow]:
    return [cast(FailureRow, dict(r)) for r in conn.execute("SELECT * FROM failures ORDER BY path")]


def list_documents(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0) -> list[DocumentSummary]:
    rows = conn.execute(
        "SELECT id, filename, title, doc_type, organisation, date, zaaknummer, status, page_count"
        " FROM documents ORDER BY date, filename, id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),  # SQLite: a negative LIMIT is none
    )
    return [cast(DocumentSummary, dict(r)) for r in rows]


def documents_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, DocumentSummary]:
    wanted = sorted(set(ids))
    out: dict[str, DocumentSummary] = {}
    for i in range(0, len(wanted), 500):  # below any backend's limit on parameters
        part = wanted[i:i + 500]
        rows = conn.execute(
            "SELECT id, filename, title, doc_type, organisation, date, zaaknummer, status, page_count"
            f" FROM documents WHERE id IN ({', '.join('?' * len(part))})", part)
        out.update((r["id"], cast(DocumentSummary, dict(r))) for r in rows)
    return out


def count_documents(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def get_document(conn: sqlite3.Connection, doc_id: str) -> DocumentRow | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    d = dict(row)
    d["metadata"] = json.loads(d["metadata"])
    d["warnings"] = json.loads(d["warnings"])
    return cast(DocumentRow, d)


def get_page(conn: sqlite3.Connection, doc_id: str, number: int) -> PageDetail | None:
    row = conn.execute(
        "SELECT number, text, blocks, ocr, needs_ocr, notes FROM pages"
        " WHERE document_id = ? AND number = ?",
        (doc_id, number),
    ).fetchone()
    if row is None:
        return None
    return {
        "number": row["number"], "text": row["text"], "blocks": json.loads(row["blocks"]),
        "ocr": bool(row["ocr"]), "needs_ocr": bool(row["needs_ocr"]), "notes": json.loads(row["notes"]),
    }


def page_blocks(conn: sqlite3.Connection, pages: Iterable[tuple[str, int]]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    by_doc: dict[str, set[int]] = {}
    for doc_id, number in pages:
        by_doc.setdefault(doc_id, set()).add(number)
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for doc_id, numbers in by_doc.items():
        ordered = sorted(numbers)
        for part in range(0, len(ordered), 500):  # well under SQLite's limit of bound parameters
            chunk = ordered[part:part + 500]
            rows = conn.execute(f"SELECT number, blocks FROM pages WHERE document_id = ?"
                                f" AND number IN ({', '.join('?' * len(chunk))})", [doc_id, *chunk])
            out.update({(doc_id, r["number"]): json.loads(r["blocks"]) for r in rows})
    return out


def page_texts(conn: sqlite3.Connection, doc_id: str) -> list[PageText]:
    rows = conn.execute("SELECT number, text, ocr FROM pages WHERE document_id = ? ORDER BY number", (doc_id,))
    return [{"number": r["number"], "text": r["text"], "ocr": bool(r["ocr"])} for r in rows]


def get_mentions(
    conn: sqlite3.Connection, doc_id: str | None = None, kind: str | None = None,
    page: int | None = None,
) -> list[Mention]:
    sql = 'SELECT document_id, page, kind, start, "end", text, value, subject, block, flag FROM mentions WHERE 1'
    args: list[Any] = []
    for col, val in (("document_id", doc_id), ("kind", kind), ("page", page)):
        if val is not None:
            sql += f" AND {col} = ?"
            args.append(val)
    sql += ' ORDER BY document_id, page, start'
    return [
        Mention.model_validate(
            {
                "kind": r["kind"], "page": r["page"], "start": r["start"], "end": r["end"],
                "text": r["text"], "subject": r["subject"],
                "value": json.loads(r["value"]) if r["value"] else None,
                "furniture": r["block"] is not None, "block": r["block"], "flag": r["flag"],
            }
        )
        for r in conn.execute(sql, args)
    ]


_MENTION_ROWS = (
    'SELECT m.document_id, m.page, m.start, m."end", m.text, m.value, m.subject, d.title, d.filename,'
    " d.date, d.zaaknummer, d.organisation, p.ocr, m.block IS NOT NULL AS furniture, m.block, m.flag,"
    # a furniture mention's offsets are in its block's text, so that is the text it quotes
    " CASE WHEN m.block IS NULL THEN p.text"
    "  ELSE json_extract(p.blocks, '$[' || m.block || '].text') END AS page_text FROM mentions m"
    " JOIN documents d ON d.id = m.document_id"
    " JOIN pages p ON p.document_id = m.document_id AND p.number = m.page"
)


def _mention_row(r: sqlite3.Row) -> MentionRow:
    row = dict(r)
    row["value"] = json.loads(row["value"]) if row["value"] else None
    row["ocr"] = bool(row["ocr"])
    row["furniture"] = bool(row["furniture"])
    return cast(MentionRow, row)


def _mention_rows(conn: sqlite3.Connection, where: str, args: list[Any], order: str) -> list[MentionRow]:
    return [_mention_row(r) for r in conn.execute(f"{_MENTION_ROWS} WHERE {where} ORDER BY {order}", args)]


def mentions_of_zaaknummer(conn: sqlite3.Connection, number: str) -> list[MentionRow]:
    return _mention_rows(
        conn, "m.kind = 'zaaknummer' AND (json_extract(m.value, '$.number') = ? OR d.zaaknummer = ?)",
        [number, number], "d.date, m.page, m.start",
    )


def amount_where(f: AmountFilter) -> tuple[str, list[Any]]:
    """The WHERE clause and its arguments for money mentions (built apart from running it)."""
    # body text only: a running header or footer repeats what the body says
    where, args = ["m.kind = 'money' AND m.block IS NULL"], []
    filters = [
        ("m.subject = ?", f.subject), ("(d.id = ? OR d.filename = ?)", f.document),
        ("d.date >= ?", f.date_from), ("d.date <= ?", f.date_to),
        ("json_extract(m.value, '$.cents') >= ?", f.min_cents),
        ("json_extract(m.value, '$.cents') <= ?", f.max_cents),
        ("json_extract(m.value, '$.recurrence') = ?", f.recurrence),
        ("d.organisation = ?", f.organisation),
        # LIKE's wildcards in the user's words are escaped: they are matched as written
        ("json_extract(m.value, '$.column') LIKE ? ESCAPE '\\'",
         None if f.scenario is None else "%" + _like_escape(f.scenario) + "%"),
    ]
    for clause, value in filters:
        if value is not None:
            where.append(clause)
            args += [value] * clause.count("?")
    return " AND ".join(where), args


_AMOUNT_ORDER = "d.date, d.filename, m.page, m.start, m.id"
_AMOUNT_SORTS = {  # AmountFilter.sort → the leading ORDER BY term; _AMOUNT_ORDER breaks ties
    "date": "d.date", "amount": "json_extract(m.value, '$.cents')",
    "document": "coalesce(d.title, d.filename)", "subject": "m.subject",
}


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def amount_order(f: AmountFilter) -> str:
    """ORDER BY for money mentions: the filter's sort key first (NULLs last either way), then a stable order."""
    if not f.sort:
        return _AMOUNT_ORDER
    key = _AMOUNT_SORTS[f.sort.lstrip("-")]  # a KeyError is a caller's bug: answers check the key
    direction = "DESC" if f.sort.startswith("-") else "ASC"
    return f"{key} IS NULL, {key} {direction}, {_AMOUNT_ORDER}"


def money_mentions(conn: sqlite3.Connection, f: AmountFilter) -> list[MentionRow]:
    where, args = amount_where(f)
    limit = -1 if f.limit is None else f.limit  # SQLite: a negative LIMIT is none
    return _mention_rows(conn, where, [*args, limit, f.offset], f"{amount_order(f)} LIMIT ? OFFSET ?")


def iter_money_mentions(conn: sqlite3.Connection, f: AmountFilter, chunk: int) -> Iterator[list[MentionRow]]:
    """Every matching money mention (limit and offset aside), in `money_mentions`' order, from ONE
    query read `chunk` rows at a time (OFFSET pages would sort the matches again for every chunk)."""
    where, args = amount_where(f)
    cursor = conn.execute(f"{_MENTION_ROWS} WHERE {where} ORDER BY {amount_order(f)}", args)
    try:
        while rows := cursor.fetchmany(chunk):
            yield [_mention_row(r) for r in rows]
    finally:
        cursor.close()


def count_money_mentions(conn: sqlite3.Connection, f: AmountFilter) -> int:
    where, args = amount_where(f)
    sql = f"SELECT count(*) FROM mentions m JOIN documents d ON d.id = m.document_id WHERE {where}"
    return int(conn.execute(sql, args).fetchone()[0])


def date_mentions(conn: sqlite3.Connection, doc_ids: list[str]) -> list[MentionRow]:
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    return _mention_rows(conn, f"m.kind = 'date' AND m.block IS NULL AND m.document_id IN ({marks})", list(doc_ids),
                         "d.date, m.page, m.start")


def page_mentions(conn: sqlite3.Connection, pages: list[tuple[str, int]], kind: str) -> list[MentionRow]:
    """Mentions of one kind on these (document, page) pairs: the evidence /ask ranks."""
    # The pairs drive the join (CROSS JOIN fixes SQLite's loop order): as `m.kind = ? AND (pair OR
    # pair ...)`, SQLite without statistics walked the whole kind through mentions_kind (all date
    # mentions of a 100k-page index: ~200 ms per call warm, 1.5 s cold) instead of 40 index lookups.
    wanted = list(dict.fromkeys(pages))
    if not wanted:
        return []
    values = ", ".join("(?, ?)" for _ in wanted)
    head, tail = _MENTION_ROWS.split(" FROM mentions m", 1)
    sql = (f"WITH want(document_id, page) AS (VALUES {values}) {head} FROM want w CROSS JOIN mentions m{tail}"
           " WHERE m.document_id = w.document_id AND m.page = w.page AND m.kind = ?"
           " ORDER BY m.document_id, m.page, m.start")
    return [_mention_row(r) for r in conn.execute(sql, [*[x for p in wanted for x in p], kind])]


def _chain(conn: sqlite3.Connection, chain_id: str) -> list[ChainMember]:
    rows = conn.execute(
        "SELECT d.id, d.title, d.filename, d.date, v.position, v.similarity FROM versions v"
        " JOIN documents d ON d.id = v.document_id WHERE v.chain = ? ORDER BY v.position",
        (chain_id,),
    )
    return [cast(ChainMember, dict(r)) for r in rows]


def version_chains(conn: sqlite3.Connection) -> list[list[ChainMember]]:
    ids = [r[0] for r in conn.execute("SELECT DISTINCT chain FROM versions ORDER BY chain")]
    return [_chain(conn, c) for c in ids]


def version_chain_of(conn: sqlite3.Connection, doc_id: str) -> list[ChainMember]:
    row = conn.execute("SELECT chain FROM versions WHERE document_id = ?", (doc_id,)).fetchone()
    return _chain(conn, row[0]) if row else []


def zaaknummer_rows(conn: sqlite3.Connection) -> list[NumberRow]:
    rows = conn.execute(
        "SELECT document_id, page, json_extract(value, '$.number') AS number, json_extract(value, '$.role') AS role,"
        " json_extract(value, '$.label') AS label, block IS NOT NULL AS furniture FROM mentions"
        " WHERE kind = 'zaaknummer' AND json_extract(value, '$.number') IS NOT NULL ORDER BY document_id, page, start"
    )
    return [cast(NumberRow, {**dict(r), "furniture": bool(r["furniture"])}) for r in rows]


def mention_windows(conn: sqlite3.Connection, kind: str, *, doc_ids: list[str] | None = None,
                    max_page: int | None = None, before: int = 100, after: int = 80) -> list[MentionWindow]:
    """Body mentions with `before`/`after` characters of their page around them (substr in SQL: the
    page text itself never leaves the database)."""
    where, args = ["m.kind = ?", "m.block IS NULL"], list[Any]([kind])
    if max_page is not None:
        where.append("m.page <= ?")
        args.append(max_page)
    if doc_ids is not None:
        if not doc_ids:
            return []
        where.append(f"m.document_id IN ({','.join('?' * len(doc_ids))})")
        args += doc_ids
    sql = (
        'SELECT m.document_id, m.page, m.start, m."end", m.text, m.value,'
        " substr(p.text, max(1, m.start + 1 - ?), min(m.start, ?)) AS before,"
        ' substr(p.text, m."end" + 1, ?) AS after FROM mentions m'
        " JOIN pages p ON p.document_id = m.document_id AND p.number = m.page"
        f" WHERE {' AND '.join(where)} ORDER BY m.document_id, m.page, m.start"
    )
    out: list[MentionWindow] = []
    for r in conn.execute(sql, [before, before, after, *args]):
        row = dict(r)
        row["value"] = json.loads(row["value"]) if row["value"] else None
        out.append(cast(MentionWindow, row))
    return out


def document_hashes(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT id, sha256 FROM documents")}


def proposal_mentions(conn: sqlite3.Connection, document: str | None) -> list[MentionRow]:
    where, args = "m.kind = 'proposal'", []
    if document is not None:
        where += " AND (d.id = ? OR d.filename = ?)"
        args = [document, document]
    return _mention_rows(conn, where, args, "d.date, d.filename, m.page, m.start")
