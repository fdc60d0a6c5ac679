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
  "incidenteel/eenmalig" or "structureel/jaarlijks/per jaar" in the amount's
  context when only one of the two kinds occurs there. The context is the
  parenthetical around the amount, else the line for a table cell or row, else
  the sentence.
* PM (pro memorie): "€ PM", "0 (evt. PM)", "(PM)" and "PM" alone in a table
  cell give cents None, pm True. "PM" inside prose is ignored.
* Table scale: a header such as "x € 1.000", "(bedragen x €1.000)" or "in
  duizenden euro's" scales the amounts in the table under it (lines up to the
  first line of prose); there bare cell numbers ("1.250", "-350") count too.
  Callers may pass explicit `scale_regions` [(start, end, scale)] as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from extract.scan import Occupancy, finditer_near
from models import MoneyValue

# "1.2 miljoen": a decimal point only directly before a multiplier word
_NUM = (r"\d+\.\d{1,2}(?=[^\S\n]+(?:miljoen|mln|mio|miljard|mld)\b)"
        r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:,\d{1,2})?")
_TAIL = r"(?:,[^\S\n]?-{1,2}|,[^\S\n]?—)?"  # "24,-", "117.000, -"
_MULT = r"(?:[^\S\n]+(?P<mult>miljoen|mln\.?|mio\.?|miljard|mld\.?|duizend|dzd\.?))?"
_SIGN = r"(?P<sign>[-−–+](?:[^\S\n]?))?"
_REC = r"(?:[^\S\n]*\((?P<rec>[IS])\))?"

