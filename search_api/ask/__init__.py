"""Questions in Dutch or English answered from evidence, with citations, or honestly not answered.

`read_question` finds what kind of fact is asked (an amount, a date, a
zaaknummer, a decision, …) and the question's own subject terms; `evidence`
finds candidate pages and ranks the facts on them by how well their context
matches. An answer is given only when the best fact's context is good enough
(`THRESHOLDS`); otherwise the response says `"answered": false` and lists the
nearest sources. A confident wrong answer is the worst outcome, so the
thresholds are set for precision first.
"""

from __future__ import annotations

import re
from typing import Any

from raadslens.models.normalize import fold, index_tokens, index_words, stem
from raadslens.models.subjects import GENERIC, find_subjects
from raadslens.models.text import context
from raadslens.search_api.answers import changes as changes_mod
from raadslens.search_api.ask import evidence as ev_mod
from raadslens.search_api.ask.evidence import Evidence, Fact
from raadslens.search_api.ask.question import NotAQuestion, Question, read_question
from raadslens.search_api.search.query import ParsedQuery
from raadslens.search_api.store import Store

CAPABILITIES = [
    "bedragen (Hoeveel kost het handhaven van het meldpunt Woningvervuiling?)",
    "totalen (Wat is de totale besparing van scenario Kern?)",
    "datums, gepland of gebeurd (Wanneer besluit het AB over de kerntakendiscussie?)",
    "publicatie- en verzenddatums (Wanneer is het Wob-besluit over het hek verzonden?)",
    "zaaknummers en kenmerken, in beide richtingen (Welk kenmerk heeft het deelbesluit? Waar gaat zaak 3825997 over?)",
    "besluiten (Wat besloot het college op 24 mei 2022 over de verkoop van Schoolstraat 29?)",
    "beslispunten en keuzemogelijkheden (Welke keuzemogelijkheden liggen er voor de Gezonde School Aanpak?)",
    "documenten over een onderwerp (Welke documenten gaan over de naamswijziging van het Stadionplein?)",
    "wat veranderde tussen versies (Wat veranderde er aan het VTT-bedrag tussen de versies?)",
]
DOCUMENT_FLOOR = 0.4  # the least score of a further document in a list answer
MAX_QUESTION = 500  # characters: a question, not a document
# The least evidence score (evidence.WEIGHTS, 0..1) for an answer, per kind of fact, set on the tune
# split of the question set for no wrong answer there: a value (amount, date, number) must be well
# placed; a decision or proposal is quoted whole from its page, so less is asked.
THRESHOLDS = {"money": 0.6, "date": 0.6, "zaaknummer": 0.6, "document": 0.6, "decision": 0.45}
MARGIN = 0.03  # a runner-up this close with another value is shown beside the answer
LINE_MIN = 0.4  # the least share of the subject in the fact's own line or sentence
MARGIN_MIN = 0.02  # the least lead over the best fact with another value


class Unanswerable(ValueError):
    """The text asks for nothing raadslens can look for: a 422 listing what can be asked."""

    def __init__(self, question: str, why: str | None = None):
        super().__init__(why or f"Deze vraag kan ik niet lezen: {question[:80]!r}. Vraag naar een bedrag, "
                                "datum, zaaknummer, besluit, beslispunten of documenten over een onderwerp.")
        self.capabilities = CAPABILITIES


def eur(cents: int | None) -> str:
    if cents is None:
        return "PM"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    s = f"{whole:,}".replace(",", ".")
    return f"{sign}€ {s}" + (f",{rest:02d}" if rest else "")


def _fact(f: Fact, value: Any, display: str) -> dict[str, Any]:
    return {"kind": f.kind, "value": value, "display": display, "score": round(f.score, 3),
            "evidence": {k: round(v, 3) for k, v in f.parts.items()}, **f.cite()}


