"""Snippets: a window of page text around the query's words, the matches marked, HTML-escaped."""

from __future__ import annotations

import html

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
