"""Version chains (concept → final, original → revision) and their steps."""

from __future__ import annotations

from typing import Any

from raadslens.search_api.store import Store
from raadslens.search_api.store.rows import ChainMember


def versions(store: Store) -> dict[str, Any]:
    """Every version chain, oldest first."""
    return {"chains": store.version_chains()}


def pairs(store: Store) -> list[tuple[ChainMember, ChainMember]]:
    """Every (previous, next) step of every chain."""
    return [(c[i], c[i + 1]) for c in store.version_chains() for i in range(len(c) - 1)]
