"""Bounded request parameters shared by the routes: nothing a client sends reaches the store unchecked.

An integer past SQLite's 64 bits, a float that is infinite or NaN, a "date" that is a
number: each is a 422 that names the parameter, never a 500.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_OFFSET = 1_000_000_000  # far past any real list, far below SQLite's 2^63
MAX_PAGE = 100_000  # pages in one document
MAX_EUROS = 1e13  # ten trillion euros: more than any public budget, less than a cent count overflows
MAX_QUERY = 1000  # characters of a search query or a question
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="skip this many rows")]
PageNumber = Annotated[int, Path(ge=1, le=MAX_PAGE, description="1-based page number")]
Euros = Annotated[float | None, Query(ge=-MAX_EUROS, le=MAX_EUROS, allow_inf_nan=False, description="euros")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=ISO_DATE, description="document date ≥ (JJJJ-MM-DD)")]
DateTo = Annotated[str | None, Query(pattern=ISO_DATE, description="document date ≤ (JJJJ-MM-DD)")]
Text = Annotated[str, Query(max_length=MAX_QUERY)]
