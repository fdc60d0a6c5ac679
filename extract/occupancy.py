"""Which characters of a text are already claimed by a hit (linear overlap checks)."""

from __future__ import annotations


class Occupancy:
    """`free(s, e)` / `take(s, e)` in O(e - s), instead of scanning all earlier hits."""

    __slots__ = ("_used",)

    def __init__(self, length: int):
        self._used = bytearray(length + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self._used[start:end])

    def take(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)
