"""Full-text search over pages: parse, match, rank, and cite with a highlighted snippet."""

from __future__ import annotations

import html
import sqlite3

from raadslens.models.subjects import aliases_of, load_aliases
from raadslens.search_api import store
from raadslens.search_api.query import OPERATORS, ParsedQuery, parse_query
from raadslens.models.normalize import WORD_RE, stem

SNIPPET_WORDS = 30
WORD_CHARS = 7  # an average word with its space, to size the window in characters
LEAD_WORDS = 5  # words shown before the first hit


def snippet(text: str, stems: set[str], width: int = SNIPPET_WORDS) -> str:
    """A window of `width` words around the densest cluster of query words, matches in <mark>.

    The page text is HTML-escaped; only the <mark> tags are markup. Only the
    distinct words of the page are stemmed (cached), and only the window is
    split into words: a hit list of 20 long pages costs little.
    """
    forms = {w for w in set(WORD_RE.findall(text)) if stem(w) in stems}
    hits = _hits(text, forms)
    if hits:
        # the hit whose next ~`width` words hold the most hits, then a few words of lead-in
        best, best_count, j = hits[0], 0, 0
        for i, h in enumerate(hits):
            while j < len(hits) and hits[j] < h + width * WORD_CHARS:
                j += 1
            if j - i > best_count:
                best, best_count = h, j - i
        lo = max(0, best - 12 * LEAD_WORDS)
        lead = [m.start() for m in WORD_RE.finditer(text, lo, best)]  # the first may be cut at lo
        if len(lead) > LEAD_WORDS:
            first = lead[-LEAD_WORDS]
        elif lo == 0:
            first = 0
        else:
            first = lead[1] if len(lead) > 1 else best
    else:
        first = 0
    out: list[str] = ["…" if text[:first].strip() else ""]
    pos = first
    for n, m in enumerate(WORD_RE.finditer(text, first)):
        if n == width:
            break
        out.append(html.escape(text[pos : m.start()]))
        word = html.escape(m.group())
        out.append(f"<mark>{word}</mark>" if m.group() in forms else word)
        pos = m.end()
    out.append("…" if text[pos:].strip() else "")
    return " ".join("".join(out).split())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches


def _hits(text: str, forms: set[str]) -> list[int]:
    """Where the word forms start in text, as whole words, in order (str.find: no regex scan)."""
    hits = []
    for form in forms:
        i = text.find(form)
        while i >= 0:
            end = i + len(form)
            if not (i and _is_word_char(text[i - 1])) and not (end < len(text) and _is_word_char(text[end])):
                hits.append(i)
            i = text.find(form, end)
    hits.sort()
    return hits


def expand_subject(q: str) -> list[str]:
    """All names of the subject when the whole (unquoted) query is one, else [].

    "veilig thuis" also finds pages that only say "VTT". Quoting the query
    ("\"veilig thuis\"") searches the words as given.
    """
    plain = q.strip()
    if '"' in plain or any(w.upper() in OPERATORS or w.startswith("-") for w in plain.split()):
        return []
    canonical = load_aliases().get(plain.lower())
    if canonical is None:
        return []
    names = aliases_of(canonical)
    return names if len(names) > 1 else []


def parse_search(q: str) -> tuple[ParsedQuery, list[str]]:
    """The query as `search` runs it, and the subject's names when it was expanded to them."""
    names = expand_subject(q)
    return parse_query(" OR ".join(f'"{n}"' for n in names) if names else q), names


def search(
    conn: sqlite3.Connection, q: str, *, date_from: str | None = None, date_to: str | None = None,
    limit: int = 20, offset: int = 0,
) -> dict:
    """Search pages; raises `QueryError` for a query that cannot run."""
    parsed, names = parse_search(q)
    total, rows = store.search_pages(
        conn, parsed, date_from=date_from, date_to=date_to, limit=limit, offset=offset
    )
    hits = [
        {
            "document_id": r["document_id"],
            "title": r["title"] or r["filename"],
            "date": r["date"],
            "page": r["number"],
            "snippet": snippet(r["text"], parsed.stems),
            "score": float(f"{-r['score']:.4g}"),
            "ocr": bool(r["ocr"]),
            "url": f"/documents/{r['document_id']}/pages/{r['number']}",
        }
        for r in rows
    ]
    return {"query": q, **({"expanded_to": names} if names else {}), "total": total, "limit": limit, "offset": offset, "hits": hits}
