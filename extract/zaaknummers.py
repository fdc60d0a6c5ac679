"""Zaaknummers and kenmerken → `ZaakValue` (plain functions, no spaCy).

`find_zaaknummers(text)` returns `ZaakHit`s whose offsets cover the number only.

* Labelled: "Zaaknummer 3825997", "(zaaknummer 3893698)", "Ons kenmerk: A24STW-42",
  "Kenmerk: Z/24/082517", "registratienummer ...". The label is normalised to
  lower case ("zaaknummer", "ons kenmerk", "uw kenmerk", "kenmerk", ...).
* Letterhead field: a label alone on its line ("**Zaaknummer**") with the value on
  the next non-empty line, or a header row of labels ("Onderwerp Zaaknummer Uw
  kenmerk Datum") with a value row below (tab columns when present, otherwise the
  number-like tokens of the row in label order).
* Unlabelled codes with a recognisable shape: "Z/24/082517",
  "NO20-05797/UIT-21-12734", "VN2020-006736" (letters, separators, ≥ 6 digits);
  "VN 2020-006736" (spaces from PDF text) gives number "VN2020-006736".
* role "own": "ons kenmerk", or a zaaknummer/kenmerk label that starts its line
  (letterhead, field style). "referenced": in running text or "uw kenmerk".
* Never a zaaknummer: phone numbers ("14-074", "053-4812345"), postcodes
  ("7550 AA"), amounts ("983.000"), dates, numbers with fewer than 5 digits unless
  they mix letters and digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from raadslens.extract.scan import Occupancy, finditer_in, finditer_near, windows
from raadslens.models import ZaakValue
from raadslens.models.mentions import Role

LABELS = {
    "zaaknummer": "zaaknummer", "zaaknr": "zaaknummer", "zaak": "zaaknummer",
    "ons kenmerk": "ons kenmerk", "uw kenmerk": "uw kenmerk", "kenmerk": "kenmerk",
    "registratienummer": "registratienummer", "documentnummer": "documentnummer",
    "dossiernummer": "dossiernummer", "briefnummer": "briefnummer",
    "corsanummer": "corsanummer", "ons nummer": "ons kenmerk", "uw brief": "uw kenmerk",
    "referentie": "referentie", "onze referentie": "ons kenmerk", "onder nummer": "nummer",
}
OWN_LABELS = {"zaaknummer", "ons kenmerk", "kenmerk", "registratienummer",
              "documentnummer", "dossiernummer", "briefnummer", "corsanummer", "referentie"}
# Other letterhead column names that may share a header row with the labels.
OTHER_FIELDS = (r"onderwerp|datum|verzenddatum|bijlage\(?n?\)?|bijlagen|contactpersoon|pagina|"
                r"telefoonnummer|telefoon|e-?mail|behandeld door|afdeling|cc|kopie aan|"
                r"uw brief(?: van)?|doorkiesnummer")
# "0ns kenmerk", "0nze referentie": OCR reads the capital O as a zero
_LABEL_ALT = ("zaaknummer|zaaknr\\.?|[o0]ns kenmerk|uw kenmerk|kenmerk|registratienummer|"
              "documentnummer|dossiernummer|briefnummer|corsanummer|[o0]ns nummer|"
              "[o0]nze referentie|referentie|onder nummer")
_VALUE = r"[A-Z0-9](?:[A-Za-z0-9]|[/\-._](?=[A-Za-z0-9]))*"

LABELLED_RX = re.compile(
    rf"(?P<label>\b(?:{_LABEL_ALT}))\b(?:\*\*)?[^\S\n]*(?:[:.]{{1,2}}|nr\.?|nummer|\|)?"  # "Ons kenmerk | CE…": cells
    rf"[^\S\n]*(?:\*\*)?[^\S\n]*(?:_+[^\S\n]*)?"  # "__" before the value ("__Z-…", "__ Z-…") is OCR debris
    rf"(?P<value>{_VALUE})",
    re.IGNORECASE,
)
# Not after a letter, digit or separator; after "_" is fine ("__Z-21-50211" is OCR debris
# before the number, never part of it). A segment is capitals and digits, or a short word
# such as "Uit" between two numbered segments ("ZOOV20-1234-Uit-20-567").
CODE_RX = re.compile(r"(?<![A-Za-z0-9/-])[A-Z]{1,5}\d{0,4}"
                     r"(?:[/\-](?:[A-Z0-9]+|[A-Z][a-z]{1,3}(?=[/\-]\d))){1,5}(?![\w/])"
                     # "VN 2020-006736", "VN 2020- 006736" (spaces from PDF text)
                     r"|(?<![A-Za-z0-9/-])[A-Z]{1,4} \d{4}- ?\d{5,}(?![\w/])"
                     # a year and a serial of 5-10 digits ("2023-004567", "2019-0000123456"):
                     # no date or year range has that shape
                     r"|(?<![A-Za-z0-9/.,-])(?:19|20)\d{2}-\d{5,10}(?![\w/.,-])")
# a label that ends its line, its value alone on the next non-empty line: the letterhead
# column of ministry and provincial letters ("17 december 2020 Ons kenmerk" / "" / "2947574")
LABEL_EOL_RX = re.compile(
    rf"(?P<label>\b(?:{_LABEL_ALT}))\b[^\S\n]*:?[^\S\n]*\n(?:[^\S\n]*\n)?[^\S\n]*(?:_+[^\S\n]*)?"
    rf"(?P<value>{_VALUE})[^\S\n]*(?=\n|$)",
    re.IGNORECASE,
)
_HEADER_TOKEN = re.compile(rf"\**[^\S\n]*(?:(?P<label>{_LABEL_ALT})|(?:{OTHER_FIELDS}))"
                           rf"[^\S\n]*:?\**",
                           re.IGNORECASE)
_LABEL_WORD = re.compile(rf"\b(?:{_LABEL_ALT})", re.IGNORECASE)
# cheap anchor: every label contains one of these (case-insensitive). Each alternative
# opens with a plain letter, so `re` skips ahead to an n, N, k, K, r, R, z or Z.
_LABEL_ANCHOR = re.compile(r"N(?:umme|[Uu][Mm][Mm])|n(?:umme|[Uu][Mm][Mm])"
                           r"|K(?:enmerk|ENMERK)|kenmerk|R(?:eferentie|EFERENTIE)|referentie"
                           r"|Z(?:aaknr|AAKNR)|zaaknr")
# cheap anchor for CODE_RX: every code has a "/" or "-" before a letter or digit
_CODE_ANCHOR = re.compile(r"[/\-] ?[A-Z0-9]")
_PHONE = re.compile(r"^(?:0\d{1,3}-?\d{6,8}|14-?0\d{2,3}|\+31\d{9}|0\d{9})$")
_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$")


@dataclass
class ZaakHit:
    start: int
    end: int
    value: ZaakValue


def is_plausible(value: str) -> bool:
    """Could `value` be a zaaknummer or kenmerk (not a phone number, amount, date)?"""
    if _PHONE.match(value) or _AMOUNT.match(value) or _DATE.match(value):
        return False
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    if digits == 0:
        return False
    return digits >= 5 or (letters >= 1 and digits >= 2)


def _norm_label(label: str) -> str:
    key = re.sub(r"^0", "o", re.sub(r"\s+", " ", label.lower()).rstrip("."))
    return LABELS.get(key, key)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


# a letterhead block flattened onto one line: "Datum 27.11.2022 Kenmerk D2022-11-007340
# Zaaknummer 2022-015529" — the labels before ours are letterhead fields with one value each
_FIELD_PAIRS = re.compile(r"^(?:(?:datum|ons kenmerk|kenmerk|zaaknummer|pagina)\s*:?\s*"
                          r"(?:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[A-Z]*\d[\w/.-]*"
                          r"|\d+\s+van\s+\d+)\s*\|?\s*)+$", re.I)


def _own(text: str, label_start: int, label: str) -> Role:
    if label == "uw kenmerk":
        return "referenced"
    if label == "ons kenmerk":
        return "own"
    ls, _ = _line_bounds(text, label_start)
    prefix = text[ls:label_start].strip(" \t*#|-")
    return "own" if label in OWN_LABELS and (not prefix or _FIELD_PAIRS.match(prefix)) else "referenced"


def _next_lines(text: str, pos: int, n: int = 4) -> list[tuple[int, str]]:
    """Up to `n` non-empty lines after offset `pos` (a line end), with their starts."""
    out: list[tuple[int, str]] = []
    while pos < len(text) and len(out) < n:
        nxt = text.find("\n", pos + 1)
        nxt = len(text) if nxt < 0 else nxt
        line = text[pos + 1:nxt]
        if line.strip():
            if _HEADER_TOKEN.fullmatch(line.strip()):
                break  # the next field's label: no value for this one
            out.append((pos + 1, line))
        pos = nxt
    return out


def _pair_values(line: str, labels: list[re.Match], values: list[tuple[int, str]]):
    """(label, value start, value) pairs for a header row and the lines below it."""
    if not values:
        return []
    vstart, first = values[0]
    sep = "\t" if "\t" in line else "|" if "|" in line and "|" in first else None
    cols, vcols = (line.split(sep), first.split(sep)) if sep else ([line], [first])
    # a tab- or "|"-separated table row (a value row may stop before the last, empty cells)
    if sep and (len(cols) == len(vcols) or (sep == "|" and 1 < len(vcols) < len(cols))):
        pairs, off = [], 0
        for c, v in zip(cols, vcols):
            lab = _HEADER_TOKEN.fullmatch(c.strip())
            vs = v.strip(" \r*")
            if lab and lab.group("label") and vs and re.fullmatch(_VALUE, vs):
                pairs.append((lab.group("label"), vstart + off + v.index(vs), vs))
            off += len(v) + 1
        return pairs
    code_labels = [t.group("label") for t in labels
                   if _norm_label(t.group("label")) != "uw kenmerk"] or \
        [t.group("label") for t in labels]
    for vstart, value_line in values:  # the subject may take a line or two first
        codes = [m for m in re.finditer(rf"(?<![\w/.-]){_VALUE}", value_line)
                 if is_plausible(m.group())]
        if codes:
            # a value for every label ("Uw kenmerk Ons kenmerk" over two codes): in order;
            # fewer values: the "uw kenmerk" column is the one left empty
            order = [t.group("label") for t in labels] if len(codes) >= len(labels) else code_labels
            return [(lab, vstart + cm.start(), cm.group()) for lab, cm in zip(order, codes)]
    return []


def _header_rows(text: str, anchors: list[re.Match]) -> list[ZaakHit]:
    """A line of only field labels ("Onderwerp Zaaknummer Uw kenmerk Datum",
    "**Zaaknummer**"), the values on the lines below it; `anchors`: the
    `_LABEL_ANCHOR` matches of `text`."""
    hits = []
    seen: set[int] = set()
    for km in finditer_in(_LABEL_WORD, text, windows(anchors, text, 20, 5)):
        ls, le = _line_bounds(text, km.start())
        if ls in seen or le - ls > 120:
            continue
        seen.add(ls)
        line = text[ls:le]
        tokens = list(_HEADER_TOKEN.finditer(line))
        labels = [t for t in tokens if t.group("label")]
        if not labels or _HEADER_TOKEN.sub("", line).replace("|", "").strip(" \t\r*"):
            continue
        for lab, vs, v in _pair_values(line, labels, _next_lines(text, le)):
            if is_plausible(v):
                label = _norm_label(lab)
                role: Role = "referenced" if label == "uw kenmerk" else "own"
                hits.append(ZaakHit(vs, vs + len(v), ZaakValue(number=v, label=label, role=role)))
    return hits


def find_zaaknummers(text: str) -> list[ZaakHit]:
    """All zaaknummers and kenmerken in `text`, in text order."""
    anchors = list(_LABEL_ANCHOR.finditer(text))  # one scan for both label passes
    hits = _header_rows(text, anchors)
    occ = Occupancy(len(text))
    for h in hits:
        occ.take(h.start, h.end)

    wins = windows(anchors, text, 20, 60)
    labelled = list(finditer_in(LABELLED_RX, text, wins)) + list(finditer_in(LABEL_EOL_RX, text, wins))
    for m in labelled:
        v, s = m.group("value").rstrip("."), m.start("value")
        if not is_plausible(v) or not occ.free(s, s + len(v)):
            continue
        label = _norm_label(m.group("label"))
        role = _own(text, m.start("label"), label)
        hits.append(ZaakHit(s, s + len(v), ZaakValue(number=v, label=label, role=role)))
        occ.take(s, s + len(v))
    for m in finditer_near(CODE_RX, text, _CODE_ANCHOR, 12, 80):
        number = m.group().replace(" ", "")
        digits = sum(c.isdigit() for c in number)
        if digits >= 6 and occ.free(m.start(), m.end()) and is_plausible(number):
            hits.append(ZaakHit(m.start(), m.end(), ZaakValue(number=number, role="referenced")))
            occ.take(m.start(), m.end())
    hits.sort(key=lambda h: h.start)
    return hits
