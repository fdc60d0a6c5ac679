"""A small Dutch date parser for letter metadata ("28 januari 2021", "07-03-2023")."""

from __future__ import annotations

import datetime as dt
import re

from raadslens.models.mentions import PLAUSIBLE_FROM
from raadslens.models.months import MONTHS

_LONG = re.compile(r"\b(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_date(text: str) -> tuple[dt.date, str] | None:
    """The first Dutch date in `text` and the text it was read from."""
    found: list[tuple[int, dt.date, str]] = []
    for m in _LONG.finditer(text):
        d = _safe(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d, m.group(0)))
            break
    for m in _NUMERIC.finditer(text):
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append((m.start(), d, m.group(0)))
            break
    for m in _ISO.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d, m.group(0)))
            break
    if not found:
        return None
    _, d, raw = min(found, key=lambda f: f[0])
    return d, raw


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) if PLAUSIBLE_FROM <= y <= 2100 else None
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[dt.date, str]]:
    """Every Dutch date in `text`, in order."""
    out: list[tuple[int, dt.date, str]] = []
    for m in _LONG.finditer(text):
        d = _safe(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            out.append((m.start(), d, m.group(0)))
    for m in _NUMERIC.finditer(text):
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), d, m.group(0)))
    return [(d, raw) for _, d, raw in sorted(out, key=lambda f: f[0])]
