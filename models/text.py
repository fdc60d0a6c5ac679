"""Small text helpers every stage shares, so a quote means the same everywhere."""

from __future__ import annotations

MAX_LINE = 300


def context_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the line (a table row) holding [start, end), or of its sentence in long prose."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    if le - ls <= MAX_LINE:
        return ls, le
    cut = max(text.rfind(". ", ls, start), text.rfind("; ", ls, start))
    ss = cut + 2 if cut >= 0 else ls
    se = text.find(". ", end, le)
    return ss, (le if se < 0 else se + 1)


def context(text: str, start: int, end: int) -> str:
    s, e = context_bounds(text, start, end)
    return text[s:e].strip()


def is_table_row(line: str) -> bool:
    return " | " in line or "\t" in line
