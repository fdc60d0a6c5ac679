"""Full-text search over pages: parse, match, rank, and cite with a highlighted snippet."""

from __future__ import annotations

from typing import Any

from raadslens.models.subjects import aliases_of, load_aliases
from raadslens.search_api.answers.errors import check_dates
from raadslens.search_api.answers.paging import check_page
from raadslens.search_api.search.query import OPERATORS, ParsedQuery, parse_query
from raadslens.search_api.search.snippets import snippet
from raadslens.search_api.store import Store

MAX_LIMIT = 100  # hits per request (each with a snippet); page on with offset


def expand_subject(q: str) -> list[str]:
    """All names of the subject when the whole (unquoted) query is one, else [].

    "veilig thuis" also finds pages that only say "VTT". Quoting the query
    ("\"veilig thuis\"") searches the words as given.
    """
    plain = q.strip()
    if '"' in plain or any(w.upper() in OPERATORS or w.startswith("-") for w in plain.split()):
        return []
    canonical = load_aliases().get(plain.lower())
    if canonical is None:
        return []
    names = aliases_of(canonical)
    return names if len(names) > 1 else []


def parse_search(q: str) -> tuple[ParsedQuery, list[str]]:
    """The query as `search` runs it, and the subject's names when it was expanded to them."""
    names = expand_subject(q)
    return parse_query(" OR ".join(f'"{n}"' for n in names) if names else q), names


def search(
    store: Store, q: str, *, date_from: str | None = None, date_to: str | None = None,
    limit: int = 20, offset: int = 0,
) -> dict[str, Any]:
    """Search pages; raises `QueryError` for a query that cannot run, `InvalidPage` for a bad page.

    `total` counts every matching page, not only the ones on this page."""
    check_page(limit, offset, MAX_LIMIT)
    parsed, names = parse_search(q)
    check_dates(date_from=date_from, date_to=date_to)
    total, rows = store.search_pages(parsed, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
    hits = [
        {
            "document_id": r["document_id"],
            "title": r["title"] or r["filename"],
            "organisation": r["organisation"],
            "doc_type": r["doc_type"],
            "date": r["date"],
            "page": r["number"],
            "snippet": snippet(r["text"], parsed.stems),
            "score": float(f"{-r['score']:.4g}"),
            "ocr": bool(r["ocr"]),
            "url": f"/documents/{r['document_id']}/pages/{r['number']}",
        }
        for r in rows
    ]
    return {"query": q, **({"expanded_to": names} if names else {}), "total": total, "limit": limit, "offset": offset, "hits": hits}
