"""/wijzigingen: two versions side by side, over the same `answers.changes.compare` dict as
GET /changes?document=&against=: amounts changed (from → to, difference), added and removed, and
the text changes per page, each side linking to its page view."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from raadslens.search_api.answers import changes
from raadslens.search_api.answers.errors import NotFound
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.pages import page_response

router = APIRouter(include_in_schema=False)
DocId = Annotated[str, Query(max_length=64)]


@router.get("/wijzigingen", response_class=HTMLResponse)
def wijzigingen(request: Request, store: StoreDep, van: DocId = "", naar: DocId = "") -> HTMLResponse:
    chains = store.version_chains()
    in_chain = {d["id"] for c in chains for d in c}
    others = [(d["id"], d["title"] or d["filename"], d["date"]) for d in store.list_documents() if d["id"] not in in_chain]
    context: dict[str, Any] = {"chains": chains, "others": others, "van": van, "naar": naar}
    if not van and not naar:
        return page_response(request, "wijzigingen.html", context)
    if not van or not naar:
        context["error"] = "Kies twee versies: een oude (van) en een nieuwe (naar)."
        return page_response(request, "wijzigingen.html", context, status=400)
    if van == naar:
        context["error"] = "Kies twee verschillende versies om te vergelijken."
        return page_response(request, "wijzigingen.html", context, status=400)
    try:
        result = changes.compare(store, van, naar)
    except NotFound:
        context["error"] = "Een van de gekozen documenten bestaat niet (meer) in de database."
        return page_response(request, "wijzigingen.html", context, status=404)
    counts = {kind: sum(1 for a in result["amounts"] if a["kind"] == kind) for kind in ("changed", "added", "removed")}
    # the text changes grouped by the page pair they are on, in reading order
    by_page: dict[tuple[int | None, int | None], list[dict[str, Any]]] = {}
    for p in result["paragraphs"]:
        by_page.setdefault((p["from"]["page"], p["to"]["page"]), []).append(p)
    context.update(result=result, counts=counts, by_page=list(by_page.items()),
                   capped=len(result["paragraphs"]) >= changes.PARAGRAPH_LIMIT)
    return page_response(request, "wijzigingen.html", context)
