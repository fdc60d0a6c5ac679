"""Answers that are documents or words: a zaaknummer's documents and subject, the documents about
a subject, changes between versions, decisions and proposals."""

from __future__ import annotations

import re
from typing import Any

from raadslens.models.normalize import fold, index_tokens, index_words, stem
from raadslens.models.subjects import GENERIC, find_subjects
from raadslens.models.text import context
from raadslens.search_api.answers import changes as changes_mod
from raadslens.search_api.ask import actors
from raadslens.search_api.ask import evidence as ev_mod
from raadslens.search_api.ask.evidence import Evidence, Fact
from raadslens.search_api.ask.question import Question
from raadslens.search_api.ask.respond import (
    DOCUMENT_FLOOR,
    THRESHOLDS,
    eur,
    fact,
    not_found,
    respond,
)
from raadslens.search_api.ask.values import described_document, prefer_versions, question_years
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store import Store


def zaak_lookup(store: Store, q: Question) -> dict[str, Any]:
    """The documents a zaaknummer belongs to (its own document first), each cited."""
    number = q.zaak or ""
    rows = store.mentions_of_zaaknummer(number)
    nl = q.language == "nl"
    if not rows:
        return _number_in_text(store, q, number)
    docs: dict[str, dict[str, Any]] = {}
    for r in rows:
        f = Fact(r, "zaaknummer", 1.0, {}, context(r["page_text"], r["start"], r["end"]))
        title = r["title"] or r["filename"]
        d = docs.setdefault(r["document_id"], {**fact(f, r["filename"], title), "own": r["zaaknummer"] == number})
        d["own"] = d["own"] or (r["value"] or {}).get("role") == "own"
    ordered = sorted(docs.values(), key=lambda d: (not d["own"], d["date"] or ""))
    titles = "; ".join(f"{d['display']} ({d['date'] or 'zonder datum'})" for d in ordered)
    head = ordered[0]
    if q.intent == "zaak_about":
        about = _about(store, head["document_id"], head["document_title"])
        if about and not head["own"] and fold(number) not in fold(about["value"]):
            about = None  # the subject of a document that only quotes the number is not the number's
        if about is None and head["own"]:
            about = _title_about(store, head["document_id"])  # no subject label: its own number's title
        if not head["own"]:
            text = (f"{number} wordt genoemd in {head['display']} ({head['date'] or 'zonder datum'}), p. "
                    f"{head['page']}: “{head['quote']}”." if nl else
                    f"{number} is referred to in {head['display']} ({head['date'] or 'undated'}), p. {head['page']}: "
                    f"“{head['quote']}”.")
            if about:
                ordered.insert(1, about)
                text += (" Onderwerp daar: " if nl else " Its subject there: ") + about["display"] + "."
            if len(ordered) > 1:
                text += (" Ook genoemd in: " if nl else " Also named in: ") + "; ".join(
                    d["display"] for d in ordered[1:] if d.get("kind") != "about") + "."
            return respond(q, True, text, ordered, None)
        if about:
            ordered.insert(1, about)
            text = (f"{number} is het nummer van {head['display']} ({head['date'] or 'zonder datum'}): "
                    f"{about['display']} (p. {about['page']})." if nl else
                    f"{number} is the number of {head['display']} ({head['date'] or 'undated'}): "
                    f"{about['display']} (p. {about['page']}).")
            return respond(q, True, text, ordered, None)
        text = (f"{number} is het nummer van {head['display']} ({head['date'] or 'zonder datum'}), p. "
                f"{head['page']}: “{head['quote']}”." if nl else
                f"{number} is the number of {head['display']} ({head['date'] or 'undated'}), p. {head['page']}: "
                f"“{head['quote']}”.")
        if len(ordered) > 1:
            text += (" Ook genoemd in: " if nl else " Also named in: ") + "; ".join(
                d["display"] for d in ordered[1:]) + "."
    else:
        text = (f"Bij {number} horen {len(ordered)} document(en): {titles}." if nl else
                f"{len(ordered)} document(s) belong to {number}: {titles}.")
    return respond(q, True, text, ordered, None)


