"""The bearer token: RAADSLENS_TOKEN, compared in constant time.

The documents and their facts are public and need no token. Every route that
changes something, or shows what is not public (the saved searches hold
subscribers' e-mail addresses and webhook URLs), depends on `require_token`:
without a token configured those routes are off (403 "uitgeschakeld"); with
one, a request without it or with another one is a 401.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import State


def install(app_state: State, token: str | None) -> None:
    """Remember the configured token on the app (empty or None: the endpoints that need it are off)."""
    app_state.token = token or None


def require_token(request: Request) -> None:
    token: str | None = getattr(request.app.state, "token", None)
    if not token:
        raise HTTPException(403, "de abonnementen zijn via de API uitgeschakeld: start de server met"
                                 " RAADSLENS_TOKEN om ze via de API te bekijken en te beheren")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(401, "geen of een onjuist token: stuur de header 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})


TokenDep = Annotated[None, Depends(require_token)]
