"""One error handler for both outputs: JSON for the API, an HTML page for people.

Domain exceptions (a malformed query, an unknown subject, a missing document, a
question that cannot be answered) are raised by the answers and mapped to their
status here, once; routes do not catch them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from raadslens.search_api.answers.errors import AnswerError
from raadslens.search_api.ask import Unanswerable
from raadslens.search_api.search.query import QueryError
from raadslens.search_api.store import StoreError
from raadslens.search_api.web.dutch_errors import dutch_errors

TITLES = {400: "Onjuiste vraag", 404: "Niet gevonden", 405: "Methode niet toegestaan", 422: "Niet te beantwoorden", 500: "Fout",
          503: "Database niet beschikbaar"}


# The error bodies as the OpenAPI documents them, so a client (or schemathesis) can rely on them.
class Error(BaseModel):
    detail: str  # one Dutch sentence saying what was wrong and what to do


class InvalidParameter(BaseModel):
    loc: list[str | int]  # where: ["query", "limit"]
    msg: str  # in Dutch, naming the parameter: "limit moet een geheel getal zijn"
    type: str  # pydantic's error type, for programs


class Unanswered(BaseModel):
    message: str
    can_answer: list[str]  # the kinds of question /ask can answer, with an example each


class Unprocessable(BaseModel):
    detail: list[InvalidParameter] | Unanswered  # a parameter's value, or a question /ask cannot answer


RESPONSES: dict[int | str, dict[str, object]] = {
    400: {"model": Error, "description": "Onjuiste vraag (bijvoorbeeld een zoekvraag zonder woorden)"},
    404: {"model": Error, "description": "Niet gevonden"},
    422: {"model": Unprocessable, "description": "Ongeldige parameter, of een vraag die niet te beantwoorden is"},
    503: {"model": Error, "description": "Database niet beschikbaar"},
}
AUTH_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"model": Error, "description": "Geen of een onjuist token"},
    403: {"model": Error, "description": "Abonnementen zijn via de API uitgeschakeld (geen token ingesteld)"},
}


def wants_html(request: Request) -> bool:
    """A person's browser asking for a page (not the API: its clients ask for JSON or anything)."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "application/json" not in accept


def error_response(request: Request, status: int, detail: object,
                   headers: Mapping[str, str] | None = None) -> Response:
    if wants_html(request):
        message = detail["message"] if isinstance(detail, dict) and "message" in detail else detail
        if isinstance(detail, list):  # validation errors: their Dutch sentences
            message = "; ".join(str(e.get("msg", e)) if isinstance(e, dict) else str(e) for e in detail)
        title = TITLES.get(status, "Fout")
        body = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title} — raadslens</title>'
                f'</head><body><main><h1>{title}</h1><p>{html.escape(str(message))}</p>'
                '<p><a href="/">Naar de startpagina</a></p></main></body></html>')
        return HTMLResponse(body, status_code=status, headers=dict(headers or {}))
    return JSONResponse({"detail": detail}, status_code=status, headers=dict(headers or {}))


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route of this path takes, asked of the routes themselves (their public
    `matches`): Starlette's 405 names only the first route that matched the path, so GET /alerts
    hid POST /alerts (a separate route) from its Allow header."""
    return [method for method in _METHODS
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in app.router.routes)]


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def install(app: FastAPI) -> None:
    async def on_query(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def on_answer(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AnswerError)
        return error_response(request, exc.status, str(exc))

    async def on_unanswerable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Unanswerable)
        return error_response(request, 422, {"message": str(exc), "can_answer": exc.capabilities})

    async def on_store(request: Request, exc: Exception) -> Response:
        return error_response(request, 503, str(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 405:
            allowed = allowed_methods(app, request)
            return error_response(request, 405, f"methode {request.method} is hier niet toegestaan; wel:"
                                  f" {', '.join(allowed)}", {"Allow": ", ".join(allowed)})
        return error_response(request, exc.status_code, exc.detail, exc.headers)  # e.g. WWW-Authenticate

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        from fastapi.encoders import jsonable_encoder

        return error_response(request, 422, jsonable_encoder(dutch_errors(list(exc.errors()))))

    app.add_exception_handler(QueryError, on_query)
    app.add_exception_handler(AnswerError, on_answer)
    app.add_exception_handler(Unanswerable, on_unanswerable)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