def _number_in_text(store: Store, q: Question, number: str) -> dict[str, Any]:
    """A number extraction did not take for a zaaknummer (a form's "Verzoeknummer 20240801 00131 000"):
    the documents whose text holds it, as an exact phrase, first page first."""
    nl = q.language == "nl"
    tokens = tuple(t for w in index_words(number) for t in index_tokens(stem(w)))
    hits = store.search_pages(ParsedQuery(stems=set(tokens), clauses=[[tokens]]), limit=20)[1] if tokens else []
    if not hits:
        return respond(q, False, (f"Niet gevonden: geen document noemt {number}." if nl else
                                    f"Not found: no document mentions {number}."), [], None)
    first = min(hits, key=lambda h: (h["number"], h["date"] or ""))
    text = first["text"]
    digits = re.escape(number).replace("\\ ", r"\s+")
    m = re.search(digits, text)
    start, end = (m.start(), m.end()) if m else (0, 0)
    row: Any = {"document_id": first["document_id"], "title": first["title"], "filename": first["filename"],
                "date": first["date"], "page": first["number"], "start": start, "end": end, "furniture": False}
    f = Fact(row, "zaaknummer", 1.0, {}, context(text, start, end))
    title = first["title"] or first["filename"]
    about = _about(store, first["document_id"], title)
    others = {h["document_id"] for h in hits} - {first["document_id"]}
    text_out = (f"{number} staat in {title} ({first['date'] or 'zonder datum'}), p. {first['number']}: "
                f"“{f.quote}”." if nl else
                f"{number} is in {title} ({first['date'] or 'undated'}), p. {first['number']}: “{f.quote}”.")
    if about:
        text_out += (" Het gaat over: " if nl else " It is about: ") + about["display"] + "."
    if others:
        text_out += (f" Ook in {len(others)} andere document(en)." if nl else f" Also in {len(others)} other(s).")
    return respond(q, True, text_out, [fact(f, first["filename"], title), *([about] if about else [])], None)


# The label a document gives its subject: "Onderwerp: …", "Betreft …", a form's "Projectomschrijving …".
ABOUT_RE = re.compile(r"\b(?:Onderwerp|Betreft|Inzake|Projectomschrijving|Omschrijving|Subject)\b[:\s]+(?P<about>[^\n]{8,300})")


def _about(store: Store, doc_id: str, title: str) -> dict[str, Any] | None:
    """What a document says it is about, from its subject label on its first pages, cited.
    A table's header row ("| Onderwerp | Datum |") is no subject."""
    doc = store.get_document(doc_id)
    for p in store.page_texts(doc_id)[:2]:
        for m in ABOUT_RE.finditer(p["text"]):
            about = m.group("about").strip()
            if "|" in about or len(about.split()) < 3:
                continue
            start, end = m.start("about"), m.end("about")
            return {"kind": "about", "value": about, "display": about, "score": 1.0, "document_id": doc_id,
                    "document_title": title, "filename": doc["filename"] if doc else None,
                    "date": doc["date"] if doc else None, "page": p["number"], "start": start, "end": end,
                    "quote": context(p["text"], start, end), "furniture": False}
    return None


