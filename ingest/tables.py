"""Tables from lines with several spans: rows of cells, columns found by x-projection.

A row of a table is a visual line whose text falls apart in spans separated by wide
gaps (see `pdf.text_lines`). A run of such lines (allowing a single-span line in
between, e.g. a wrapped description) is a table. Columns are the union of
overlapping span intervals over all rows; each row gets one cell per column.
"""

from __future__ import annotations

import re

from raadslens.ingest.lines import Line

_BULLET = re.compile(r"^(?:[•●▪■◦·\-–*o]|\(?\d{1,2}(?:\.\d{1,2}|\.[a-z])*[.)]?|\(?[a-z][.)])$")
_NUMERIC = re.compile(r"^[-+(]?\s*(?:€\s*)?[-+]?\d[\d.,]*\s*%?\)?$|^-$|^PM$", re.I)


def is_row(ln: Line) -> bool:
    """A line with two or more cells (not just a bullet followed by its text)."""
    if len(ln.spans) < 2:
        return False
    return not (len(ln.spans) == 2 and _BULLET.match(ln.spans[0].text.strip()))


def numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


def find_tables(lines: list[Line]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of table regions in an ordered list of lines."""
    regions: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if not is_row(lines[i]) or lines[i].furniture:
            i += 1
            continue
        j = i + 1
        rows = 1
        while j < n and not lines[j].furniture and lines[j].column == lines[i].column:
            gap = lines[j].top - lines[j - 1].bottom
            if gap > 2.5 * max(lines[j - 1].height, 1.0):
                break
            if is_row(lines[j]):
                rows += 1
                j += 1
            elif j + 1 < n and is_row(lines[j + 1]) and len(lines[j].text) < 80:
                j += 1  # single-span line inside the table (wrapped cell, sub-header)
            else:
                break
        cells = sum(len(ln.spans) for ln in lines[i:j] if is_row(ln))
        nums = sum(1 for ln in lines[i:j] for s in ln.spans if numeric(s.text))
        if rows >= 2 and (nums >= 2 or cells >= 3 * rows):
            regions.append((i, j))
            i = j
        else:
            i += 1
    return regions


def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    """Column intervals from the data rows (rows with numbers); headers often straddle columns."""
    data = [ln for ln in lines if len(ln.spans) > 1 and any(numeric(s.text) for s in ln.spans[1:])]
    if len(data) < 2:
        data = [ln for ln in lines if len(ln.spans) > 1]
    spans = sorted((s.x0, s.x1) for ln in data for s in ln.spans)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + 1.0:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _col_of(x0: float, x1: float, cols: list[tuple[float, float]]) -> int:
    best, best_ov = 0, -1e9
    for k, (a, b) in enumerate(cols):
        ov = (x1 if x1 < b else b) - (x0 if x0 > a else a)
        if ov > best_ov:
            best, best_ov = k, ov
    return best


def table_rows(lines: list[Line]) -> list[list[str]]:
    """Cells per row; a wrapped first-column line is joined to the row it belongs to."""
    cols = _columns(lines) or [(0.0, 1e9)]
    grid: list[list[str]] = []
    for ln in lines:
        row = [""] * len(cols)
        for s in ln.spans:
            k = _col_of(s.x0, s.x1, cols)
            row[k] = f"{row[k]} {s.text}".strip()
        grid.append(row)
    return _join_wrapped(grid, lines)


def _join_wrapped(grid: list[list[str]], lines: list[Line]) -> list[list[str]]:
    out: list[list[str]] = []
    pending: str | None = None  # first-column text waiting for the row it continues into
    for k, (row, ln) in enumerate(zip(grid, lines)):
        filled = [c for c in row if c]
        only_first = len(filled) == 1 and row[0] and not numeric(row[0])
        if only_first and len(row) > 1:
            prev_ln = lines[k - 1] if out and k > 0 else None
            tight_prev = prev_ln is not None and ln.top - prev_ln.bottom < 0.6 * ln.height
            starts_low = row[0][:1].islower()
            if pending is None and out and tight_prev and starts_low and not out[-1][0].endswith((".", ":")):
                out[-1][0] = f"{out[-1][0]} {row[0]}".strip()
                continue
            if pending is not None:
                pending = f"{pending} {row[0]}"
            else:
                pending = row[0]
            continue
        if pending is not None:
            if row[0] and (row[0][:1].islower() or pending.endswith(("/", "-", ",", "en", "of"))):
                row[0] = f"{pending} {row[0]}"
            elif not row[0]:
                row[0] = pending
            else:
                out.append([pending] + [""] * (len(row) - 1))
            pending = None
        out.append(row)
    if pending is not None:
        out.append([pending] + [""] * (len(grid[0]) - 1 if grid else 0))
    return [r for r in out if any(r)]


def row_text(row: list[str]) -> str:
    return " | ".join(c for c in row if c)