MONEY_RX = re.compile(
    rf"(?<![\w.,]){_SIGN}(?:(?:€|EUR\b|euro\b)\s{{0,4}}(?P<isign>[-−–+])?[^\S\n]?(?P<num>{_NUM})"
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
SCALE_RX = re.compile(
    r"x[^\S\n]*(?:€|EUR)[^\S\n]*(?P<s>1\.000(?:\.000)?|1000|1 ?mln|1 ?miljoen)"
    r"|(?:in|x)[^\S\n]+(?P<w>duizenden|miljoenen)[^\S\n]+(?:euro|€)",
    re.IGNORECASE,
)
_SCALE_ANCHOR = re.compile(r"1\.?000|mln|miljoen|duizenden")
_PM_ANCHOR = re.compile(r"PM|p\.m\.")
_BARE_RX = re.compile(
    r"(?:(?<=\t)|(?<=  )|(?<=^)|(?<=\|)|(?<=\| ))(?P<sign>[-−–+])?[^\S\n]?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,4})"
    r"(?:,\d{1,2})?(?=[^\S\n]*(?:$|\t|\||  ))",
    re.MULTILINE,
)
_MULTS = {"miljoen": 1_000_000, "mln": 1_000_000, "mio": 1_000_000, "miljard": 10**9,
          "mld": 10**9, "duizend": 1000, "dzd": 1000}
_SENT_END = re.compile(r"[.!?:;][^\S\n]*\n?[^\S\n]*\n?\s*(?=[A-Z•\-*])|\n[^\S\n]*\n[^\S\n]*\n|•")
_INC = re.compile(r"\b(?:incidente(?:el|le)|eenmalige?)\b", re.IGNORECASE)
_STR = re.compile(r"\b(?:structure(?:el|le)|jaarlijkse?|per jaar)\b", re.IGNORECASE)


@dataclass
class MoneyHit:
    start: int
    end: int
    value: MoneyValue


def parse_amount(num: str) -> Decimal:
    """A Dutch-formatted number ("1.433.000", "1,2", "24,-") as a Decimal."""
    num = re.sub(r",[^\S\n]?[-—]+$", "", num.strip())
    try:
        return parse_decimal(num, locale="nl_NL", strict=False)
    except (NumberFormatError, InvalidOperation):
        return Decimal(num.replace(".", "").replace(",", "."))


def _scale_regions(text: str) -> list[tuple[int, int, int]]:
    """Table regions under a "x € 1.000" header: the header line up to prose."""
    regions = []
    for m in finditer_near(SCALE_RX, text, _SCALE_ANCHOR, 30, 30):
        s = (m.group("s") or m.group("w") or "").lower().replace(" ", "")
        scale = 1000 if s in ("1.000", "1000", "duizenden") else 1_000_000
        line_start = text.rfind("\n", 0, m.start()) + 1
        pos = text.find("\n", m.end())
        end = len(text) if pos < 0 else pos
        while pos >= 0:
            nxt = text.find("\n", pos + 1)
            line = text[pos + 1: len(text) if nxt < 0 else nxt]
            if len(line) > 100 and "\t" not in line and "|" not in line:
                break
            if SCALE_RX.search(line):
                break
            end = len(text) if nxt < 0 else nxt
            pos = nxt
        regions.append((line_start, end, scale))
    return regions


def _scale_at(pos: int, regions: list[tuple[int, int, int]], default: int) -> int:
    for s, e, scale in regions:
        if s <= pos < e:
            return scale
    return default


def _sentence(text: str, start: int, end: int, window: int = 300) -> str:
    """The context that decides the recurrence of text[start:end]: the parenthetical
    it stands in, the line for a table cell or row (amount at the line end, or
    " | "-separated cells), otherwise its sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opening = text.rfind("(", line_start, start)
    if opening >= 0 and ")" not in text[opening:start]:
        closing = text.find(")", end, line_end)
        if closing >= 0:
            return text[opening:closing + 1]
    if not text[end:line_end].strip(" \t\r*") or " | " in text[line_start:line_end]:
        return text[line_start:line_end]
    lo, hi = max(0, start - window), min(len(text), end + window)
    left = text[lo:start]
    cut = 0
    for m in _SENT_END.finditer(left):
        cut = m.end()
    m = _SENT_END.search(text, end, hi)
    return left[cut:] + text[start:end] + text[end: m.start() if m else hi]


def recurrence_from_context(sentence: str) -> str | None:
    inc, struc = bool(_INC.search(sentence)), bool(_STR.search(sentence))
    if inc and not struc:
        return "incidental"
    if struc and not inc:
        return "structural"
    return None


def _is_bullet(text: str, m: re.Match) -> bool:
    """"- € 50.000 voor ..." at line start is a list item, not a negative amount."""
    sign = m.group("sign")
    if not sign or not sign[-1].isspace() or sign[0] not in "-–":
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
    regions = list(scale_regions or []) + _scale_regions(text)
    hits: list[MoneyHit] = []
    occ = Occupancy(len(text))
    for m in MONEY_RX.finditer(text):
        if re.search(r"x[^\S\n]*$", text[max(0, m.start() - 3):m.start()]):
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
            amount *= _MULTS[mult.lower().rstrip(".")]
        sc = _scale_at(m.start(), regions, scale)
        cents = int((amount * sc * 100).to_integral_value())
        if sign and sign[0] in "-−–":
            cents = -cents
        rec = {"I": "incidental", "S": "structural"}.get((m.group("rec") or "").upper())
        if rec is None:
            rec = recurrence_from_context(_sentence(text, start, m.end()))
        hits.append(MoneyHit(start, m.end(), MoneyValue(cents=cents, recurrence=rec, scale=sc)))
        occ.take(start, m.end())
    for m in finditer_near(PM_RX, text, _PM_ANCHOR, 30, 10):
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if not occ.free(s, m.end()):
            continue
        hits.append(MoneyHit(s, m.end(), MoneyValue(cents=None, pm=True,
                                                    scale=_scale_at(s, regions, scale))))
        occ.take(s, m.end())
    for rs, re_, sc in regions:
        if sc == 1:
            continue
        body_start = text.find("\n", rs)
        if body_start < 0:
            continue
        for m in _BARE_RX.finditer(text, body_start, re_):
            s = m.start("sign") if m.group("sign") else m.start("num")
            if not occ.free(s, m.end()):
                continue
            num = m.group("num")
            if "." not in num and len(num) == 4 and 1900 <= int(num) <= 2100:
                continue  # a year column
            cents = int((parse_amount(text[m.start("num"):m.end()]) * sc * 100))
            if m.group("sign") and m.group("sign") in "-−–":
                cents = -cents
            hits.append(MoneyHit(s, m.end(), MoneyValue(cents=cents, scale=sc)))
            occ.take(s, m.end())
    hits.sort(key=lambda h: h.start)
    return hits


def parse_money(phrase: str, scale: int = 1) -> MoneyValue | None:
    """The value of the first amount in `phrase`, or None."""
    hits = find_money(phrase, scale=scale)
    return hits[0].value if hits else None
