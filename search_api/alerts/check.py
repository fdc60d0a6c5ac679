"""What a saved search finds, and the notification for what is new: hits with page links, quotes and
the amounts that changed against the previous version."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from raadslens.models.normalize import fold
from raadslens.search_api.answers import changes, dossiers
from raadslens.search_api.answers.search import parse_search
from raadslens.search_api.search.snippets import snippet
from raadslens.search_api.store import Store

PAGES_PER_DOCUMENT = 3  # page links (with a quote) per new document in one notification
SEARCH_DEPTH = 1000  # pages of the search looked at for the quotes of the new documents


def _number(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def _field(store: Store, doc_id: str, key: str) -> str:
    row = store.get_document(doc_id)
    value = dict(row).get(key) if row else None
    return str(value) if value else ""


def matching_documents(store: Store, alert: Mapping[str, Any]) -> list[str]:
    """Ids of the documents the saved search finds now (query and filters), sorted."""
    parsed, _ = parse_search(alert["query"] or "")
    ids = set(store.documents_matching(parsed))
    if alert.get("organisation"):
        wanted = fold(alert["organisation"] or "")
        ids = {d for d in ids if wanted in fold(_field(store, d, "organisation"))}
    if alert.get("zaak"):
        number = _number(alert["zaak"] or "")
        ids &= {r["document_id"] for r in store.mentions_of_zaaknummer(number)} | {
            d for d in ids if _number(_field(store, d, "zaaknummer")) == number}
    if alert.get("doc_type"):
        ids = {d for d in ids if _field(store, d, "doc_type") == alert["doc_type"]}
    if alert.get("dossier"):
        ids &= {x["id"] for x in dossiers.get(store, alert["dossier"] or "").documents}
    return sorted(ids)


def _amount_change(c: dict[str, Any], base_url: str) -> dict[str, Any]:
    def side(x: dict[str, Any] | None) -> dict[str, Any] | None:
        if x is None:
            return None
        return {"amount_cents": x["amount_cents"], "text": x["text"], "document_id": x["document_id"],
                "date": x["date"], "page": x["page"], "quote": x["quote"],
                "url": f"{base_url}/documenten/{x['document_id']}/pagina/{x['page']}"}

    return {"kind": c["kind"], "subject": c["subject"], "from": side(c["from"]), "to": side(c["to"]),
            "delta_cents": c["delta_cents"]}


def best_pages(store: Store, query: str, doc_ids: list[str], base_url: str = "") -> dict[str, list[dict[str, Any]]]:
    """Per document its best matching pages for `query` (up to PAGES_PER_DOCUMENT): number, quote, link."""
    parsed, _ = parse_search(query)
    _, hits = store.search_pages(parsed, limit=SEARCH_DEPTH)
    pages: dict[str, list[dict[str, Any]]] = {d: [] for d in doc_ids}
    for h in hits:
        found = pages.get(h["document_id"])
        if found is not None and len(found) < PAGES_PER_DOCUMENT:
            quote = html.unescape(snippet(h["text"], parsed.stems).replace("<mark>", "").replace("</mark>", ""))
            found.append({"page": h["number"], "quote": quote,
                          "url": f"{base_url}/documenten/{h['document_id']}/pagina/{h['number']}"})
    return pages


def notification(store: Store, alert: Mapping[str, Any], new_ids: list[str],
                 base_url: str = "") -> dict[str, Any]:
    """The one notification of a run for `new_ids`: per document its title, organisation, date, the
    best matching pages (link and quote) and its amount changes against its previous version."""
    pages = best_pages(store, alert["query"] or "", new_ids, base_url)
    documents = []
    for doc_id in new_ids:
        row = store.get_document(doc_id)
        if row is None:
            continue
        step = changes.changes_for_document(store, doc_id)
        documents.append({
            "document_id": doc_id, "title": row["title"] or row["filename"], "organisation": row["organisation"],
            "date": row["date"], "doc_type": row["doc_type"], "url": f"{base_url}/documenten/{doc_id}",
            "pages": pages[doc_id] or [{"page": 1, "quote": "", "url": f"{base_url}/documenten/{doc_id}/pagina/1"}],
            "previous_version": step["from_document"]["id"] if step else None,
            "amount_changes": [_amount_change(c, base_url) for c in step["amounts"]] if step else [],
        })
    return {"alert": alert["name"], "query": alert["query"],
            "filters": {k: alert.get(k) for k in ("organisation", "zaak", "dossier", "doc_type") if alert.get(k)},
            "documents": documents}
