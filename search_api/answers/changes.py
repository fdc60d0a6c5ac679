"""What changed between two versions of a document: amounts, proposals, paragraphs.

Amounts are aligned by their context: the table row or sentence with every
amount blanked out. The same row in both versions with a different amount is a
change; rows that exist in one version only are added or removed. Identical
changes that recur (a table repeated in a summary) are one change with several
citations.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from raadslens.models import MentionKind, MoneyValue, ProposalValue
from raadslens.models.normalize import fold
from raadslens.models.text import context_bounds
from raadslens.search_api.answers import versions
from raadslens.search_api.answers.errors import BadRequest, NotFound
from raadslens.search_api.answers.subjects import resolve_subject
from raadslens.search_api.store import Store
from raadslens.search_api.store.rows import ChainMember

AMOUNT_RE = re.compile(r"[-+−–]?\s*(?:€|EUR)\s*[\d.,]+(?:\s*(?:miljoen|mln|,-|, -))?|\(\s*[IS]\s*\)|\*")


@dataclass
class Amount:
    document: ChainMember
    page: int
    start: int
    end: int
    text: str
    cents: int | None
    recurrence: str | None
    subject: str | None
    quote: str
    key: str

    def cite(self) -> dict[str, Any]:
        d = self.document
        return {
            "amount_cents": self.cents, "text": self.text, "recurrence": self.recurrence,
            "document_id": d["id"], "document_title": d["title"] or d["filename"],
            "date": d["date"], "page": self.page, "start": self.start, "end": self.end,
            "quote": self.quote,
        }


def amount_key(quote: str) -> str:
    """A line with its amounts blanked out: the same row in two versions has the same key."""
    return " ".join(fold(AMOUNT_RE.sub(" ", quote)).split())


def _blanked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """text[start:end] with the extracted amounts in it blanked: a cell of a table "x € 1.000"
    ("+915") has no € for AMOUNT_RE to see, and its row is the same row as "+€ 983.000"."""
    out, at = [], start
    for s, e in sorted(spans):
        if s >= at and e <= end:
            out += [text[at:s], " "]
            at = e
    return "".join([*out, text[at:end]])


def amounts(store: Store, doc: ChainMember) -> list[Amount]:
    texts = {r["number"]: r["text"] for r in store.page_texts(doc["id"])}
    found = [m for m in store.get_mentions(doc["id"], kind=MentionKind.money.value)
             if not m.furniture]  # a furniture mention's offsets are in a header line, and the body says it too
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in found:
        spans.setdefault(m.page, []).append((m.start, m.end))
    out = []
    for m in found:
        assert isinstance(m.value, MoneyValue)
        text = texts[m.page]
        s, e = context_bounds(text, m.start, m.end)
        out.append(Amount(doc, m.page, m.start, m.end, m.text, m.value.cents, m.value.recurrence,
                          m.subject, text[s:e].strip(), amount_key(_blanked(text, s, e, spans[m.page]))))
    return out


def _align(old: list[Amount], new: list[Amount]) -> list[tuple[Amount | None, Amount | None]]:
    """Pairs of the same row/sentence in both versions (by key, then by near key)."""
    pairs: list[tuple[Amount | None, Amount | None]] = []
    left = list(old)
    unmatched_new = []
    for n in new:
        i = next((i for i, o in enumerate(left) if o.key == n.key and o.subject == n.subject), None)
        if i is None:
            unmatched_new.append(n)
        else:
            pairs.append((left.pop(i), n))
    still_new = []
    for n in unmatched_new:
        scored = [(fuzz.ratio(o.key, n.key), i) for i, o in enumerate(left) if o.subject == n.subject]
        best = max(scored, default=(0, -1))
        if best[0] >= 90:
            pairs.append((left.pop(best[1]), n))
        else:
            still_new.append(n)
    pairs += [(o, None) for o in left] + [(None, n) for n in still_new]
    return pairs


def amount_changes(store: Store, old_doc: ChainMember, new_doc: ChainMember) -> list[dict[str, Any]]:
    """Changed, added and removed amounts between two versions, grouped."""
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for o, n in _align(amounts(store, old_doc), amounts(store, new_doc)):
        if o and n and o.cents == n.cents:
            continue
        kind = "changed" if o and n else ("removed" if o else "added")
        either = n or o
        assert either is not None  # _align never pairs nothing with nothing
        subject = either.subject
        key = (kind, subject, o.cents if o else None, n.cents if n else None, either.key if not subject else "")
        delta = n.cents - o.cents if o and n and o.cents is not None and n.cents is not None else None
        entry = grouped.setdefault(key, {
            "kind": kind, "subject": subject,
            "from": o.cite() if o else None, "to": n.cite() if n else None,
            "delta_cents": delta,
            "occurrences": [],
        })
        entry["occurrences"].append({"from": o.cite() if o else None, "to": n.cite() if n else None})
    return list(grouped.values())


_PARAGRAPH_RE = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", re.S)


def _paragraphs(store: Store, doc_id: str) -> list[tuple[int, str]]:
    return [(page, text) for page, text, _ in _paragraph_spans(store, doc_id)]


def _paragraph_spans(store: Store, doc_id: str) -> list[tuple[int, str, int]]:
    """(page, paragraph, its start in the page text): paragraphs are split at blank lines."""
    out = []
    for r in store.page_texts(doc_id):
        out += [(r["number"], m.group(), m.start()) for m in _PARAGRAPH_RE.finditer(r["text"])]
    return out


PARAGRAPH_LIMIT = 50  # changed paragraph groups per comparison


def paragraph_changes(store: Store, old_doc: ChainMember, new_doc: ChainMember,
                      limit: int = PARAGRAPH_LIMIT) -> list[dict[str, Any]]:
    """Changed paragraphs with a word-level diff ([-old-]{+new+})."""
    a, b = _paragraph_spans(store, old_doc["id"]), _paragraph_spans(store, new_doc["id"])
    matcher = difflib.SequenceMatcher(None, [t for _, t, _ in a], [t for _, t, _ in b], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        before = "\n\n".join(t for _, t, _ in a[i1:i2])
        after = "\n\n".join(t for _, t, _ in b[j1:j2])
        out.append({
            "op": op,
            # start: where the first changed paragraph begins in its page's text (to link and mark it)
            "from": {"document_id": old_doc["id"], "page": a[i1][0] if i1 < i2 else None, "text": before,
                     "start": a[i1][2] if i1 < i2 else None,
                     "end": a[i1][2] + len(a[i1][1]) if i1 < i2 else None},
            "to": {"document_id": new_doc["id"], "page": b[j1][0] if j1 < j2 else None, "text": after,
                   "start": b[j1][2] if j1 < j2 else None,
                   "end": b[j1][2] + len(b[j1][1]) if j1 < j2 else None},
            "diff": word_diff(before, after),
            "diff_parts": word_diff_parts(before, after),
        })
        if len(out) >= limit:
            break
    return out


def word_diff_parts(before: str, after: str) -> list[dict[str, str]]:
    """The word diff as pieces {"op": "equal"|"delete"|"insert", "text"}: a page renders them as
    <del>/<ins> with the text escaped (the `diff` string's markers could be in the text itself)."""
    a, b = before.split(), after.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append({"op": "equal", "text": " ".join(a[i1:i2])})
        if op in ("delete", "replace"):
            parts.append({"op": "delete", "text": " ".join(a[i1:i2])})
        if op in ("insert", "replace"):
            parts.append({"op": "insert", "text": " ".join(b[j1:j2])})
    return parts


def word_diff(before: str, after: str) -> str:
    a, b = before.split(), after.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(a[i1:i2]))
        if op in ("delete", "replace"):
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(parts)


