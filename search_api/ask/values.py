"""Answers that are one value: an amount, a total, a date, a document's date, a zaaknummer."""

from __future__ import annotations

import re
from typing import Any

from raadslens.models.normalize import fold
from raadslens.models.text import context, context_bounds
from raadslens.search_api.answers import changes
from raadslens.search_api.ask import evidence as ev_mod
from raadslens.search_api.ask.evidence import Evidence, Fact
from raadslens.search_api.ask.question import DEADLINE_SAID, Question, names_event
from raadslens.search_api.ask.respond import (
    LINE_MIN,
    MARGIN,
    MARGIN_MIN,
    THRESHOLDS,
    confident,
    eur,
    fact,
    not_found,
    respond,
)
from raadslens.search_api.store import Store
from raadslens.search_api.store.rows import MentionRow

TOTAL_RE = re.compile(r"totaal|subtotaal|saldo|resultaat|\btotal")


YEAR_AFTER = re.compile(r"^\s*(?:\([A-Z]\)\s*)?(?:nadelig|voordelig)?\)?\s*,?\s*(?:voor|in|per|vanaf|over|for)\s+((?:19|20)\d{2})\b")
YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2})\s*[(:]?\s*$")
YEAR_PENALTY = 0.15  # an amount of another year than every year the question names


def amount_year(f: Fact) -> str | None:
    """The year an amount is for, when its context says: its table column ("2025"), "€ 804.700 voor
    2024", or "2023 (€ 36.000 nadelig)"."""
    v = f.row["value"] or {}
    col = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", str(v.get("column") or ""))
    if col:
        return col.group(1)
    text = f.row["page_text"]
    after = YEAR_AFTER.match(text[f.row["end"]: f.row["end"] + 40])
    if after:
        return after.group(1)
    before = YEAR_BEFORE.search(text[max(0, f.row["start"] - 12): f.row["start"]])
    if before:
        return before.group(1)
    # one of a list of years, each with its amount: "2025 (€ 42.000 nadelig) en 2026 en de jaren daarna
    # (€ 53.000 nadelig)": the last year since the amount before it, when the list goes on ("en", ",")
    back = text[max(0, f.row["start"] - 40): f.row["start"]]
    back = re.split(r"[)€;]", back)[-1]
    years = re.findall(r"\b((?:19|20)\d{2})\b", back)
    return years[-1] if years and re.match(r"\s*(?:en|and|,)\s", back) else None


def question_years(q: Question) -> set[str]:
    """The years a question names outside a whole day and a span ("2024-2029")."""
    f = re.sub(r"\b(?:19|20)\d{2}\s*[-/–]\s*(?:19|20)\d{2}\b", " ", q.text)
    years = set(re.findall(r"\b((?:19|20)\d{2})\b", f))
    return years - {d[:4] for d in q.dates}


# A year after the name of a yearly document ("de voorjaarsnota 2022", "de jaarrekening 2021") names the
# document; the amount's own year is another one the question gives ("voor de begroting 2023").
DOCUMENT_YEAR = re.compile(r"\b(?:voorjaarsnota|najaarsnota|kadernota|jaarrekening|rekening|jaarstukken|jaarverslag|"
                           r"besluitenlijst)\s+((?:19|20)\d{2})\b")


def amount_years(q: Question) -> set[str]:
    """The years an amount question asks the amount of: question_years without a year that only names
    a document, when another year is left."""
    years = question_years(q)
    named = set(DOCUMENT_YEAR.findall(fold(q.text)))
    return years - named if years - named else years


# Whether an amount recurs, as a question asks it and as a document says it.
STRUCTURAL = re.compile(r"\bstructure(?:el|le)\b|\bjaarlijks\b|\bper jaar\b|\bstructural\b|\bper year\b|\bannual")
INCIDENTAL = re.compile(r"\beenmalig\w*|\bincidente(?:el|le)\b|\bone-off\b|\bincidental\b")
RECURRENCE_PENALTY = 0.15  # an amount of the other recurrence than the question asks


def amount_recurrence(f: Fact) -> str | None:
    """The recurrence an amount has: the extracted one, else a word right before it in its line
    ("eenmalig € 20.000", "structureel € 30.000")."""
    v = f.row["value"] or {}
    if v.get("recurrence"):
        return str(v["recurrence"])
    s, _ = context_bounds(f.row["page_text"], f.row["start"], f.row["end"])
    before = fold(f.row["page_text"][max(s, f.row["start"] - 25): f.row["start"]])
    if INCIDENTAL.search(before):
        return "incidental"
    if STRUCTURAL.search(before):
        return "structural"
    return None


# Whether a question asks about stopping a task or keeping it, and which its fact's line says: the
# option "Beëindigen van de extra inzet … € 0" does not answer what keeping the extra capacity costs.
STOPPING = re.compile(r"\bstop\w*|\bbeeindig\w*|\bafschaf\w*|\bafbouw\w*|\bschrappen\b|\bopheff\w*|"
                      r"\bend(?:ing)?\b|\babolish\w*|\bdiscontinu\w*")
KEEPING = re.compile(r"\bhandhav\w*|\bbehoud\w*|\bvoortzet\w*|\bcontinuer\w*|\bkeep\w*|\bmaintain\w*|"
                     r"\bcontinu(?:e|ing)\b")
POLARITY_PENALTY = 0.2


def _polarity(text: str) -> str | None:
    stop, keep = bool(STOPPING.search(text)), bool(KEEPING.search(text))
    return "stop" if stop and not keep else "keep" if keep and not stop else None


def _recurrence_asked(q: Question) -> str | None:
    f = fold(q.text)
    inc, struc = bool(INCIDENTAL.search(f)), bool(STRUCTURAL.search(f))
    return "incidental" if inc and not struc else "structural" if struc and not inc else None


def amount(store: Store, q: Question) -> dict[str, Any]:
    ev = ev_mod.gather(store, q)
    if q.count:  # a number of votes, documents or hectares is no euro amount: raadslens does not count
        return not_found(q, ev)
    found = [f for f in ev_mod.facts(store, ev, "money") if (f.row["value"] or {}).get("cents") is not None]
    years = amount_years(q)
    if years:  # "voor 2024": the amount of another year in the same line is another answer
        for f in found:
            y = amount_year(f)
            if y and y not in years:
                f.score -= YEAR_PENALTY
                f.parts["year"] = 0.0
    asked = _recurrence_asked(q)
    if asked:  # "structureel": the one-off amount beside it is another answer
        for f in found:
            rec = amount_recurrence(f)
            if rec and rec != asked:
                f.score -= RECURRENCE_PENALTY
                f.parts["recurrence"] = 0.0
    asked_polarity = _polarity(fold(q.text))
    if asked_polarity:  # "handhaven" asked: the line of the option "beëindigen" is the other option's
        for f in found:
            s, e = context_bounds(f.row["page_text"], f.row["start"], f.row["end"])
            said = _polarity(fold(f.row["page_text"][s:e] + " " + str((f.row["value"] or {}).get("row") or "")))
            if said and said != asked_polarity:
                f.score -= POLARITY_PENALTY
                f.parts["polarity"] = 0.0
    for f in found:
        if q.intent == "total" and _is_total(f):
            f.score += 0.08
        if q.saving and ((f.row["value"] or {}).get("cents") or 0) < 0:
            f.score += 0.03
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
        return not_found(q, ev)
    if _is_total(found[0]):
        return _best_value(store, q, ev, found, "money", lambda f: (f.row["value"] or {})["cents"], eur)
    best = found[0]
    text = best.row["page_text"]
    lo, hi = _passage(text, best.row["start"], best.row["end"])
    parts = [f for f in found if f.row["document_id"] == best.row["document_id"] and f.row["page"] ==
             best.row["page"] and lo <= f.row["start"] < hi and not f.row["furniture"]
             and (f.row["value"] or {}).get("range") is None and f.score >= best.score - 0.15
             and not _explains_another(text, f)]
    values = {(f.row["value"] or {})["cents"] for f in parts}
    # the parts differ by nature, so no lead over another value is asked of a sum
    if len(values) < 2 or len(values) != len(parts) or not confident("money", best, MARGIN_MIN):
        return not_found(q, ev)
    total = sum(values)
    nl = q.language == "nl"
    listed = " + ".join(eur((f.row["value"] or {})["cents"]) for f in sorted(parts, key=lambda f: f.row["start"]))
    where = f"{best.row['title'] or best.row['filename']}, p. {best.row['page']}"
    text_out = (f"{eur(total)} in totaal ({listed}), volgens {where}." if nl else
                f"{eur(total)} in total ({listed}), according to {where}.")
    facts = [fact(best, total, eur(total))] + [fact(f, (f.row["value"] or {})["cents"],
                                                      eur((f.row["value"] or {})["cents"])) for f in parts]
    facts[0]["parts"] = len(parts)
    return respond(q, True, text_out, facts, ev)


LIST_ITEM = re.compile(r"\s*(?:\d{1,2}|[a-z])[.)]\s")
# Words after which an amount is a breakdown of the one before it in its sentence, no part of its own.
BREAKDOWN = re.compile(r"opgebouwd uit|bestaande uit|bestaat uit|waarvan|inclusief|exclusief|minus|verminderd met|"
                       r"made up of|of which")


def _passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph holding an amount; when it is an item of a numbered list of beslispunten
    ("4. Het beschikbaar stellen van …", "5. …"), the whole list."""
    lo = max(text.rfind("\n\n", 0, start), 0)
    hi = text.find("\n\n", end)
    hi = len(text) if hi < 0 else hi
    if not LIST_ITEM.match(text[lo:hi].lstrip("\n")):
        return lo, hi
    while lo > 0:
        prev = max(text.rfind("\n\n", 0, lo), 0)
        if not LIST_ITEM.match(text[prev:lo].lstrip("\n")):
            break
        lo = prev
    while hi < len(text):
        nxt = text.find("\n\n", hi + 2)
        nxt = len(text) if nxt < 0 else nxt
        if not LIST_ITEM.match(text[hi:nxt].lstrip("\n")):
            break
        hi = nxt
    return lo, hi


def _explains_another(text: str, f: Fact) -> bool:
    """Whether an amount breaks down an earlier amount of its sentence ("€ 2.201.250 …, opgebouwd uit
    een investering van € 2.451.250 en een bijdrage van € 250.000"): adding it would count twice."""
    s, _ = context_bounds(text, f.row["start"], f.row["end"])
    before = text[s:f.row["start"]]
    first = re.search(r"€", before)
    return bool(first and BREAKDOWN.search(fold(before[first.end():])))


def _unproven(best: Fact, other: Fact) -> float:
    """The part of a rival's penalty the answer has not earned: the rival is of another year or
    recurrence than the question asks, but the answer's own year or recurrence is not known either,
    so that difference gives the answer no lead."""
    back = 0.0
    if other.parts.get("year") == 0.0 and best.parts.get("year") is None and amount_year(best) is None:
        back += YEAR_PENALTY
    if other.parts.get("recurrence") == 0.0 and best.parts.get("recurrence") is None and \
            amount_recurrence(best) is None:
        back += RECURRENCE_PENALTY
    return back


def _best_value(store: Store, q: Question, ev: Evidence, found: list[Fact], kind: str,
                value_of: Any, show: Any) -> dict[str, Any]:
    found = prefer_versions(store, q, sorted(found, key=lambda f: -f.score))
    if not found:
        return not_found(q, ev)
    best = found[0]
    value = value_of(best)
    lead = _unproven if kind == "money" else (lambda b, o: 0.0)
    rival = max((f.score + lead(best, f) for f in found[1:] if value_of(f) != value), default=0.0)
    if not confident(kind, best, best.score - rival):
        return not_found(q, ev)
    same = [f for f in found if value_of(f) == value and f.score >= best.score - 0.15][:5]
    others, seen = [], {value}
    for f in found[1:]:
        v = value_of(f)
        if v not in seen and f.score >= best.score - MARGIN and f.row["document_id"] != best.row["document_id"]:
            seen.add(v)
            others.append(fact(f, v, show(v)))
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
    alternatives = others + [fact(f, value_of(f), show(value_of(f))) for f in versions]
    return respond(q, True, text, [fact(f, value, show(value)) for f in same], ev, alternatives)


def _other_versions(store: Store, best: Fact, found: list[Fact], value_of: Any) -> list[Fact]:
    """The same line in another version of the answer's document with another value: shown side by
    side ("€ 850.000 in the concept, € 983.000 in the final report")."""
    chain = {m["id"] for m in store.version_chain_of(best.row["document_id"])} - {best.row["document_id"]}
    if not chain:
        return []
    key = changes.amount_key(best.quote)
    out: dict[str, Fact] = {}
    for f in found:
        if f.row["document_id"] in chain and f.row["document_id"] not in out and value_of(f) != value_of(best) \
                and changes.amount_key(f.quote) == key:
            out[f.row["document_id"]] = f
    return sorted(out.values(), key=lambda f: f.row["date"] or "")


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


def prefer_versions(store: Store, q: Question, found: list[Fact]) -> list[Fact]:
    """Facts from an unwanted version weigh a little less: the final report's word over the concept's."""
    for doc_id in _superseded(store, q, {f.row["document_id"] for f in found}):
        for f in found:
            if f.row["document_id"] == doc_id:
                f.score -= VERSION_PENALTY
    return sorted(found, key=lambda f: -f.score)


# -- dates --

EVENT_PENALTY = 0.1
# A question that asks for a day ("Op welke datum …", "On what date …"), not a period.
DAY_ASKED = re.compile(r"\b(?:op|per|vanaf|tot) welke (?:datum|dag)\b|\bwelke datum\b|\b(?:on )?what date\b|"
                       r"\bwhich day\b|\bop welke dag\b")

def date(store: Store, q: Question, ev: Evidence | None = None) -> dict[str, Any]:
    ev = ev or ev_mod.gather(store, q)
    # a bare year ("in 2021") answers "when" only when the question asks for a year
    years_ok = bool(re.search(r"\b(jaar|year)\b", fold(q.text)))
    found = [f for f in ev_mod.facts(store, ev, "date") if f.row["value"] and f.row["flag"] is None
             and (years_ok or (f.row["value"] or {}).get("granularity") != "year")]
    if DAY_ASKED.search(fold(q.text)):  # "op welke datum": a quarter or a month is another answer
        for f in found:
            if (f.row["value"] or {}).get("granularity") != "day":
                f.score -= EVENT_PENALTY
                f.parts["day"] = 0.0
    # a date whose sentence does not name the event asked ("ontving", "ingediend") is another event's;
    # when no candidate names it, the verb tells nothing (the documents phrase it otherwise)
    named = {id(f) for f in found if q.event and names_event(q.event, _sentence(f))}
    if named:
        for f in found:
            if id(f) not in named:
                f.score -= EVENT_PENALTY
                f.parts["event"] = 0.0
    # "tot wanneer", "uiterlijk": the date of a limit ("uiterlijk 9 oktober", "verdaagd naar 31 januari"),
    # not of the event the limit is for ("ontvangen op 11 augustus")
    limits = {id(f) for f in found if q.deadline and DEADLINE_SAID.search(fold(_before(f)))}
    if limits:
        for f in found:
            if id(f) not in limits:
                f.score -= EVENT_PENALTY
                f.parts["deadline"] = 0.0
    return _best_value(store, q, ev, found, "date", _date_value, str)


def _before(f: Fact, chars: int = 30) -> str:
    """The words right before a date in its line: where a limit is said ("uiterlijk", "tot", "naar")."""
    s, _ = context_bounds(f.row["page_text"], f.row["start"], f.row["end"])
    return f.row["page_text"][max(s, f.row["start"] - chars): f.row["start"]]


def _sentence(f: Fact) -> str:
    return ev_mod.sentence_of(f.row["page_text"], f.row["start"], f.row["end"])


def _date_value(f: Fact) -> str:
    v = f.row["value"] or {}
    start, end = v["start"], v["end"]
    gran = v.get("granularity")
    if gran == "month":
        return str(start[:7])
    if gran == "year":
        return str(start[:4])
    return str(start) if start == end or gran == "day" else f"{start}/{end}"


TITLE_MIN = 0.3  # the least share of the subject in a document's title, file name, organisation and type
DOC_LEAD = 0.05  # the least lead of the described document over another one (not a version of it)
# The label a document gives the date a question's verb asks for ("Datum verzending 27.01.2023",
# "Verzonden: woensdag 24 juli 2024", "ingediend op 01-08-2024"): that date, not the letter's own.
DATE_LABELS = [(r"\b(verzonden|verstuurd|verzending|sent)\b", r"verzend|verzond|verstuurd|\bsent\b"),
               (r"\b(gepubliceerd|published|publicatie)\b", r"publicatie|gepubliceerd|published"),
               (r"\b(ingediend|submitted)\b", r"ingediend|submitted")]


def described_document(store: Store, q: Question, ev: Evidence,
                       title_min: float = TITLE_MIN) -> tuple[str, float] | None:
    """The one document the question names, or None: its title (with file name, organisation and
    type) must hold part of the subject, no other document (but its own versions) may describe it
    as well, and a zaaknummer in the question must be in its text."""
    ranked = [(d, s) for d, s in ev_mod.document_scores(ev) if s >= THRESHOLDS["document"]]
    if q.zaak:
        digits = re.compile(re.escape(q.zaak).replace("\\ ", r"\s+"))
        holding = {p.hit["document_id"] for p in ev.pages if digits.search(p.hit["text"])}
        ranked = [(d, s) for d, s in ranked if d in holding]
    if q.codes:  # "versie 1.0": the version's own document, the one whose text or title holds the number
        holding = {p.hit["document_id"] for p in ev.pages
                   if all(ev_mod._holds_code(f"{p.hit['text']} {p.hit['title'] or ''}", c) for c in q.codes)}
        ranked = [(d, s) for d, s in ranked if d in holding]
    if not ranked:
        return None
    top, score = ranked[0]
    chain = {m["id"] for m in store.version_chain_of(top)} | {top}
    if any(d not in chain and s >= score - DOC_LEAD for d, s in ranked[1:]):
        return None  # two documents fit the description: naming one would be a guess
    versions = [d for d, s in ranked if d in chain and s >= score - DOC_LEAD]
    wanted = [d for d in versions if d not in _superseded(store, q, set(versions))] or versions
    top = wanted[0]
    title = max((ev.terms.coverage(p.title_stems) for p in ev.pages if p.hit["document_id"] == top), default=0.0)
    return (top, score) if title >= title_min else None


def _labelled_date(store: Store, q: Question, doc_id: str) -> MentionRow | None:
    """A date on the document's first pages labelled with the question's verb, the label right before it."""
    f = fold(q.text)
    label = next((rx for verb, rx in DATE_LABELS if re.search(verb, f)), None)
    if label is None:
        return None
    for r in store.page_mentions([(doc_id, n) for n in range(1, 4)], "date"):
        before = fold(r["page_text"][max(0, r["start"] - 40): r["start"]])
        m = list(re.finditer(label, before))[-1:]
        if m and r["value"] and not re.search(r"\d", before[m[0].end():]):
            return r
    return None


def _dates_document(r: MentionRow) -> bool:
    """Whether a date mention is where a document gives its own date: a "Datum" field, a table cell,
    or a line that is little more than the date ("Hengelo, 5 november 2024"); not a sentence about
    another event ("Op 1 april 2025 hebben wij u geïnformeerd …")."""
    text = r["page_text"]
    s, e = context_bounds(text, r["start"], r["end"])
    line = text[s:e]
    if " | " in line or "datum" in fold(text[max(0, r["start"] - 20): r["start"]]):
        return True
    return len(line.strip()) - (r["end"] - r["start"]) <= 40


def published(store: Store, q: Question) -> dict[str, Any]:
    """The document's own date (what it is dated / sent / published on), cited where it says so;
    a date labelled with the question's verb ("Datum verzending") before the letter's date."""
    ev = ev_mod.gather(store, q)
    described = described_document(store, q, ev)
    if described is None:
        return date(store, q, ev)
    doc_id, score = described
    doc = ev.documents.get(doc_id) or {}
    row = _labelled_date(store, q, doc_id)
    if row is None and doc.get("date"):
        row = next((r for r in store.page_mentions([(doc_id, n) for n in range(1, 4)], "date")
                    if r["value"] and r["value"]["start"] == doc["date"] and _dates_document(r)), None)
    if row is None:
        return not_found(q, ev)
    value = str((row["value"] or {})["start"])
    f = Fact(row, "date", score, {"document": score}, context(row["page_text"], row["start"], row["end"]))
    nl = q.language == "nl"
    where = f"{doc['title'] or doc['filename']}, p. {f.row['page']}"
    text = (f"{value}: zo staat het in {where} (“{f.quote}”)." if nl else
            f"{value}: according to {where} (“{f.quote}”).")
    return respond(q, True, text, [fact(f, value, value)], ev)


# -- zaaknummers --

# The kind of number a question names, as the labels in documents spell it ("Ons kenmerk", "Zaaknummer").
ASKED_LABEL = [("zaaknummer", r"zaak\s*nummer|case\s*number"), ("kenmerk", r"kenmerk|\breference\b"),
               ("referentie", r"referentie"), ("registratie", r"registratie"), ("verzoeknummer", r"verzoeknummer"),
               ("nummer", r"\bwelk nummer\b|\bwhich number\b")]
LABEL_PENALTY = 0.1  # a number labelled otherwise than the question names it ("kenmerk" when "nummer" is asked)
# "het kenmerk van <X>": X is whose number is asked.
POSSESSOR_RE = re.compile(r"\b(?:kenmerk|zaaknummer|nummer|referentie|registratie|reference|number)\s+(?:van|of)\s+"
                          r"(?:de|het|een|the|a|an)?\s*([\w'-]+)")


def asked_label(q: Question) -> str | None:
    f = fold(q.text)
    return next((label for label, rx in ASKED_LABEL if re.search(rx, f)), None)


def _possessor_is(ev: Evidence, q: Question, doc_id: str) -> bool:
    """Whether the number asked for is the document's: "het kenmerk van het Wob-besluit" names the
    document (its title, file name or type holds the word), "het kenmerk van de verzoeker" does not."""
    m = POSSESSOR_RE.search(fold(q.text))
    if not m:
        return True
    words = [ev_mod.stem(w) for w in ev_mod.index_words(m.group(1))]
    stems = frozenset().union(*(p.title_stems for p in ev.pages if p.hit["document_id"] == doc_id))
    return any(w in stems or any(len(s) > len(w) + 2 and w in s for s in stems) for w in words)


def zaaknummer(store: Store, q: Question) -> dict[str, Any]:
    """A document's own number (when the question describes the document) or a number named
    beside the subject in the text (a besluitenlijst item's kenmerk)."""
    ev = ev_mod.gather(store, q)
    found = ev_mod.facts(store, ev, "zaaknummer")
    label = asked_label(q)
    for f in found:  # an unlabelled number deep in a document is a quoted one (an attachment's subject)
        if f.row["page"] > 2 and not (f.row["value"] or {}).get("label"):
            f.score -= 0.15
        # "kenmerk 15985-AB, geregistreerd onder nummer AI15.02693": the kind of number asked
        own_label = fold(str((f.row["value"] or {}).get("label") or ""))
        if label and own_label and label not in own_label:
            f.score -= LABEL_PENALTY
            f.parts["label"] = 0.0
    # the number of the one document the question describes, by its text as well as its title
    # ("het Wob-besluit over verlofvoorwaarden" is a letter titled "Uw (Wob-) verzoek")
    described = described_document(store, q, ev, title_min=0.0)
    if described and _possessor_is(ev, q, described[0]):
        doc = ev.documents.get(described[0]) or {}
        mine = [f for f in found if f.row["document_id"] == doc.get("id")]
        own = {doc.get("zaaknummer")}
        # the question names the kind of number: of the document's own numbers, the one so labelled
        # ("Welk kenmerk …" is the "Ons kenmerk", not the council's "Zaaknummer" beside it)
        labelled = {(f.row["value"] or {}).get("number") for f in mine if label and (f.row["value"] or {}).get(
            "role") == "own" and label in ((f.row["value"] or {}).get("label") or "")}
        if labelled and not own & labelled:
            own = labelled
        for f in mine:
            if (f.row["value"] or {}).get("number") in own:
                # the described document's own number beats a number it only quotes
                f.score = max(f.score, described[1]) + 0.1
                f.parts["line"] = max(f.parts.get("line", 0.0), LINE_MIN)
    return _best_value(store, q, ev, found, "zaaknummer", lambda f: (f.row["value"] or {})["number"], str)
