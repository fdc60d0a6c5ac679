"""Patterns and handlers for Dutch date expressions (used by `extract.dates`).

Each handler takes a regex match and the reference date and returns a list of
(start, end, DateValue); the conventions are documented in `extract.dates`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from raadslens.models import DateValue
from raadslens.models.mentions import Granularity
from raadslens.models.months import DAY_WORDS, MONTHS, ORDINALS, SEASONS

OPEN_END = dt.date.max

_FULL = [m for m in MONTHS if len(m) > 4 or m in ("mei", "juni", "juli")]
_ABBR = [m for m in MONTHS if m not in _FULL]
_FULL_ALT = "|".join(sorted(_FULL, key=len, reverse=True))
# a full month name may run into its year ("7 januari2021", a lost space in the PDF)
_MON = (r"(?:(?:" + "|".join(sorted(_FULL, key=len, reverse=True)) + r")(?![^\W\d_])"
        r"|(?:" + "|".join(sorted(_ABBR, key=len, reverse=True)) + r")\b\.?)")
YEAR_RX = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_WS = r"[^\S\n]*\n?[^\S\n]*\n?[^\S\n]*"  # spaces, at most two line breaks (PDF layouts)
_SP = r"(?:[^\S\n]|\n[^\S\n]*\n?)+"  # at least one space or line break
_DASH = r"\s*[-–—]\s*"
_B = r"(?<![\w./-])"  # left boundary: not inside a word, number or code
_E = r"(?![\w/]|[.,-]\d)"  # right boundary

_DAY_WORD_ALT = "|".join(sorted(DAY_WORDS, key=len, reverse=True))
# "in 2000 gevallen": a count, not a year
COUNTED = (r"inwoners|woningen|gevallen|mensen|huishoudens|personen|leerlingen|kinderen|"
           r"jongeren|deelnemers|meldingen|uur|euro|m2|m²|km|meter|vierkante|plaatsen|stuks")
_SEASON = "voorjaar|lente|zomer|najaar|herfst|winter"
YEAR_CUES = (
    # a compound of "-jaar" names a kind of year and the number after it is that year
    # ("belastingjaar 2024", "boekjaar 2023", "kalenderjaar 2025", "schooljaar 2024")
    r"in|per|vanaf|sinds|tot|t/m|tot en met|voor|na|rond|uiterlijk|\w*jaar|jaren|"
    # "(kolom) rekening 2022", "realisatie 2024": a budget's accounts of that year, as "jaarrekening 2022"
    r"begroting|jaarrekening|rekening|realisatie|kadernota|voorjaarsnota|najaarsnota|"
    r"zomernota|meerjarenraming|jaarschijf|ingang van|t\.?o\.?v\.?|"
    r"uit|jaarstukken|jaarverslag|begroot|begrote|opzichte van|gedurende|over|naar|van|loop van|"
    # the statements and circulars of a budget cycle name the year they cover ("Meicirculaire
    # 2023", "Kasstroomoverzicht 2024", "Financieringspositie 2024", "Voortgangsrapportage 2023")
    r"\w*circulaires?|\w*overzicht(?:en)?|financieringspositie|\w*rapportages?"
)



def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


Hit = tuple[int, int, DateValue | None]  # start, end, value (None: no such date, kept as written)
Handler = Callable[[re.Match[str], dt.date], list[Hit]]  # a pattern's match → its dates


def make_value(start: dt.date, end: dt.date, gran: Granularity) -> DateValue:
    return DateValue(start=start, end=end, granularity=gran)


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _resolve_year(day: int, month: int, ref: dt.date, mode: str) -> dt.date | None:
    """The year for a day and month without one, relative to `ref`."""
    cands = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return None
    if mode == "past":
        past = [c for c in cands if c <= ref]
        return max(past) if past else None
    if mode == "future":
        fut = [c for c in cands if c >= ref]
        return min(fut) if fut else None
    return min(cands, key=lambda c: abs((c - ref).days))


def _day(day: str, mon: str, year: str | None, ref: dt.date, mode: str = "near") -> dt.date | None:
    d, m = int(day), _mon(mon)
    if year:
        try:
            return dt.date(int(year), m, d)
        except ValueError:
            return None
    return _resolve_year(d, m, ref, mode)


def _impossible(m: re.Match[str], day: int, month: int) -> list[Hit]:
    """A day and month that look like a date but exist in no year ("31 februari", "30-02"):
    one hit without a value, so the text is kept as written and never read as another
    date (a month, a year). Numbers outside 1-31 and 1-12 are not dates at all."""
    if 1 <= day <= 31 and 1 <= month <= 12:
        return [(m.start(), m.end(), None)]
    return []


# --- handlers: (match, ref) -> list[(start, end, DateValue)] --------------------------

def _h_numeric(m, ref):
    g = m.groupdict()
    try:
        if g["iy"]:
            d = dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        else:
            d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return _impossible(m, int(g["id"] or g["d"]), int(g["im"] or g["m"]))
    return [(m.start(), m.end(), make_value(d, d, "day"))]


def _h_numeric_short(m, ref):
    """"14/03/17", "7-10-16": a two-digit year, in the century that puts it nearest the reference
    date. Only with "/" or "-": "2.1.13" is a section number far more often than a date."""
    year = _century(int(m.group("yy")), ref)
    try:
        d = dt.date(year, int(m.group("m")), int(m.group("d")))
    except ValueError:
        return _impossible(m, int(m.group("d")), int(m.group("m")))
    return [(m.start(), m.end(), make_value(d, d, "day"))]


def _century(yy: int, ref: dt.date) -> int:
    """A two-digit year in the century that puts it nearest the reference date."""
    base = ref.year // 100 * 100
    return min((base - 100 + yy, base + yy, base + 100 + yy), key=lambda y: abs(y - ref.year))


def _h_weeknumber(m, ref):
    """"week 12", "week 12 van 2025": the ISO week, in the year given or the reference date's."""
    year = int(m.group("y")) if m.group("y") else ref.year
    try:
        monday = dt.date.fromisocalendar(year, int(m.group("wk")), 1)
    except ValueError:
        return []
    return [(m.start(), m.end(), make_value(monday, monday + dt.timedelta(days=6), "week"))]


