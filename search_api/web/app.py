"""The FastAPI application: one store, the API's routers, the web page, one error handler."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from raadslens.search_api.store import open_store
from raadslens.search_api.web import (
    auth,
    bedragen,
    docs,
    errors,
    pages,
    security,
    tijdlijn,
    wijzigingen,
)
from raadslens.search_api.web.api import alerts, answers, documents, dossiers, feeds, search
from raadslens.settings import Settings

STATIC = Path(__file__).parent / "static"


def create_app(db: str | Path | None = None) -> FastAPI:
    settings = Settings.from_env(db=str(db) if db else None)
    app = FastAPI(
        title="raadslens",
        description="Search and cited facts from Dutch local-government documents.",
        version="0.1.0",
        docs_url=None,  # /docs is served from a package's Swagger UI files (web/docs.py), not a CDN
        redoc_url=None,  # ReDoc has no offline package here; /docs is the one documentation page
    )
    app.state.settings = settings
    app.state.store = open_store(settings.db)
    app.router.on_shutdown.append(app.state.store.close)
    errors.install(app)
    security.install(app, settings.allowed_hosts.split(","))
    auth.install(app.state, settings.token)  # the write endpoints need it; unset, they are off
    for api in (search, documents, answers, dossiers, feeds):
        app.include_router(api.router, responses=errors.RESPONSES)  # the error bodies, documented
    app.include_router(alerts.router, responses={**errors.RESPONSES, **errors.AUTH_RESPONSES})

    app.include_router(pages.router)  # the Dutch pages for people, over the same answers
    app.include_router(bedragen.router)
    app.include_router(wijzigingen.router)
    app.include_router(tijdlijn.router)

    # styles are files, not inline: the Content-Security-Policy allows no inline script or style
    docs.install(app)  # before /static: its /static/swagger mount must match first
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    return app
