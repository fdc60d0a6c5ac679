"""Tables with a scale header ("bedragen x € 1.000"): where they are and their cells.

A region starts at the header line. Lines up to the first data row are header
lines (column years, labels, a column numbering "1 | 2 | 3 | 4"; at most
`MAX_HEADER_LINES`); a data row is a line with at least two numbers that are not
years ("Lasten | -5.234 | -6.802", "Baten 1.972 2.601 102"), or a "label | number"
row of a one-column table ("Afschrijvingen | 2.683", "Budget onderzoek | 30 | - | -").
Numbers inside a row's label are no cells ("Amendementen dd. 9 november 2022 | 75",
a programme number "3 Ontvlechting Sociaal Domein | 500").

Budget tables (Word and Excel exports of begrotingen and jaarstukken) wrap a cell's
text onto a line of its own ("Verhelpen storingen, reparaties," / "reinigen en
schilderen"), put a row's label on the line after its numbers, and put section
headings ("Mutaties reserves", "Afname:") between rows: up to `MAX_GAP_LINES` short
non-data lines between data rows stay inside the region. Tables whose columns hold prose
(a risk table: "Risico | Beschrijving | Maatregel | Bedrag | Kans") wrap a row over many
" | " lines of text cells: up to `MAX_WRAPPED_LINES` of those do not count as a gap. The region ends at prose
(a line longer than `MAX_TABLE_LINE`), at a table caption ("Tabel 10.6 - …"), at the
next scale header, or after the last data row that such a gap leads to.
Every number cell of a data row is an amount in the table's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from raadslens.extract.date_rules import COUNTED
from raadslens.extract.scan import finditer_near
from raadslens.models.mentions import Effect

# "x € 1.000", "x €1.000", "x € 1 mln", "in € mln", "bedragen in duizenden euro's", "€ x 1.000",
# "* € 1.000", "in € 1.000", "(x 1 mln)", "x 1.000 euro", "x € 1 mld"; OCR reads the € as "C"
# and "mln" as "min" ("x C 1.000", "x € 1 min"). A bare "x 1.000" is not a money scale: it
# counts people or houses as often (a bare "x 1 mln" is euros: nobody counts so in millions).
_X = r"(?:x|\*|×)"
_UNIT = r"1\.000(?:\.000){0,2}|1000|1 ?mln|1 ?miljoen|1 ?min\b|1 ?mld|1 ?miljard"
SCALE_RX = re.compile(
    rf"{_X}[^\S\n]*(?:€|EUR|C(?=[^\S\n]*1))[^\S\n]*(?P<s>{_UNIT})"
    rf"|(?:€|EUR)[^\S\n]*{_X}[^\S\n]*(?P<s2>{_UNIT})"
    # "in € 1.000" only as a table's caption: "bedragen in € 1.000", "(in € 1.000)"
    r"|(?:bedragen[^\S\n]+|\([^\S\n]*)in[^\S\n]*(?:€|EUR)[^\S\n]*(?P<s3>1\.000(?:\.000)?)(?![\d.,])"
    rf"|{_X}[^\S\n]*(?P<s4>1 ?mln|1 ?miljoen|1 ?mld|1 ?miljard)\b"
    rf"|{_X}[^\S\n]*(?P<s5>1\.000(?:\.000)?)[^\S\n]+(?:euro|EUR)\b"
    r"|(?:in|x)[^\S\n]*(?:€|EUR|C(?=[^\S\n]+m))[^\S\n]*(?P<m>mln|min|miljoen(?:en)?|mld|miljard)\b"
    r"|(?:in|x)[^\S\n]+(?P<w>duizenden|miljoenen)[^\S\n]+(?:euro|€)",
    re.IGNORECASE,
)
_SCALE_ANCHOR = re.compile(r"[1mMdD](?:\.?000| ?min\b|in\b|ln|ld|iljoen|iljard|uizenden)", re.IGNORECASE)  # led by a char class


def scale_of(m: re.Match) -> int:
    """The multiplier a scale header names."""
    s = next((g for g in (m.group(k) for k in ("s", "s2", "s3", "s4", "s5", "m", "w")) if g), "")
    s = s.lower().replace(" ", "")
    if s in ("1.000", "1000", "duizenden"):
        return 1000
    if s in ("1.000.000.000", "1mld", "1miljard", "mld", "miljard"):
        return 1_000_000_000
    return 1_000_000


# a cell: "-1.234", "(1.234)", "-/- 1.234", "1.234-", and "1.234 N" / "1.234 V" (nadelig,
# voordelig): the negative forms keep their sign, N and V their flag as well
# OCR of a scanned table (issue 13, "as well as the OCR allows"): a column rule read as "_"
# before a cell or as "|", "]", "f" glued after it ("_-4103", "-27.281|", "59.041f"), and a
# zero read as the letter "o" between cells ("| o o o |": `zero`, only inside a data row)
CELL_RX = re.compile(
    r"(?<![^\s|_])(?:(?P<sign>-/-[^\S\n]?|[-−–+])|(?P<open>\())?"
    r"(?:(?P<amt>(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?)"
    r"(?(open)\)|(?P<trail>-(?![\d/]))?)"
    r"(?:[^\S\n](?P<nv>[NV])(?!\w))?"
    r"|(?<![-−–+(])(?P<zero>[oO]))"
    r"(?=(?:[\]f](?=[^\S\n]|$))?(?:[\s|*]|$))")
MAX_HEADER_LINES = 8
MAX_GAP_LINES = 3  # short non-data lines (wrapped cell text, a section heading) between two data rows
MAX_WRAPPED_LINES = 12  # " | " lines of text cells only between two data rows (a row's wrapped prose cells)
MAX_TABLE_LINE = 100  # a longer line without cells is prose: the table has ended
CAPTION_RX = re.compile(r"^\W*(?:tabel|figuur|grafiek|overzicht)\s+\d", re.IGNORECASE)
_EFFECTS: dict[str, Effect] = {"N": "nadelig", "V": "voordelig"}
_LETTERS = re.compile(r"[^\W\d_]{2}")
_NUMBER_CELL = re.compile(r"[-−–+]?\(?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?\)?-?(?:[^\S\n][NV])?|[-−–+]?\d+(?:,\d{1,2})?")


def _is_year(m: re.Match) -> bool:
    num = m.group("num")
    if num is None:
        return False
    return (not (m.group("sign") or m.group("open") or m.group("trail") or m.group("nv"))
            and m.group("amt") == num and len(num) == 4 and 1900 <= int(num) <= 2100)


def is_negative(m: re.Match) -> bool:
    """A negative cell: a minus, "-/-", parentheses, a trailing minus or N (nadelig)."""
    sign = m.group("sign")
    return bool((sign and sign[0] in "-−–") or m.group("open") or m.group("trail") or m.group("nv") == "N")


def _value_cells(line: str) -> list[re.Match]:
    """The number cells of `line` after its label: one or two numbers followed by words and
    then by more numbers belong to the label ("dd. 9 november 2022 | 75", "3 Ontvlechting … | 500");
    the words after the last number are a text column ("2.032 Herstelwerkzaamheden")."""
    cells = list(CELL_RX.finditer(line))
    for i in range(min(len(cells) - 2, 1), -1, -1):  # a label holds one or two numbers, not five
        if _LETTERS.search(line, cells[i].end(), cells[i + 1].start()):
            cells = cells[i + 1:]
            break
    return [m for m in cells if not _is_year(m)]


def data_cells(line: str, single: bool = False) -> list[re.Match]:
    """The number cells of `line` if it is a data row (≥ 2 non-year numbers), else [].
    With `single` (inside a table), also the one number of a "label | 2.683" row: a
    " | " cell of its own after a label cell."""
    cells = _value_cells(line)
    digits = [c for c in cells if c.group("num")]
    if len(digits) >= 2:
        return cells
    cells = digits
    if single and len(cells) == 1 and " | " in line:
        c = cells[0]
        parts = line.split(" | ")
        label = parts[0].strip()
        # the cell may carry a footnote marker ("+915*": the amount is still to be substantiated)
        if label and _LETTERS.search(label) and any(
                p.strip().rstrip("*") == c.group() for p in parts[1:]) and _NUMBER_CELL.fullmatch(c.group()):
            return cells
    return []


# a number in prose counts or measures something ("10 jaar", "3 fte", "44 woningen"): no cell
_UNIT_AFTER = re.compile(r"[^\S\n]*(?:%|procent|fte|jaar|jaren|uur|maand(?:en)?|weken|week|dag(?:en)?|keer|"
                         rf"{COUNTED})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


def flattened_cells(line: str) -> list[re.Match]:
    """The numbers of a row whose label cells the text layer ran together with its numbers
    ("Voorschoten Implementatie nieuw financieel 150 systeem Verbeteren bestuurscultuur 81",
    "Dekking Egalisatiereserve 300 Omgevingswet Dekking Reserve …"): only asked inside a scaled
    table, after its first data row. Such a line has no cell separators (where the layout
    separated cells, a number in a text cell is part of its text: "tekst regel 2 | …"), is no
    sentence (no end punctuation, no € or %), and its numbers count or measure nothing
    ("10 jaar"); a number leading the line before a capitalised word numbers a heading
    ("3 Ontvlechting Sociaal Domein"), it is no cell."""
    s = line.strip()
    if (not s or "|" in s or _SENTENCE_END.search(s) or "€" in s or "%" in s
            or not _LETTERS.search(s)):
        return []
    out = []
    for m in CELL_RX.finditer(line):
        if not m.group("num") or _is_year(m):
            continue
        if _UNIT_AFTER.match(line, m.end()):
            return []
        after = line[m.end():].lstrip(" |")
        if not line[:m.start()].strip(" |") and after[:1].isupper():
            continue
        out.append(m)
    return out


def _row_cells(line: str, in_table: bool) -> list[re.Match]:
    """A data row's cells; inside a table (`in_table`) also a flattened row's (see above)."""
    return data_cells(line, single=True) or (flattened_cells(line) if in_table else [])


def _numbering(cells: list[re.Match]) -> bool:
    """A column numbering "1 | 2 | 3 | 4" (quarters, numbered columns): a header, no amounts."""
    nums = [c.group() for c in cells]
    return all(n.isdigit() for n in nums) and [int(n) for n in nums] == list(range(1, len(nums) + 1))


def _ends_table(line: str, after: str | None = None) -> bool:
    """Prose or the next table's caption after a table's rows. A long line right above another
    data row (`after`, the next non-blank line) is no prose: it is a row's wrapped text cell that
    the layout set as one line (a proposals table's "Omschrijving voorstel"), and the table goes on."""
    if CAPTION_RX.match(line):
        return True
    return len(line.strip()) > MAX_TABLE_LINE and not (after is not None and data_cells(after, single=True))


def _next_line(text: str, pos: int) -> str | None:
    """The next non-blank line from offset `pos` (a line start) on."""
    for ls, le in _lines(text, pos):
        if text[ls:le].strip():
            return text[ls:le]
    return None


def _lines(text: str, pos: int):
    """(start, end) of the lines from offset `pos` (a line start) on."""
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        yield pos, end
        if nl < 0:
            return
        pos = nl + 1


def scale_regions(text: str, headers: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int]]:
    """(start, end, scale) of each table under a scale header; `headers` gets the (start,
    end) of each header phrase ("x € 1.000"), which is no amount itself."""
    regions = []
    for m in finditer_near(SCALE_RX, text, _SCALE_ANCHOR, 30, 30):
        if headers is not None:
            headers.append((m.start(), m.end()))
        scale = scale_of(m)
        line_start = text.rfind("\n", 0, m.start()) + 1
        header_end = text.find("\n", m.end())
        end = len(text) if header_end < 0 else header_end
        seen_data, header_lines, gap, wrapped = False, 0, 0, 0
        for ls, le in _lines(text, end + 1) if header_end >= 0 else ():
            line = text[ls:le]
            if not line.strip():
                continue
            if SCALE_RX.search(line):
                break
            cells = _row_cells(line, seen_data)
            if cells and not (not seen_data and _numbering(cells)):
                seen_data, end, gap, wrapped = True, le, 0, 0
            elif seen_data:
                if _ends_table(line, _next_line(text, le + 1) if len(line.strip()) > MAX_TABLE_LINE else None):
                    break
                if " | " in line and not line.strip().startswith("|"):
                    # text cells of a row that wraps over many lines (a risk table's "Beschrijving"
                    # and "Maatregel" columns): still the table, up to MAX_WRAPPED_LINES of them
                    wrapped += 1
                    if wrapped > MAX_WRAPPED_LINES:
                        break
                    continue
                gap += 1
                if gap > MAX_GAP_LINES:
                    break
            else:
                header_lines += 1
                if header_lines > MAX_HEADER_LINES:
                    break
        regions.append((line_start, end, scale))
    return regions


