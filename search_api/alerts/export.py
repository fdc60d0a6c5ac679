"""`raadslens export`: every document, mention and amount, streamed a document (or a chunk) at a time.

NDJSON: one object a line, each with a "type" (document, mention, amount), documents
before their mentions; the amounts last, each with its subject and citation (the rows
of GET /amounts). CSV: one table (documents, mentions or amounts) with a header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from raadslens.search_api.answers import amounts, formats
from raadslens.search_api.store import Store

CSV_TABLES = ("documents", "mentions", "amounts")
DOCUMENT_FIELDS = ["id", "filename", "title", "doc_type", "organisation", "date", "zaaknummer", "status", "page_count"]
MENTION_FIELDS = ["document_id", "page", "kind", "start", "end", "text", "value", "subject", "flag"]


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str) + "\n"


def _mentions(store: Store, doc_id: str) -> Iterator[dict[str, Any]]:
    for m in store.get_mentions(doc_id):
        d = m.model_dump(mode="json")
        yield {"document_id": doc_id, **{k: d.get(k) for k in MENTION_FIELDS if k != "document_id"}}


def ndjson(store: Store) -> Iterator[str]:
    for doc in store.list_documents():
        yield _line({"type": "document", **{k: doc.get(k) for k in DOCUMENT_FIELDS}})
        yield "".join(_line({"type": "mention", **m}) for m in _mentions(store, doc["id"]))
    chunk = []
    for row in amounts.every_amount(store):
        chunk.append(_line({"type": "amount", **row}))
        if len(chunk) >= 500:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def _csv(fields: list[str], rows: Iterable[dict[str, Any]], chunk: int = 500) -> Iterator[str]:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    for i, r in enumerate(rows, 1):
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for k, v in r.items()})
        if i % chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def csv_rows(store: Store, table: str) -> Iterator[str]:
    if table == "documents":
        return _csv(DOCUMENT_FIELDS, (dict(d) for d in store.list_documents()))
    if table == "mentions":
        return _csv(MENTION_FIELDS, (m for d in store.list_documents() for m in _mentions(store, d["id"])))
    return formats.amounts_csv_chunks(amounts.every_amount(store))
