"""What the answers raise: one exception per kind of bad request, mapped once to HTTP and to the CLI."""

from __future__ import annotations


class AnswerError(ValueError):
    """A request the answers cannot serve; the message says why and what to do."""

    status = 400


class BadRequest(AnswerError):
    status = 400


class NotFound(AnswerError):
    status = 404


class UnknownSubject(NotFound):
    def __init__(self, name: str):
        super().__init__(f"unknown subject {name!r}: use a name or abbreviation such as VTT, GGD, OZJT")
        self.name = name
