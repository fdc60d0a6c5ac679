"""Letter metadata from positioned lines: letterhead fields, addressee, signatories, attachments.

Fields come from page 1 (and the running header of page 2) in this order: a letterhead
table (a row of labels "Onderwerp Zaaknummer Uw kenmerk Datum" with the values on the
rows below, matched by column), key/value lines ("Datum 28 januari 2021", "Ons kenmerk
NO20-05797/UIT-21-12734", a label wrapped over two lines like "Join / registratie"),
running-header lines ("Kenmerk ... Pagina 2 van 15").

The addressee is the address block above the letterhead fields; signatories and the
list of attachments are read below the first closing greeting of the document.
"""

from __future__ import annotations

import re

from raadslens.ingest.lines import Line, PageLines, Span

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
    r"^(" + "|".join(re.escape(k) for k in sorted(LABELS, key=len, reverse=True)) + r")(?![\w(])\s*:?\s*(.*)$", re.I
)
_GREETING = re.compile(r"^(met (?:vriendelijke|hartelijke) groet(?:en)?|hoogachtend)\b", re.I)
_SALUTATION = re.compile(r"^(geachte|beste|aan de)\b", re.I)
_ADDRESSY = re.compile(r"\b\d{4}\s?[A-Z]{2}\b|\bpostbus\b|\bt\.?a\.?v\.?(?=\s|$)|^aan\b|\bper e-?mail\b", re.I)
_TITLES = r"(?:(?i:de heer|mevrouw|dhr\.?|mw\.?|drs\.?|mr\.?|ir\.?|dr\.?|prof\.?)\s+)*"
_NAME = re.compile(
    r"^" + _TITLES + r"(?:[A-Z]\.\s?){0,6}[A-Z](?:\.\s*|\s+)(?:(?:van|de|der|den|ten|ter|te|het|la|le|du|von|'t)\s+)*"
    r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?$"
)
_ROLE = re.compile(r"^(?:de |het )?(burgemeester|secretaris|gemeentesecretaris|griffier|wethouder|voorzitter|"
                   r"directeur|stadsdeeldirecteur|loco-burgemeester)\b[ ,]*(.*)$", re.I)
_TABLE_HEAD = re.compile(r"^(?:nr\.?|no\.?|nummer|#|agendapunt)$", re.I)
_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[•▪\-–])\s*")


def label(text: str) -> tuple[str, str] | None:
    m = _LABEL_RE.match(text.strip())
    if not m:
        return None
    return LABELS[m.group(1).lower()], m.group(2).strip(" :")


def _spans(ln: Line) -> list[Span]:
    return ln.spans if ln.spans else [Span(ln.text, ln.x0, ln.x1)]


def _header_table(lines: list[Line], meta: dict[str, str | list[str]]) -> int | None:
    """Labels in one row, values in the rows below, matched by column (Hengelo letterhead).

    Returns the index of the label row, or None. A value belongs to the label whose
    column starts at or left of it; an empty column gets no value.
    """
    for i, ln in enumerate(lines):
        labs = [(label(s.text), s) for s in _spans(ln)]
        if len(ln.spans) < 2 or sum(1 for lab, _ in labs if lab and not lab[1]) < 2:
            continue
        cols = sorted(((s.x0, lab[0]) for lab, s in labs if lab), key=lambda c: c[0])
        found: dict[str, list[str]] = {}
        prev = ln
        for nxt in lines[i + 1 : i + 5]:
            if nxt.top - prev.bottom > 1.2 * max(prev.height, nxt.height) or any(label(s.text) for s in nxt.spans[:1]):
                break
            for s in _spans(nxt):
                owner = [key for x0, key in cols if x0 <= s.x0 + 6]
                if owner:
                    found.setdefault(owner[-1], []).append(s.text)
            prev = nxt
        for key, vals in found.items():
            meta.setdefault(key, " ".join(vals))
        return i
    return None


def _key_values(lines: list[Line], meta: dict[str, str | list[str]]) -> int | None:
    """Label/value lines; returns the index of the first line with a label."""
    first = None
    for i, ln in enumerate(lines):
        spans = _spans(ln)
        if len(spans) > 1 and _TABLE_HEAD.match(spans[0].text):
            continue  # "Nr. | Onderwerp | Toelichting": the header of a table, not letter fields
        for k, span in enumerate(spans):
            lab = label(span.text)
            if lab is None and k == 0 and i + 1 < len(lines):
                nxt = lines[i + 1]  # a label wrapped over two lines ("Join" / "registratie")
                if len(nxt.spans) <= 1 and abs(nxt.x0 - span.x0) < 3 and nxt.text[:1].islower():
                    lab = label(f"{span.text} {nxt.text}")
                    lab = lab if lab and not lab[1] else None
            if not lab:
                continue
            first = i if first is None else first
            key, value = lab
            if not value and len(spans) > k + 1 and not label(spans[k + 1].text):
                value = spans[k + 1].text
            if not value:
                continue
            if key == "onderwerp":  # continuation lines aligned with the value
                cur = ln
                for nxt in lines[i + 1 : i + 4]:
                    if label(nxt.text) or nxt.top - cur.bottom > 1.2 * cur.height or _SALUTATION.match(nxt.text):
                        break
                    value = f"{value} {nxt.text}"
                    cur = nxt
            meta.setdefault(key, value)
            break
    return first