def _title_about(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's title as its subject, cited where its first page prints it (a form without an
    "Onderwerp" line: "bomen kappen publiceerbaar")."""
    doc = store.get_document(doc_id)
    title = (doc["title"] if doc else None) or ""
    pages = store.page_texts(doc_id)[:1]
    if not doc or not pages or len(title.split()) < 2:
        return None
    text = pages[0]["text"]
    start = fold(text).find(fold(title))
    if start < 0:
        return None
    end = start + len(title)
    return {"kind": "about", "value": title, "display": title, "score": 1.0, "document_id": doc_id,
            "document_title": title, "filename": doc["filename"], "date": doc["date"], "page": pages[0]["number"],
            "start": start, "end": end, "quote": context(text, start, end), "furniture": False}


# -- documents about a subject --

def documents(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    ranked = ev_mod.document_scores(ev)
    years = question_years(q)
    if years:  # "documenten uit 2024": a dated document of another year is not one of them
        ranked = [(d, s) for d, s in ranked if not (ev.documents.get(d) or {}).get("date")
                  or str((ev.documents.get(d) or {})["date"])[:4] in years]
    if not ranked or ranked[0][1] < THRESHOLDS["document"]:
        return not_found(q, ev)
    top = ranked[0][1]
    # once the best document answers, list the near ones too: a missed document is worse here
    chosen = [doc_id for doc_id, s in ranked if s >= max(DOCUMENT_FLOOR, top - 0.2)]
    facts = []
    for doc_id in chosen:
        page = max((p for p in ev.pages if p.hit["document_id"] == doc_id),
                   key=lambda p: ev.terms.coverage(p.stems))
        h = page.hit
        first = min((i for w in q.words if (i := h["text"].lower().find(w)) >= 0), default=0)
        row: Any = {"document_id": doc_id, "title": h["title"], "filename": h["filename"], "date": h["date"],
                    "page": h["number"], "start": first, "end": first + 1, "furniture": False}
        f = Fact(row, "document", dict(ranked)[doc_id], {}, context(h["text"], first, first + 1))
        facts.append(fact(f, h["filename"], h["title"] or h["filename"]))
    nl = q.language == "nl"
    names = "; ".join(f"{f['display']} ({f['date'] or '-'})" for f in facts)
    text = (f"{len(facts)} document(en): {names}." if nl else f"{len(facts)} document(s): {names}.")
    return respond(q, True, text, facts, ev)


# -- changes between versions --

def changes(store: Store, q: Question) -> dict[str, Any]:
    found = [s for s in find_subjects(q.text) if s.canonical not in GENERIC]
    nl = q.language == "nl"
    for s in found:
        rows = [c for c in changes_mod.changes_for_subject(store, s.canonical) if c["kind"] == "changed"]
        if not rows:
            continue
        parts, facts = [], []
        for c in rows:
            a, b = c["from"], c["to"]
            parts.append(f"{eur(a['amount_cents'])} ({a['document_title']}, {a['date']}) → "
                         f"{eur(b['amount_cents'])} ({b['document_title']}, {b['date']})")
            for o in c["occurrences"]:
                for x in (o["from"], o["to"]):
                    if x:
                        facts.append({"kind": "money", "value": x["amount_cents"], "display": eur(x["amount_cents"]),
                                      "score": 1.0, "filename": None, "furniture": False,
                                      **{k: x[k] for k in ("document_id", "document_title", "date", "page",
                                                            "start", "end", "quote")}})
        head = (f"Het bedrag voor {s.canonical} veranderde: " if nl else f"The amount for {s.canonical} changed: ")
        return respond(q, True, head + "; ".join(parts) + ".", facts, None)
    return not_found(q, ev_mod.gather(store, q))


def decision(store: Store, q: Question, ev: Evidence | None = None) -> dict[str, Any]:
    ev = ev or ev_mod.gather(store, q)
    found = prefer_versions(store, q, ev_mod.facts(store, ev, "decision"))  # the corrected list's words
    if not found or found[0].score < THRESHOLDS["decision"]:
        return not_found(q, ev)
    best = found[0]
    v = best.row["value"] or {}
    shown = v.get("text") or best.quote
    nl = q.language == "nl"
    where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
    text = f"{shown} ({'volgens' if nl else 'according to'} {where})."
    return respond(q, True, text, [fact(best, shown, shown)], ev)


SIGNERS_ASKED = re.compile(r"onderteken|getekend|\bsigned\b|\bsigners?\b|\bsignatories\b")
# Where a letter's signature block starts: its closing formula or the signing body.
CLOSING = re.compile(r"(?i)\b(met vriendelijke groet(?:en)?|hoogachtend|namens (?:deze|dezen)|"
                     r"gedeputeerde staten van \w+)\s*,?")
BLOCK_END = re.compile(r"(?im)^\s*(bijlage|vermeld|bezoekadres|bezwaar|pagina|cc:|kopie|afschrift)")
SIGN_CHARS = 300
INITIALS_NAME = re.compile(r"\b(?:[A-Z]\.){1,5}[A-Z]?\.?\s*(?:van |de |der |den |ter )*[A-Z][a-z]")


def signature_block(text: str) -> tuple[int, int] | None:
    """The span of a page's signature block: the text after its last closing formula, up to a
    following section ("Bijlage", a footer) or 300 characters, when it holds a name with initials."""
    closings = list(CLOSING.finditer(text))
    if not closings:
        return None
    last = closings[-1]
    start = last.start()
    stop = BLOCK_END.search(text, last.end())
    end = min(stop.start() if stop else len(text), last.end() + SIGN_CHARS)
    return (start, end) if INITIALS_NAME.search(text, last.end(), end) else None


def who(store: Store, q: Question) -> dict[str, Any]:
    """Who signed a document: the signature block of the one document the question describes (its
    first page that has one), quoted. Who decided, wrote or chaired: the sentence that says so
    (actors.actor), quoted whole; a name picked out of a sentence was often another clause's actor."""
    ev = ev_mod.gather(store, q)
    if not SIGNERS_ASKED.search(fold(q.text)):
        said = actors.actor(store, q, ev)
        if said is None:
            return not_found(q, ev)
        nl = q.language == "nl"
        where = f"{said.row['title'] or said.row['filename']}, p. {said.row['page']}"
        text = (f"Volgens {where}: “{said.quote}”." if nl else f"According to {where}: “{said.quote}”.")
        return respond(q, True, text, [fact(said, said.quote, said.quote)], ev)
    described = described_document(store, q, ev)
    if described is None:
        return not_found(q, ev)
    doc_id, score = described
    pages = [p for p in store.page_texts(doc_id) if signature_block(p["text"])]
    if not pages:
        return not_found(q, ev)
    page = pages[0]  # a letter signs once; annexes after it carry no closing of their own
    span = signature_block(page["text"])
    assert span is not None
    s, e = span
    signers = " ".join(page["text"][s:e].split())
    doc = ev.documents.get(doc_id) or {}
    title = doc.get("title") or doc.get("filename") or doc_id
    row: Any = {"document_id": doc_id, "title": doc.get("title"), "filename": doc.get("filename"),
                "date": doc.get("date"), "page": page["number"], "start": s, "end": e, "furniture": False}
    f = Fact(row, "who", score, {"document": score}, signers)
    nl = q.language == "nl"
    text = (f"Ondertekend door: {signers} ({title}, p. {page['number']})." if nl else
            f"Signed by: {signers} ({title}, p. {page['number']}).")
    return respond(q, True, text, [fact(f, signers, signers)], ev)


def proposals(store: Store, q: Question) -> dict[str, Any]:
    """The options of the proposal the question names (with their scenarios and effects), else the
    numbered beslispunten of the decision it names."""
    ev = ev_mod.gather(store, q)
    found = sorted(ev_mod.facts(store, ev, "proposal"), key=lambda f: -f.score)
    found = prefer_versions(store, q, found)
    if found and found[0].score >= THRESHOLDS["decision"]:
        best = found[0]
        v = best.row["value"] or {}
        options = [o["text"] + (f" (scenario {o['scenario']})" if o.get("scenario") else "") +
                   (f": {', '.join(eur(c) for c in o.get('effects') or [])}" if o.get("effects") else "")
                   for o in v.get("options") or []]
        if options:
            nl = q.language == "nl"
            where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
            shown = "; ".join(f"{i}. {o}" for i, o in enumerate(options, 1))
            text = (f"{v.get('title')}: {shown} (volgens {where})." if nl else
                    f"{v.get('title')}: {shown} (according to {where}).")
            return respond(q, True, text, [fact(best, options, shown)], ev)
    return decision(store, q, ev)

