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

from raadslens.models.normalize import WORD_RE, index_tokens, stem_text

OPERATORS = {"AND", "OR", "NOT"}
_TOKEN_RE = re.compile(r'"[^"]*"|\S+')


class QueryError(ValueError):
    """The query cannot be run; the message says why and what to do."""


Phrase = tuple[str, ...]  # index tokens, in order


@dataclass
class ParsedQuery:
    match: str  # the FTS5 expression
    stems: set[str] = field(default_factory=set)  # for highlighting
    clauses: list[list[Phrase]] = field(default_factory=list)  # AND of (OR of phrases), as in `match`
    negatives: list[Phrase] = field(default_factory=list)  # phrases excluded with NOT


def _term(phrase: Phrase) -> str:
    """The phrase as a quoted FTS5 string."""
    return '"' + " ".join(phrase) + '"'


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
    clauses: list[list[Phrase]] = []
    negatives: list[Phrase] = []
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
        raise QueryError("OR needs a term on both sides, e.g. q=jeugd OR jongeren")
    if not clauses:
        raise QueryError("the query has no words to search for (only exclusions or punctuation)")
    match = " AND ".join("(" + " OR ".join(map(_term, c)) + ")" for c in clauses)
    for neg in negatives:
        match = f"{match} NOT {_term(neg)}"
    return ParsedQuery(match=match, stems=stems, clauses=clauses, negatives=negatives)