@dataclass(frozen=True)
class Cell:
    """A number cell of a scaled table, with the labels a reader would cite it by."""

    start: int
    end: int
    negative: bool
    number: str
    row: str | None  # the row's label ("Lasten", "Jeugd")
    column: str | None  # the column's header lines joined ("Begroting 2026", "Rekening 2022")
    total: bool  # a (sub)total or saldo row
    effect: Effect | None = None  # "nadelig" / "voordelig" when the cell says N or V


TOTAL_ROW = re.compile(r"\b(?:sub-?)?totaa?l|\bsaldo\b|\btotaal\b", re.IGNORECASE)
_YEAR_TOKEN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _header_cells(line: str) -> list[str]:
    """The column labels of a header line: its " | " cells, or else its years."""
    if " | " in line or line.startswith("| "):
        return [c.strip() for c in line.strip().strip("|").split("|")]
    return _YEAR_TOKEN.findall(line)


def _column_labels(headers: list[str], n: int) -> list[str | None]:
    """A label per data column (right-aligned: the label column comes first in a header)."""
    parts: list[list[str]] = [[] for _ in range(n)]
    for line in headers:
        cells = _header_cells(line)
        if len(cells) < n:
            continue  # a header line over some of the columns only: not placeable
        for i, c in enumerate(cells[len(cells) - n:]):
            words = SCALE_RX.sub("", c).strip(" ()")
            if words:
                parts[i].append(words)
    return [" ".join(p) or None for p in parts]


