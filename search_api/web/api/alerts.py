"""/alerts: saved searches ("abonnementen"). Every endpoint needs the token: the list holds the
subscribers' e-mail addresses and webhook URLs, which a public archive must not show."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from raadslens.search_api.alerts import saved
from raadslens.search_api.answers.errors import NotFound
from raadslens.search_api.web.auth import TokenDep
from raadslens.search_api.web.deps import StoreDep
from raadslens.search_api.web.params import MAX_QUERY

router = APIRouter(prefix="/alerts", tags=["alerts"])

Name = Annotated[str, Path(min_length=1, max_length=64, description="the saved search's name")]


class AlertIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    query: str = Field(min_length=1, max_length=MAX_QUERY)
    organisation: str | None = Field(default=None, max_length=200)
    zaak: str | None = Field(default=None, max_length=100)
    dossier: str | None = Field(default=None, max_length=200)
    doc_type: str | None = Field(default=None, max_length=100)
    email: str | None = Field(default=None, max_length=320)
    webhook: str | None = Field(default=None, max_length=2000)


def _shown(alert: Any) -> dict[str, Any]:
    return saved.public(alert)


@router.get("")
def list_alerts(store: StoreDep, _: TokenDep) -> dict[str, Any]:
    """Every saved search with its filters, targets and the outcome of its last run (needs the token)."""
    rows = store.list_alerts()
    return {"total": len(rows), "alerts": [_shown(a) for a in rows]}


@router.get("/{name}")
def get_alert(store: StoreDep, _: TokenDep, name: Name) -> dict[str, Any]:
    """One saved search and its deliveries (pending, sent, failed; attempts and the last error; needs the token)."""
    found = store.get_alert(name)
    if found is None:
        raise NotFound(f"geen abonnement met de naam {name!r}; zie GET /alerts")
    deliveries = [{k: v for k, v in d.items() if k != "payload"} for d in store.deliveries(name)]
    return {**_shown(found), "deliveries": deliveries}


@router.post("", status_code=201)
def add_alert(store: StoreDep, _: TokenDep, alert: AlertIn) -> JSONResponse:
    """Save a search (needs the token); what it finds now is not news, later documents notify."""
    return JSONResponse(_shown(saved.add(store, alert.model_dump())), status_code=201)


@router.delete("/{name}", status_code=204)
def remove_alert(store: StoreDep, _: TokenDep, name: Name) -> None:
    """Remove a saved search (needs the token)."""
    saved.remove(store, name)
