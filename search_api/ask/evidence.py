"""Evidence for a question: candidate pages from the index, facts on them, ranked by their context.

A fact (an amount, a date, a zaaknummer, a decision) is as good as the words
around it: the share of the question's subject terms, weighted by how rare they
are among the candidate pages (an IDF), found in its line or sentence, its
table row and column labels, the heading above it, the page and the
document's title. Compound words count ("krediet" in "investeringskrediet"),
and so do OCR slips (rapidfuzz). The weights are few and stated here, so a
wrong answer can be traced to the term that carried it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from raadslens.models.normalize import index_tokens, index_words, stem
from raadslens.models.text import context, context_bounds
from raadslens.search_api.ask.question import Question
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store import Store
from raadslens.search_api.store.rows import Hit, MentionRow

CANDIDATE_PAGES = 40
# Where a term counts, and how much: the fact's own line weighs most.
WEIGHTS = {"line": 0.45, "window": 0.15, "heading": 0.10, "page": 0.15, "title": 0.15}
WINDOW = 350  # characters either side of the fact for the "window"
# A running header's amount or date repeats the body or dates the document; its kenmerk is the
# document's own number, so zaaknummers in furniture keep their weight.
FURNITURE_WEAK = ("money", "date")
FURNITURE_PENALTY = 0.2
HEADING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][^|.:;]{2,80}$")
# A numbered agenda item's title may be long and end with a period ("10.5 Bevestiging inkooprelatie met
# Stichting … Bibliotheek Voorschoten-Wassenaar.")
ITEM_HEADING_RE = re.compile(r"^\d+\.\d+(?:\.\d+)*\.?\s+[\w(][^|:;]{2,160}$")


@lru_cache(maxsize=4096)  # a page's stems are ~30 KB: bounded so a long-running server stays small
def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in index_words(text))


@lru_cache(maxsize=1024)
def _searchable(stems: frozenset[str]) -> tuple[str, list[str]]:
    """A text's stems joined (one substring test finds whether any stem holds a term) and its
    stems of six letters or more (the ones an OCR slip is looked for in), once per text."""
    return "\x00".join(stems), [s for s in stems if len(s) >= 6]


@lru_cache(maxsize=8192)  # each entry keeps its stems alive: a few questions' worth
def term_match(term: str, stems: frozenset[str]) -> float:
    """1 for the stem itself; 0.8 for a compound holding it or an OCR slip of it; else 0.
    Cached: the same page's stems are matched against the same terms for every fact on it."""
    if term in stems:
        return 1.0
    if len(term) < 4:
        return 0.0
    joined, long = _searchable(stems)
    if term in joined and any(len(s) >= len(term) + 3 and term in s for s in stems):
        return 0.8
    if len(term) >= 6 and process.extractOne(term, long, scorer=fuzz.ratio, score_cutoff=88) is not None:
        return 0.8
    return 0.0


@dataclass
class Terms:
    """The question's subject terms with their IDF weights, and the aliases learned for them:
    an abbreviation in a text counts for every word of its long form and the other way round."""

    stems: list[str]
    weights: dict[str, float]
    aliases: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (abbreviation, long form)

    def match(self, t: str, stems: frozenset[str]) -> float:
        """One term's match in a text's stems, aliases counted (coverage sums these by weight)."""
        m = term_match(t, stems)
        if m < 1.0:
            for abbr, long in self.aliases:
                if (t in long and abbr in stems) or (t == abbr and long <= stems):
                    return 1.0
        return m

    def coverage(self, text: str | frozenset[str]) -> float:
        stems = text if isinstance(text, frozenset) else _stems_of(text)
        total = sum(self.weights.values())
        if not total:
            return 0.0
        return sum(w * self.match(t, stems) for t, w in self.weights.items()) / total


@dataclass
class Page:
    hit: Hit
    stems: frozenset[str]
    title_stems: frozenset[str]

    @property
    def key(self) -> tuple[str, int]:
        return self.hit["document_id"], self.hit["number"]


@dataclass
class Evidence:
    question: Question
    terms: Terms
    pages: list[Page]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    dated: set[tuple[str, int]] | None = None  # dated_pages, once computed

    def page(self, doc_id: str, number: int) -> Page | None:
        return next((p for p in self.pages if p.key == (doc_id, number)), None)


