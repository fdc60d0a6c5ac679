"""Saved searches ("abonnementen"): checked when saved, stored with what they already find."""

from __future__ import annotations

import re
from typing import Any

from raadslens.search_api.alerts.check import matching_documents
from raadslens.search_api.answers.errors import BadRequest, NotFound
from raadslens.search_api.store import Store
from raadslens.search_api.store.alert_rows import AlertRow

NAME_RE = re.compile(r"^[\w.-]{1,64}$")
EMAIL_RE = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")
MAX_QUERY = 1000


class AlertExists(BadRequest):
    status = 409


def validate(alert: dict[str, Any]) -> dict[str, str | None]:
    """The fields of a saved search, checked; a `BadRequest` with a Dutch message names what is wrong."""
    out: dict[str, str | None] = {}
    for key in ("name", "query", "organisation", "zaak", "dossier", "doc_type", "email", "webhook"):
        value = alert.get(key)
        if value is not None and not isinstance(value, str):
            raise BadRequest(f"{key} moet tekst zijn")
        out[key] = value.strip() if isinstance(value, str) and value.strip() else None
    if not out["name"] or not NAME_RE.match(out["name"]):
        raise BadRequest("geef een naam van 1 tot 64 letters, cijfers, '-', '_' of '.', bijvoorbeeld jeugdzorg")
    if not out["query"] or len(out["query"]) > MAX_QUERY:
        raise BadRequest(f"geef een zoekvraag (query) van 1 tot {MAX_QUERY} tekens")
    if out["email"] and not EMAIL_RE.match(out["email"]):
        raise BadRequest(f"{out['email']!r} is geen e-mailadres")
    if out["webhook"] and not re.match(r"^https?://[^\s]+$", out["webhook"]):
        raise BadRequest(f"{out['webhook']!r} is geen http(s)-adres voor een webhook")
    return out


def add(store: Store, alert: dict[str, Any]) -> AlertRow:
    """Save a search; what it finds now is not news (marked seen), so only later documents notify.
    A malformed query or an unknown dossier is refused here, before anything is stored."""
    fields = validate(alert)
    seen = matching_documents(store, fields)  # raises QueryError / NotFound for a search that cannot run
    if not store.add_alert(fields, seen):
        raise AlertExists(f"er is al een abonnement met de naam {fields['name']!r}; kies een andere naam of"
                          " verwijder het eerst")
    found = store.get_alert(fields["name"] or "")
    assert found is not None
    return found


def remove(store: Store, name: str) -> None:
    if not store.remove_alert(name):
        raise NotFound(f"geen abonnement met de naam {name!r}; zie GET /alerts")


def public(alert: AlertRow) -> dict[str, Any]:
    """A saved search as the API and the CLI show it (the targets are shown: the list is the owner's)."""
    return dict(alert)
