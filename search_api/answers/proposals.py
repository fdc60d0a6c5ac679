"""Proposals with their options, scenarios and financial effects, cited; the same for the API and the CLI."""

from __future__ import annotations

from typing import Any

from raadslens.models.normalize import index_words, stem
from raadslens.models.text import context
from raadslens.search_api.answers.errors import BadRequest
from raadslens.search_api.store import Store

MAX_LIMIT = 1000


def _matches(value: dict[str, Any], terms: set[str]) -> bool:
    """Every word of the subject filter (stemmed, so "meldpunten" finds "meldpunt") is in the proposal's
    title, pillar or options."""
    text = " ".join([value.get("title") or "", value.get("pillar") or "",
                     *[o.get("text") or "" for o in value.get("options") or []]])
    stems = {stem(w) for w in index_words(text)}
    return terms <= stems


def proposals(store: Store, *, document: str | None = None, subject: str | None = None,
              documents: set[str] | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """GET /proposals: one page of the proposals (filtered by document, by a set of document ids such
    as a dossier's, and by subject words) with the `total` of all that match."""
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise BadRequest(f"limit moet 1 tot en met {MAX_LIMIT} zijn en offset 0 of meer "
                         f"(gekregen: limit={limit}, offset={offset})")
    terms = {stem(w) for w in index_words(subject or "")}
    rows = [r for r in store.proposal_mentions(document)
            if (documents is None or r["document_id"] in documents) and _matches(r["value"] or {}, terms)]
    out = []
    for r in rows[offset: offset + limit]:
        v = r["value"] or {}
        out.append({
            "document_id": r["document_id"], "document_title": r["title"] or r["filename"],
            "filename": r["filename"], "date": r["date"], "page": r["page"], "start": r["start"],
            "end": r["end"], "furniture": r["furniture"], "block": r["block"], "number": v.get("number"), "title": v.get("title"), "pillar": v.get("pillar"),
            "options": [{"number": o.get("number"), "text": o.get("text"), "scenario": o.get("scenario"),
                         "effects_cents": o.get("effects") or [], "pm": bool(o.get("pm"))}
                        for o in v.get("options") or []],
            "quote": context(r["page_text"], r["start"], r["end"]),
        })
    return {"total": len(rows), "limit": limit, "offset": offset, "proposals": out}