PAREN_ABBR = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,6})\s*\)")
SMALL_WORDS = {"van", "voor", "de", "het", "en", "der", "in", "op", "&"}


def _initials_match(words: list[str], abbr: str) -> list[str] | None:
    """The shortest tail of `words` whose initials (small words skipped) spell `abbr`."""
    letters = [c for c in abbr.upper() if c.isalpha()]
    picked: list[str] = []
    for w in reversed(words):
        if w.lower() in SMALL_WORDS and picked:
            continue
        if len(picked) == len(letters) or not w[:1].isalpha():
            break
        if w[0].upper() != letters[len(letters) - 1 - len(picked)]:
            return None
        picked.insert(0, w)
        if len(picked) == len(letters):
            return picked
    return None


def learn_aliases(texts: list[str], question: str) -> list[tuple[str, frozenset[str]]]:
    """Abbreviations and their long forms, learned from the documents, never listed:
    "het Algemeen Bestuur (AB)" teaches that AB is Algemeen Bestuur; a capitalised name in the
    question ("Veilig Thuis Twente") whose initials the documents use as a word (VTT) is the same."""
    out: dict[str, frozenset[str]] = {}
    for text in texts:
        for m in PAREN_ABBR.finditer(text):
            words = text[max(0, m.start() - 120): m.start()].split()[-8:]
            picked = _initials_match(words, m.group(1))
            if picked and len(picked) >= 2:
                out.setdefault(stem(m.group(1).lower()), frozenset(stem(w) for w in index_words(" ".join(picked))))
    joined = "\n".join(texts)
    for m in re.finditer(r"(?:[A-Z][\w'-]+\s+){1,4}[A-Z][\w'-]+", question):
        # every run of two or more of its capitalised parts ("Noord-Holland Noord" is NHN)
        parts = [w for w in re.split(r"[\s-]+", m.group(0)) if w[:1].isupper()]
        for i in range(len(parts)):
            for j in range(i + 2, len(parts) + 1):
                abbr = "".join(w[0] for w in parts[i:j]).upper()
                if re.search(rf"\b{abbr}\b", joined):
                    out.setdefault(stem(abbr.lower()), frozenset(stem(w) for w in index_words(" ".join(parts[i:j]))))
    return list(out.items())


def gather(store: Store, q: Question, *, limit: int = CANDIDATE_PAGES) -> Evidence:
    """The candidate pages for the question's terms (any of them, BM25 first), with term weights."""
    stems = list(q.terms)
    phrases = [p for p in (tuple(index_tokens(s)) for s in stems) if p]
    if not phrases:
        return Evidence(q, Terms([], {}), [])
    parsed = ParsedQuery(stems={t for p in phrases for t in p}, clauses=[phrases])
    _, hits = store.search_pages(parsed, limit=limit)
    aliases = [(a, long) for a, long in learn_aliases([h["text"] for h in hits], q.text)
               if a in stems or long & set(stems) == long]
    if aliases:  # search again with each alias's other form, so pages that only say "VTT" come in
        extra = [tuple(index_tokens(a)) for a, long in aliases if a not in stems]
        extra += [tuple(t for s in sorted(long) for t in index_tokens(s)) for a, long in aliases if a in stems]
        parsed = ParsedQuery(stems=parsed.stems | {t for p in extra for t in p}, clauses=[phrases + extra])
        _, hits = store.search_pages(parsed, limit=limit)
    docs = {i: dict(d) for i, d in store.documents_by_id(h["document_id"] for h in hits).items()}
    named = named_organisations(q.text, docs.values())
    pages = []
    for h in hits:
        d = docs.get(h["document_id"], {})
        if named and not _may_be_of(d, named):
            continue  # the question names an organisation; this document is another's
        title = f"{h['title'] or ''} {h['filename']} {d.get('organisation') or ''} {d.get('doc_type') or ''}"
        pages.append(Page(h, _stems_of(h["text"]), _stems_of(title)))
    ev = Evidence(q, Terms(stems, term_weights(store, stems), aliases), pages, docs)
    dated_pages(store, ev)
    return ev


# Words of an organisation's name that do not tell one from another.
ORG_GENERIC = frozenset(["gemeente", "provincie", "ministerie", "waterschap", "van", "voor", "en", "de", "het",
                         "der", "regio"])


def _org_words(name: str) -> frozenset[str]:
    return frozenset(w for w in index_words(name) if w not in ORG_GENERIC and len(w) > 2)


