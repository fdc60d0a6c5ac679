"""User queries → a parsed query object that every store backend compiles its own way.

User text never reaches a database's query syntax: the query language is small
and forgiving: words, "quoted phrases", OR between terms, and a leading minus (or
NOT) to exclude a term; everything else is a plain word. Every term is stemmed
like the index (see `models.normalize`) and kept as a phrase of index tokens; the
SQLite backend quotes each one into an FTS5 MATCH expression
(`store.sqlite.fts.compile_match`), so FTS5 syntax in user text is inert.
A query that cannot mean anything (an unbalanced quote, only operators) raises
`QueryError` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from raadslens.models.normalize import WORD_RE, index_tokens, stem_text

OPERATORS = {"AND", "OR", "NOT"}
_TOKEN_RE = re.compile(r'"[^"]*"|\S+')


class QueryError(ValueError):
    """The query cannot be run; the message says why and what to do."""


Phrase = tuple[str, ...]  # index tokens, in order


@dataclass
class ParsedQuery:
    """AND of clauses, each an OR of phrases, minus the excluded phrases."""

    stems: set[str] = field(default_factory=set)  # for highlighting
    clauses: list[list[Phrase]] = field(default_factory=list)  # AND of (OR of phrases)
    negatives: list[Phrase] = field(default_factory=list)  # phrases excluded with NOT


def parse_query(q: str) -> ParsedQuery:
    if q is None or not q.strip():
        raise QueryError("lege zoekvraag: geef een of meer woorden, bijvoorbeeld q=veilig thuis")
    if q.count('"') % 2:
        raise QueryError('aanhalingsteken niet gesloten: sluit de woordgroep met een tweede " of haal het weg')
    tokens = _TOKEN_RE.findall(q)
    if all(t.upper() in OPERATORS for t in tokens):
        raise QueryError(
            "de zoekvraag heeft alleen operatoren (AND, OR, NOT): voeg de woorden toe waarop u zoekt"
        )
    clauses: list[list[Phrase]] = []
    negatives: list[Phrase] = []
    stems: set[str] = set()
    pending_or = False
    negate_next = False
    for tok in tokens:
        upper = tok.upper()
        if upper == "OR":
            if not clauses or pending_or:
                raise QueryError("OR heeft aan beide kanten een woord nodig, bijvoorbeeld q=jeugd OR jongeren")
            pending_or = True
            continue
        if upper == "AND":
            continue  # implicit
        if upper == "NOT":
            negate_next = True
            continue
        negated = negate_next or (tok.startswith("-") and len(tok) > 1)
        negate_next = False
        raw = tok[1:] if tok.startswith("-") else tok
        stemmed = stem_text(raw.strip('"'))
        phrase = tuple(index_tokens(stemmed))
        if not phrase:
            continue  # punctuation only
        if negated:
            negatives.append(phrase)
            continue
        stems.update(WORD_RE.findall(stemmed))
        if pending_or:
            clauses[-1].append(phrase)
            pending_or = False
        else:
            clauses.append([phrase])
    if pending_or:
        raise QueryError("OR heeft aan beide kanten een woord nodig, bijvoorbeeld q=jeugd OR jongeren")
    if not clauses:
        raise QueryError("de zoekvraag heeft geen woorden om op te zoeken (alleen uitsluitingen of leestekens)")
    return ParsedQuery(stems=stems, clauses=clauses, negatives=negatives)
