"""/bedragen: the amounts table for people, over the same `answers.amounts.amounts` dict as GET /amounts.

The page's filters are Dutch query parameters, read as text and checked here, so an empty form
field is "no filter" and a wrong value is explained on the page (never a bare 422). The CSV link
(/bedragen.csv) carries the same parameters and writes exactly the rows the page shows.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from raadslens.models.subjects import load_aliases
from raadslens.search_api.answers import amounts as am
from raadslens.search_api.answers import formats
from raadslens.search_api.answers.errors import AnswerError
from raadslens.search_api.store import Store
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.pages import page_response

router = APIRouter(include_in_schema=False)

PER_PAGE = 50
Field = Annotated[str, Query(max_length=200)]
MinField = Annotated[str, Query(alias="min", max_length=200)]
MaxField = Annotated[str, Query(alias="max", max_length=200)]
# the page's sort names → the answers' keys
SORTS = {"datum": "date", "bedrag": "amount", "document": "document", "onderwerp": "subject"}
_EUROS_RE = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?$|^-?\d+(?:[.,]\d{1,2})?$")


class BadField(ValueError):
    """A filter field the page cannot use; the message names it in Dutch."""


def parse_euros(name: str, text: str) -> float | None:
    """'1.000.000', '1000000', '2500,50' or '2500.50' in euros; '' is no filter."""
    text = text.strip().replace("€", "").replace(" ", "")
    if not text:
        return None
    if not _EUROS_RE.match(text):
        raise BadField(f"{name} moet een bedrag in euro's zijn, bijvoorbeeld 10000 of 1.500.000,50")
    if re.search(r"\.\d{3}", text) or "," in text:  # Dutch: dots group thousands, the comma is decimal
        text = text.replace(".", "").replace(",", ".")
    value = float(text)
    if abs(value) > 1e13:
        raise BadField(f"{name} is te groot: kies een bedrag tot 10.000.000.000.000 euro")
    return value


def parse_year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise BadField("jaar moet een jaartal van vier cijfers zijn, bijvoorbeeld 2025")
    return int(text)


def _choices(store: Store) -> dict[str, Any]:
    docs = store.list_documents()
    return {
        "organisations": sorted({d["organisation"] for d in docs if d["organisation"]}),
        "documents": sorted(((d["id"], d["title"] or d["filename"]) for d in docs), key=lambda d: d[1].lower()),
        "subjects": sorted(set(load_aliases().values()), key=str.lower),
    }


def amounts_view(store: Store, params: dict[str, str], pagina: int) -> dict[str, Any]:
    """The page's data: the amounts answer for these Dutch parameters (BadField/AnswerError on bad input)."""
    sort = params["sorteer"]
    if sort and sort.lstrip("-") not in SORTS:
        raise BadField(f"sorteer kan {', '.join(SORTS)} zijn (met - ervoor: aflopend)")
    key = ("-" if sort.startswith("-") else "") + SORTS[sort.lstrip("-")] if sort else None
    return am.amounts(
        store, subject=params["onderwerp"] or None, organisation=params["organisatie"] or None,
        document=params["document"] or None, year=parse_year(params["jaar"]),
        scenario=params["scenario"].strip() or None,
        min_eur=parse_euros("min", params["min"]), max_eur=parse_euros("max", params["max"]),
        sort=key, limit=PER_PAGE, offset=(pagina - 1) * PER_PAGE,
    )


def _link(path: str, params: dict[str, Any], **change: Any) -> str:
    merged = {k: v for k, v in {**params, **change}.items()
              if v not in (None, "") and not (k == "pagina" and v == 1)}
    return path + ("?" + urllib.parse.urlencode(merged) if merged else "")


@router.get("/bedragen", response_class=HTMLResponse)
def bedragen(
    request: Request, store: StoreDep, onderwerp: Field = "", organisatie: Field = "", document: Field = "",
    jaar: Field = "", scenario: Field = "", minimum: MinField = "", maximum: MaxField = "", sorteer: Field = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    params = {"onderwerp": onderwerp, "organisatie": organisatie, "document": document, "jaar": jaar,
              "scenario": scenario, "min": minimum, "max": maximum, "sorteer": sorteer}
    context: dict[str, Any] = {"params": params, **_choices(store)}
    try:
        data = amounts_view(store, params, pagina)
    except (BadField, AnswerError) as e:
        return page_response(request, "bedragen.html", {**context, "error": str(e)}, status=400)
    pages = max(1, -(-data["total"] // PER_PAGE))
    sort_links = {}
    for name in SORTS:
        descending = sorteer == name  # a second click on the sorted column turns it round
        sort_links[name] = _link("/bedragen", params, sorteer=f"-{name}" if descending else name, pagina=None)
    context.update(
        data=data, pagina=pagina, pages=pages, sort_links=sort_links, sorted_by=sorteer,
        csv=_link("/bedragen.csv", params, pagina=pagina if pagina > 1 else None),
        prev=_link("/bedragen", params, pagina=pagina - 1) if pagina > 1 else None,
        next=_link("/bedragen", params, pagina=pagina + 1) if pagina < pages else None,
        first=data["offset"] + 1, last=data["offset"] + data["count"],
    )
    return page_response(request, "bedragen.html", context)


@router.get("/bedragen.csv", response_model=None)
def bedragen_csv(
    request: Request, store: StoreDep, onderwerp: Field = "", organisatie: Field = "", document: Field = "",
    jaar: Field = "", scenario: Field = "", minimum: MinField = "", maximum: MaxField = "", sorteer: Field = "",
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """The rows of /bedragen with the same parameters, in its order: exactly what the page shows."""
    params = {"onderwerp": onderwerp, "organisatie": organisatie, "document": document, "jaar": jaar,
              "scenario": scenario, "min": minimum, "max": maximum, "sorteer": sorteer}
    try:
        data = amounts_view(store, params, pagina)
    except (BadField, AnswerError) as e:
        return Response(f"{e}\n", status_code=400, media_type="text/plain; charset=utf-8")
    media_type, text = formats.render("amounts", "csv", data)
    return Response(text, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="bedragen-{pagina}.csv"'})
