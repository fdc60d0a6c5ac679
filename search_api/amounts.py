"""Amount mentions with their subject and citation, filtered; CSV for journalists."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from raadslens.models.text import context

CSV_FIELDS = ["amount_eur", "cents", "recurrence", "subject", "text", "document_id", "document_title",
              "date", "page", "start", "end", "quote"]


def find_amounts(
    conn: sqlite3.Connection, *, subject: str | None = None, document: str | None = None,
    date_from: str | None = None, date_to: str | None = None, min_cents: int | None = None,
    max_cents: int | None = None, recurrence: str | None = None, limit: int = 500,
) -> list[dict]:
    """Money mentions, each with a citation (document, page, span, quote)."""
    sql = [
        'SELECT m.document_id, m.page, m.start, m."end", m.text, m.value, m.subject,'
        " d.title, d.filename, d.date, p.text AS page_text, p.ocr"
        " FROM mentions m JOIN documents d ON d.id = m.document_id"
        " JOIN pages p ON p.document_id = m.document_id AND p.number = m.page"
        " WHERE m.kind = 'money'"
    ]
    args: list = []
    filters = [
        ("m.subject = ?", subject), ("(d.id = ? OR d.filename = ?)", document),
        ("d.date >= ?", date_from), ("d.date <= ?", date_to),
        ("json_extract(m.value, '$.cents') >= ?", min_cents),
        ("json_extract(m.value, '$.cents') <= ?", max_cents),
        ("json_extract(m.value, '$.recurrence') = ?", recurrence),
    ]
    for clause, value in filters:
        if value is not None:
            sql.append("AND " + clause)
            args += [value] * clause.count("?")
    sql.append("ORDER BY d.date, d.filename, m.page, m.start LIMIT ?")
    args.append(limit)
    out = []
    for r in conn.execute(" ".join(sql), args):
        value = json.loads(r["value"])
        out.append({
            "text": r["text"], "cents": value["cents"], "recurrence": value.get("recurrence"),
            "subject": r["subject"], "document_id": r["document_id"],
            "document_title": r["title"] or r["filename"], "date": r["date"], "page": r["page"],
            "start": r["start"], "end": r["end"], "ocr": bool(r["ocr"]),
            "quote": context(r["page_text"], r["start"], r["end"]),
        })
    return out


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        eur = None if r["cents"] is None else f"{r['cents'] / 100:.2f}"
        w.writerow({**r, "amount_eur": eur})
    return buf.getvalue()
