"""Dutch date expressions → `DateValue` (plain functions, no spaCy).

`find_dates(text, reference_date)` returns `DateHit`s with exact character
offsets. Conventions (all ranges are inclusive):

* "5 november 2024", "07-03-2023", "dd 21 feb 2023" → that day, granularity day.
* Day and month without a year ("4 september") → the occurrence closest to the
  reference date; with "jl." (jongstleden) the most recent one on or before it,
  with "a.s." (aanstaande) the first one on or after it.
* "23 en 25 juli" → two hits ("23" and "25 juli"); "4/5 september",
  "28/29/30 oktober" → one day range; "tussen 26 september en 1 november",
  "van X tot Y", "X t/m Y" → one day range.
* "week van 31 maart 2025" → Monday..Sunday of that ISO week, granularity week.
* "maart 2024" → the month; "juli – september 2024", "dec 2024 – jan. 2025" →
  first day of the first month .. last day of the last month, granularity month.
* "medio 2025" → 2025-06-01..2025-07-31 (granularity month: a June–July window);
  "medio maart 2025", "begin maart", "eind maart 2025" → that month.
* "begin 2026" → Q1 2026, "eind 2027" → Q4 2027 (granularity quarter).
* "Q1 2025", "het eerste kwartaal van 2025" → the quarter; "eerste helft van
  2025", "H2 2025" → the half year (granularity half).
* Seasons (meteorological, year required): "voorjaar/lente 2025" Mar–May,
  "zomer 2024" Jun–Aug, "najaar/herfst 2024" Sep–Nov, "winter 2024" Dec–Feb;
  granularity month.
* "2023-2026", "2024 t/m 2027" → 2023-01-01..2026-12-31, granularity year.
* Open ends: "2026 en verder", "vanaf 2026" → start of that period .. 9999-12-31
  (`datetime.date.max`); the hit text includes "vanaf"/"en verder".
* "per 1 januari 2025", "t/m 30 september 2026", "uiterlijk ..." → the date itself
  (the moment of change or the deadline); the qualifier is not part of the hit.
* A bare year only with a time word before it ("in 2026", "begroting 2026",
  "vanaf 2026", "jaren 2024, 2025 en 2026") → that year, granularity year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from extract.scan import Occupancy, finditer_in, windows
from models import DateValue

OPEN_END = dt.date.max

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_FULL = [m for m in MONTHS if len(m) > 4 or m in ("mei", "juni", "juli")]
_ABBR = [m for m in MONTHS if m not in _FULL]
_MON = (r"(?:(?:" + "|".join(sorted(_FULL, key=len, reverse=True)) + r")\b"
        r"|(?:" + "|".join(sorted(_ABBR, key=len, reverse=True)) + r")\b\.?)")
_YEAR = r"(?:19[5-9]\d|20\d\d|21\d\d)"
_WS = r"[ \t]*\n?[ \t]*\n?[ \t]*"  # spaces, at most two line breaks (PDF layouts)
_SP = r"(?:[ \t]|\n[ \t]*\n?)+"  # at least one space or line break
_DASH = r"\s*[-–—]\s*"
_B = r"(?<![\w./-])"  # left boundary: not inside a word, number or code
_E = r"(?![\w/]|[.,-]\d)"  # right boundary

ORDINALS = {
    "eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3,
    "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4, "laatste": 4,
}
SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11),
           "herfst": (9, 11), "winter": (12, 14)}
YEAR_CUES = (
    r"in|per|vanaf|sinds|tot|t/m|tot en met|voor|na|rond|uiterlijk|jaar|jaren|"
    r"begroting|begrotingsjaar|jaarrekening|kadernota|voorjaarsnota|najaarsnota|"
    r"zomernota|meerjarenraming|jaarschijf|peiljaar|boekjaar|ingang van|t\.?o\.?v\.?"
)


@dataclass
class DateHit:
    start: int
    end: int
    value: DateValue


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _val(start: dt.date, end: dt.date, gran: str) -> DateValue:
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


# --- handlers: (match, ref) -> list[(start, end, DateValue)] --------------------------

def _h_numeric(m, ref):
    g = m.groupdict()
    try:
        if g["iy"]:
            d = dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        else:
            d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return []
    return [(m.start(), m.end(), _val(d, d, "day"))]


def _h_daymonth(m, ref):
    mode = "past" if m.group("jl") else "future" if m.group("as") else "near"
    d = _day(m.group("d"), m.group("mon"), m.group("y"), ref, mode)
    return [(m.start(), m.end(), _val(d, d, "day"))] if d else []


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
        out.append((s, s + len(dm.group()), _val(d, d, "day")))
    out.append((m.start("d2"), m.end(), _val(last, last, "day")))
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
    return [(m.start(), m.end(), _val(first, last, "day"))]


def _h_week(m, ref):
    d = _day(m.group("d"), m.group("mon"), m.group("y"), ref)
    if not d:
        return []
    monday = d - dt.timedelta(days=d.weekday())
    return [(m.start(), m.end(), _val(monday, monday + dt.timedelta(days=6), "week"))]


def _h_monthrange(m, ref):
    m1, m2 = _mon(m.group("m1")), _mon(m.group("m2"))
    y2 = int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    start, end = dt.date(y1, m1, 1), _month_end(y2, m2)
    if start > end:
        return []
    return [(m.start(), m.end(), _val(start, end, "month"))]


def _h_month(m, ref):
    y, mo = int(m.group("y")), _mon(m.group("mon"))
    return [(m.start(), m.end(), _val(dt.date(y, mo, 1), _month_end(y, mo), "month"))]


def _h_medio(m, ref):
    y = int(m.group("y"))
    word = m.group("w").lower()
    if m.group("mon"):
        mo = _mon(m.group("mon"))
        return [(m.start(), m.end(), _val(dt.date(y, mo, 1), _month_end(y, mo), "month"))]
    if word == "medio":
        return [(m.start(), m.end(), _val(dt.date(y, 6, 1), dt.date(y, 7, 31), "month"))]
    if word.startswith("begin"):
        return [(m.start(), m.end(), _val(dt.date(y, 1, 1), dt.date(y, 3, 31), "quarter"))]
    return [(m.start(), m.end(), _val(dt.date(y, 10, 1), dt.date(y, 12, 31), "quarter"))]


def _quarter(y: int, q: int) -> DateValue:
    return _val(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")


def _h_quarter(m, ref):
    q = int(m.group("q")) if m.group("q") else ORDINALS[m.group("o").lower()]
    return [(m.start(), m.end(), _quarter(int(m.group("y")), q))] if 1 <= q <= 4 else []


def _h_half(m, ref):
    h = int(m.group("h")) if m.group("h") else ORDINALS[m.group("o").lower()]
    if h not in (1, 2):
        return []
    y = int(m.group("y"))
    v = _val(dt.date(y, 1, 1), dt.date(y, 6, 30), "half") if h == 1 else \
        _val(dt.date(y, 7, 1), dt.date(y, 12, 31), "half")
    return [(m.start(), m.end(), v)]


def _h_season(m, ref):
    y = int(m.group("y"))
    a, b = SEASONS[m.group("s").lower()]
    end = _month_end(y, b) if b <= 12 else _month_end(y + 1, b - 12)
    return [(m.start(), m.end(), _val(dt.date(y, a, 1), end, "month"))]


def _h_yearrange(m, ref):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (0 < y2 - y1 <= 30):
        return []
    return [(m.start(), m.end(), _val(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))]


def _h_yearlist(m, ref):
    out = []
    for ym in re.finditer(_YEAR, m.group("ys")):
        y = int(ym.group())
        s = m.start("ys") + ym.start()
        out.append((s, s + 4, _val(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")))
    return out


_DM = rf"(?P<d>[0-3]?\d){_SP}(?P<mon>{_MON})(?:{_WS}(?P<y>{_YEAR}))?"
PATTERNS: list[tuple[re.Pattern, object]] = [
    (rf"{_B}(?:(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>{_YEAR})|"
     rf"(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)){_E}", _h_numeric),
    (rf"{_B}{_DM}(?:{_WS}(?P<jl>jl\.?|jongstleden)|{_WS}(?P<as>a\.s\.?|aanstaande))?(?!\w)",
     _h_daymonth),
    (rf"{_B}(?P<ds>[0-3]?\d(?:\s*,\s*[0-3]?\d)*)\s+en\s+(?P<d2>[0-3]?\d){_SP}(?P<mon>{_MON})"
     rf"(?:{_WS}(?P<y>{_YEAR}))?(?!\w)", _h_daylist),
    (rf"{_B}(?P<d1>[0-3]?\d)(?:\s*/\s*[0-3]?\d)*(?:\s*/\s*|{_DASH}|\s+t/m\s+)(?P<d2>[0-3]?\d)"
     rf"{_SP}(?P<mon>{_MON})(?:{_WS}(?P<y>{_YEAR}))?(?!\w)", _h_dayrange),
    (rf"(?i:week){_SP}van{_SP}{_DM}(?!\w)", _h_week),
    (rf"{_B}(?P<m1>{_MON})(?:{_WS}(?P<y1>{_YEAR}))?(?:{_DASH}|\s+t/m\s+|\s+tot en met\s+)"
     rf"(?P<m2>{_MON}){_WS}(?P<y2>{_YEAR}){_E}", _h_monthrange),
    (rf"{_B}(?P<mon>{_MON}){_WS}(?P<y>{_YEAR}){_E}", _h_month),
    (rf"{_B}(?P<w>medio|begin|eind|einde|eind van|einde van|aan het eind van|"
     rf"aan het begin van|begin van)(?:{_SP}(?P<mon>{_MON}))?{_SP}(?P<y>{_YEAR}){_E}", _h_medio),
    (rf"{_B}(?:Q(?P<q>[1-4])|(?:het\s+)?(?P<o>eerste|tweede|derde|vierde|laatste|[1-4]e|"
     rf"[1-4]ste|[1-4]de)\s+kwartaal(?:\s+van)?){_WS}(?P<y>{_YEAR}){_E}", _h_quarter),
    (rf"{_B}(?:H(?P<h>[12])|(?:de\s+)?(?P<o>eerste|tweede|1e|2e)\s+(?:helft|halfjaar)"
     rf"(?:\s+van)?){_WS}(?P<y>{_YEAR}){_E}", _h_half),
    (rf"{_B}(?P<s>voorjaar|lente|zomer|najaar|herfst|winter)(?:\s+van)?{_WS}(?P<y>{_YEAR}){_E}",
     _h_season),
    (rf"{_B}(?P<y1>{_YEAR})(?:{_DASH}|\s*/\s*|\s+t/m\s+|\s+tot en met\s+|\s+tot\s+)"
     rf"(?P<y2>{_YEAR}){_E}", _h_yearrange),
    (rf"(?:(?<![\w])(?:{YEAR_CUES})\s+)(?P<ys>{_YEAR}(?:\s*,\s*{_YEAR})*(?:\s+en\s+{_YEAR})?)"
     rf"{_E}", _h_yearlist),
    (rf"{_B}(?P<ys>{_YEAR})(?=\s+en\s+verder\b)", _h_yearlist),
]
PATTERNS = [(re.compile(p, re.IGNORECASE), h) for p, h in PATTERNS]
# The patterns run only in windows around a year or a "<digit> <month>" of the text:
# trying the month-name alternations at every position is slow.
_DAY_FIRST = {_h_daymonth, _h_daylist, _h_dayrange, _h_week}
_YEAR_ANCHOR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_DAY_ANCHOR = re.compile(rf"\d{_SP}(?:{_MON})", re.IGNORECASE)
_WINDOW_BEFORE, _WINDOW_AFTER = 60, 40

_OPEN_AFTER = re.compile(r"\s+en\s+verder\b|\s+e\.v\.", re.IGNORECASE)
_OPEN_BEFORE = re.compile(r"(?<!\w)(?:vanaf|met ingang van)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:en|tot en met|t/m|tot|[-–—])\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?<!\w)(?:tussen|van|vanaf)\s+$", re.IGNORECASE)


def _select(cands: list[tuple[int, int, int, list]], length: int) -> list[list]:
    """Longest non-overlapping matches first (ties: earlier pattern wins)."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    occ = Occupancy(length)
    chosen = []
    for s, e, _, hits in cands:
        if occ.free(s, e):
            occ.take(s, e)
            chosen.append(hits)
    return chosen


