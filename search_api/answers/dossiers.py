"""Dossiers: the documents of one case grouped together (a Woo request, its decision, the revised
decision and the inventories; a report's concept and final version; letters that answer each other).

Documents are joined (union-find) by these links, each with its evidence:
- `zaaknummer`: a case number both name, their own or referenced (the case part of an own number with a
  serial, "NO20-05797" of "NO20-05797/UIT-20-12660", counts as own). Two documents that each have an own
  number, and different ones, are not joined by a number both only refer to: that is their subject
  (two Woo requests of different people about one decision). A number glues nothing when it is
  generic: found in more than MAX_NUMBER_DOCS documents, too short to be a case, or found in documents
  of different organisations without one of them citing it as "uw kenmerk" (a reply to the other's
  letter). Meeting documents (besluitenlijst, agenda, verslag) touch many cases, so only their own
  number joins them, never one they refer to.
- `versie`: the version chains of the store (concept → final, original → revision).
- `verwijzing`: a reference by date in the first pages: "uw brief/verzoek/e-mail van <date>" (a document
  of another party), "ons besluit/onze brief van <date>", "op <date> hebben we u geïnformeerd" (one of
  our own), pointing at the one document of that date that fits: its issuer (ours or another's) and
  its type (a decision for "het besluit van", a letter otherwise); when several fit, title
  similarity picks one (never alone).
- `bijlage`: a document titled "Bijlage bij <X>", and an inventarislijst, joins the document its title
  names (title similarity together with the attachment's type).
- `inventaris`: an inventarislijst row that lists a stored document (the row's date is the document's
  date and the row shares a distinctive word of its title).

Two requests from different people about one subject share no case number of their own and no
reference, so they stay two dossiers; title similarity alone never joins anything.

The grouping is computed when first asked for and cached per store, keyed by the stored documents,
so it is recomputed after an ingest adds any. A dossier's id is a hash of its earliest document's
sha256: re-ingesting the same files keeps the ids.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from raadslens.models.months import MONTHS
from raadslens.models.normalize import fold
from raadslens.search_api.answers.errors import NotFound
from raadslens.search_api.store import AmountFilter, Store
from raadslens.search_api.store.rows import DocumentSummary

MAX_LIMIT = 1000  # dossiers per page
# a number in more documents than this is generic (a KvK or phone number, a template's); a Woo dossier
# (request, acknowledgement, extension, decision, revision, inventories, attachments) stays below it
MAX_NUMBER_DOCS = 12
MIN_NUMBER_LENGTH = 5  # a number shorter than this ("2021", "12") is no case
REFERENCE_PAGES = 3  # references are read from the first pages
TITLE_SIMILAR = 60  # rapidfuzz token_set_ratio on distinctive title words: a supporting signal
ATTACHMENT_SIMILAR = 85  # an attachment's title naming its main document
MEETING_TYPES = {"besluitenlijst", "agenda", "verslag"}
LETTER_TYPES = {"brief", "raadsinformatiebrief", "statenbrief", "woo-verzoek", "woo-besluit", "collegebesluit",
                "kapmelding", "vergunning", "raadsvoorstel", "statenvoorstel", "collegevoorstel", "other"}
DECISION_TYPES = {"woo-besluit", "collegebesluit", "raadsbesluit"}

ROLE_BY_TYPE = {
    "woo-verzoek": "verzoek", "woo-besluit": "besluit", "collegebesluit": "besluit", "raadsbesluit": "besluit",
    "inventarislijst": "inventarislijst", "brief": "brief", "raadsinformatiebrief": "brief",
    "statenbrief": "brief", "raadsvoorstel": "voorstel", "statenvoorstel": "voorstel",
    "collegevoorstel": "voorstel", "kapmelding": "melding", "other": "document",
}

# words every title of a kind has: they say nothing about the case
_GENERIC_WORDS = (
    "de het een van over inzake betreffende in op aan bij voor en of met te tot om uw ons onze mijn ter tbv ivm"
    " besluit beslissing herzien deelbesluit verzoek wob woo wet openbaarheid bestuur overheid kader brief memo"
    " nota gs bijlage bijlagen inventarislijst inventarisatielijst lijst documenten definitief concept versie"
    " openbaar openbare gemeente provincie college raad informatie reactie"
    " jan feb mrt apr jun jul aug sept okt nov dec"
)
_GENERIC = set(_GENERIC_WORDS.split()) | {fold(m) for m in MONTHS}
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")

# a reference by date: the text right before the date (folded), and (for "op <date> hebben we u
# geinformeerd") the text right after it
_OTHER_PARTY = re.compile(
    r"\b(?:uw|in uw|bij uw|met uw|bij)\s+(?:[\w()-]+\s+){0,2}?(?P<noun>brief|brieven|e-?mail|mail|verzoek|aanvraag|"
    r"bezwaar\w*)\s+(?:van|d\.\s?d\.|gedateerd)\s*$"
)
_OWN_EARLIER = re.compile(
    r"\b(?:onze|ons|mijn|het|de)\s+(?:[\w()-]+\s+){0,1}?(?P<noun>brief|besluit|raadsinformatiebrief|statenbrief|"
    r"memo|e-?mail|mail)\s+(?:van|d\.\s?d\.)\s*$"
)
_OWN_INFORMED_BEFORE = re.compile(r"(?:^|[.:\n]\s*|\s)(?:op|bij brief van|met de brief van)\s*$")
_OWN_INFORMED_AFTER = re.compile(
    r"^\s*(?:jl\.?)?\s*,?\s*(?:hebben|heeft|heb)\s+(?:we|wij|ik|het college|de raad|u)\s+(?:u\s+)?"
    r"(?:\w+\s+){0,3}?(?:geinformeerd|ingelicht|bericht|een brief gestuurd)"
)
_ATTACHMENT_TITLE = re.compile(r"^bijlage\s*\d*\s*[-:,]?\s*(?:bij|behorend bij|behorende bij)\s+(.+)$")


@dataclass
class Link:
    a: str
    b: str
    signal: str  # zaaknummer, versie, verwijzing, bijlage, inventaris
    detail: str


@dataclass
class Dossier:
    id: str
    title: str
    documents: list[dict[str, Any]]
    links: list[dict[str, Any]] = field(default_factory=list)


class _UnionFind:
    def __init__(self, items: list[str]):
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def title_words(title: str | None) -> set[str]:
    """The distinctive words of a title: folded, without the words every title of its kind has."""
    return {w for w in _WORD.findall(fold(title or "")) if w not in _GENERIC and not w.isdigit()}


def title_similarity(a: str | None, b: str | None) -> float:
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(sorted(wa)), " ".join(sorted(wb))))


def _norm_number(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def _long_enough(number: str) -> bool:
    return len(re.sub(r"\W", "", number)) >= MIN_NUMBER_LENGTH


def _case_prefix(number: str) -> str | None:
    """The case part of an own number with a serial after a slash ("NO20-05797/UIT-20-12660" → "NO20-05797")."""
    head = number.split("/", 1)[0]
    return head if "/" in number and _long_enough(head) and re.search(r"\d", head) else None


def _number_links(store: Store, docs: dict[str, DocumentSummary]) -> list[Link]:
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # number -> doc -> tags

    def note(doc_id: str, number: str, tags: set[str]) -> None:
        seen[number][doc_id] |= tags
        prefix = _case_prefix(number) if "role:own" in tags else None
        if prefix:
            seen[prefix][doc_id] |= tags

    for r in store.zaaknummer_rows():
        doc = docs.get(r["document_id"])
        number = _norm_number(r["number"])
        if doc is None or not _long_enough(number):
            continue
        if doc["doc_type"] in MEETING_TYPES and r["role"] != "own":
            continue  # a besluitenlijst names many cases: they are not its dossier
        note(r["document_id"], number, {f"role:{r['role']}", f"label:{r['label']}"})
    for doc in docs.values():  # the document's own number, as ingest read it from its letterhead
        if doc["zaaknummer"] and doc["doc_type"] not in MEETING_TYPES and _long_enough(doc["zaaknummer"]):
            note(doc["id"], _norm_number(doc["zaaknummer"]), {"role:own"})
    own: dict[str, set[str]] = defaultdict(set)  # document -> its own numbers
    for number, holders in seen.items():
        for doc_id, tags in holders.items():
            if "role:own" in tags:
                own[doc_id].add(number)
    links: list[Link] = []
    for number, holders in seen.items():
        if len(holders) < 2 or len(holders) > MAX_NUMBER_DOCS:
            continue
        orgs = {docs[d]["organisation"] for d in holders if docs[d]["organisation"]}
        replied = any("label:uw kenmerk" in tags for tags in holders.values())
        if len(orgs) > 1 and not replied:
            continue  # the same digits in two organisations' papers: a coincidence, not a case
        ids = sorted(holders)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                if number not in own[a] and number not in own[b] and own[a] and own[b] and not own[a] & own[b]:
                    continue  # two cases of their own that both name a third number: it is their subject
                links.append(Link(a, b, "zaaknummer", number))
    return links


def _version_links(store: Store, docs: dict[str, DocumentSummary]) -> list[Link]:
    links = []
    for chain in store.version_chains():
        ids = [m["id"] for m in chain if m["id"] in docs]
        links += [Link(a, b, "versie", f"{docs[a]['filename']} → {docs[b]['filename']}") for a, b in zip(ids, ids[1:])]
    return links


def _pick(candidates: list[DocumentSummary], source: DocumentSummary) -> DocumentSummary | None:
    """The one candidate a reference means: the only one, or the only one whose title is like the source's."""
    if len(candidates) == 1:
        return candidates[0]
    alike = [c for c in candidates if title_similarity(c["title"], source["title"]) >= TITLE_SIMILAR]
    return alike[0] if len(alike) == 1 else None


