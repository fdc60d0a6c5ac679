"""The FastAPI application: it only includes the routers (see routes/)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from search_api.routes import answers, documents, search
from search_api.settings import Settings


def create_app(db_path: str | Path | None = None) -> FastAPI:
    settings = Settings(db_path=Path(db_path)) if db_path else Settings.from_env()
    app = FastAPI(
        title="raadslens",
        description="Search and cited facts from Dutch local-government documents.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.include_router(search.router)
    app.include_router(documents.router)
    app.include_router(answers.router)
    return app
