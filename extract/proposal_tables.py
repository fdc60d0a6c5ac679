"""Options of a proposal from a financial-overview table under its heading.

    Voorstel 1: Gezonde School Aanpak
    Jeugd, 2 Beëindigen Gezonde School Aanpak -€ 185.000
    Jeugd, 5 Continueren Gezonde School Aanpak 0

A row runs over one or more lines (a line opening with a "Pijler, #" cell starts a
new one, dropping stray lines such as a page footer) and ends with its amount cell: a money mention
at the end of a line, a bare "0", or "0 (evt. PM)". The leading "Pijler, #" cell
("Jeugd, 2", "PB&L, 1 en 2", "PB&L") is dropped from the option text; the option
number is the row's position. The table ends at a "Sub-totaal"/"Totaal" line, a
footnote ("* ..."), or the next heading. Scenario columns are not recovered. An
amount cell "PM" or "0 (evt. PM)" gives no effect and `pm` True.
"""

from __future__ import annotations

import bisect
import re

from raadslens.extract.money import MoneyHit
from raadslens.models import ProposalOption

ROW_PREFIX = re.compile(
    r"^\s*(?:[A-Z][\w&]*,(?:\s*\d+(?:\s+en\s+\d+)?)?|[A-Z]{1,4}&[A-Z]{1,4})(?=\s)")
_ZERO_END = re.compile(r"(?<!\S)0(?P<pm>[^\S\n]*\((?:evt\.?\s*)?PM\))?[^\S\n]*\*?[^\S\n]*$")
_STOP = re.compile(r"^\s*(?:Sub-?totaal|Totaal|Financieel totaaleffect|\*)", re.IGNORECASE)


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t*.:;")


def looks_like_table(text: str, start: int, end: int) -> bool:
    """Does one of the first three non-empty lines start with a "Pijler, #" cell?"""
    lines = [line for line in text[start:min(end, start + 600)].split("\n") if line.strip()]
    return any(ROW_PREFIX.match(line) for line in lines[:3])


def table_options(text: str, start: int, end: int, money: list[MoneyHit],
                  money_starts: list[int] | None = None) -> list[ProposalOption]:
    """Rows of the table in text[start:end] as options (see module docstring)."""
    starts = money_starts if money_starts is not None else [h.start for h in money]
    options: list[ProposalOption] = []
    row_start = None
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        if _STOP.match(line):
            break
        if line.strip():
            if row_start is None or ROW_PREFIX.match(line):  # a "Pijler, #" cell opens a row
                row_start = pos
            i = bisect.bisect_left(starts, line_end) - 1
            last = money[i] if i >= 0 and money[i].start >= pos else None
            cell, effects, pm = None, [], False
            if last and not text[last.end:line_end].strip(" \t\r*"):
                cell, pm = last.start, last.value.pm
                effects = [] if last.value.cents is None else [last.value.cents]
            elif z := _ZERO_END.search(line):
                pm = bool(z.group("pm"))
                cell, effects = pos + z.start(), [] if pm else [0]
            if cell is not None:
                row = ROW_PREFIX.sub("", text[row_start:cell], count=1)
                if _clean(row):
                    options.append(ProposalOption(number=len(options) + 1, text=_clean(row),
                                                  effects=effects, pm=pm))
                row_start = None
        pos = line_end + 1
    return options