def _h_day_mon_year(m, ref):
    """"3-okt-2018", "9-mrt-12": day, month name and year joined by hyphens."""
    raw = m.group("yy")
    year = int(raw) if len(raw) == 4 else _century(int(raw), ref)
    try:
        d = dt.date(year, _mon(m.group("mon")), int(m.group("d")))
    except ValueError:
        return _impossible(m, int(m.group("d")), _mon(m.group("mon")))
    return [(m.start(), m.end(), make_value(d, d, "day"))]


def _h_daymonth_numeric(m, ref):
    """"(25/9, 13/11)", "op 4/10": day/month without a year, nearest to the reference."""
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= mo <= 12) or (d, mo) in NOT_DAY_MONTH:
        return []
    day = _resolve_year(d, mo, ref, "near")
    return [(m.start(), m.end(), make_value(day, day, "day"))] if day else []


def _h_wrapped_numeric(m, ref):
    """A table's Datum cell that wraps ("14-12-" on the row's line, "2017" starting the line
    below) and OCR's "14-05- 2018": the day of that year, span as written on the first line."""
    d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y") or m.group("y2"))
    try:
        v = dt.date(y, mo, d)
    except ValueError:
        return _impossible(m, d, mo)
    return [(m.start(), m.end(), make_value(v, v, "day"))]


def _h_daymonth_dash(m, ref):
    """"op 15-6": as `_h_daymonth_numeric` (its own handler for its own anchor)."""
    return _h_daymonth_numeric(m, ref)


