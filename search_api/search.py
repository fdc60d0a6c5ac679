"""Full-text search over pages: parse, match, rank, and cite with a highlighted snippet."""

from __future__ import annotations

import html
import sqlite3

from extract.subjects import aliases_of, load_aliases
from search_api import store
from search_api.query import OPERATORS, parse_query
from search_api.text import word_spans

SNIPPET_WORDS = 30


def snippet(text: str, stems: set[str], width: int = SNIPPET_WORDS) -> str:
    """The window of `width` words with the most query words, matches in <mark>.

    The page text is HTML-escaped; only the <mark> tags are markup.
    """
    words = word_spans(text)
    if not words:
        return ""
    hits = [i for i, (_, _, s) in enumerate(words) if s in stems]
    if hits:
        # slide over the hits: the window starting at a hit that covers most hits
        best, best_count = hits[0], 0
        j = 0
        for i, h in enumerate(hits):
            while j < len(hits) and hits[j] < h + width:
                j += 1
            if j - i > best_count:
                best, best_count = h, j - i
        first = max(0, best - 5)
    else:
        first = 0
    last = min(len(words), first + width) - 1
    start, end = words[first][0], words[last][1]
    out: list[str] = ["…" if first else ""]
    pos = start
    for ws, we, s in words[first : last + 1]:
        out.append(html.escape(text[pos:ws]))
        word = html.escape(text[ws:we])
        out.append(f"<mark>{word}</mark>" if s in stems else word)
        pos = we
    out.append("…" if end < len(text.rstrip()) else "")
    return " ".join("".join(out).split())


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


def search(
    conn: sqlite3.Connection, q: str, *, date_from: str | None = None, date_to: str | None = None,
    limit: int = 20, offset: int = 0,
) -> dict:
    """Search pages; raises `QueryError` for a query that cannot run."""
    names = expand_subject(q)
    parsed = parse_query(" OR ".join(f'"{n}"' for n in names) if names else q)
    total, rows = store.search_pages(
        conn, parsed.match, date_from=date_from, date_to=date_to, limit=limit, offset=offset
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