def named_organisations(question: str, docs: Any) -> list[frozenset[str]]:
    """The candidate documents' organisations the question names by every distinctive word of their
    name ("het college van Wassenaar" names Gemeente Wassenaar, "GS van Overijssel" Provincie
    Overijssel); none when it names none."""
    words = set(index_words(question))
    orgs = {_org_words(d.get("organisation") or "") for d in docs}
    return [o for o in orgs if o and o <= words]


def _may_be_of(doc: dict[str, Any], named: list[frozenset[str]]) -> bool:
    """A document can answer for the named organisations when it is theirs, names no organisation of
    its own, or its title names one of them (a letter filed under its addressee)."""
    own = _org_words(doc.get("organisation") or "")
    if not own or any(o == own for o in named):
        return True
    title = set(index_words(f"{doc.get('title') or ''} {doc.get('filename') or ''}"))
    return any(o <= title for o in named)


UNSEEN = 3.0  # a word of five letters or more that no page holds: a subject the documents lack
UNSEEN_LEN = 5


def term_weights(store: Store, stems: list[str]) -> dict[str, float]:
    """BM25's IDF over the whole index: a rare term tells more than a common one. A term no page
    has (the question's own phrasing, or a subject the documents lack) weighs as a common one."""
    n = max(store.counts()["pages"], 1)
    weights = {}
    for s in stems:
        tokens = tuple(index_tokens(s))
        df, _ = store.search_pages(ParsedQuery(stems=set(tokens), clauses=[[tokens]]), limit=1) if tokens else (0, [])
        weights[s] = math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else (UNSEEN if len(s) >= UNSEEN_LEN else 1.0)
    return weights


def heading_above(text: str, start: int, lines_back: int = 25) -> str:
    """The nearest short title-like line above a position (a section or table heading)."""
    before = text[:start].split("\n")[:-1]
    for line in reversed(before[-lines_back:]):
        s = line.strip()
        if (HEADING_RE.match(s) or ITEM_HEADING_RE.match(s)) and " | " not in s:
            return s
    return ""