def _h_daymonth(m, ref):
    mode = "past" if m.group("jl") else "future" if m.group("as") else "near"
    d = _day(m.group("d"), m.group("mon"), m.group("y"), ref, mode)
    if d is None:
        try:  # in no year at all (2024 is a leap year), not just not near the reference
            dt.date(2024, _mon(m.group("mon")), int(m.group("d")))
        except ValueError:
            return _impossible(m, int(m.group("d")), _mon(m.group("mon")))
        return []
    return [(m.start(), m.end(), make_value(d, d, "day"))]


def _h_dayword(m, ref):
    """"twaalf mei 2022", "de veertiende maart", "de 14e van maart": a day written out or
    as an ordinal; without a year, the occurrence nearest the reference date."""
    day = DAY_WORDS[m.group("w").lower()] if m.group("w") else int(m.group("n"))
    d = _day(str(day), m.group("mon"), m.group("y"), ref)
    return [(m.start(), m.end(), make_value(d, d, "day"))] if d else []


def _h_quarter_ref(m, ref):
    """"in het derde kwartaal", "per Q3", "in K3": a quarter of the reference year."""
    digit = m.group("q")
    q = int(digit) if digit else ORDINALS[m.group("o").lower()]
    return [(m.start("p"), m.end(), _quarter(ref.year, q))] if 1 <= q <= 4 else []


def _h_shift_from(m, ref):
    """"van feb naar maart 2023": the first month of a move takes the year of the second."""
    mo, y = _mon(m.group("mon")), int(m.group("y"))
    return [(m.start("mon"), m.end("mon"), make_value(dt.date(y, mo, 1), _month_end(y, mo), "month"))]


def _h_numeric_old(m, ref):
    """"3-6-1907": a full date before 1950 (an inventory cell, a typo), kept with its value;
    `extract.dates` flags it implausible, so it never becomes a document's date."""
    try:
        d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return _impossible(m, int(m.group("d")), int(m.group("m")))
    return [(m.start(), m.end(), make_value(d, d, "day"))]


def _h_daylist(m, ref):
    """"23 en 25 juli", "1, 2 en 3 juli 2025" → one hit per day."""
    mon, year = m.group("mon"), m.group("y")
    last = _day(m.group("d2"), mon, year, ref)
    if not last:
        return []
    out = []
    for dm in re.finditer(r"\d{1,2}", m.group("ds")):
        try:
            d = last.replace(day=int(dm.group()))
        except ValueError:
            return []
        s = m.start("ds") + dm.start()
        out.append((s, s + len(dm.group()), make_value(d, d, "day")))
    out.append((m.start("d2"), m.end(), make_value(last, last, "day")))
    return out


def _h_dayrange(m, ref):
    """"4/5 september", "28/29/30 oktober", "12 - 14 maart 2025"."""
    last = _day(m.group("d2"), m.group("mon"), m.group("y"), ref)
    if not last:
        return []
    try:
        first = last.replace(day=int(m.group("d1")))
    except ValueError:
        return []
    if first > last:
        return []
    return [(m.start(), m.end(), make_value(first, last, "day"))]


def _h_week(m, ref):
    d = _day(m.group("d"), m.group("mon"), m.group("y"), ref)
    if not d:
        return []
    monday = d - dt.timedelta(days=d.weekday())
    return [(m.start(), m.end(), make_value(monday, monday + dt.timedelta(days=6), "week"))]


def _year(s: str | None) -> int | None:
    """"2025" or "'25" (2000 + the two digits) as an int."""
    if not s:
        return None
    return 2000 + int(s[1:]) if s[0] in "'’" else int(s)


