"""User queries → safe FTS5 MATCH expressions.

User text is never passed raw to MATCH. The query language is small and
forgiving: words, "quoted phrases", OR between terms, and a leading minus (or
NOT) to exclude a term; everything else is a plain word. Every term is stemmed
like the index (see `text.py`) and quoted, so FTS5 syntax in user text is inert.
A query that cannot mean anything (an unbalanced quote, only operators) raises
`QueryError` with a message for the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search_api.text import WORD_RE, stem_text

OPERATORS = {"AND", "OR", "NOT"}
_TOKEN_RE = re.compile(r'"[^"]*"|\S+')


class QueryError(ValueError):
    """The query cannot be run; the message says why and what to do."""


@dataclass
class ParsedQuery:
    match: str  # the FTS5 expression
    stems: set[str] = field(default_factory=set)  # for highlighting


def _term(raw: str) -> str | None:
    """A quoted FTS5 string of the stemmed words of raw, or None if it has none."""
    stemmed = stem_text(raw)
    if not stemmed:
        return None
    return '"' + stemmed.replace('"', "") + '"'


def parse_query(q: str) -> ParsedQuery:
    if q is None or not q.strip():
        raise QueryError("empty query: give one or more words, e.g. q=veilig thuis")
    if q.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with a second " or remove the quote')
    tokens = _TOKEN_RE.findall(q)
    if all(t.upper() in OPERATORS for t in tokens):
        raise QueryError(
            "the query has only operators (AND, OR, NOT): add the words to search for"
        )
    clauses: list[str] = []  # each is a term or "a OR b"
    negatives: list[str] = []
    stems: set[str] = set()
    pending_or = False
    negate_next = False
    for tok in tokens:
        upper = tok.upper()
        if upper == "OR":
            if not clauses or pending_or:
                raise QueryError("OR needs a term on both sides, e.g. q=jeugd OR jongeren")
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
        term = _term(raw.strip('"'))
        if term is None:
            continue  # punctuation only
        if negated:
            negatives.append(term)
            continue
        stems.update(WORD_RE.findall(term))
        if pending_or:
            clauses[-1] = f"{clauses[-1]} OR {term}"
            pending_or = False
        else:
            clauses.append(term)
    if pending_or:
        raise QueryError("OR needs a term on both sides, e.g. q=jeugd OR jongeren")
    if not clauses:
        raise QueryError("the query has no words to search for (only exclusions or punctuation)")
    match = " AND ".join(f"({c})" for c in clauses)
    for neg in negatives:
        match = f"{match} NOT {neg}"
    return ParsedQuery(match=match, stems=stems)
