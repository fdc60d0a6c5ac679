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
* A month without a year only after a time word ("in januari", "half november",
  "vanaf maart") → the occurrence nearest to the reference date, granularity
  month; the hit is the month name.
* Relative years: "dit jaar", "volgend jaar", "vorig jaar" → that year from the
  reference date; "eind dit jaar", "het einde van dit jaar" → its Q4, "begin
  volgend jaar" → Q1, "medio volgend jaar" → June–July.
* A bare year only with a time word before it ("in 2026", "begroting 2026",
  "vanaf 2026", "jaren 2024, 2025 en 2026") → that year, granularity year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from raadslens.extract.date_rules import (
    DASH_ANCHOR,
    DAY_ANCHOR,
    DAYWORD_BEFORE,
    DM_ANCHOR,
    MONTH_ANCHOR,
    MONTH_WORD,
    OLD_ANCHOR,
    OPEN_AFTER,
    OPEN_BEFORE,
    OPEN_END,
    PATTERNS,
    QUARTER_ANCHOR,
    RANGE_JOIN,
    RANGE_OPEN,
    REL_ANCHOR,
    SHORT_ANCHOR,
    SLASH_ANCHOR,
    WEEK_ANCHOR,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    WINDOW_OF,
    WRAP_AFTER,
    WRAP_ANCHOR,
    YEAR_ANCHOR,
    YEAR_RX,
    make_value,
)
from raadslens.extract.scan import Occupancy, finditer_in, windows
from raadslens.models import DateValue
from raadslens.models.mentions import PLAUSIBLE_FROM, Flag

__all__ = ["OPEN_END", "DateHit", "find_dates", "infer_reference_date", "parse_date"]


@dataclass
class DateHit:
    start: int
    end: int
    value: DateValue | None  # None: no such date ("31 februari 2025"), kept as written
    flag: Flag | None = None




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


_HAS_YEAR = re.compile(rf"(?<!\d){YEAR_RX}(?!\d)")


def _same_day_in(d: dt.date, year: int) -> dt.date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 februari
        return d.replace(year=year, day=28)


_FINENESS = ["day", "week", "month", "quarter", "half", "year"]


def _merge_ranges(text: str, hits: list[DateHit]) -> list[DateHit]:
    """"tussen X en Y", "van X tot Y", "X tot Y", "X t/m Y" → one range hit, with the
    finer granularity of the two ("2024 tot juni 2025": month)."""
    out: list[DateHit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits) and h.value is not None and hits[i + 1].value is not None:
            n = hits[i + 1]
            between = text[h.end:n.start]
            joined = RANGE_JOIN.fullmatch(" " + between + " ") if len(between) < 14 else None
            word = between.strip().lower()
            opener = RANGE_OPEN.search(text[max(0, h.start - 10):h.start])
            if joined and (word != "en" or opener):
                assert h.value is not None and n.value is not None
                start, end = h.value.start, n.value.end
                if not _HAS_YEAR.search(text, h.start, h.end) and _HAS_YEAR.search(
                        text, n.start, n.end):  # "1 januari t/m 31 maart 2025"
                    start = _same_day_in(start, end.year)
                if start > end:
                    start = _same_day_in(start, start.year - 1)
                if start <= end:
                    gran = min(h.value.granularity, n.value.granularity, key=_FINENESS.index)
                    out.append(DateHit(h.start, n.end, make_value(start, end, gran)))
                    i += 2
                    continue
        out.append(h)
        i += 1
    return out


def _open_ends(text: str, hits: list[DateHit]) -> list[DateHit]:
    for h in hits:
        if h.value is None:
            continue
        after = OPEN_AFTER.match(text, h.end)
        before = OPEN_BEFORE.search(text[max(0, h.start - 20):h.start])
        if after:
            h.end = after.end()
        elif before:
            h.start -= len(before.group())
        else:
            continue
        h.value = make_value(h.value.start, OPEN_END, h.value.granularity)
    return hits


def find_dates(text: str, reference_date: dt.date | None = None) -> list[DateHit]:
    """All date expressions in `text`, in text order (see module docstring)."""
    ref = reference_date or dt.date.today()
    cands = []
    wins = {"year": windows(YEAR_ANCHOR, text, WINDOW_BEFORE, WINDOW_AFTER),
            "day": windows(DAY_ANCHOR, text, WINDOW_BEFORE, WINDOW_AFTER),
            "month": windows(MONTH_ANCHOR, text, 5, 20),
            "rel": windows(REL_ANCHOR, text, 40, 5),
            "dash": windows(DASH_ANCHOR, text, 30, 30),
            "slash": windows(SLASH_ANCHOR, text, 10, 10),
            "short": windows(SHORT_ANCHOR, text, 4, 4),
            "weeknr": windows(WEEK_ANCHOR, text, 2, 20),
            "old": windows(OLD_ANCHOR, text, 3, 3),
            "quarter": windows(QUARTER_ANCHOR, text, 20, 25),
            "dayword": windows([m for m in MONTH_WORD.finditer(text)
                                if DAYWORD_BEFORE.search(text, max(0, m.start() - 30), m.start())], text, 30, 12),
            "dm": windows(DM_ANCHOR, text, 12, 3),
            "wrap": windows(WRAP_ANCHOR, text, 3, WRAP_AFTER)}
    for prio, (rx, handler) in enumerate(PATTERNS):
        for m in finditer_in(rx, text, wins[WINDOW_OF.get(handler, "year")]):
            hits = handler(m, ref)
            if hits:
                cands.append((m.start(), m.end(), prio, hits))
    found = [DateHit(s, e, v, _flag(v)) for group in _select(cands, len(text)) for s, e, v in group]
    found.sort(key=lambda h: h.start)
    return _open_ends(text, _merge_ranges(text, found))


def _flag(value: DateValue | None) -> Flag | None:
    if value is None:
        return "impossible"
    return "implausible" if value.start.year < PLAUSIBLE_FROM else None


def parse_date(phrase: str, reference_date: dt.date | None = None) -> DateValue | None:
    """The value of the first date expression in `phrase`, or None."""
    hits = find_dates(phrase, reference_date)
    return hits[0].value if hits else None


DATE_LABEL_RX = re.compile(r"(?<!\w)(?:verzend)?datum\b[*: \t]*", re.IGNORECASE)


def infer_reference_date(text: str, window: int = 300) -> dt.date | None:
    """The document's own date: the first day date with a year after a "Datum" label
    (letterhead "Datum\\n5 november 2024" or a header row), else None."""
    for label in DATE_LABEL_RX.finditer(text):
        end = label.end() + window
        for hit in find_dates(text[label.end():end], dt.date.today()):
            v = hit.value
            if v is not None and hit.flag is None and v.granularity == "day" and v.start == v.end and YEAR_ANCHOR.search(
                    text, label.end() + hit.start, label.end() + hit.end):
                return v.start
    return None
