"""Scanning helpers shared by the extractors: overlap bookkeeping and anchored search.

Python's `re` tries a pattern at every position; patterns that open with a
case-insensitive word alternation ("januari|februari|...") are slow that way.
`finditer_near` runs such a pattern only in windows around cheap anchor matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


class Occupancy:
    """`free(s, e)` / `take(s, e)` in O(e - s), instead of scanning all earlier hits."""

    __slots__ = ("_used",)

    def __init__(self, length: int):
        self._used = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self._used[start:end])

    def take(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)


def windows(anchor: re.Pattern | Iterable[re.Match], text: str, before: int,
            after: int) -> list[tuple[int, int]]:
    """Merged (start, end) windows reaching `before`/`after` characters around anchors.

    `anchor` is the anchor pattern, or its matches in `text` when they serve several
    window sizes (the text is then scanned once)."""
    out: list[tuple[int, int]] = []
    for m in anchor.finditer(text) if isinstance(anchor, re.Pattern) else anchor:
        s, e = max(0, m.start() - before), min(len(text), m.end() + after)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def finditer_in(rx: re.Pattern, text: str, wins: list[tuple[int, int]]) -> Iterator[re.Match]:
    """Matches of `rx` inside the windows (lookbehinds still see the text before)."""
    for s, e in wins:
        yield from rx.finditer(text, s, e)


def finditer_near(rx: re.Pattern, text: str, anchor: re.Pattern, before: int = 80,
                  after: int = 80) -> Iterator[re.Match]:
    return finditer_in(rx, text, windows(anchor, text, before, after))
