"""Subjects and aliases: which organisation, programme or task a mention is about.

Three sources, most specific first:
- abbreviations defined in the document itself ("Organisatie voor Zorg en
  Jeugdhulp in Twente (OZJT)"), learned per document;
- the curated, editable alias file `data/aliases.tsv`;
- near matches of multi-word names (rapidfuzz), for typos and OCR noise.

`find_subject(text)` returns the subject named in a piece of text (a table row,
a sentence); `link_subjects` gives every money mention the subject of its row or
sentence, falling back to the proposal whose option it is, then to the heading
above it. `extract.pipeline.extract_pages` calls it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from raadslens.models import Mention, MentionKind
from raadslens.extract.proposal_tables import ROW_PREFIX
from raadslens.models.text import context_bounds, is_table_row

ALIASES_FILE = Path(__file__).parent / "data" / "aliases.tsv"
DEFINITION_RE = re.compile(r"((?:[\w&'-]+\s+){0,7}[\w'-]+)\s*\(([A-Z][A-Za-z&]{1,7})\)")
ABBR_RE = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_DEFINITION_AT_END = re.compile(DEFINITION_RE.pattern + r"\Z")
_TOKEN_RE = re.compile(r"\S+")
# A subject is not "the council" when something more specific is named.
GENERIC = {"Gemeenteraad", "Kerntakendiscussie", "Raadsinformatiebrief"}
# Organisations and pillars: a proposal or a named task is more specific.
BROAD = {"GGD Twente", "Publieke gezondheid en leefomgeving", "Algemeen Bestuur", "Dagelijks Bestuur"}
TOTAL_RE = re.compile(r"\b(?:sub-?)?totaal|totaaleffect", re.IGNORECASE)


@dataclass(frozen=True)
class SubjectMatch:
    canonical: str
    alias: str  # the words in the text that matched
    start: int
    end: int


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_FILE) -> dict[str, str]:
    """alias (lower-case) → canonical name."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        table[canonical.strip().lower()] = canonical.strip()
        for alias in aliases.split("|"):
            if alias.strip():
                table[alias.strip().lower()] = canonical.strip()
    return table


def learn_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines: {"OZJT": "Organisatie voor Zorg en Jeugdhulp in Twente"}.

    The long form is the shortest run of words before "(ABBR)" that starts with
    a capital and whose initials (of all words, or of the capitalised ones) spell
    the abbreviation.
    """
    learned: dict[str, str] = {}
    for a in ABBR_RE.finditer(text):  # anchor on "(ABBR)", then read the words before it
        lo = max(0, a.start() - 120)
        # a definition spans at most 8 whitespace-separated tokens: starting the search
        # at the 8th token back finds the same match without trying every earlier position
        tokens = [t.start() for t in _TOKEN_RE.finditer(text, lo, a.start())]
        if len(tokens) > 8:
            lo = tokens[-8]
        m = _DEFINITION_AT_END.search(text, lo, a.end())
        if m is None:
            continue
        words, abbr = m.group(1).split(), m.group(2).replace("&", "").upper()
        for i in range(len(words) - 1, -1, -1):
            tail = words[i:]
            if not tail[0][:1].isupper() or len(tail) < 2:
                continue
            every = "".join(w[0] for w in tail).upper()
            capitals = "".join(w[0] for w in tail if w[:1].isupper()).upper()
            if abbr in (every, capitals):
                learned.setdefault(m.group(2), " ".join(tail))
                break
    return learned


@lru_cache(maxsize=8)
def _alias_regex(keys: tuple[str, ...]) -> re.Pattern:
    ordered = sorted(keys, key=len, reverse=True)
    # The lookahead on the aliases' first letters changes no match; it spares `re` trying
    # every alias at every word start (2-3x faster on a page).
    first = {k[:1] for k in keys}
    lead = "" if "" in first else "(?=[" + "".join(sorted(map(re.escape, first))) + "])"
    alternatives = "|".join(re.escape(k) for k in ordered)
    return re.compile(r"(?<!\w)" + lead + "(" + alternatives + r")(?!\w)", re.IGNORECASE)


def canonical_name(name: str, learned: dict[str, str] | None = None) -> str | None:
    """The canonical subject for a user's or document's name of it (exact or near)."""
    aliases = load_aliases()
    key = name.strip().lower()
    if key in aliases:
        return aliases[key]
    if learned:
        for abbr, long in learned.items():
            if key in (abbr.lower(), long.lower()):
                return aliases.get(long.lower(), aliases.get(abbr.lower(), long))
    if len(key) >= 6:
        best = process.extractOne(key, list(aliases), scorer=fuzz.ratio, score_cutoff=85)
        if best:
            return aliases[best[0]]
    return None


def find_subjects(text: str, learned: dict[str, str] | None = None) -> list[SubjectMatch]:
    """Every subject named in the text, in order of appearance."""
    aliases = load_aliases()
    table = dict(aliases)
    for abbr, long in (learned or {}).items():
        canon = aliases.get(long.lower()) or aliases.get(abbr.lower()) or long
        table.setdefault(abbr.lower(), canon)
        table.setdefault(long.lower(), canon)
    rx = _alias_regex(tuple(sorted(table)))
    out = []
    for m in rx.finditer(text):
        alias = m.group(1)
        if alias.isupper() is False and alias.lower() in ("raad", "raden", "ab", "db"):
            continue  # short common words count only in capitals ("AB"), not "ab"
        canon = table[alias.lower()]
        if alias.lower() in ("ab", "db", "vtt", "gsa", "ggd", "rib", "cmt") and not alias.isupper():
            continue
        out.append(SubjectMatch(canon, alias, m.start(), m.end()))
    return out


def find_subject(text: str, learned: dict[str, str] | None = None) -> SubjectMatch | None:
    """The most specific subject named in the text: the first non-generic one."""
    found = find_subjects(text, learned)
    specific = [s for s in found if s.canonical not in GENERIC]
    return (specific or found or [None])[0]


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


def _proposal_subjects(mentions: list[Mention]):
    """(page, start, subject, option effects, any option PM) of every proposal."""
    out = []
    for p in mentions:
        if p.kind is MentionKind.proposal and p.value is not None:
            title = re.sub(r"\s*\([^)]*\)\s*$", "", p.value.title).strip()
            subject = canonical_name(title) or title
            effects = {c for o in p.value.options for c in o.effects}
            out.append((p.page, p.start, subject, effects, any(o.pm for o in p.value.options)))
    return sorted(out, key=lambda x: (x[0], x[1]))


def _option_subject(m: Mention, proposals) -> str | None:
    """The proposal whose option has this amount: the nearest one above it, on the
    same or the previous page."""
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


def aliases_of(canonical: str) -> list[str]:
    """Every name of a subject in the alias file (the canonical name first)."""
    names = [canonical] + [a for a, c in _alias_pairs() if c == canonical and a.lower() != canonical.lower()]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _alias_pairs() -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in ALIASES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, _, aliases = line.partition("\t")
            pairs += [(a.strip(), canonical.strip()) for a in aliases.split("|") if a.strip()]
    return tuple(pairs)