def _lines_above(text: str, start: int, most: int = 3) -> list[str]:
    """The header lines right above a scale line ("Rekening | Begroting | …" over the years),
    up to a blank line, in order."""
    out: list[str] = []
    pos = start - 1
    while pos > 0 and len(out) < most:
        ls = text.rfind("\n", 0, pos) + 1
        line = text[ls:pos]
        if not line.strip() or data_cells(line):
            break
        out.insert(0, line)
        pos = ls - 1
    return out


# a row that counts or measures something else than euros, inside a scaled table
_NOT_MONEY_ROW = re.compile(r"(?<![\w-])(?:fte|aantal(?:len)?|percentages?|procent|uren|stuks|m2|m²|km|ha)(?![\w-])",
                            re.IGNORECASE)


def region_cells(text: str, start: int, end: int) -> list[Cell]:
    """The number cells of the data rows in a region, each with its row and column labels.

    The header line (where the region starts) and the lines before the first data row
    are the column headers; the text before a row's first number is its label."""
    out: list[Cell] = []
    first = text.find("\n", start, end)
    if first < 0:
        return out
    headers = _lines_above(text, start) + [text[start:first]]
    seen_data = False
    places: dict[int, int | None] = {}  # cell index → its " | " column, for the rate check
    for ls, le in _lines(text, first + 1):
        if ls >= end:
            break
        line = text[ls:min(le, end)]
        cells = _row_cells(line, seen_data)
        if not cells or (not seen_data and _numbering(cells)):
            if not seen_data and line.strip():
                headers.append(line)
            continue
        seen_data = True
        row = line[:cells[0].start()].strip(" |\t") or None
        if row and _NOT_MONEY_ROW.search(row):
            continue  # "FTE | 12 | 13", "Aantal | …": a count or rate row inside the euro table
        columns = _column_labels(headers, len(cells))
        for c, column in zip(cells, columns):
            effect = _EFFECTS.get(c.group("nv") or "")
            out.append(Cell(ls + c.start(), ls + c.end(), is_negative(c), c.group("amt") or "0", row, column,
                            bool(row and TOTAL_ROW.search(row)), effect))
            places[len(out) - 1] = line.count(" | ", 0, c.start()) if " | " in line else None
    return _without_rate_columns(out, places)