def _h_monthrange(m, ref):
    """"juli – september 2024", "dec 2024 – jan. 2025", "december – januari '25", and
    without a year ("(juli – september)"): the first month nearest to the reference."""
    m1, m2 = _mon(m.group("m1")), _mon(m.group("m2"))
    y1, y2 = _year(m.group("y1")), _year(m.group("y2"))
    if y2 is None and y1 is None:
        near = _resolve_year(1, m1, ref.replace(day=1), "near")
        assert near is not None  # the first of a month always exists
        y1 = near.year
    if y2 is None:
        assert y1 is not None
        y2 = y1 if m1 <= m2 else y1 + 1
    if y1 is None:
        y1 = y2 if m1 <= m2 else y2 - 1
    start, end = dt.date(y1, m1, 1), _month_end(y2, m2)
    if start > end:
        return []
    return [(m.start(), m.end(), make_value(start, end, "month"))]


_MON_RX = re.compile(_MON, re.IGNORECASE)


def _h_monthlist(m, ref):
    months = [_mon(x.group()) for x in _MON_RX.finditer(m.group("ml"))]
    if any(b != a + 1 for a, b in zip(months, months[1:])):
        return []  # not one period: each month is read on its own
    y = int(m.group("y"))
    return [(m.start(), m.end(), make_value(dt.date(y, months[0], 1), _month_end(y, months[-1]), "month"))]


def _h_month(m, ref):
    y, mo = int(m.group("y")), _mon(m.group("mon"))
    return [(m.start(), m.end(), make_value(dt.date(y, mo, 1), _month_end(y, mo), "month"))]


def _h_medio(m, ref):
    y = int(m.group("y"))
    word = m.group("w").lower()
    if m.group("mon"):
        mo = _mon(m.group("mon"))
        return [(m.start(), m.end(), make_value(dt.date(y, mo, 1), _month_end(y, mo), "month"))]
    if word == "medio":
        return [(m.start(), m.end(), make_value(dt.date(y, 6, 1), dt.date(y, 7, 31), "month"))]
    if word.startswith("begin"):
        return [(m.start(), m.end(), make_value(dt.date(y, 1, 1), dt.date(y, 3, 31), "quarter"))]
    return [(m.start(), m.end(), make_value(dt.date(y, 10, 1), dt.date(y, 12, 31), "quarter"))]


def _h_baremonth(m, ref):
    """"in januari", "half november": the month nearest to the reference date."""
    mo = _mon(m.group("mon"))
    d = _resolve_year(1, mo, ref.replace(day=1), "past" if m.group("jl") else "near")
    if d is None:
        return []
    return [(m.start("mon"), m.end(), make_value(d, _month_end(d.year, mo), "month"))]


REL_YEARS = {"dit": 0, "deze": 0, "volgend": 1, "komend": 1, "vorig": -1, "afgelopen": -1}


