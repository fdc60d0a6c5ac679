"""The one subject lookup of every face: a user's name or abbreviation → the canonical subject."""

from __future__ import annotations

from raadslens.models.subjects import canonical_name
from raadslens.search_api.answers.errors import UnknownSubject


def resolve_subject(name: str) -> str:
    """The canonical name; `UnknownSubject` when nothing matches (never a silently dropped filter)."""
    canonical = canonical_name(name)
    if canonical is None:
        raise UnknownSubject(name)
    return canonical
