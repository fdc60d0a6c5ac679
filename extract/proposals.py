"""Proposals ("Voorstel N: titel") with options → `ProposalValue` (no spaCy).

`find_proposals(text, money_hits, pillar)` returns `ProposalHit`s whose offsets
cover the heading line ("Voorstel 1: Gezonde School Aanpak (GSA)").

* A heading is "Voorstel N: title" or "Voorstel N. title" at the start of a line.
  Its region runs to the next proposal or pillar heading.
* Options: the numbered items after "Keuzemogelijkheden (zijn):" — "1. … (Scenario
  Kern) 2. … (Scenario Koers)", inline or one per line; the scenario name goes to
  `scenario`, the rest (whitespace collapsed) to `text`.
* Effects: where the report repeats an option as a numbered paragraph
  ("1. Beëindigen van … -€ 185.000"), the money amounts in that paragraph's head
  (up to the line of its first amount, within a few lines) are the option's
  effects in cents; amounts inside the option item itself count too. A PM
  there ("PM", "0 (evt. PM)") sets the option's `pm`. Amounts in the paragraph's
  body ("Mogelijke effecten …") do not count.
* Without "Keuzemogelijkheden", a table under the heading ("Jeugd, 2 Beëindigen …
  -€ 185.000") gives the options (`extract.proposal_tables`).
* Pillar: the nearest "Pijler N: Naam" heading above the proposal (the name
  only, e.g. "Jeugd"), None after a numbered section heading ("4.1 …") ends it;
  `pillar` passes one in from an earlier page.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from raadslens.extract.money import MoneyHit, find_money
from raadslens.extract.proposal_tables import looks_like_table, table_options
from raadslens.models import ProposalOption, ProposalValue

HEADING_RX = re.compile(
    r"^[ \t#*>|-]*Voorstel[^\S\n]+(?P<n>\d{1,3})[^\S\n]*[:.][^\S\n]*(?P<title>\S[^\n]*)",
    re.MULTILINE
)
PILLAR_RX = re.compile(
    r"^[ \t#*>|-]*Pijler[^\S\n]+(?P<n>\d{1,2})[^\S\n]*[:.][^\S\n]*(?P<name>\S[^\n]*)", re.MULTILINE
)
CHOICES_RX = re.compile(r"Keuzemogelijkhe(?:den|id)[^\n:]{0,20}:", re.IGNORECASE)
SCENARIO_RX = re.compile(r"\(\s*Scenario\s+(?P<name>[\w-]+)\s*\)", re.IGNORECASE)
_PARA_END = re.compile(r"\n[^\S\n]*\n\s*(?=[A-Z0-9•])")
_EFFECT_STOP = re.compile(r"Mogelijke effecten|Effecten", re.IGNORECASE)


@dataclass
class ProposalHit:
    start: int
    end: int
    value: ProposalValue


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t*.:;")


SECTION_RX = re.compile(r"^[ \t#*]*\d+\.\d+(?:\.\d+)?\.?[^\S\n]+[A-Z][^\n]{0,100}$", re.MULTILINE)


def find_pillars(text: str) -> list[tuple[int, str | None]]:
    """(offset, name) of every "Pijler N: Naam" heading, and (offset, None) for a
    numbered section heading ("4.1 Organisatorische ...") that ends the pillar."""
    events: list[tuple[int, str | None]] = [(m.start(), _clean(m.group("name"))) for m in PILLAR_RX.finditer(text)]
    events += [(m.start(), None) for m in SECTION_RX.finditer(text)]
    return sorted(events, key=lambda e: e[0])


def _item_rx(k: int) -> re.Pattern:
    return re.compile(rf"(?<!\S){k}[.)][^\S\n]+")


def parse_options(text: str, start: int, end: int) -> tuple[list[ProposalOption], int, list]:
    """Numbered options in text[start:end]; returns options, end of list, spans."""
    options, spans, pos, k = [], [], start, 1
    while True:
        m = _item_rx(k).search(text, pos, end)
        if not m or text[pos:m.start()].strip():
            break
        nxt = _item_rx(k + 1).search(text, m.end(), end)
        limit = nxt.start() if nxt else min(end, m.end() + 600)
        sc = SCENARIO_RX.search(text, m.end(), limit)
        if sc and re.search(r"\n\s*\n\s*\d+[.)]\s", text[m.end():sc.start()]):
            sc = None
        if sc:
            item_end = sc.end()
            body = text[m.end():sc.start()]
        else:
            pe = _PARA_END.search(text, m.end(), limit)
            item_end = pe.start() if pe else limit
            body = text[m.end():item_end]
        options.append(ProposalOption(number=k, text=_clean(body),
                                      scenario=sc.group("name") if sc else None))
        spans.append((m.start(), item_end))
        pos, k = item_end, k + 1
    return options, pos, spans


def _effects(text: str, options, list_end: int, end: int, money: list[MoneyHit], spans) -> None:
    """Fill option.effects from the numbered paragraphs repeating each option."""
    starts: list[int | None] = []
    pos = list_end
    for opt in options:
        m = re.compile(rf"(?:^|\n)[^\S\n]*{opt.number}[.)][^\S\n]+").search(text, pos, end)
        if m and fuzz.partial_ratio(opt.text[:50].lower(),
                                    text[m.end():m.end() + 80].lower()) >= 60:
            starts.append(m.end())
            pos = m.end()
        else:
            starts.append(None)
    starts_m = [h.start for h in money]

    def between(a: int, b: int) -> list[MoneyHit]:
        return money[bisect.bisect_left(starts_m, a):bisect.bisect_left(starts_m, b)]

    for i, opt in enumerate(options):
        s_item, e_item = spans[i]
        opt.effects = [h.value.cents for h in between(s_item, e_item) if h.value.cents is not None]
        opt.pm = any(h.value.pm for h in between(s_item, e_item))
        s = starts[i]
        if s is None:
            continue
        later = [x for x in starts[i + 1:] if x is not None]
        block_end = min(later[0] if later else end, s + 500)
        stop = _EFFECT_STOP.search(text, s, block_end)
        block_end = stop.start() if stop else block_end
        in_block = between(s, block_end)
        if not in_block:
            continue
        first = in_block[0]
        line_end = text.find("\n", first.end)
        line_end = len(text) if line_end < 0 else line_end
        head_end = min(line_end, block_end)
        opt.effects += [h.value.cents for h in in_block if h.start < head_end
                        and h.value.cents is not None]
        opt.pm = opt.pm or any(h.value.pm for h in in_block if h.start < head_end)


def find_proposals(text: str, money_hits: list[MoneyHit] | None = None,
                   pillar: str | None = None) -> list[ProposalHit]:
    """All proposal headings in `text` with options, effects and pillar."""
    money = sorted(money_hits if money_hits is not None else find_money(text),
                   key=lambda h: h.start)
    money_starts = [h.start for h in money]
    pillars = find_pillars(text)
    pillar_starts = [p for p, _ in pillars]
    heads = list(HEADING_RX.finditer(text))
    bounds = sorted([m.start() for m in heads] + pillar_starts + [len(text)])
    hits = []
    for m in heads:
        region_end = bounds[bisect.bisect_right(bounds, m.start())]
        title = _clean(m.group("title"))
        i = bisect.bisect_left(pillar_starts, m.start()) - 1
        pil = pillars[i][1] if i >= 0 else pillar
        options: list[ProposalOption] = []
        ch = CHOICES_RX.search(text, m.end(), region_end)
        if ch:
            options, list_end, spans = parse_options(text, ch.end(), region_end)
            _effects(text, options, list_end, region_end, money, spans)
        elif looks_like_table(text, m.end(), region_end):
            options = table_options(text, m.end(), region_end, money, money_starts)
        title_end = m.end("title") - (len(m.group("title")) - len(m.group("title").rstrip()))
        hits.append(ProposalHit(text.index("Voorstel", m.start(), m.end()), title_end,
                                ProposalValue(number=int(m.group("n")), title=title,
                                              pillar=pil, options=options)))
    return hits
