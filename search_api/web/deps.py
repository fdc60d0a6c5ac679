"""FastAPI dependencies: the app's one store, shared by every request (it pools its own connections)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from raadslens.search_api.store import Store


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
