"""Linking money mentions to their subject (the vocabulary is `models.subjects`).

`link_subjects` gives every money mention the subject of its row or sentence,
falling back to the proposal whose option it is, then to the heading above it.
`extract.pipeline.extract_pages` calls it.
"""

from __future__ import annotations

import bisect
import re

from raadslens.extract.proposal_tables import ROW_PREFIX
from raadslens.models import Mention, MentionKind, MoneyValue, ProposalValue
from raadslens.models.subjects import (
    BROAD,
    GENERIC,
    SubjectMatch,
    canonical_name,
    find_subjects,
    learn_abbreviations,
)
from raadslens.models.text import context_bounds, is_table_row

TOTAL_RE = re.compile(r"\b(?:sub-?)?totaal|totaaleffect", re.IGNORECASE)


def _row_ranges(text: str, start: int, end: int) -> tuple[tuple[int, int], list[tuple[int, int]], bool]:
    """Where the words before and after an amount that may name its subject are, and
    whether it is a table row: a row without its "Pijler, #" cell, with a continuation
    line that holds no amount ("… bij het meldpunt | -€ 95.000" / "Woningvervuiling");
    else the amount's line or sentence."""
    s, e = context_bounds(text, start, end)
    line = text[s:e]
    if not (is_table_row(line) or ROW_PREFIX.match(line)):
        return (s, start), [(end, e)], False
    prefix = ROW_PREFIX.match(text, s)
    after = [(end, e)]
    nxt_end = text.find("\n", e + 1)
    nxt = text[e + 1: len(text) if nxt_end < 0 else nxt_end]
    if nxt.strip() and len(nxt) < 80 and "|" not in nxt and not ROW_PREFIX.match(nxt) \
            and not re.search(r"€|\d", nxt):
        after.append((e + 1, e + 1 + len(nxt)))
    return (prefix.end() if prefix and prefix.end() <= start else s, start), after, True


def _within(found: list[SubjectMatch], starts: list[int], a: int, b: int) -> list[SubjectMatch]:
    return [f for f in found[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
            if f.end <= b and f.canonical not in GENERIC]


def _is_total(line: str) -> bool:
    """A (sub)total row, or a cell line with amounts only ("€ 229.000 (I) €290.000 (S)")."""
    words = re.sub(r"\((?:I|S|evt\.?\s*PM)\)|€|EUR|PM", " ", line)
    return bool(TOTAL_RE.search(line)) or not re.search(r"[A-Za-z]{3}", words)


ProposalSubject = tuple[int, int, str, set[int], bool]


def _proposal_subjects(mentions: list[Mention]) -> list[ProposalSubject]:
    """(page, start, subject, option effects, any option PM) of every proposal."""
    out: list[ProposalSubject] = []
    for p in mentions:
        if p.kind is MentionKind.proposal and isinstance(p.value, ProposalValue):
            title = re.sub(r"\s*\([^)]*\)\s*$", "", p.value.title).strip()
            subject = canonical_name(title) or title
            effects = {c for o in p.value.options for c in o.effects}
            out.append((p.page, p.start, subject, effects, any(o.pm for o in p.value.options)))
    return sorted(out, key=lambda x: (x[0], x[1]))


def _option_subject(m: Mention, proposals: list[ProposalSubject]) -> str | None:
    """The proposal whose option has this amount: the nearest one above it, on the
    same or the previous page."""
    if not isinstance(m.value, MoneyValue):
        return None
    for page, start, subject, effects, pm in reversed(proposals):
        if (page, start) > (m.page, m.start) or page < m.page - 1:
            continue
        if (m.value.cents in effects) or (m.value.pm and pm):
            return subject
    return None


def link_subjects(pages: list[tuple[int, str]], mentions: list[Mention]) -> None:
    """Set `subject` on money mentions (in place), most specific first:

    1. a specific subject named in the amount's table row (not its "Pijler, #"
       cell) or sentence, the nearest one before the amount first;
    2. the proposal whose option the amount is (`ProposalOption.effects`);
    3. a broad subject named there (the GGD, a pillar such as PB&L);
    4. for prose, the nearest subject named just before it on the page.
    (Sub)totals and cells with amounts only get none: a total is not about the
    row above it.
    """
    learned: dict[str, str] = {}
    for _, text in pages:
        learned.update(learn_abbreviations(text))
    texts = dict(pages)
    found: dict[int, tuple[list[SubjectMatch], list[int]]] = {}  # page → names on it
    proposals = _proposal_subjects(mentions)
    for m in mentions:
        if m.kind is not MentionKind.money or m.subject:
            continue
        text = texts.get(m.page, "")
        (bs, be), after, row = _row_ranges(text, m.start, m.end)
        if _is_total(text[bs:be] + " " + " ".join(text[a:b] for a, b in after)):
            continue
        if m.page not in found:
            names = find_subjects(text, learned)
            found[m.page] = (names, [n.start for n in names])
        names, starts = found[m.page]
        # nearest first: the names before the amount (last one first), then after it
        named = [n.canonical for n in _within(names, starts, bs, be)[::-1]]
        named += [n.canonical for a, b in after for n in _within(names, starts, a, b)]
        subject = next((c for c in named if c not in BROAD), None)
        subject = subject or _option_subject(m, proposals) or (named[0] if named else None)
        if subject is None and not row:
            # the nearest subject named before the amount on the same page (a heading)
            before = _within(names, starts, max(0, m.start - 600), m.start)
            subject = before[-1].canonical if before else None
        m.subject = subject