_SMALL_DECIMAL = re.compile(r"\d{1,2},\d{1,2}")


def _without_rate_columns(cells: list[Cell], places: dict[int, int | None]) -> list[Cell]:
    """Drop a column of small decimals ("0,0", "2,5") beside whole amounts: in a table of
    thousands of euros that is a rate or a percentage column ("Gemiddeld rente percentage"
    in a treasury table), never an amount. A column is a " | " cell position; a table
    whose amounts are all decimals ("x € mln") keeps them."""
    by_col: dict[int, list[int]] = {}
    for i, p in places.items():
        if p is not None:
            by_col.setdefault(p, []).append(i)
    whole = any(all("," not in cells[i].number for i in idx) for idx in by_col.values())
    drop = {i for idx in by_col.values() if len(idx) >= 2 and whole
            and all(_SMALL_DECIMAL.fullmatch(cells[i].number) for i in idx) for i in idx}
    return [c for i, c in enumerate(cells) if i not in drop]


# a row whose label carries the unit: "Lasten (mln) | 12,3 | 14,1", "Jeugd (€ mln) 12,3 14,1",
# "Investeringen (x € 1.000) 123 456"
ROW_SCALE_RX = re.compile(r"\((?:€|EUR)?[^\S\n]*(?:[x*][^\S\n]*(?:€|EUR)?[^\S\n]*)?(?P<u>mln|miljoen|1\.000|mld|miljard)\)",
                          re.IGNORECASE)