def _reference_links(store: Store, docs: dict[str, DocumentSummary]) -> list[Link]:
    by_date: dict[str, list[DocumentSummary]] = defaultdict(list)
    for d in docs.values():
        if d["date"] and d["doc_type"] not in MEETING_TYPES:
            by_date[d["date"]].append(d)
    links: list[Link] = []
    for w in store.mention_windows("date", max_page=REFERENCE_PAGES):
        source = docs.get(w["document_id"])
        value = w["value"] or {}
        if source is None or source["doc_type"] in MEETING_TYPES or value.get("granularity") != "day":
            continue
        date = value["start"]
        before, after = fold(w["before"]), fold(w["after"])
        other, own = _OTHER_PARTY.search(before), _OWN_EARLIER.search(before)
        if other:
            kind, noun = "ander", other.group("noun")
        elif own:
            kind, noun = "eigen", own.group("noun")
        elif _OWN_INFORMED_BEFORE.search(before) and _OWN_INFORMED_AFTER.search(after):
            kind, noun = "eigen", "brief"
        else:
            continue
        # what the reference names must fit the document it points at: a decision, or a letter
        types = DECISION_TYPES | {"other"} if noun == "besluit" else LETTER_TYPES
        org = source["organisation"]
        candidates = [c for c in by_date.get(date, []) if c["id"] != source["id"] and c["doc_type"] in types]
        if kind == "eigen":  # one of our own: the same issuer, or one that does not say
            candidates = [c for c in candidates if not org or not c["organisation"] or c["organisation"] == org]
        else:  # the other party's letter or request: never our own
            candidates = [c for c in candidates if not org or c["organisation"] != org]
        target = _pick(candidates, source)
        if target is not None:
            quote = " ".join(f"{w['before'][-40:]}{w['text']}".split())
            links.append(Link(source["id"], target["id"], "verwijzing", f"p. {w['page']}: “…{quote}”"))
    return links


