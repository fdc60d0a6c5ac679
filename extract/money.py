"""Euro amounts → `MoneyValue` (plain functions, no spaCy).

`find_money(text, scale=1, scale_regions=None)` returns `MoneyHit`s with exact
character offsets. Conventions:

* `cents` is the real amount in euro cents, the table scale already applied:
  "1.250" under a header "x € 1.000" gives cents 125_000_000 and scale 1000.
* Sign: "-€ 185.000", "−€ 185.000" and, in table cells, "- € 200.000" are
  negative; "+€ 100.000" positive. A "- " at the start of a line followed by
  prose is a list bullet, not a sign.
* "€ 24,-", "€ 117.000, -", "EUR 25.000,00", "€ 1,2 miljoen", "€ 3 mln",
  "350.000 euro", "€\\n350.000" (split over a line break) are all amounts.
* Recurrence: "(I)" incidental, "(S)" structural (part of the hit); otherwise
  a keyword at most three words before the amount ("structureel € 150.000"),
  else "incidenteel/eenmalig" or "structureel/jaarlijks/per jaar" in the narrowest
  context that names one (the parenthetical around the amount, then the line for
  a table cell or row, else the sentence), None when it names both kinds.
* PM (pro memorie): "€ PM", "0 (evt. PM)", "(PM)" and "PM" alone in a table
  cell give cents None, pm True. "PM" inside prose is ignored.
* Table scale: a header such as "x € 1.000", "(bedragen x €1.000)" or "in
  duizenden euro's" scales the amounts in the table under it, where the bare
  number cells of the data rows ("1.250", "-350", "0") count too (see
  `extract.money_tables`). Callers may pass `scale_regions` [(start, end, scale)]
  for tables whose header the text does not show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from raadslens.extract.money_tables import region_cells, row_scaled_cells
from raadslens.extract.money_tables import scale_regions as find_scale_regions
from raadslens.extract.scan import Occupancy, finditer_near
from raadslens.models import MoneyValue
from raadslens.models.mentions import Recurrence

# "1.2 miljoen": a decimal point only directly before a multiplier word
# a multiplier word may be hyphenated at a line end ("€ 3,7 mil-\njoen"): € 3.700.000, not € 3,70
_MILJ = r"mil-?\s*jo\s*en|mil-?\s*jard"
# "€ 3,142 miljoen" (a treasury or EMU figure to the thousand): three decimals, only before a multiplier
_NUM = (rf"\d+\.\d{{1,2}}(?=[^\S\n]+(?:{_MILJ}|mln|mio|mld|mrd)\b)|\d{{1,3}},\d{{3}}(?=[^\S\n]+(?:{_MILJ}|mln|mio|mld|mrd)\b)"
        r"|\d{1,3}(?:\.[ ]?\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?")  # "€20. 000": PDF break
_TAIL = r"(?:,[^\S\n]?-{1,2}|,[^\S\n]?—)?"  # "24,-", "117.000, -"
# "€ 5k"; "€ 2 ton" is € 200.000 (a ton is a hundred thousand euros)
_MULT = rf"(?:[^\S\n]+(?P<mult>{_MILJ}|mln\.?|mio\.?|mld\.?|mrd\.?|duizend|dzd\.?|ton\b)|(?P<multk>k)(?!\w))?"
_SIGN = r"(?P<sign>(?:-/-|[-−–+])(?:[^\S\n]?))?"  # "-/- € 5.000" (min): negative
_REC = r"(?:[^\S\n]*\((?P<rec>[IS])\))?"

MONEY_RX = re.compile(  # the lookahead (what an amount opens with) only saves time
    rf"(?<![\w.,])(?=[-−–+€e\d]){_SIGN}"
    rf"(?:(?:€|EUR\b|euro\b)\s{{0,4}}(?P<isign>[-−–+])?[^\S\n]?(?P<num>{_NUM})"
    rf"{_TAIL}{_MULT}"
    rf"|(?P<num2>{_NUM}){_TAIL}{_MULT.replace('mult', 'mult2')}[^\S\n]+(?:euro|EUR)\b)"
    rf"{_REC}(?![\d]|[.,]\d)",
    re.IGNORECASE,
)
PM_RX = re.compile(
    r"(?:€|EUR)[^\S\n]*PM\b|(?<![\w.,])0[^\S\n]*\((?:evt\.?|eventueel|p\.?m\.?)[^\S\n]*PM\)"
    r"|\((?:PM|p\.m\.)\)|(?:(?<=\t)|(?<=  )|(?<=^)|(?<=\|))[^\S\n]*PM\*?(?=[^\S\n]*(?:$|\t|\|))",
    re.MULTILINE,
)
_PM_ANCHOR = re.compile(r"PM|p\.m\.")
# "PM" (pro memorie) in running text: only where the words before it speak of money in the
# same sentence ("De kosten zijn PM", "dekking: PM"), never a time ("14.00 uur PM-tijd")
_PROSE_PM = re.compile(r"(?<![\w-])PM(?![\w-])")
_PM_CUE = re.compile(r"\b(?:kost\w*|bedrag\w*|budget\w*|dekking|raming\w*|financi\w*|bijdrage\w*|"
                     r"investering\w*|middelen|effect\w*)\b[^.!?\n]{0,40}$", re.IGNORECASE)
_MULTS = {"miljoen": 1_000_000, "mln": 1_000_000, "mio": 1_000_000, "miljard": 10**9,
          "mld": 10**9, "mrd": 10**9, "duizend": 1000, "dzd": 1000, "ton": 100_000}
# sentence ends: punctuation before a capital, a blank line before a capital (a new
# paragraph; PDF text with a blank line after every line goes on in lower case), a bullet
_SENT_END = re.compile(r"[.!?:;][^\S\n]*\n?[^\S\n]*\n?\s*(?=[A-Z•\-*])"
                       r"|\n[^\S\n]*\n\s*(?=[A-Z0-9•])|\n[^\S\n]*\n[^\S\n]*\n|•")
_INC = re.compile(r"\b(?:incidente(?:el|le)|eenmalige?)\b", re.IGNORECASE)
_ADJACENT = re.compile(
    r"\b(?P<kw>incidente(?:el|le)|eenmalige?|structure(?:el|le)|jaarlijkse?)"
    r"(?:[^\S\n]+[\w-]+){0,3}[^\S\n]+$", re.IGNORECASE)
_CHANGE = re.compile(
    r"[^.;)\n]{0,40}?\b(?:wordt|worden|werd|blijft)\s+(?:\w+\s+)?"
    r"(?P<kw>incidente(?:el|le)|eenmalige?|structure(?:el|le)|jaarlijkse?)", re.IGNORECASE)
_STR = re.compile(r"\b(?:structure(?:el|le)|jaarlijkse?|per jaar)\b", re.IGNORECASE)


@dataclass
class MoneyHit:
    start: int
    end: int
    value: MoneyValue


def parse_amount(num: str) -> Decimal:
    """A Dutch-formatted number ("1.433.000", "1,2", "24,-") as a Decimal."""
    num = re.sub(r",[^\S\n]?[-—]+$", "", num.strip()).replace(" ", "")
    try:
        return parse_decimal(num, locale="nl_NL", strict=False)
    except (NumberFormatError, InvalidOperation):
        return Decimal(num.replace(".", "").replace(",", "."))


def _scale_at(pos: int, regions: list[tuple[int, int, int]], default: int) -> int:
    for s, e, scale in regions:
        if s <= pos < e:
            return scale
    return default


def _contexts(text: str, start: int, end: int, window: int = 300) -> list[tuple[str, int]]:
    """Contexts that may decide the recurrence of text[start:end], narrowest first, each
    with the amount's offset in it: the parenthetical it stands in, then the line for a
    table cell or row (amount at the line end, or " | "-separated cells), otherwise its
    sentence."""
    out = []
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opening = text.rfind("(", line_start, start)
    if opening >= 0 and ")" not in text[opening:start]:
        closing = text.find(")", end, line_end)
        if closing >= 0:
            out.append((text[opening:closing + 1], start - opening))
    if not text[end:line_end].strip(" \t\r*") or " | " in text[line_start:line_end]:
        return out + [(text[line_start:line_end], start - line_start)]
    lo, hi = max(0, start - window), min(len(text), end + window)
    left = text[lo:start]
    cut = 0
    for m in _SENT_END.finditer(left):
        cut = m.end()
    stop = _SENT_END.search(text, end, hi)
    return out + [(left[cut:] + text[start:end] + text[end: stop.start() if stop else hi], start - lo - cut)]


# a recurrence word right before an amount is that amount's ("jaarlijks €109.000"): in a
# context shared with other amounts (a table row whose cells the layout set beside another
# column's prose: "€ 782.000 | € 5.513.000 | jaarlijks €109.000") it says nothing of them
_CLAIMED = re.compile(
    r"\b(?:incidente(?:el|le)|eenmalige?|structure(?:el|le)|jaarlijkse?)(?:[^\S\n]+[\w-]+){0,3}[^\S\n]*"
    r"(?=(?:€|EUR\b)[^\S\n]?[-−–+]?\d)", re.IGNORECASE)


def _unclaimed(ctx: str, own: int) -> str:
    """`ctx` without the recurrence words that belong to another amount than the one at `own`."""
    return _CLAIMED.sub(lambda m: m.group() if abs(m.end() - own) <= 2 else " " * len(m.group()), ctx)


def recurrence_from_context(sentence: str) -> Recurrence | None:
    inc, struc = bool(_INC.search(sentence)), bool(_STR.search(sentence))
    if inc and not struc:
        return "incidental"
    if struc and not inc:
        return "structural"
    return None


_REC_CODES: dict[str, Recurrence] = {"I": "incidental", "S": "structural"}  # "(I)", "(S)" after an amount


def _column_before(text: str, start: int, most: int = 3) -> str | None:
    """The words before an amount that opens its " | " cell, read up its column: a prose
    column wraps a sentence over the lines above ("zorgkosten | budgetten structureel met" /
    "toenemende vraag naar | €1,9 miljoen opgehoogd"), the same cell of each line (None when
    the amount does not open a cell of a " | " row)."""
    ls = text.rfind("\n", 0, start) + 1
    prefix = text[ls:start]
    k = prefix.count(" | ")
    if not k or prefix.rsplit(" | ", 1)[-1].strip():
        return None
    parts: list[str] = []
    pos = ls - 1
    for _ in range(most):
        if pos <= 0:
            break
        ps = text.rfind("\n", 0, pos) + 1
        cells = text[ps:pos].split(" | ")
        if len(cells) <= k or not cells[k].strip():
            break
        parts.insert(0, cells[k].strip())
        pos = ps - 1
    return " ".join(parts) + " " if parts else None


def recurrence_near(text: str, start: int, end: int) -> Recurrence | None:
    """Recurrence of the amount text[start:end] from its words: a keyword right before
    it ("structureel € 150.000", "een structurele uitzetting van €983.000"), also up the
    column of a wrapped prose cell, decides; otherwise the narrowest context that names one
    decides (both kinds: None)."""
    adj = _ADJACENT.search(text, max(0, start - 80), start)
    if not adj and " | " in text[max(0, start - 200):start]:
        column = _column_before(text, start)
        adj = _ADJACENT.search(column) if column else None
    if adj:
        kind = recurrence_from_context(adj.group("kw"))
        change = _CHANGE.match(text, end, min(len(text), end + 60))
        if change and recurrence_from_context(change.group("kw")) != kind:
            return None  # "incidentele bijdrage € 95.000 wordt structureel": both
        return kind
    for ctx, own in _contexts(text, start, end):
        ctx = _unclaimed(ctx, own)
        if _INC.search(ctx) or _STR.search(ctx):
            return recurrence_from_context(ctx)
    return None


def _is_bullet(text: str, m: re.Match) -> bool:
    """"- € 50.000 voor ..." at line start is a list item, not a negative amount."""
    sign = m.group("sign")
    if not sign or not sign[-1].isspace() or sign[0] not in "-–" or sign.startswith("-/-"):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    if text[line_start:m.start()].strip():
        return False
    line_end = text.find("\n", m.end())
    rest = text[m.end(): len(text) if line_end < 0 else line_end]
    return bool(re.search(r"[A-Za-z]{3}", rest))


def find_money(text: str, scale: int = 1,
               scale_regions: list[tuple[int, int, int]] | None = None) -> list[MoneyHit]:
    """All euro amounts and PM cells in `text`, in text order."""
    headers: list[tuple[int, int]] = []
    regions = list(scale_regions or []) + find_scale_regions(text, headers)
    hits: list[MoneyHit] = []
    occ = Occupancy(len(text))
    for m in MONEY_RX.finditer(text):
        # "x € 1.000" (not the x that ends a word: "bij Avalex € 3.968.000")
        if re.search(r"(?<![^\W\d_])[x*×][^\S\n]*$", text[max(0, m.start() - 4):m.start()]) or any(
                s <= m.start() < e or m.start() <= s < m.end() for s, e in headers):
            continue  # the "x € 1.000" header itself
        start = m.start()
        sign = m.group("sign")
        if sign and _is_bullet(text, m):
            start += len(sign)
            sign = None
        sign = sign or m.group("isign")  # "€ -185.000"
        num = m.group("num") or m.group("num2")
        amount = Decimal(num) if re.fullmatch(r"\d+\.\d{1,2}", num) else parse_amount(num)
        mult = m.group("mult") or m.group("mult2")
        if mult:
            amount *= _MULTS[re.sub(r"[-\s]", "", mult.lower()).rstrip(".")]
        elif m.group("multk") or m.group("mult2k"):
            amount *= 1000
        # an amount with its own multiplier ("€1,9 miljoen" in a risk table's text cell) states
        # its full size: the table's "x € 1.000" is for the bare cells, not for it
        sc = 1 if mult or m.group("multk") or m.group("mult2k") else _scale_at(m.start(), regions, scale)
        cents = int((amount * sc * 100).to_integral_value())
        if sign and sign[0] in "-−–":
            cents = -cents
        rec = _REC_CODES.get((m.group("rec") or "").upper())
        if rec is None:
            rec = recurrence_near(text, start, m.end())
        hits.append(MoneyHit(start, m.end(), MoneyValue(cents=cents, recurrence=rec, scale=sc)))
        occ.take(start, m.end())
    for m in finditer_near(PM_RX, text, _PM_ANCHOR, 30, 10):
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if not occ.free(s, m.end()):
            continue
        hits.append(MoneyHit(s, m.end(), MoneyValue(cents=None, pm=True,
                                                    scale=_scale_at(s, regions, scale))))
        occ.take(s, m.end())
    for m in finditer_near(_PROSE_PM, text, _PM_ANCHOR, 2, 2):
        if occ.free(m.start(), m.end()) and _PM_CUE.search(text, max(0, m.start() - 60), m.start()):
            hits.append(MoneyHit(m.start(), m.end(), MoneyValue(cents=None, pm=True, scale=1)))
            occ.take(m.start(), m.end())
    for rs, re_, sc in regions:
        if sc == 1:
            continue
        for cell in region_cells(text, rs, re_):
            s, e = cell.start, cell.end
            if not occ.free(s, e):
                continue
            cents = int(parse_amount(cell.number) * sc * 100)
            hits.append(MoneyHit(s, e, MoneyValue(cents=-cents if cell.negative else cents, scale=sc,
                                                  row=cell.row, column=cell.column, total=cell.total,
                                                  effect=cell.effect)))
            occ.take(s, e)
    for cell, sc in row_scaled_cells(text) if "(" in text else ():
        if occ.free(cell.start, cell.end):
            cents = int(parse_amount(cell.number) * sc * 100)
            hits.append(MoneyHit(cell.start, cell.end, MoneyValue(
                cents=-cents if cell.negative else cents, scale=sc, row=cell.row, column=cell.column,
                total=cell.total, effect=cell.effect)))
            occ.take(cell.start, cell.end)
    hits.sort(key=lambda h: h.start)
    _ranges_and_approximations(text, hits)
    return hits


# between the two ends of a range: "tot", "tot en met", "t/m", "à", "a", "-", "–"
_RANGE_JOIN = re.compile(r"[^\S\n]*(?:tot(?:[^\S\n]+en[^\S\n]+met)?|t/m|à|a|[-–—])[^\S\n]*", re.IGNORECASE)
_APPROX = re.compile(r"(?<!\w)(?:ruim|circa|ca\.|c\.a\.|ongeveer|bijna|zo['’]n|rond|rondom|ruwweg|grofweg|"
                     r"naar\s+schatting|plusminus|\+/-|±)[^\S\n]*$", re.IGNORECASE)


def _ranges_and_approximations(text: str, hits: list[MoneyHit]) -> None:
    """Mark the two ends of a range, and amounts said to be approximate. A dash between
    two amounts joins them: "(€ 40.000 - € 400.000)" is € 40.000 to € 400.000, not
    € 40.000 and minus € 400.000."""
    for a, b in zip(hits, hits[1:]):
        if a.value.cents is None or b.value.cents is None or a.value.range or a.value.row or b.value.row:
            continue
        between = text[a.end:b.start]
        if (b.value.cents < 0 and text[b.start] in "-–—" and text[b.start + 1:b.start + 2] == " "
                and between and not between.strip(" ") and -b.value.cents >= a.value.cents >= 0):
            # the dash was read as b's sign: "€ 40.000 - € 400.000" is a range, so b is positive
            rest = text[b.start + 1:b.end]
            b.start = b.start + 1 + len(rest) - len(rest.lstrip())
            b.value = b.value.model_copy(update={"cents": -b.value.cents})
            between = text[a.end:b.start]
        if len(between) <= 12 and _RANGE_JOIN.fullmatch(between) and 0 <= a.value.cents <= (b.value.cents or 0):
            a.value = a.value.model_copy(update={"range": "low"})
            b.value = b.value.model_copy(update={"range": "high"})
    for h in hits:
        if _APPROX.search(text, max(0, h.start - 20), h.start):
            h.value = h.value.model_copy(update={"approximate": True})


def parse_money(phrase: str, scale: int = 1) -> MoneyValue | None:
    """The value of the first amount in `phrase`, or None."""
    hits = find_money(phrase, scale=scale)
    return hits[0].value if hits else None
