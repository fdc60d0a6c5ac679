"""Rows of the follow features (saved searches, their deliveries, the change log) as the Store returns them."""

from __future__ import annotations

from typing import Any, TypedDict


class AlertRow(TypedDict):
    """A saved search ("abonnement"): a query with filters and where to send what is new."""

    name: str
    query: str
    organisation: str | None
    zaak: str | None
    dossier: str | None
    doc_type: str | None  # only documents of this type (models/doctypes.py), e.g. raadsinformatiebrief
    email: str | None
    webhook: str | None
    created_at: str
    last_run_at: str | None
    last_error: str | None  # why the last run of this search failed (a malformed query), else None


class DeliveryRow(TypedDict):
    """One notification to one target: pending until sent; attempts and the last error recorded."""

    id: int
    alert: str
    channel: str  # email, webhook or log (a search without a target: recorded only)
    target: str | None
    payload: dict[str, Any]
    status: str  # pending, sent or failed (gave up after MAX_ATTEMPTS)
    attempts: int
    last_error: str | None
    created_at: str
    sent_at: str | None


class ChangeRow(TypedDict):
    """One entry of the change log: a document added or removed (a removed one is a tombstone)."""

    cursor: int
    at: str
    entity: str  # document
    id: str
    op: str  # added or removed (a document's content never changes in place: a new file is a new document)