def _response(q: Question, answered: bool, text: str, facts: list[dict[str, Any]],
              ev: Evidence | None, alternatives: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    # a furniture fact (a running header's kenmerk) quotes its block, not the page's body text
    citations = [{k: f.get(k) for k in ("document_id", "document_title", "date", "page", "start", "end", "quote",
                                        "furniture")} for f in facts]
    out: dict[str, Any] = {"question": q.text, "answered": answered, "interpretation": q.as_dict(),
                           "answer": text, "facts": facts, "citations": citations, "results": facts}
    if alternatives:
        out["alternatives"] = alternatives
    if not answered:
        out["nearest"] = _nearest(ev)
        out["citations"] = out["nearest"]
    return out


def _nearest(ev: Evidence | None, n: int = 5) -> list[dict[str, Any]]:
    """The best candidate pages, as sources to read when there is no answer."""
    if ev is None:
        return []
    ranked = sorted(ev.pages, key=lambda p: -ev.terms.coverage(p.stems | p.title_stems))[:n]
    out = []
    for p in ranked:
        h = p.hit
        first = min((h["text"].find(w) for w in ev.question.words if w in h["text"].lower()), default=-1)
        quote = context(h["text"], max(first, 0), max(first, 0) + 1) if first >= 0 else h["text"][:200]
        out.append({"document_id": h["document_id"], "document_title": h["title"] or h["filename"],
                    "date": h["date"], "page": h["number"], "start": None, "end": None, "quote": quote})
    return out


def _not_found(q: Question, ev: Evidence | None) -> dict[str, Any]:
    nl = q.language == "nl"
    text = ("Niet gevonden: geen document geeft hier met genoeg zekerheid antwoord op. "
            "De dichtstbijzijnde bronnen staan eronder." if nl else
            "Not found: no document answers this with enough certainty. The nearest sources are listed.")
    return _response(q, False, text, [], ev)


def answer(store: Store, question: str) -> dict[str, Any]:
    text = " ".join((question or "").split())
    if len(text) < 3:
        raise Unanswerable(text, "De vraag is leeg: stel een vraag, bijvoorbeeld 'Wanneer besluit het AB?'")
    if len(text) > MAX_QUESTION:
        raise Unanswerable(text, f"De vraag is te lang ({len(text)} tekens, hooguit {MAX_QUESTION}).")
    try:
        q = read_question(text)
    except NotAQuestion:
        raise Unanswerable(text) from None
    handler = HANDLERS[q.intent]
    return handler(store, q)


# -- amounts and totals --

TOTAL_RE = re.compile(r"totaal|subtotaal|saldo|resultaat|\btotal")


def _amount(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    found = [f for f in ev_mod.facts(store, ev, "money") if (f.row["value"] or {}).get("cents") is not None]
    for f in found:
        v = f.row["value"] or {}
        label = fold(f"{v.get('row') or ''} {f.quote}")
        if q.intent == "total" and (v.get("total") or TOTAL_RE.search(label)):
            f.score += 0.08
        if q.saving and (v.get("cents") or 0) < 0:
            f.score += 0.03
        if f.row["furniture"]:
            f.score -= 0.2
    if q.intent == "total":
        return _total(store, q, ev, found)
    return _best_value(store, q, ev, found, "money", lambda f: (f.row["value"] or {})["cents"],
                       lambda c: eur(c))


def _is_total(f: Fact) -> bool:
    v = f.row["value"] or {}
    return bool(v.get("total") or TOTAL_RE.search(fold(f"{v.get('row') or ''} {f.quote}")))


def _total(store: Store, q: Question, ev: Evidence, found: list[Fact]) -> dict[str, Any]:
    """A total as printed (a "Totaal"/"Subtotaal"/"Saldo" line), else the sum of the amounts that
    one passage lists for the subject ("een krediet voor de bouw van € X … voor de inrichting € Y"),
    with every part cited. One amount alone is no total."""
    found = sorted(found, key=lambda f: -f.score)
    if not found:
        return _not_found(q, ev)
    if _is_total(found[0]):
        return _best_value(store, q, ev, found, "money", lambda f: (f.row["value"] or {})["cents"], eur)
    best = found[0]
    text = best.row["page_text"]
    lo = max(text.rfind("\n\n", 0, best.row["start"]), 0)
    hi = text.find("\n\n", best.row["end"])
    hi = len(text) if hi < 0 else hi
    parts = [f for f in found if f.row["document_id"] == best.row["document_id"] and f.row["page"] ==
             best.row["page"] and lo <= f.row["start"] < hi and not f.row["furniture"]
             and (f.row["value"] or {}).get("range") is None and f.score >= best.score - 0.15]
    values = {(f.row["value"] or {})["cents"] for f in parts}
    # the parts differ by nature, so no lead over another value is asked of a sum
    if len(values) < 2 or len(values) != len(parts) or not confident("money", best, MARGIN_MIN):
        return _not_found(q, ev)
    total = sum(values)
    nl = q.language == "nl"
    listed = " + ".join(eur((f.row["value"] or {})["cents"]) for f in sorted(parts, key=lambda f: f.row["start"]))
    where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
    text_out = (f"{eur(total)} in totaal ({listed}), volgens {where}." if nl else
                f"{eur(total)} in total ({listed}), according to {where}.")
    facts = [_fact(best, total, eur(total))] + [_fact(f, (f.row["value"] or {})["cents"],
                                                      eur((f.row["value"] or {})["cents"])) for f in parts]
    facts[0]["parts"] = len(parts)
    return _response(q, True, text_out, facts, ev)


def _best_value(store: Store, q: Question, ev: Evidence, found: list[Fact], kind: str,
                value_of: Any, show: Any) -> dict[str, Any]:
    found = _prefer_versions(store, q, sorted(found, key=lambda f: -f.score))
    if not found:
        return _not_found(q, ev)
    best = found[0]
    value = value_of(best)
    rival = next((f.score for f in found[1:] if value_of(f) != value), 0.0)
    if not confident(kind, best, best.score - rival):
        return _not_found(q, ev)
    same = [f for f in found if value_of(f) == value and f.score >= best.score - 0.15][:5]
    others, seen = [], {value}
    for f in found[1:]:
        v = value_of(f)
        if v not in seen and f.score >= best.score - MARGIN and f.row["document_id"] != best.row["document_id"]:
            seen.add(v)
            others.append(_fact(f, v, show(v)))
    versions = _other_versions(store, best, found, value_of)
    nl = q.language == "nl"
    where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
    text = (f"{show(value)}, volgens {where}: “{best.quote}”." if nl else
            f"{show(value)}, according to {where}: “{best.quote}”.")
    if versions:
        text += (" Andere versie: " if nl else " Other version: ") + "; ".join(
            f"{show(value_of(f))} in {f.row['title'] or f.row['filename']} ({f.row['date']}, p. {f.row['page']})"
            for f in versions) + "."
    if others:
        text += (" Andere bronnen noemen: " if nl else " Other sources give: ") + "; ".join(
            f"{o['display']} ({o['document_title']}, p. {o['page']})" for o in others) + "."
    alternatives = others + [_fact(f, value_of(f), show(value_of(f))) for f in versions]
    return _response(q, True, text, [_fact(f, value, show(value)) for f in same], ev, alternatives)


_DIGITS = re.compile(r"[-+−–]?\s*(?:€|EUR)?\s*\d[\d.,]*\*?")


def _other_versions(store: Store, best: Fact, found: list[Fact], value_of: Any) -> list[Fact]:
    """The same line in another version of the answer's document with another value: shown side by
    side ("€ 850.000 in the concept, € 983.000 in the final report")."""
    chain = {m["id"] for m in store.version_chain_of(best.row["document_id"])} - {best.row["document_id"]}
    if not chain:
        return []
    key = " ".join(fold(_DIGITS.sub(" ", best.quote)).split())
    out: dict[str, Fact] = {}
    for f in found:
        if f.row["document_id"] in chain and f.row["document_id"] not in out and value_of(f) != value_of(best) \
                and " ".join(fold(_DIGITS.sub(" ", f.quote)).split()) == key:
            out[f.row["document_id"]] = f
    return sorted(out.values(), key=lambda f: f.row["date"] or "")


def confident(kind: str, best: Fact, margin: float) -> bool:
    """Answer only on evidence: the fact's context is good enough, its own line names part of the
    subject, and no other value is nearly as good (a tie is a guess)."""
    best.parts["margin"] = margin
    return best.score >= THRESHOLDS[kind] and best.parts.get("line", 1.0) >= LINE_MIN and margin >= MARGIN_MIN


VERSION_PENALTY = 0.05  # a superseded version's fact against the final one's


def _superseded(store: Store, q: Question, doc_ids: set[str]) -> set[str]:
    """The documents that are not the version the question wants: a superseded one (or, when the
    question asks for the concept, a later one)."""
    out = set()
    for doc_id in doc_ids:
        chain = store.version_chain_of(doc_id)
        pos = next((m["position"] for m in chain if m["id"] == doc_id), 0)
        last = max((m["position"] for m in chain), default=0)
        if not ((pos == 0) if q.concept else (pos == last)):
            out.add(doc_id)
    return out


def _prefer_versions(store: Store, q: Question, found: list[Fact]) -> list[Fact]:
    """Facts from an unwanted version weigh a little less: the final report's word over the concept's."""
    for doc_id in _superseded(store, q, {f.row["document_id"] for f in found}):
        for f in found:
            if f.row["document_id"] == doc_id:
                f.score -= VERSION_PENALTY
    return sorted(found, key=lambda f: -f.score)


# -- dates --

def _date(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    # a bare year ("in 2021") answers "when" only when the question asks for a year
    years_ok = bool(re.search(r"\b(jaar|year)\b", fold(q.text)))
    found = [f for f in ev_mod.facts(store, ev, "date") if f.row["value"] and f.row["flag"] is None
             and (years_ok or (f.row["value"] or {}).get("granularity") != "year")]
    for f in found:
        if f.row["furniture"]:
            f.score -= 0.2
    return _best_value(store, q, ev, found, "date", _date_value, str)


def _date_value(f: Fact) -> str:
    v = f.row["value"] or {}
    start, end = v["start"], v["end"]
    gran = v.get("granularity")
    if gran == "month":
        return str(start[:7])
    if gran == "year":
        return str(start[:4])
    return str(start) if start == end or gran == "day" else f"{start}/{end}"


def _published(store: Store, q: Question) -> dict[str, Any]:
    """The document's own date (what it is dated / sent / published on), cited where it says so."""
    ev = ev_mod.gather(store, q)
    ranked = ev_mod.document_scores(ev)
    if not ranked or ranked[0][1] < THRESHOLDS["document"]:
        return _date(store, q)
    doc = ev.documents.get(ranked[0][0]) or {}
    if not doc.get("date"):
        return _not_found(q, ev)
    rows = [r for r in store.page_mentions([(doc["id"], n) for n in range(1, 4)], "date")
            if r["value"] and r["value"]["start"] == doc["date"]]
    if not rows:
        return _not_found(q, ev)
    f = Fact(rows[0], "date", ranked[0][1], {"document": ranked[0][1]},
             context(rows[0]["page_text"], rows[0]["start"], rows[0]["end"]))
    nl = q.language == "nl"
    where = f"{doc['title'] or doc['filename']}, p. {f.row['page']}"
    text = (f"{doc['date']}: zo is {where} gedateerd (“{f.quote}”)." if nl else
            f"{doc['date']}: the date of {where} (“{f.quote}”).")
    return _response(q, True, text, [_fact(f, doc["date"], doc["date"])], ev)


# -- zaaknummers --

def _zaaknummer(store: Store, q: Question) -> dict[str, Any]:
    """A document's own number (when the question describes the document) or a number named
    beside the subject in the text (a besluitenlijst item's kenmerk)."""
    ev = ev_mod.gather(store, q)
    found = ev_mod.facts(store, ev, "zaaknummer")
    for f in found:  # an unlabelled number deep in a document is a quoted one (an attachment's subject)
        if f.row["page"] > 2 and not (f.row["value"] or {}).get("label"):
            f.score -= 0.15
    ranked = ev_mod.document_scores(ev)
    if ranked and ranked[0][1] >= THRESHOLDS["document"]:
        doc = ev.documents.get(ranked[0][0]) or {}
        own = doc.get("zaaknummer")
        for f in found:
            if f.row["document_id"] == doc.get("id") and (f.row["value"] or {}).get("number") == own:
                # the described document's own number beats a number it only quotes
                f.score = max(f.score, ranked[0][1]) + 0.1
                f.parts["line"] = max(f.parts.get("line", 0.0), LINE_MIN)
    return _best_value(store, q, ev, found, "zaaknummer", lambda f: (f.row["value"] or {})["number"], str)


def _zaak_lookup(store: Store, q: Question) -> dict[str, Any]:
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
        d = docs.setdefault(r["document_id"], {**_fact(f, r["filename"], title), "own": r["zaaknummer"] == number})
        d["own"] = d["own"] or (r["value"] or {}).get("role") == "own"
    ordered = sorted(docs.values(), key=lambda d: (not d["own"], d["date"] or ""))
    titles = "; ".join(f"{d['display']} ({d['date'] or 'zonder datum'})" for d in ordered)
    head = ordered[0]
    if q.intent == "zaak_about":
        about = _about(store, head["document_id"], head["document_title"])
        if about:
            ordered.insert(1, about)
            text = (f"{number} is het nummer van {head['display']} ({head['date'] or 'zonder datum'}): "
                    f"{about['display']} (p. {about['page']})." if nl else
                    f"{number} is the number of {head['display']} ({head['date'] or 'undated'}): "
                    f"{about['display']} (p. {about['page']}).")
            return _response(q, True, text, ordered, None)
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
    return _response(q, True, text, ordered, None)


def _number_in_text(store: Store, q: Question, number: str) -> dict[str, Any]:
    """A number extraction did not take for a zaaknummer (a form's "Verzoeknummer 20240801 00131 000"):
    the documents whose text holds it, as an exact phrase, first page first."""
    nl = q.language == "nl"
    tokens = tuple(t for w in index_words(number) for t in index_tokens(stem(w)))
    hits = store.search_pages(ParsedQuery(stems=set(tokens), clauses=[[tokens]]), limit=20)[1] if tokens else []
    if not hits:
        return _response(q, False, (f"Niet gevonden: geen document noemt {number}." if nl else
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
    return _response(q, True, text_out, [_fact(f, first["filename"], title), *([about] if about else [])], None)


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


# -- documents about a subject --

def _documents(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    ranked = ev_mod.document_scores(ev)
    if not ranked or ranked[0][1] < THRESHOLDS["document"]:
        return _not_found(q, ev)
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
        facts.append(_fact(f, h["filename"], h["title"] or h["filename"]))
    nl = q.language == "nl"
    names = "; ".join(f"{f['display']} ({f['date'] or '-'})" for f in facts)
    text = (f"{len(facts)} document(en): {names}." if nl else f"{len(facts)} document(s): {names}.")
    return _response(q, True, text, facts, ev)


# -- changes between versions --

def _changes(store: Store, q: Question) -> dict[str, Any]:
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
        return _response(q, True, head + "; ".join(parts) + ".", facts, None)
    return _not_found(q, ev_mod.gather(store, q))


def _decision(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    found = ev_mod.facts(store, ev, "decision")
    found = sorted(found, key=lambda f: -f.score)
    if not found or found[0].score < THRESHOLDS["decision"]:
        return _not_found(q, ev)
    best = found[0]
    v = best.row["value"] or {}
    shown = v.get("text") or best.quote
    nl = q.language == "nl"
    where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
    text = f"{shown} ({'volgens' if nl else 'according to'} {where})."
    return _response(q, True, text, [_fact(best, shown, shown)], ev)


def _who(store: Store, q: Question) -> dict[str, Any]:
    """Who wrote, signed or decided: not answered yet. A name picked from a well-matching sentence
    was wrong more often than right on the tune split (the actor of another clause, a form label),
    so the question gets the nearest sources instead of a guess."""
    return _not_found(q, ev_mod.gather(store, q))


def _proposals(store: Store, q: Question) -> dict[str, Any]:
    """The options of the proposal the question names (with their scenarios and effects), else the
    numbered beslispunten of the decision it names."""
    ev = ev_mod.gather(store, q)
    found = sorted(ev_mod.facts(store, ev, "proposal"), key=lambda f: -f.score)
    found = _prefer_versions(store, q, found)
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
            return _response(q, True, text, [_fact(best, options, shown)], ev)
    return _decision(store, q)


HANDLERS = {
    "amount": _amount, "total": _amount, "date": _date, "published": _published,
    "zaaknummer": _zaaknummer, "zaak_about": _zaak_lookup, "zaak_documents": _zaak_lookup,
    "documents": _documents, "changes": _changes, "decision": _decision,
    "proposals": _proposals, "who": _who,
}