_ROW_UNITS = {"mln": 1_000_000, "miljoen": 1_000_000, "1.000": 1000, "mld": 10**9, "miljard": 10**9}


def row_scaled_cells(text: str) -> list[tuple[Cell, int]]:
    """(cell, scale) for the data rows whose own label names the unit (see ROW_SCALE_RX);
    the column labels come from the header lines above the block of rows."""
    out: list[tuple[Cell, int]] = []
    for m in ROW_SCALE_RX.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        line = text[ls:le]
        cells = data_cells(line)
        if not cells or cells[0].start() < m.end() - ls:
            continue  # the unit must label the row, before its numbers
        pos, headers = ls - 1, list[str]()
        while pos > 0 and len(headers) < 3:  # up over the rows above to the table's header
            ps = text.rfind("\n", 0, pos) + 1
            above = text[ps:pos]
            if not above.strip():
                break
            if not data_cells(above):
                headers.insert(0, above)
            elif headers:
                break
            pos = ps - 1
        row = ROW_SCALE_RX.sub("", line[:cells[0].start()]).strip(" |\t") or None
        columns = _column_labels(headers, len(cells))
        for c, column in zip(cells, columns):
            out.append((Cell(ls + c.start(), ls + c.end(), is_negative(c), c.group("amt") or "0", row, column,
                             bool(row and TOTAL_ROW.search(row)), _EFFECTS.get(c.group("nv") or "")),
                        _ROW_UNITS[m.group("u").lower()]))
    return out
