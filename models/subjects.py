"""Subjects and aliases: the shared vocabulary of which organisation, programme or task a text names.

Three sources, most specific first:
- abbreviations defined in the document itself ("Organisatie voor Zorg en
  Jeugdhulp in Twente (OZJT)"), learned per document;
- the curated, editable alias file `data/aliases.tsv`;
- near matches of multi-word names (rapidfuzz), for typos and OCR noise.

`find_subject(text)` returns the subject named in a piece of text (a table row,
a sentence). Extraction (`extract.subjects.link_subjects`) and the answers
(`search_api`) both read it, so it lives here, below both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

ALIASES_FILE = Path(__file__).parent / "data" / "aliases.tsv"
DEFINITION_RE = re.compile(r"((?:[\w&'-]+\s+){0,7}[\w'-]+)\s*\(([A-Z][A-Za-z&]{1,7})\)")
ABBR_RE = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_DEFINITION_AT_END = re.compile(DEFINITION_RE.pattern + r"\Z")
_TOKEN_RE = re.compile(r"\S+")
# A subject is not "the council" when something more specific is named.
GENERIC = {"Gemeenteraad", "Kerntakendiscussie", "Raadsinformatiebrief"}
# Organisations and pillars: a proposal or a named task is more specific.
BROAD = {"GGD Twente", "Publieke gezondheid en leefomgeving", "Algemeen Bestuur", "Dagelijks Bestuur"}


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
    chosen = specific or found
    return chosen[0] if chosen else None


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