def _attachment_links(docs: dict[str, DocumentSummary]) -> list[Link]:
    links: list[Link] = []
    by_word: dict[str, set[str]] = defaultdict(set)  # only documents sharing a title word are compared
    for d in docs.values():
        for word in title_words(d["title"]):
            by_word[word].add(d["id"])
    for d in docs.values():
        title = fold(d["title"] or "")
        m = _ATTACHMENT_TITLE.match(title)
        if d["doc_type"] == "inventarislijst":
            targets = {"woo-besluit", "woo-verzoek", "inventarislijst"}
            named = title
        elif m:
            targets = set()  # any type
            named = m.group(1)
        else:
            continue
        org = d["organisation"]
        near = set().union(*(by_word.get(w, set()) for w in title_words(named)))
        fits = [
            c for c in (docs[i] for i in sorted(near))
            if c["id"] != d["id"] and (not targets or c["doc_type"] in targets)
            and (not org or not c["organisation"] or c["organisation"] == org)
            and title_similarity(named, c["title"]) >= ATTACHMENT_SIMILAR
        ]
        for c in fits:
            links.append(Link(d["id"], c["id"], "bijlage", f"“{d['title']}” ~ “{c['title']}”"))
    return links


def _inventory_links(store: Store, docs: dict[str, DocumentSummary]) -> list[Link]:
    """An inventarislijst row naming a stored document: the row's date is its date, and a distinctive word
    of its title is in the row."""
    inventories = [d["id"] for d in docs.values() if d["doc_type"] == "inventarislijst"]
    if not inventories:
        return []
    by_date: dict[str, list[DocumentSummary]] = defaultdict(list)
    for d in docs.values():
        if d["date"] and d["doc_type"] != "inventarislijst":
            by_date[d["date"]].append(d)
    links: list[Link] = []
    for w in store.mention_windows("date", doc_ids=inventories, before=160, after=0):
        value = w["value"] or {}
        if value.get("granularity") != "day":
            continue
        row = fold(w["before"].rsplit("\n", 1)[-1])
        row_words = set(_WORD.findall(row))
        for c in by_date.get(value["start"], []):
            shared = title_words(c["title"]) & row_words
            if shared:
                links.append(Link(w["document_id"], c["id"], "inventaris",
                                  f"p. {w['page']}: “{' '.join(row.split())} {w['text']}”"))
    return links


