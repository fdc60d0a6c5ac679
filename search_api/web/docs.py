"""/docs without the internet: Swagger UI served from a package's files, within the CSP.

The files come from fastapi-offline (MIT; Swagger UI 5, which reads the OpenAPI 3.1 that FastAPI
writes — swagger-ui-bundle's Swagger UI 4.15 cannot). Only its static folder is used: its own page
starts Swagger UI with an inline script, as FastAPI's does.

FastAPI's own /docs loads Swagger UI from a CDN and starts it with an inline script; both are
blocked here (offline, and a Content-Security-Policy without inline script). This page loads the
bundle from /static/swagger/ and starts it from a static file, /static/docs-init.js.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>raadslens API — documentatie</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
<link rel="icon" href="/static/swagger/favicon.png">
</head>
<body>
<main><div id="swagger-ui"></div></main>
<noscript><p>Deze documentatie heeft JavaScript nodig; de beschrijving zelf staat in
<a href="/openapi.json">/openapi.json</a>.</p></noscript>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs-init.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """Mount the bundle and serve /docs (the app is made with docs_url=None)."""
    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/static/swagger", StaticFiles(directory=assets), name="swagger")

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE)
