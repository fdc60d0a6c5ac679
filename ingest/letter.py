"""Document-level facts: title, type, date, zaaknummer and letter metadata.

Letter metadata comes from page 1 (and the running header of page 2) in this order:
a letterhead table (a row of labels "Onderwerp Zaaknummer Uw kenmerk Datum" with the
values on the next line, matched by x position), key/value lines ("Datum 28 januari
2021", "Ons kenmerk NO20-05797/UIT-21-12734"), running-header lines ("Kenmerk ...
Pagina 2 van 15"). PDF metadata is the last resort, for the title only.
"""

from __future__ import annotations

import re

from models import Document
from ingest.dates import find_date
from ingest.lines import Line

LABELS = {
    "onderwerp": "onderwerp",
    "betreft": "onderwerp",
    "zaaknummer": "zaaknummer",
    "ons kenmerk": "ons kenmerk",
    "kenmerk": "kenmerk",
    "uw kenmerk": "uw kenmerk",
    "uw brief van": "uw brief van",
    "datum": "datum",
    "verzenddatum": "datum",
    "behandeld door": "behandeld door",
    "contactpersoon": "contactpersoon",
    "bijlage": "attachments",
    "bijlagen": "attachments",
    "bijlage(n)": "attachments",
    "join registratie": "zaaknummer",
    "registratienummer": "zaaknummer",
    "voorzitter": "voorzitter",
}
_LABEL_RE = re.compile(
    r"^(" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True)) + r")\b\s*:?\s*(.*)$", re.I
)
_ZAAK = re.compile(r"\b(?:[A-Z]{1,4}\d{2}-\d{3,}(?:/[A-Z]{2,4}-\d{2}-\d{3,})?|Z/\d{2}/\d{4,}|\d{2,4}[-/.]\d{4,}|[A-Z]?\d{6,})\b")
_GREETING = re.compile(r"(met vriendelijke groet|hoogachtend|namens (?:deze|het college))", re.I)
_TYPES = [
    ("besluitenlijst", re.compile(r"besluitenlijst", re.I)),
    ("wob-besluit", re.compile(r"\b(wob|woo)[- ]?(verzoek|besluit)|wet openbaarheid van bestuur|wet open overheid", re.I)),
    ("raadsinformatiebrief", re.compile(r"raadsinformatiebrief|informatiebrief aan de raad", re.I)),
    ("jaarstukken", re.compile(r"jaarrekening|jaarstukken|jaarverslag", re.I)),
    ("begroting", re.compile(r"(programma)?begroting[\s_-]+(19|20)\d\d|kadernota|voorjaarsnota", re.I)),
    ("presentatie", re.compile(r"\bpresentatie\b", re.I)),
    ("rapport", re.compile(r"\brapport(age)?\b|\bonderzoek\b|\bevaluatie\b|strategisch programma|\bvisie\b", re.I)),
]


def _label(text: str) -> tuple[str, str] | None:
    m = _LABEL_RE.match(text.strip())
    if not m:
        return None
    return LABELS[m.group(1).lower()], m.group(2).strip(" :")


def _header_row(lines: list[Line], meta: dict[str, str | list[str]]) -> None:
    """Labels in one row, values in the row below (Hengelo letterhead table)."""
    for i, ln in enumerate(lines[:-1]):
        labels = [(_label(s.text), s) for s in ln.spans]
        if len(ln.spans) < 2 or sum(1 for lab, _ in labels if lab and not lab[1]) < 2:
            continue
        nxt = lines[i + 1]
        for lab, span in labels:
            if not lab:
                continue
            vals = [v.text for v in nxt.spans if min(v.x1, span.x1 + 40) - max(v.x0, span.x0 - 5) > 0]
            if vals and lab[0] not in meta:
                meta[lab[0]] = vals[0]
        return


def _key_values(lines: list[Line], meta: dict[str, str | list[str]]) -> None:
    for i, ln in enumerate(lines):
        for span_i, span in enumerate(ln.spans if len(ln.spans) > 1 else [Line(ln.text, ln.x0, 0, ln.x1, 0)]):
            lab = _label(span.text)
            if not lab:
                continue
            key, value = lab
            if not value and len(ln.spans) > span_i + 1 and not _label(ln.spans[span_i + 1].text):
                value = ln.spans[span_i + 1].text
            if not value:
                continue
            if key in ("onderwerp",):  # continuation lines aligned with the value
                for nxt in lines[i + 1 : i + 4]:
                    if _label(nxt.text) or nxt.top - ln.bottom > 3 * ln.height or nxt.text[:1].isupper() and value.endswith("."):
                        break
                    value = f"{value} {nxt.text}"
                    ln = nxt
            if key not in meta:
                meta[key] = value


def _signatories(text: str) -> list[str]:
    m = None
    for m in _GREETING.finditer(text):
        pass
    if m is None:
        return []
    tail = [t.strip(" ,") for t in re.split(r"\n+|,\s", text[m.end() : m.end() + 400]) if t.strip(" ,")]
    names = [t for t in tail if re.match(r"^(?:[A-Z][.]\s?)+[A-Z]?[a-z]*|^[A-Z][a-z]+ (?:[a-z]+ )?[A-Z][a-z]+$", t)]
    return names[:4]


def describe_document(doc: Document, meta_title: str | None, first: list[Line], second: list[Line]) -> None:
    """Fill title, doc_type, date, zaaknummer and metadata of `doc` (pages already built)."""
    meta: dict[str, str | list[str]] = {}
    first = sorted(first, key=lambda ln: (ln.top, ln.x0))
    _header_row(first, meta)
    _key_values(first, meta)
    _key_values(sorted(second, key=lambda ln: (ln.top, ln.x0)), meta)
    if "ons kenmerk" in meta or "kenmerk" in meta:
        meta.setdefault("zaaknummer", meta.get("ons kenmerk") or meta["kenmerk"])
    if isinstance(meta.get("attachments"), str):
        meta["attachments"] = [a.strip() for a in re.split(r";|\n", str(meta["attachments"])) if a.strip()]
    body = "\n".join(p.text for p in doc.pages)
    sign = _signatories(doc.pages[-1].text if doc.pages else "")
    if sign:
        meta["signatories"] = sign
    for ln in first:
        if ln.text.lower().startswith(("aan ", "aan:", "retouradres")) and "addressee" not in meta:
            meta["addressee"] = ln.text.split(":", 1)[-1].strip() if ln.text.lower().startswith("retour") is False else ""
    if not meta.get("addressee"):
        meta.pop("addressee", None)
    doc.metadata = meta
    zaak = meta.get("zaaknummer")
    if isinstance(zaak, str):
        m = _ZAAK.search(zaak)
        doc.zaaknummer = m.group(0) if m else zaak.split()[0] if zaak.split() else None
    datum = meta.get("datum")
    found = find_date(datum) if isinstance(datum, str) else None
    if found is None and doc.pages:
        found = find_date(doc.pages[0].text[:1500])
    doc.date = found[0] if found else None
    headings = [
        b.text
        for p in doc.pages[:1]
        for b in p.blocks
        if b.role.value == "heading" and not re.match(r"^gemeente\s+\S+$", b.text, re.I)
    ]
    onderwerp = meta.get("onderwerp")
    doc.title = (onderwerp if isinstance(onderwerp, str) else None) or (headings[0] if headings else None) or meta_title
    head = f"{doc.filename}\n{doc.title or ''}\n{body[:3000]}"
    doc.doc_type = next((name for name, rx in _TYPES if rx.search(head)), "other")