def role(doc: DocumentSummary, chain_position: tuple[int, int] | None) -> str:
    """The document's part in its dossier, from its type (and its place in a version chain)."""
    title = fold(doc["title"] or "")
    base = ROLE_BY_TYPE.get(doc["doc_type"], doc["doc_type"])
    if title.startswith("bijlage"):
        return "bijlage"
    if base == "besluit":
        later = chain_position is not None and chain_position[0] > 0
        return "herzien besluit" if later or "herzien" in title else "besluit"
    if chain_position is not None and chain_position[0] < chain_position[1] - 1:
        return "versie"  # an earlier version of a later document in the dossier
    return base


def _order_key(doc: DocumentSummary) -> tuple[str, str]:
    return (doc["date"] or "9999-12-31", doc["filename"])


def _build(store: Store, docs: dict[str, DocumentSummary]) -> list[Dossier]:
    hashes = store.document_hashes()
    links = (_version_links(store, docs) + _number_links(store, docs) + _reference_links(store, docs)
             + _attachment_links(docs) + _inventory_links(store, docs))
    uf = _UnionFind(sorted(docs))
    for link in links:
        uf.union(link.a, link.b)
    groups: dict[str, list[DocumentSummary]] = defaultdict(list)
    for d in docs.values():
        groups[uf.find(d["id"])].append(d)
    positions: dict[str, tuple[int, int]] = {}
    for chain in store.version_chains():
        for i, m in enumerate(chain):
            positions[m["id"]] = (i, len(chain))
    out: list[Dossier] = []
    for members in groups.values():
        members.sort(key=_order_key)
        first = members[0]
        ids = {m["id"] for m in members}
        documents = [
            {"id": m["id"], "filename": m["filename"], "title": m["title"], "date": m["date"],
             "doc_type": m["doc_type"], "organisation": m["organisation"], "zaaknummer": m["zaaknummer"],
             "role": role(m, positions.get(m["id"]))}
            for m in members
        ]
        main = next((d for d in documents if d["title"] and d["role"] not in ("inventarislijst", "bijlage", "versie")),
                    documents[0])
        dossier_links = [
            {"from": link.a, "to": link.b, "signal": link.signal, "detail": link.detail}
            for link in links if link.a in ids and link.b in ids
        ]
        out.append(Dossier(
            id=hashlib.sha256(hashes.get(first["id"], first["id"]).encode()).hexdigest()[:16],
            title=str(main["title"] or main["filename"]), documents=documents, links=dossier_links,
        ))
    out.sort(key=lambda d: (_order_key_dict(d.documents[0]), d.id))
    return out