def proposal_changes(store: Store, old_doc: ChainMember, new_doc: ChainMember) -> dict[str, Any]:
    def titles(doc_id: str) -> dict[str, dict[str, Any]]:
        return {
            fold(m.value.title): {"title": m.value.title, "page": m.page, "options": len(m.value.options)}
            for m in store.get_mentions(doc_id, kind=MentionKind.proposal.value)
            if isinstance(m.value, ProposalValue)
        }
    a, b = titles(old_doc["id"]), titles(new_doc["id"])
    return {
        "added": [b[k] for k in b.keys() - a.keys()],
        "removed": [a[k] for k in a.keys() - b.keys()],
        "options_changed": [
            {"title": b[k]["title"], "from": a[k]["options"], "to": b[k]["options"]}
            for k in a.keys() & b.keys() if a[k]["options"] != b[k]["options"]
        ],
    }


def _step(old: ChainMember, new: ChainMember) -> dict[str, Any]:
    def brief(d: ChainMember) -> dict[str, Any]:
        return {"id": d["id"], "title": d["title"], "filename": d["filename"], "date": d["date"]}

    return {"from_document": brief(old), "to_document": brief(new)}


def changes_for_subject(store: Store, canonical: str) -> list[dict[str, Any]]:
    """Amount changes about one subject over every version step in the database."""
    out = []
    for old, new in versions.pairs(store):
        for c in amount_changes(store, old, new):
            if c["subject"] == canonical:
                out.append({**_step(old, new), **c})
    return out


