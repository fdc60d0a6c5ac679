"""What the answers raise: one exception per kind of bad request, mapped once to HTTP and to the CLI."""

from __future__ import annotations

import datetime as dt


class AnswerError(ValueError):
    """A request the answers cannot serve; the message says why and what to do."""

    status = 400


class BadRequest(AnswerError):
    status = 400


def check_dates(*, date_from: str | None, date_to: str | None) -> None:
    """A `from`/`to` filter must be a real date, JJJJ-MM-DD; else a `BadRequest` naming it."""
    for name, value in (("from", date_from), ("to", date_to)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise BadRequest(f"{name}={value!r} is geen datum: gebruik JJJJ-MM-DD, bijvoorbeeld 2025-03-13") from None


class NotFound(AnswerError):
    status = 404


class UnknownSubject(NotFound):
    def __init__(self, name: str):
        super().__init__(f"onbekend onderwerp {name!r}: gebruik de naam of afkorting van een onderwerp"
                         " uit de documenten, of laat het onderwerp weg")
        self.name = name
