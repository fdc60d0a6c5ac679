"""Questions in Dutch or English, routed to changes, amounts, timeline, zaak lookup or search.

The router is deliberately transparent: keyword patterns decide the intent,
the alias table (models/data/aliases.tsv) finds the subject, and every answer
is one or two sentences built from cited results. A question that fits no
intent raises `Unanswerable` (a 422 in the API) listing what can be asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from raadslens.models.normalize import fold
from raadslens.models.subjects import GENERIC, SubjectMatch, canonical_name, find_subjects
from raadslens.models.text import context
from raadslens.search_api.answers import amounts as amounts_mod
from raadslens.search_api.answers import changes as changes_mod
from raadslens.search_api.answers import timeline
from raadslens.search_api.answers.search import search
from raadslens.search_api.store import Store
from raadslens.search_api.store.rows import DocumentSummary

CAPABILITIES = [
    "what changed in an amount between versions (Wat veranderde er aan het VTT-bedrag tussen de versies?)",
    "which amounts a document names for a subject (Welke bedragen noemt het eindrapport voor Veilig Thuis?)",
    "how much a measure saves or costs (Hoeveel bespaart het stoppen met de Gezonde School Aanpak?)",
    "when something is decided or happens (Wanneer besluit het AB over de kerntaken?)",
    "which documents belong to a zaaknummer (Welke documenten horen bij zaaknummer 3825997?)",
    "where something is written (Zoek naar meldingen huiselijk geweld)",
]
ENGLISH = re.compile(r"\b(what|which|when|how|does|do|did|the|documents?|amounts?|between|versions?|"
                     r"changed?|belong|will|much|save|find|search|where|report)\b", re.I)
INTENTS = [  # (intent, pattern on folded question), first match wins
    ("zaak", r"zaak\s*nummer|zaaknummer|kenmerk|case\s*(number|file)?\b.*\d{4,}"),
    ("changes", r"verander|gewijzigd|wijziging|verschil|changed?|difference|differ|versie|version"),
    ("timeline", r"\bwanneer\b|\bwhen\b|welke datum|what date|tijdlijn|timeline|planning"),
    ("amounts", r"bedrag|hoeveel|\bkost|bespaar|besparing|oplever|amounts?|how much|\bcosts?\b|\bsaves?\b|saving"),
    ("search", r"\bzoek|\bsearch|\bfind\b|waar staat|where"),
]
_INTENTS = [(name, re.compile(p)) for name, p in INTENTS]
ZAAK_RE = re.compile(r"\b(\d{6,8}|[A-Z]{1,4}\d{2}-\d{3,6}(?:/[A-Z]+-\d{2}-\d{3,6})?|Z/\d{2}/\d{4,})\b")
SAVING_RE = re.compile(r"bespaar|besparing|stoppen|beeindig|save|saving|stopping|ending")
TOPIC_WORDS = {"kerntaken": "kerntakendiscussie", "kerntakendiscussie": "kerntakendiscussie",
               "core tasks": "kerntakendiscussie", "core task": "kerntakendiscussie"}


Answer = tuple[str, list[Any], list[dict[str, Any]]]


class Unanswerable(ValueError):
    def __init__(self, question: str):
        super().__init__(f"cannot interpret the question {question!r}")
        self.capabilities = CAPABILITIES


@dataclass
class Interpretation:
    intent: str
    language: str
    subject: str | None = None
    subject_alias: str | None = None
    document: str | None = None
    topic: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def eur(cents: int | None) -> str:
    if cents is None:
        return "PM"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    s = f"{whole:,}".replace(",", ".")
    return f"{sign}€ {s}" + (f",{rest:02d}" if rest else "")


def interpret(question: str) -> Interpretation:
    f = fold(question)
    intent = next((name for name, rx in _INTENTS if rx.search(f)), None)
    if intent is None:
        raise Unanswerable(question)
    lang = "en" if len(ENGLISH.findall(question)) >= 2 else "nl"
    it = Interpretation(intent=intent, language=lang)
    found = [s for s in find_subjects(question) if s.canonical not in GENERIC and s.canonical not in ("Algemeen Bestuur", "Dagelijks Bestuur")]
    if not found:
        words = re.findall(r"\w[\w-]*", question)
        for n in (3, 2):
            for i in range(len(words) - n + 1):
                name = canonical_name(" ".join(words[i : i + n]))
                if name and name not in GENERIC:
                    found = [SubjectMatch(name, " ".join(words[i : i + n]), -1, -1)]
                    break
            if found:
                break
    if found:
        it.subject, it.subject_alias = found[0].canonical, found[0].alias
    if re.search(r"concept|draft", f):
        it.document = "concept"
    elif re.search(r"eindrapport|final report|\breport\b|rapport", f):
        it.document = "eindrapport"
    it.topic = next((v for k, v in TOPIC_WORDS.items() if k in f), None)
    return it


def _find_document(store: Store, hint: str) -> DocumentSummary | None:
    docs = [d for d in store.list_documents() if hint in fold(f"{d['title']} {d['filename']}")
            and (hint == "concept" or "concept" not in fold(f"{d['title']} {d['filename']}"))]
    return max(docs, key=lambda d: d["date"] or "", default=None)


def _cite(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r.get(k) for k in ("document_id", "document_title", "date", "page", "start", "end", "quote")}


Handler = Callable[[Store, str, Interpretation, bool], tuple[str, list[Any], list[dict[str, Any]]]]


def answer(store: Store, question: str) -> dict[str, Any]:
    it = interpret(question)
    nl = it.language == "nl"
    handlers: dict[str, Handler] = {"changes": _changes, "amounts": _amounts, "timeline": _when,
                                    "zaak": _zaak, "search": _search}
    text, results, citations = handlers[it.intent](store, question, it, nl)
    return {"question": question, "interpretation": it.as_dict(), "answer": text,
            "results": results, "citations": citations}


def _changes(store: Store, question: str, it: Interpretation, nl: bool) -> Answer:
    if not it.subject:
        raise Unanswerable(question)
    rows = [c for c in changes_mod.changes_for_subject(store, it.subject) if c["kind"] == "changed"]
    if not rows:
        return ((f"Ik vond geen gewijzigd bedrag voor {it.subject} tussen versies." if nl else
                 f"I found no changed amount for {it.subject} between versions."), [], [])
    parts = []
    for c in rows:
        a, b = c["from"], c["to"]
        parts.append(
            f"{eur(a['amount_cents'])} ({a['document_title']}, {a['date']}) → {eur(b['amount_cents'])} "
            f"({b['document_title']}, {b['date']}), {'+' if c['delta_cents'] > 0 else ''}{eur(c['delta_cents'])}"
        )
    head = (f"Het bedrag voor {it.subject} veranderde: " if nl else f"The amount for {it.subject} changed: ")
    cites = [x for c in rows for o in c["occurrences"] for x in (o["from"], o["to"]) if x]
    return head + "; ".join(parts) + ".", rows, [_cite(x) for x in cites]


def _amounts(store: Store, question: str, it: Interpretation, nl: bool) -> Answer:
    if not it.subject:
        raise Unanswerable(question)
    doc = _find_document(store, it.document) if it.document else None
    rows = amounts_mod.find_amounts(store, subject=it.subject, document=doc["id"] if doc else None)
    if doc is None and rows:  # no document named: the newest version that names the subject
        newest = max(r["date"] or "" for r in rows)
        rows = [r for r in rows if (r["date"] or "") == newest]
    if SAVING_RE.search(fold(question)):
        savings = [r for r in rows if r["cents"] is not None and r["cents"] < 0]
        rows = savings or rows
    if not rows:
        return ((f"Ik vond geen bedragen voor {it.subject}." if nl else
                 f"I found no amounts for {it.subject}."), [], [])
    listed = sorted({eur(r["cents"]) + (f" ({r['recurrence']})" if r["recurrence"] else "") for r in rows})
    where = rows[0]["document_title"]
    if SAVING_RE.search(fold(question)) and all((r["cents"] or 0) < 0 for r in rows):
        saved = sorted({eur(-r["cents"]) for r in rows})
        text = (f"Volgens {where} levert dit voor {it.subject} een besparing op van {', '.join(saved)}."
                if nl else f"According to {where}, this saves {', '.join(saved)} for {it.subject}.")
    else:
        text = (f"{where} noemt voor {it.subject}: {', '.join(listed)}." if nl else
                f"{where} names for {it.subject}: {', '.join(listed)}.")
    return text, rows, [_cite(r) for r in rows]


def _when(store: Store, question: str, it: Interpretation, nl: bool) -> Answer:
    topic = it.topic or (it.subject or None)
    doc_ids = timeline.documents_for(store, q=topic) if topic else [d["id"] for d in store.list_documents()]
    events, shifts = timeline.build_events(store, doc_ids)
    f = fold(question)
    who = timeline.actor(f)
    decide = re.search(r"besl|decide|decision", f)
    chosen = [e for e in events if (who is None or e["who"] == who) and (not decide or e["what"] == "besluit")]
    if not chosen:
        return ("Ik vond geen datum hiervoor." if nl else "I found no date for this."), [], []
    shift = next((sh for sh in shifts if decide and (who is None or sh["who"] == who)), None)
    if shift:  # a decision whose planned date moved: the latest plan, with the earlier ones
        last = shift["steps"][-1]
        c = last["citations"][-1]
        ev = next((e for e in chosen if e["date"] == last["date"]), {"date": last["date"], "who": shift["who"],
                                                                     "what": "besluit", "citations": last["citations"]})
        earlier = ", ".join(f"{s['text']} ({s['citations'][0]['document_title']})" for s in shift["steps"][:-1])
        if nl:
            text = (f"{shift['who']} besluit op {last['text']} ({last['date']['start']}), volgens "
                    f"{c['document_title']}, p. {c['page']}. Eerder gepland: {earlier}.")
        else:
            text = (f"{shift['who']} decides on {last['text']} ({last['date']['start']}), according to "
                    f"{c['document_title']}, p. {c['page']}. Planned earlier: {earlier}.")
        cites = [x for s in shift["steps"] for x in s["citations"]]
        return text, [ev, {"shifts": shifts}], [_cite(x) for x in cites]
    # otherwise the newest document's word: its latest event of this kind
    newest_doc = max(c["document_date"] or "" for e in chosen for c in e["citations"])
    current = [e for e in chosen if any((c["document_date"] or "") == newest_doc for c in e["citations"])]
    ev = max(current, key=lambda e: e["date"]["start"])
    c = next(c for c in ev["citations"] if (c["document_date"] or "") == newest_doc)
    planned = ev["status"] == "planned"
    if nl:
        text = (f"{ev['who'] or ''} {ev['what']} {'(gepland) ' if planned else ''}op {c['text']} "
                f"({ev['date']['start']}), volgens {c['document_title']}, p. {c['page']}.")
    else:
        text = (f"{ev['who'] or ''} {ev['what']} {'(planned) ' if planned else ''}on {c['text']} "
                f"({ev['date']['start']}), according to {c['document_title']}, p. {c['page']}.")
    return text.strip(), [ev], [_cite(x) for x in ev["citations"]]


def _zaak(store: Store, question: str, it: Interpretation, nl: bool) -> Answer:
    m = ZAAK_RE.search(question)
    if not m:
        raise Unanswerable(question)
    number = m.group(1)
    rows = store.mentions_of_zaaknummer(number)
    docs: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = docs.setdefault(r["document_id"], {"document_id": r["document_id"],
                                               "document_title": r["title"] or r["filename"],
                                               "date": r["date"], "own": r["zaaknummer"] == number,
                                               "citations": []})
        d["citations"].append({"document_id": r["document_id"], "document_title": d["document_title"],
                               "date": r["date"], "page": r["page"], "start": r["start"], "end": r["end"],
                               "quote": context(r["page_text"], r["start"], r["end"])})
    if not docs:
        return (f"Geen document noemt zaaknummer {number}." if nl else
                f"No document mentions case number {number}."), [], []
    titles = "; ".join(f"{d['document_title']} ({d['date']})" for d in docs.values())
    text = (f"Bij zaaknummer {number} horen {len(docs)} document(en): {titles}." if nl else
            f"{len(docs)} document(s) belong to case number {number}: {titles}.")
    return text, list(docs.values()), [c for d in docs.values() for c in d["citations"][:1]]


def _search(store: Store, question: str, it: Interpretation, nl: bool) -> Answer:
    words = re.sub(r"(?i)\b(zoek( naar)?|search( for)?|find|waar staat|where is)\b", " ", question)
    words = re.sub(r"[?!.]", " ", words)
    res = search(store, words, limit=10)
    cites = [{"document_id": h["document_id"], "document_title": h["title"], "date": h["date"],
              "page": h["page"], "quote": h["snippet"]} for h in res["hits"]]
    text = (f"{res['total']} pagina's gevonden voor '{words.strip()}'." if nl else
            f"Found {res['total']} pages for '{words.strip()}'.")
    return text, res["hits"], cites