def _order_key_dict(doc: dict[str, Any]) -> tuple[str, str]:
    return (doc["date"] or "9999-12-31", doc["filename"])


_cache: dict[str, tuple[str, list[Dossier]]] = {}
_lock = threading.Lock()


def _fingerprint(docs: list[DocumentSummary]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d["id"]):
        h.update(f"{d['id']}|{d['date']}|{d['doc_type']}|{d['zaaknummer']}|{d['title']}\n".encode())
    return h.hexdigest()


def all_dossiers(store: Store) -> list[Dossier]:
    """Every dossier (a document with no links is a dossier of one), oldest first; cached per store
    until the stored documents change."""
    summaries = store.list_documents()
    key = _fingerprint(summaries)
    with _lock:
        hit = _cache.get(store.url)
        if hit and hit[0] == key:
            return hit[1]
    built = _build(store, {d["id"]: d for d in summaries})
    with _lock:
        _cache[store.url] = (key, built)
    return built


def dossier_of(store: Store, doc_id: str) -> Dossier | None:
    return next((d for d in all_dossiers(store) if any(x["id"] == doc_id for x in d.documents)), None)


def get(store: Store, dossier_id: str) -> Dossier:
    found = next((d for d in all_dossiers(store) if d.id == dossier_id), None)
    if found is None:
        raise NotFound(f"geen dossier met id {dossier_id!r}; zie GET /dossiers")
    return found


def _summary(d: Dossier) -> dict[str, Any]:
    dates = [x["date"] for x in d.documents if x["date"]]
    return {
        "id": d.id, "title": d.title, "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None, "document_count": len(d.documents),
        "documents": [{k: x[k] for k in ("id", "filename", "title", "date", "role")} for x in d.documents],
    }


def dossiers(store: Store, *, limit: int = 50, offset: int = 0, min_documents: int = 1) -> dict[str, Any]:
    """GET /dossiers: one page of dossiers, oldest first, with the `total` of all."""
    found = [d for d in all_dossiers(store) if len(d.documents) >= min_documents]
    return {"total": len(found), "limit": limit, "offset": offset,
            "dossiers": [_summary(d) for d in found[offset:offset + limit]]}


def facts(store: Store, d: Dossier) -> dict[str, Any]:
    """What the dossier's documents name: zaaknummers, and counts of dates and amounts."""
    ids = {x["id"] for x in d.documents}
    numbers: dict[str, set[str]] = defaultdict(set)
    for r in store.zaaknummer_rows():
        if r["document_id"] in ids:
            numbers[re.sub(r"\s+", "", r["number"]).upper()].add(r["document_id"])
    dates = [w for w in store.mention_windows("date", doc_ids=sorted(ids), before=0, after=0)]
    day_values = sorted({str((w["value"] or {})["start"]) for w in dates if (w["value"] or {}).get("start")})
    amounts = sum(store.count_money_mentions(AmountFilter(document=i, limit=None)) for i in sorted(ids))
    return {
        "zaaknummers": [{"number": n, "documents": len(docs)}
                        for n, docs in sorted(numbers.items(), key=lambda x: (-len(x[1]), x[0]))],
        "dates": {"count": len(dates), "first": day_values[0] if day_values else None,
                  "last": day_values[-1] if day_values else None},
        "amounts": {"count": amounts},
    }


def detail(store: Store, d: Dossier) -> dict[str, Any]:
    """GET /dossiers/{id} without its timeline: the documents in order, the links that join them, the facts."""
    return {**_summary(d), "documents": d.documents, "links": d.links, "facts": facts(store, d)}
