"""The FastAPI application: it only includes the routers (see routes/)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

from raadslens.search_api.deps import ConnectionPool
from raadslens.search_api.routes import answers, documents, search
from raadslens.search_api.settings import Settings

STATIC = Path(__file__).parent / "static"


def create_app(db_path: str | Path | None = None) -> FastAPI:
    settings = Settings(db_path=Path(db_path)) if db_path else Settings.from_env()
    app = FastAPI(
        title="raadslens",
        description="Search and cited facts from Dutch local-government documents.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.state.pool = ConnectionPool(settings.db_path)
    app.router.on_shutdown.append(app.state.pool.close)
    app.include_router(search.router)
    app.include_router(documents.router)
    app.include_router(answers.router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        """The web page: search and questions, every answer with its sources."""
        return FileResponse(STATIC / "index.html")

    return app