def _addressee(lines: list[Line], anchor: int, width: float) -> str | None:
    """The address block: the last block of left-hand lines above the letterhead fields."""
    blocks: list[list[Line]] = []
    for ln in lines[:anchor]:
        if ln.x0 > 0.45 * width or ln.furniture or ln.text.lower().startswith("retouradres"):
            continue
        if blocks and ln.top - blocks[-1][-1].bottom < 0.9 * max(ln.height, 1.0):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    for block in reversed(blocks):
        text = [ln.text for ln in block if not re.fullmatch(r"(t\.?a\.?v\.?|per e-?mail|aan)\s*:?", ln.text.strip(), re.I)]
        if text and (len(block) >= 2 and any(_ADDRESSY.search(ln.text) for ln in block)):
            return ", ".join(text)
    return None


def _after_greeting(pages: list[PageLines]) -> tuple[PageLines, int] | None:
    for page in pages:
        for i, ln in enumerate(page.lines):
            if not ln.furniture and _GREETING.match(ln.text):
                return page, i
    return None


def _signatories(lines: list[Line]) -> tuple[list[str], list[str]]:
    """Names in a signature block, each with the role written just above or below it."""
    names: list[tuple[str, Span, Line]] = []
    roles: list[tuple[Span, Line, str]] = []
    for ln in lines[:12]:
        if ln.furniture or label(ln.text) or (_ITEM.match(ln.text) and len(ln.spans) > 1):
            break
        for s in _spans(ln):
            t = s.text.strip(" ,")
            head, _, rest = t.partition(",")
            rm = _ROLE.match(t)
            if rm:
                roles.append((s, ln, rm.group(1).lower()))
            elif _NAME.match(head.strip()) and len(head.split()) <= 7:
                names.append((head.strip(), s, ln))
                rr = _ROLE.match(rest.strip())
                if rr:  # "R. van der Velden, stadsdeeldirecteur"
                    roles.append((s, ln, rr.group(1).lower()))
        if len(names) >= 4:
            break
    out_roles = []
    for _, s, ln in names:
        near = [
            (abs(rl.top - ln.top), r)
            for rs, rl, r in roles
            if abs(rs.x0 - s.x0) < 15 and abs(rl.top - ln.top) < 6 * max(ln.height, 1.0)
        ]
        out_roles.append(min(near)[1] if near else "")
    return [n for n, _, _ in names], out_roles


def _attachments(lines: list[Line]) -> tuple[list[str], str | None]:
    """Items listed under "Bijlage(n)" after the greeting; or a bare count ("Bijlage: 1")."""
    for i, ln in enumerate(lines):
        lab = label(ln.text)
        if not lab or lab[0] != "attachments":
            continue
        if re.fullmatch(r"\d{1,2}", lab[1]):
            return [], lab[1]
        items = [lab[1]] if lab[1] else []
        prev = ln
        for nxt in lines[i + 1 : i + 12]:
            if nxt.furniture or nxt.top - prev.bottom > 2.0 * max(prev.height, 1.0):
                break
            items.append(_ITEM.sub("", nxt.text).strip())
            prev = nxt
        return [t for t in items if t], None
    return [], None


def letter_metadata(pages: list[PageLines]) -> dict[str, str | list[str]]:
    """Letter fields of a document from its pages' lines (after furniture marking)."""
    meta: dict[str, str | list[str]] = {}
    if not pages:
        return meta
    p1 = sorted(pages[0].lines, key=lambda ln: (ln.top, ln.x0))
    row = _header_table(p1, meta)
    first_kv = _key_values(p1, meta)
    if len(pages) > 1:
        _key_values(sorted(pages[1].lines, key=lambda ln: (ln.top, ln.x0)), meta)
    meta.pop("attachments", None)  # only from page 1 key/values or after the greeting (below)
    _key_values([ln for ln in p1 if (found := label(ln.text)) and found[0] == "attachments"], meta)
    salut = next((i for i, ln in enumerate(p1) if _SALUTATION.match(ln.text)), None)
    anchors = [a for a in (row, first_kv, salut) if a is not None]
    if anchors:
        addressee = _addressee(p1, min(anchors), pages[0].width)
        if addressee:
            meta["addressee"] = addressee
    greeting = _after_greeting(pages)
    if greeting:
        page, i = greeting
        tail = sorted(page.lines[i + 1 :], key=lambda ln: (ln.top, ln.x0))
        names, roles = _signatories(tail)
        if names:
            meta["signatories"] = names
            if any(roles):
                meta["signatory_roles"] = roles
        items, count = _attachments(tail)
        if items:
            meta["attachments"] = items
        elif count:
            meta["attachment_count"] = count
    if isinstance(meta.get("attachments"), str):
        text = str(meta.pop("attachments"))
        if re.fullmatch(r"\d{1,2}", text):
            meta["attachment_count"] = text
        else:
            meta["attachments"] = [a.strip() for a in re.split(r";|\n", text) if a.strip()]
    return meta