def _merge_ranges(text: str, hits: list[DateHit]) -> list[DateHit]:
    """"tussen X en Y", "van X tot Y", "X t/m Y" → one range hit."""
    out: list[DateHit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits):
            n = hits[i + 1]
            between = text[h.end:n.start]
            joined = _RANGE_JOIN.fullmatch(" " + between + " ") if len(between) < 14 else None
            word = between.strip().lower()
            opener = _RANGE_OPEN.search(text[max(0, h.start - 10):h.start])
            if joined and h.value.granularity == n.value.granularity and (
                word in ("t/m", "tot en met", "-", "–", "—") or opener
            ) and not (word == "tot" and opener is None):
                start, end = h.value.start, n.value.end
                if start > end and h.value.start.year == n.value.end.year:
                    start = start.replace(year=start.year - 1) if not (
                        start.month == 2 and start.day == 29) else start
                if start <= end:
                    out.append(DateHit(h.start, n.end,
                                       _val(start, end, h.value.granularity)))
                    i += 2
                    continue
        out.append(h)
        i += 1
    return out


def _open_ends(text: str, hits: list[DateHit]) -> list[DateHit]:
    for h in hits:
        after = _OPEN_AFTER.match(text, h.end)
        before = _OPEN_BEFORE.search(text[max(0, h.start - 20):h.start])
        if after:
            h.end = after.end()
        elif before:
            h.start -= len(before.group())
        else:
            continue
        h.value = _val(h.value.start, OPEN_END, h.value.granularity)
    return hits


def find_dates(text: str, reference_date: dt.date | None = None) -> list[DateHit]:
    """All date expressions in `text`, in text order (see module docstring)."""
    ref = reference_date or dt.date.today()
    cands = []
    year_windows = windows(_YEAR_ANCHOR, text, _WINDOW_BEFORE, _WINDOW_AFTER)
    day_windows = windows(_DAY_ANCHOR, text, _WINDOW_BEFORE, _WINDOW_AFTER)
    for prio, (rx, handler) in enumerate(PATTERNS):
        wins = day_windows if handler in _DAY_FIRST else year_windows
        for m in finditer_in(rx, text, wins):
            hits = handler(m, ref)
            if hits:
                cands.append((m.start(), m.end(), prio, hits))
    hits = [DateHit(s, e, v) for group in _select(cands, len(text)) for s, e, v in group]
    hits.sort(key=lambda h: h.start)
    return _open_ends(text, _merge_ranges(text, hits))


def parse_date(phrase: str, reference_date: dt.date | None = None) -> DateValue | None:
    """The value of the first date expression in `phrase`, or None."""
    hits = find_dates(phrase, reference_date)
    return hits[0].value if hits else None