def _h_relyear(m, ref):
    """"dit jaar", "volgend jaar", "eind dit jaar", "het einde van dit jaar"."""
    y = ref.year + REL_YEARS[m.group("rel").lower()]
    w = (m.group("w") or "").lower()
    if w == "medio":
        v = make_value(dt.date(y, 6, 1), dt.date(y, 7, 31), "month")
    elif w.startswith("begin"):
        v = make_value(dt.date(y, 1, 1), dt.date(y, 3, 31), "quarter")
    elif w.startswith("eind"):
        v = make_value(dt.date(y, 10, 1), dt.date(y, 12, 31), "quarter")
    else:
        v = make_value(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    return [(m.start(), m.end(), v)]


def _quarter(y: int, q: int) -> DateValue:
    return make_value(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")


def _h_quarter(m, ref):
    """"Q1 2025", "kwartaal 2 2020", "het tweede kwartaal van 2019"."""
    digit = m.group("q") or m.group("q2")
    q = int(digit) if digit else ORDINALS[m.group("o").lower()]
    return [(m.start(), m.end(), _quarter(int(m.group("y")), q))] if 1 <= q <= 4 else []


def _h_half(m, ref):
    h = int(m.group("h")) if m.group("h") else ORDINALS[m.group("o").lower()]
    if h not in (1, 2):
        return []
    y = int(m.group("y"))
    v = make_value(dt.date(y, 1, 1), dt.date(y, 6, 30), "half") if h == 1 else \
        make_value(dt.date(y, 7, 1), dt.date(y, 12, 31), "half")
    return [(m.start(), m.end(), v)]


def _h_season(m, ref):
    """"zomer 2024"; "de zomer en het najaar van 2024": the year of the second one."""
    y = int(m.group("y") or m.group("y2"))
    a, b = SEASONS[m.group("s").lower()]
    end = _month_end(y, b) if b <= 12 else _month_end(y + 1, b - 12)
    return [(m.start(), m.end(), make_value(dt.date(y, a, 1), end, "month"))]


def _h_yearrange(m, ref):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (0 < y2 - y1 <= 30):
        return []
    return [(m.start(), m.end(), make_value(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))]


def _h_yearpair(m, ref):
    """"2022-24": years 2022 to 2024 when the two digits come after the first year's;
    "2018-03" (the two digits a month, not later than the year's own): March 2018."""
    y1, tail = int(m.group("y1")), int(m.group("yy"))
    y2 = y1 // 100 * 100 + tail
    if y2 > y1 and y2 - y1 <= 30:
        return [(m.start(), m.end(), make_value(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))]
    if m.group("sep") == "-" and 1 <= tail <= 12:
        return [(m.start(), m.end(), make_value(dt.date(y1, tail, 1), _month_end(y1, tail), "month"))]
    return []


def _h_yearlist(m, ref):
    out = []
    for ym in re.finditer(YEAR_RX, m.group("ys")):
        y = int(ym.group())
        s = m.start("ys") + ym.start()
        out.append((s, s + 4, make_value(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")))
    return out


_DM = rf"(?P<d>[0-3]?\d){_SP}(?P<mon>{_MON})(?:,?{_WS}(?P<y>{YEAR_RX}))?"  # "31 JAN, 2019" (a stamp)
_DM_CUES = ("op", "en", "of", "tot", "t/m", "per", "vanaf", "na", "voor")
NOT_DAY_MONTH = {(24, 7), (1, 2), (1, 3), (1, 4), (2, 3), (3, 4)}  # "24/7", fractions
_PATTERN_SOURCES: list[tuple[str, Handler]] = [
    (r"(?:(?<=\()|(?<=, )|" + "|".join(rf"(?<=\b{w} )" for w in _DM_CUES) + r")"
     r"(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\w/]|[.,-]\d)", _h_daymonth_numeric),
    # "op 15-6": with a hyphen only after a word that asks for a date ("15-6" alone is a score)
    (r"(?:" + "|".join(rf"(?<=\b{w} )" for w in ("op", "per", "vanaf", "sinds", "uiterlijk", "tot"))
     + r"|(?<=\bd\.d\. ))(?P<d>[0-3]?\d)-(?P<m>[01]?\d)(?![\w/-]|[.,]\d)", _h_daymonth_dash),
    # "14-12- | Begeleidende mail …\n2017 | …": the year of a wrapped Datum cell starts the next line
    # (or the one after a short wrapped cell of another column: "…\nVan Aartsen\n2018 | …");
    # "14-05- 2018": OCR put a space after the second dash
    (rf"{_B}(?P<d>[0-3]?\d)-(?P<m>[01]?\d)-(?:(?=[^\S\n]*(?:\||[^\W\d]))"
     rf"(?=[^\n]*\n(?:[^\S\n]*[^\W\d][^\n]{{0,30}}\n)?[^\S\n]*(?P<y>{YEAR_RX})(?!\d))"
     rf"|[^\S\n](?P<y2>{YEAR_RX}){_E})", _h_wrapped_numeric),
    (rf"{_B}(?:(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>{YEAR_RX})|"
     rf"(?P<iy>{YEAR_RX})-(?P<im>[01]\d)-(?P<id>[0-3]\d)){_E}", _h_numeric),
    (rf"{_B}(?P<d>[0-3]?\d)(?P<sep>[-/])(?P<m>[01]?\d)(?P=sep)(?P<yy>\d\d){_E}", _h_numeric_short),
    (rf"{_B}(?P<d>[0-3]?\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<y>1[6-9][0-4]\d){_E}", _h_numeric_old),
    (rf"{_B}(?P<d>[0-3]?\d)-(?P<mon>{_MON})-(?P<yy>{YEAR_RX}|\d\d){_E}", _h_day_mon_year),
    (rf"(?<!\w)[Ww]eek\s+(?P<wk>[1-5]?\d)(?:(?:\s+van)?\s+(?P<y>{YEAR_RX}))?(?![\w.,/-])", _h_weeknumber),
    # "d.d.21 december 2018": "d.d." glued to the day (typed so, or OCR)
    (rf"(?:{_B}|(?<=d\.d\.)){_DM}(?:{_WS}(?P<jl>jl\.?|jongstleden)|{_WS}(?P<as>a\.s\.?|aanstaande))?(?!\w)",
     _h_daymonth),
    (rf"{_B}(?P<ds>[0-3]?\d(?:\s*,\s*[0-3]?\d)*)\s+en\s+(?P<d2>[0-3]?\d){_SP}(?P<mon>{_MON})"
     rf"(?:{_WS}(?P<y>{YEAR_RX}))?(?!\w)", _h_daylist),
    (rf"{_B}(?P<d1>[0-3]?\d)(?:\s*/\s*[0-3]?\d)*(?:\s*/\s*|{_DASH}|\s+t/m\s+|\s+tot(?:\s+en\s+met)?\s+)(?P<d2>[0-3]?\d)"
     rf"{_SP}(?P<mon>{_MON})(?:{_WS}(?P<y>{YEAR_RX}))?(?!\w)", _h_dayrange),
    (rf"(?i:week){_SP}van{_SP}{_DM}(?!\w)", _h_week),
    (rf"{_B}(?P<m1>{_MON})(?:{_WS}(?P<y1>{YEAR_RX}))?(?:{_DASH}|\s+t/m\s+|\s+tot en met\s+)"
     rf"(?P<m2>{_MON})(?:{_WS}(?P<y2>{YEAR_RX}|['’]\d\d))?(?![\w/]|[.,-]\d|\s+\d)",
     _h_monthrange),
    # a list of three or more consecutive months with one year: one range (the period of a
    # Woo inventory or a report, "juni, juli en augustus 2021", "sept okt nov dec 2021")
    (rf"{_B}(?P<ml>{_MON}(?:(?:\s*,\s*|\s+en\s+|\s+){_MON}){{2,11}}){_WS}(?P<y>{YEAR_RX}){_E}", _h_monthlist),
    (rf"{_B}(?P<mon>{_MON}),?{_WS}(?P<y>{YEAR_RX}){_E}", _h_month),  # "maart 2018", "maart, 2018"
    (rf"(?<!\w)(?:in|per|vanaf|sinds|tot|t/m|half|medio|begin|eind|eind van|sinds|"
     rf"uiterlijk|na|voor)\s+(?P<mon>{_FULL_ALT})(?:{_WS}(?P<jl>jl\.?))?(?![\w/]|\s*[-–]|\s*\d)",
     _h_baremonth),
    (rf"{_B}(?P<w>medio|ultimo|begin|eind|einde|eind van|einde van|aan het eind van|"
     rf"aan het begin van|begin van)(?:{_SP}(?P<mon>{_MON}))?{_SP}(?P<y>{YEAR_RX}){_E}", _h_medio),
    (rf"{_B}(?:[QK](?P<q>[1-4])-?|[Kk]wartaal\s+(?P<q2>[1-4])|(?:het\s+)?(?P<o>eerste|tweede|derde|vierde|laatste|[1-4]e|"
     rf"[1-4]ste|[1-4]de)\s+kwartaal(?:\s+van)?){_WS}(?P<y>{YEAR_RX}){_E}", _h_quarter),
    (rf"(?<!\w)(?:in|per|vanaf|tot|t/m|na|voor|tijdens|uiterlijk|eind|begin|medio|gedurende)"
     rf"\s+(?P<p>(?:het\s+)?(?P<o>eerste|tweede|derde|vierde|laatste|[1-4]e|[1-4]ste|[1-4]de)\s+kwartaal"
     rf"|[QK](?P<q>[1-4]))(?![\w/-]|\s+(?:van\s+)?{YEAR_RX}|\s*-\s*\d)", _h_quarter_ref),
    (rf"(?<!\w)(?:(?P<w>{_DAY_WORD_ALT})|de\s+(?P<n>[0-3]?\d)(?:e|ste|de))\s+(?:van\s+)?(?P<mon>{_MON})"
     rf"(?:{_WS}(?P<y>{YEAR_RX}))?(?!\w)", _h_dayword),
    (rf"{_B}(?:H(?P<h>[12])|(?:de\s+)?(?P<o>eerste|tweede|1e|2e)\s+(?:helft|halfjaar|half\s+jaar)"
     rf"(?:\s+van)?){_WS}(?P<y>{YEAR_RX}){_E}", _h_half),
    (rf"{_B}(?P<s>{_SEASON})(?:(?:\s+van)?{_WS}(?P<y>{YEAR_RX}){_E}|(?=\s+en\s+(?:het\s+|de\s+)?"
     rf"(?:{_SEASON})(?:\s+van)?\s+(?P<y2>{YEAR_RX}){_E}))", _h_season),
    (rf"(?<!\w)van\s+(?P<mon>{_MON})(?=\s+naar\s+(?:{_MON}){_WS}(?P<y>{YEAR_RX}){_E})", _h_shift_from),
    (rf"{_B}(?P<y1>{YEAR_RX})(?:{_DASH}|\s*/\s*|\s+t/m\s+|\s+tot en met\s+|\s+tot\s+)"
     rf"(?P<y2>{YEAR_RX}){_E}", _h_yearrange),
    (rf"{_B}(?P<y1>{YEAR_RX})(?P<sep>-|/)(?P<yy>\d\d){_E}", _h_yearpair),
    # a year that a dash joins to another year opens a range the cue names ("meerjarenraming
    # 2025- 2027"): the range pattern takes it, not this one (the cue made this match longer)
    (rf"(?:(?<![\w])(?:{YEAR_CUES})\s+)(?P<ys>{YEAR_RX}(?:\s*,\s*{YEAR_RX})*(?:\s+en\s+{YEAR_RX})?)"
     rf"{_E}(?!\s+(?:{COUNTED}))(?!{_DASH}{YEAR_RX})", _h_yearlist),
    (rf"{_B}(?P<ys>{YEAR_RX})(?=\s+en\s+(?:verder|(?:de\s+)?volgende\s+jaren)\b)", _h_yearlist),
    (r"(?<!\w)(?:(?:aan\s+)?(?:het\s+)?(?P<w>begin|eind|einde|medio)\s+(?:van\s+)?)?"
     r"(?P<rel>dit|deze|volgend|komend|vorig|afgelopen)e?\s+jaar\b", _h_relyear),
]
PATTERNS: list[tuple[re.Pattern[str], Handler]] = [(re.compile(p, re.IGNORECASE), h) for p, h in _PATTERN_SOURCES]
# The patterns run only in windows around a year or a "<digit> <month>" of the text:
# trying the month-name alternations at every position is slow.
# which anchor's windows each handler's pattern runs in (default: "year")
WINDOW_OF: dict[Handler, str] = {_h_daymonth: "day", _h_daylist: "day", _h_dayrange: "day", _h_week: "day",
             _h_baremonth: "month", _h_relyear: "rel", _h_monthrange: "dash",
             _h_daymonth_numeric: "slash", _h_numeric_short: "short", _h_day_mon_year: "short",
             _h_weeknumber: "weeknr", _h_numeric_old: "old", _h_quarter_ref: "quarter",
             _h_dayword: "dayword", _h_daymonth_dash: "dm", _h_wrapped_numeric: "wrap"}
# = [-–—]|t/m|tot en met: `re` skips ahead to a candidate only when every alternative
# opens with a plain character
DASH_ANCHOR = re.compile(r"-|–|—|t/m|tot en met")
SLASH_ANCHOR = re.compile(r"\d/\d")
DM_ANCHOR = re.compile(r"\d-[01]?\d(?![\d-])")
WRAP_ANCHOR = re.compile(r"\d-[01]?\d-(?=[^\S\n])")  # "14-12- " (a wrapped cell, OCR's "14-05- 2018")
WRAP_AFTER = 300  # the rest of the row's line and the year at the start of the next one
WEEK_ANCHOR = re.compile(r"[Ww]eek\s+\d")
SHORT_ANCHOR = re.compile(r"\d[-/][01]?\d[-/]\d\d(?!\d)|\d-[A-Za-z]{3,9}\.?-\d")  # "7-10-16", "3-okt-2018"
REL_ANCHOR = re.compile(r"[Jj]aar\b")
QUARTER_ANCHOR = re.compile(r"[QKk](?:[1-4](?!\w)|wartaal)")  # led by a char class: `re` skips ahead
# a written day or "14e" before a month: months are found first (a case-sensitive pattern
# led by a char class, 4x faster than the day words at every letter), then the words before
MONTH_WORD = re.compile(r"[jfmasondJFMASOND](?:anuari|ebruari|aart|pril|ei|uni|uli|ugustus|eptember|ktober|"
                        r"ovember|ecember)\b")
DAYWORD_BEFORE = re.compile(rf"(?:{_DAY_WORD_ALT}|\d{{1,2}}(?:e|ste|de))\s+(?:van\s+)?$", re.IGNORECASE)
OLD_ANCHOR = re.compile(r"\d[-/.][01]?\d[-/.]1[6-9][0-4]\d(?!\d)")  # "3-6-1907"
# = (?<!\d){YEAR_RX}(?!\d), led by a char class so `re` skips to a 1 or 2 instead of trying
# the lookbehind at every position (4x faster)
YEAR_ANCHOR = re.compile(r"[12](?<!\d[12])(?:(?<=1)9[5-9]\d|(?<=2)[01]\d\d)(?!\d)")
assert YEAR_RX == r"(?:19[5-9]\d|20\d\d|21\d\d)", "keep YEAR_ANCHOR in step with YEAR_RX"
DAY_ANCHOR = re.compile(rf"\d{_SP}(?:{_MON})", re.IGNORECASE)
# the lookahead (the cue words' first letters) only saves trying every cue at every word
MONTH_ANCHOR = re.compile(rf"(?<!\w)(?=[behimnpstuv])(?:in|per|vanaf|sinds|tot|t/m|half|medio|"
                           rf"begin|eind|uiterlijk|na|voor)\s+(?:van\s+)?(?:{_FULL_ALT})\b",
                           re.IGNORECASE)
WINDOW_BEFORE, WINDOW_AFTER = 60, 40

OPEN_AFTER = re.compile(r"\s+en\s+verder\b|\s+e\.v\.|\s+en\s+(?:de\s+)?(?:volgende\s+)?jaren\s+daarna\b"
                        r"|\s+en\s+(?:de\s+)?volgende\s+jaren\b",
                        re.IGNORECASE)
OPEN_BEFORE = re.compile(r"(?<!\w)vanaf\s+$", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:en|tot en met|t/m|tot|[-–—])\s*$", re.IGNORECASE)
RANGE_OPEN = re.compile(r"(?<!\w)(?:tussen|van|vanaf)\s+$", re.IGNORECASE)
