"""Tables with a scale header ("bedragen x € 1.000"): where they are and their cells.

A region starts at the header line. Lines up to the first data row are header
lines (column years, labels; at most `MAX_HEADER_LINES`); a data row is a line with
at least two numbers that are not years ("Lasten | -5.234 | -6.802", "Baten 1.972
2.601 102"). The region ends before the first non-empty line after the data rows
that is not a data row (a "Toelichting" heading, prose), or at the next header.
Every number cell of a data row is an amount in the table's unit.
"""

from __future__ import annotations

import re

from raadslens.extract.scan import finditer_near

SCALE_RX = re.compile(
    r"x[^\S\n]*(?:€|EUR)[^\S\n]*(?P<s>1\.000(?:\.000)?|1000|1 ?mln|1 ?miljoen)"
    r"|(?:in|x)[^\S\n]+(?P<w>duizenden|miljoenen)[^\S\n]+(?:euro|€)",
    re.IGNORECASE,
)
_SCALE_ANCHOR = re.compile(r"1\.?000|mln|miljoen|duizenden")
CELL_RX = re.compile(
    r"(?<![^\s|])(?P<sign>[-−–+])?(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?(?![^\s|*])")
MAX_HEADER_LINES = 8


def _is_year(m: re.Match) -> bool:
    num = m.group("num")
    return not m.group("sign") and len(num) == 4 and 1900 <= int(num) <= 2100


def data_cells(line: str) -> list[re.Match]:
    """The number cells of `line` if it is a data row (≥ 2 non-year numbers), else []."""
    cells = [m for m in CELL_RX.finditer(line) if not _is_year(m)]
    return cells if len(cells) >= 2 else []


def _lines(text: str, pos: int):
    """(start, end) of the lines from offset `pos` (a line start) on."""
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        yield pos, end
        if nl < 0:
            return
        pos = nl + 1


def scale_regions(text: str) -> list[tuple[int, int, int]]:
    """(start, end, scale) of each table under a scale header."""
    regions = []
    for m in finditer_near(SCALE_RX, text, _SCALE_ANCHOR, 30, 30):
        s = (m.group("s") or m.group("w") or "").lower().replace(" ", "")
        scale = 1000 if s in ("1.000", "1000", "duizenden") else 1_000_000
        line_start = text.rfind("\n", 0, m.start()) + 1
        header_end = text.find("\n", m.end())
        end = len(text) if header_end < 0 else header_end
        seen_data, header_lines = False, 0
        for ls, le in _lines(text, end + 1) if header_end >= 0 else ():
            line = text[ls:le]
            if not line.strip():
                continue
            if SCALE_RX.search(line):
                break
            if data_cells(line):
                seen_data, end = True, le
            elif seen_data:
                break
            else:
                header_lines += 1
                if header_lines > MAX_HEADER_LINES:
                    break
        regions.append((line_start, end, scale))
    return regions


def region_cells(text: str, start: int, end: int) -> list[tuple[int, int, bool, str]]:
    """(start, end, negative, number) of the number cells of the data rows in a region
    (the header line, where the region starts, is left out)."""
    out: list[tuple[int, int, bool, str]] = []
    first = text.find("\n", start, end)
    if first < 0:
        return out
    for ls, le in _lines(text, first + 1):
        if ls >= end:
            break
        for c in data_cells(text[ls:min(le, end)]):
            sign = c.group("sign")
            out.append((ls + c.start(), ls + c.end(), bool(sign and sign in "-−–"),
                        text[ls + c.start("num"):ls + c.end()]))
    return out
