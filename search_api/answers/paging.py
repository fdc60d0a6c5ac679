"""Paging of the list answers: one check of `limit` and `offset`, with one Dutch message.

Every list (/search, /documents, /amounts) takes a `limit` of 1 up to its maximum and an
`offset` of 0 or more, and answers with the `total` of ALL matching rows, so a client
always knows whether there is more. A page out of range is a 422 (`InvalidPage`) in the
API and exit code 2 in the CLI, with the same message.
"""

from __future__ import annotations

from raadslens.search_api.answers.errors import BadRequest

MAX_LIMIT = 1000  # rows per page; page on with offset
MAX_OFFSET = 1_000_000_000  # as web.params.MAX_OFFSET: far past any real list, below SQLite's 2^63


class InvalidPage(BadRequest):
    """A `limit` or `offset` out of range: the request is well-formed but cannot be served."""

    status = 422


def check_page(limit: int, offset: int, max_limit: int = MAX_LIMIT) -> None:
    """Raise `InvalidPage` (Dutch message naming the range) unless 1 <= limit <= max_limit, 0 <= offset."""
    if not 1 <= limit <= max_limit:
        raise InvalidPage(f"limit={limit} kan niet: kies een limit van 1 tot en met {max_limit} "
                          "en blader verder met offset")
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidPage(f"offset={offset} kan niet: kies een offset van 0 tot en met {MAX_OFFSET}")