# A sentence ends at . ! ? before a capital, not after an initial ("L. de Lange") or a title ("Dhr.").
SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])(?<!\b[Dd]hr\.)(?<!\b[Mm]r\.)(?<!\b[Dd]rs\.)(?<!\b[Mm]w\.)"
                           r"(?<!\b[Ii]r\.)(?<!\b[Dd]r\.)(?<!\b[Nn]r\.)(?<!\bjl\.)(?<!\b[Mm]evr\.)(?<!\b[Pp]rof\.)"
                           r"\s+(?=[A-Z])")


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] inside its layout line (a line may hold several)."""
    s, e = context_bounds(text, start, end)
    line = text[s:e]
    lo, hi = 0, len(line)
    for m in SENTENCE_END.finditer(line):
        if m.end() <= start - s:
            lo = m.end()
        elif m.start() >= end - s:
            hi = m.start()
            break
    return line[lo:hi]


@dataclass
class Fact:
    row: MentionRow
    kind: str
    score: float
    parts: dict[str, float]
    quote: str
    names: frozenset[str] = frozenset()  # the question's names its line, heading or title holds

    def cite(self) -> dict[str, Any]:
        r = self.row
        return {"document_id": r["document_id"], "document_title": r["title"] or r["filename"],
                "filename": r["filename"], "date": r["date"], "page": r["page"], "start": r["start"],
                "end": r["end"], "quote": self.quote, "furniture": r["furniture"]}


def score_mention(ev: Evidence, row: MentionRow, kind: str) -> Fact:
    text = row["page_text"]
    value = row["value"] or {}
    s, e = context_bounds(text, row["start"], row["end"])
    line = text[s:e] + " " + " ".join(str(value.get(k) or "") for k in ("row", "column", "title", "text"))
    page = ev.page(row["document_id"], row["page"])
    window = text[max(0, row["start"] - WINDOW): row["end"] + WINDOW]
    heading = heading_above(text, s)
    # a decision's subject is its item's title: "10.5 Bevestiging inkooprelatie …" above "Besluit: …"
    own = f"{line} {heading}" if kind == "decision" else line
    parts = {
        "line": ev.terms.coverage(own),
        "window": ev.terms.coverage(window),
        "heading": ev.terms.coverage(heading),
        "page": ev.terms.coverage(page.stems) if page else 0.0,
        "title": ev.terms.coverage(page.title_stems) if page else 0.0,
    }
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    if row["furniture"] and kind in FURNITURE_WEAK:
        score -= FURNITURE_PENALTY
    fact = Fact(row, kind, score, parts, context(text, row["start"], row["end"]))
    if ev.question.codes and not all(_holds_code(window, c) for c in ev.question.codes):
        # "Wat besloot de raad over het amendement A8.1?": the decision beside A8.2 is another one
        fact.score -= CODE_PENALTY
        fact.parts["code"] = 0.0
    if ev.question.names or ev.question.persons:
        near = _stems_of(f"{line} {heading}") | (page.title_stems if page else frozenset())
        fact.names = frozenset(n for n in ev.question.names if ev.terms.match(n, near))
        # "raadslid Hendrickx": a fact in a sentence about another raadslid is about another person
        absent = [p for p in ev.question.persons if term_match(p, near) < 1.0]
        if absent:
            fact.score -= PERSON_PENALTY
            fact.parts["person"] = 0.0
    return fact


def _holds_code(text: str, code: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w]|\.\d)", text, re.I) is not None


NAME_PENALTY = 0.1  # a fact whose line, heading and title lack a name the question gives, per name
PERSON_PENALTY = 0.3  # a fact whose line, heading and title lack a person the question names by a role
CODE_PENALTY = 0.3  # a fact far from an identifier the question names ("amendement A8.1")


def _name_penalties(found: list[Fact], names: list[str]) -> None:
    """A name the question gives ("raadslid Hendrickx") that some fact's own line, heading or
    title holds must be there: a fact without it is about someone or something else."""
    held = {n for f in found for n in f.names}
    for f in found:
        missing = [n for n in names if n in held and n not in f.names]
        if missing:
            f.score -= NAME_PENALTY * min(len(missing), 2)
            f.parts["names"] = 1 - len(missing) / len(names)


def dated_pages(store: Store, ev: Evidence) -> set[tuple[str, int]] | None:
    """When the question names a day ("Wat besloot het college op 24 mei 2022 …"), the candidate
    pages that can speak of it: of a document of that date, else naming that day. None: no day named."""
    days = set(ev.question.dates)
    if not days:
        return None
    if ev.dated is None:
        keys = [p.key for p in ev.pages]
        # a document of that day is the one meant ("the decision of 16 October 2020", not the revised
        # decision that recalls it); without one, the pages that name the day
        ok = {k for k in keys if (ev.documents.get(k[0]) or {}).get("date") in days}
        if not ok:
            ok = {(r["document_id"], r["page"]) for r in store.page_mentions(keys, "date")
                  if (r["value"] or {}).get("start") in days}
        ev.dated = ok
    return ev.dated


def facts(store: Store, ev: Evidence, kind: str) -> list[Fact]:
    """Every mention of `kind` on the candidate pages, best context first; when the question names a
    day, only on pages of that day (a decision of another meeting is not the one asked), and never
    that day itself as the answer to a date question."""
    if not ev.pages:
        return []
    rows = store.page_mentions([p.key for p in ev.pages], kind)
    dated = dated_pages(store, ev)
    if dated is not None:
        rows = [r for r in rows if (r["document_id"], r["page"]) in dated
                and not (kind == "date" and (r["value"] or {}).get("start") in ev.question.dates)]
    found = [score_mention(ev, r, kind) for r in rows]
    if ev.question.names:
        _name_penalties(found, ev.question.names)
    return sorted(found, key=lambda f: -f.score)


def document_scores(ev: Evidence) -> list[tuple[str, float]]:
    """Documents by how well the question describes them: their title and their best page (when the
    question names a day, only documents of that day or naming it: dated_pages, computed by facts)."""
    best: dict[str, float] = {}
    dated_docs = None if not ev.question.dates or ev.dated is None else {d for d, _ in ev.dated}
    for p in ev.pages:
        doc_id = p.hit["document_id"]
        if dated_docs is not None and doc_id not in dated_docs:
            continue
        title = ev.terms.coverage(p.title_stems)
        body = ev.terms.coverage(p.stems | p.title_stems)
        best[doc_id] = max(best.get(doc_id, 0.0), 0.4 * title + 0.6 * body)
    return sorted(best.items(), key=lambda kv: -kv[1])