def changes_for_document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """Everything that changed between a document and its previous version (None: no previous)."""
    chain = store.version_chain_of(doc_id)
    pos = next((i for i, d in enumerate(chain) if d["id"] == doc_id), None)
    if not pos:
        return None
    old, new = chain[pos - 1], chain[pos]
    return {
        **_step(old, new),
        "amounts": amount_changes(store, old, new),
        "proposals": proposal_changes(store, old, new),
        "paragraphs": paragraph_changes(store, old, new),
    }


def compare(store: Store, old_id: str, new_id: str) -> dict[str, Any]:
    """Everything that changed from one document to another (any two, usually two versions of one
    chain): GET /changes?document=NEW&against=OLD and the /wijzigingen page."""
    members = []
    for doc_id in (old_id, new_id):
        row = store.get_document(doc_id)
        if row is None:
            raise NotFound(f"geen document met id {doc_id!r}; zie GET /versions")
        chain = store.version_chain_of(doc_id)
        member = next((d for d in chain if d["id"] == doc_id), None)
        alone: ChainMember = {"id": row["id"], "title": row["title"], "filename": row["filename"],
                              "date": row["date"], "position": 0, "similarity": None}
        members.append(member or alone)
    old, new = members
    first_a, first_b = (next(iter(store.version_chain_of(i)), None) for i in (old_id, new_id))
    same_chain = first_a is not None and first_b is not None and first_a["id"] == first_b["id"]
    return {
        **_step(old, new), "same_chain": same_chain,
        "amounts": amount_changes(store, old, new),
        "proposals": proposal_changes(store, old, new),
        "paragraphs": paragraph_changes(store, old, new),
    }


def changes(store: Store, *, subject: str | None = None, document: str | None = None,
            against: str | None = None) -> dict[str, Any]:
    """GET /changes and `raadslens changes`: for a subject, or for a document against its previous
    version (or against the document `against`)."""
    if document and against:
        return compare(store, against, document)
    if subject:
        canonical = resolve_subject(subject)
        return {"subject": {"canonical": canonical, "alias": subject},
                "changes": changes_for_subject(store, canonical)}
    if document:
        if store.get_document(document) is None:
            raise NotFound(f"geen document met id {document!r}; zie GET /documents")
        result = changes_for_document(store, document)
        if result is None:
            raise NotFound(f"document {document!r} heeft geen eerdere versie; zie GET /versions")
        return result
    raise BadRequest("geef subject= (een onderwerp) of document= (een document-id)")
