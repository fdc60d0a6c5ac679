"""Document-level facts: title, type, date and zaaknummer (letter fields come from `letter`).

Title: a letter's onderwerp; otherwise the title block of page 1 (the lines in the
largest type, joined while they stay close together; a CONCEPT stamp and "Gemeente X"
are skipped); then the first heading; the PDF's Title metadata only as a last resort.

Type (one of `models.doctypes.DOC_TYPES`): the title is tested first, then page 1, then
the first pages, then the file name, each against the rules in `_TYPES` in order (a letter to the council that mentions
"begroting 2025" stays a raadsinformatiebrief).

Date: the letter's Datum field; else a "Wassenaar, 12 maart 2024" line; else, for a letter,
an e-mail's "Verzonden:" date, a date on a line of its own on page 1 (an unlabelled date
line, a "VERZONDEN" stamp), else
no date: every date it names in its sentences is one it cites, so the latest of them (moved
on to a later "9 juli jl.") is only its "reference_date", precision "lower bound";
else the first full date on page 1. A month and year on the first three pages ("uitgave
oktober 2023") or the year in the title ("Begroting 2024") is no day: the document keeps
no date (a journalist must not read "2023-10-01" where the budget says "oktober 2023"),
and metadata "reference_date" (2023-10-01, 2024-01-01: the first day) is what its relative
dates ("dit jaar") resolve against. How the date was found is recorded in metadata
"date_source" / "date_precision".
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from statistics import median

from raadslens.ingest.dates import MONTHS, find_date, find_dates
from raadslens.ingest.letter import letter_metadata
from raadslens.ingest.lines import Line, PageLines
from raadslens.ingest.organisation import issuing_organisation
from raadslens.models import Document

_ZAAK = re.compile(r"\b(?:[A-Z]{1,4}\d{2}-\d{3,}(?:/[A-Z]{2,4}-\d{2}-\d{3,})?|Z/\d{2}/\d{4,}|\d{2,4}[-/.]\d{4,}|[A-Z]?\d{6,})\b")
# never a title: a stamp, a bare wordmark, numbers only ("173 174": a spread's page numbers)
_SKIP_TITLE = re.compile(r"^(?:concept|draft|ontwerp|gemeente\s+(?:\S{1,2}\s+)?\S+|\W*|[\d\s]+)$", re.I)
_STALE_META = re.compile(r"^(?:naamloos|untitled|document\d*|microsoft word\b.*)$", re.I)
_MONTH_YEAR = re.compile(
    r"\b(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\s+((?:19|20)\d\d)\b", re.I
)
_DATE_CUE = re.compile(r"\b(?:uitgave|datum|versie|colofon|gepubliceerd|publicatie|opgesteld|vastgesteld)\b", re.I)
_LETTER_TO_COUNCIL = re.compile(r"gemeenteraad|leden van de (?:gemeente)?raad|raadsleden|aan de raad", re.I)
# (type of models.doctypes, pattern, title only): tried in order on the title, then page 1,
# the first pages and the file name; a "title only" rule is a word that running text uses
# loosely ("agenda", "memo", "verslag" of something else) and counts only in the title.
_TYPES: list[tuple[str, re.Pattern[str], bool]] = [(name, re.compile(rx, re.I), title_only) for name, rx, title_only in [
    ("besluitenlijst", r"besluitenlijst", False),
    ("inventarislijst", r"^\W*inventari(?:s|satie)lijst", True),
    ("woo-besluit", r"\b(wob|woo)[- ]?(verzoek|besluit)|wet openbaarheid (van )?bestuur|wet open overheid", False),
    ("raadsinformatiebrief", r"raadsinformatiebrief|informatiebrief aan de raad", False),
    ("statenbrief", r"statenbrief|brief aan (?:de )?(?:leden van )?(?:provinciale staten|PS)\b", False),
    ("raadsvoorstel", r"raadsvoorstel", False),
    ("statenvoorstel", r"statenvoorstel", False),
    ("collegevoorstel", r"collegevoorstel|\bGS[- ]nota\b|\bvoordracht\b", False),
    # also the Omgevingsloket form: "Soort Melding ... Activiteit(en) Kappen van houtopstanden"
    ("kapmelding", r"\bkapmelding|melding\s+(?:het\s+)?vellen|vellen\s+van\s+(?:een\s+)?houtopstand"
                   r"|soort\s+melding\b[^\n]{0,80}?kappen\s+van\s+houtopstand", False),
    ("jaarstukken", r"jaarrekening|jaarstukken|jaarverslag|\brekening (?:19|20)\d\d\b", False),
    ("voorjaarsnota", r"voorjaarsnota|kadernota|najaarsnota", True),
    ("begroting", r"(programma)?begroting[\s_-]+(19|20)\d\d", False),
    ("motie", r"^\W*motie\b", True),
    ("amendement", r"^\W*amendement\b", True),
    ("agenda", r"\bagenda\b", True),
    ("verslag", r"\bverslag\b|\bnotulen\b", True),
    ("ontwerp", r"\b(?:technisch|functioneel)\s+ontwerp\b|\bspecificatie\b", True),
    ("vergunning", r"omgevingsvergunning|\bvergunning\b", True),
    ("presentatie", r"\bpresentatie\b", False),
    # a strategy or visie is policy (models/doctypes.py), not a report about it
    ("beleidsnota", r"\bmemo\b|beleidsnota|beleidsplan|verordening|\bnota\b|strategisch programma|\bvisie\b", True),
    ("rapport", r"\b(eind|onderzoeks|concept|voortgangs)?rapport(age)?\b|\bonderzoek\b|\bevaluatie\b|\btussenstand\b", False),
]]


def _clean(text: str) -> str:
    text = re.sub(r"(\d{4})\s*-\s+(\d{4})", r"\1-\2", text)  # "2026- 2030"
    return re.sub(r"\s+", " ", text).strip(" _|‘’'`.,;:-–—*\"“”[]")


def _table_row(text: str) -> bool:
    """A line of table cells (an OCR'd spread in large type, "Saldo | 362.826 | -3.921.195"):
    never a title."""
    rest = re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", "", text)  # a title's years ("2026-2030") are words
    digits = sum(c.isdigit() for c in rest)
    return text.count("|") >= 2 or (digits >= 6 and digits > 0.25 * max(1, len(rest.replace(" ", ""))))


# the words a table's column headers are made of ("Nr. | Datum | Document | Beoordeling")
_COLUMN_WORDS = {"nr", "nummer", "datum", "document", "documentnaam", "omschrijving", "onderwerp", "bedrag",
                 "bedragen", "baten", "lasten", "saldo", "beoordeling", "afzender", "ontvanger", "kenmerk",
                 "status", "wob-grond", "woo-grond", "weigeringsgrond", "vindplaats", "toelichting", "totaal",
                 "begroting", "rekening", "realisatie", "verschil", "pagina", "versie", "auteur", "kans",
                 "risico", "maatregel", "naam", "functie", "aantal", "jaar"}
_WORD = re.compile(r"[^\W\d_][\w-]*")


def _column_header(text: str) -> bool:
    """A table's column header set large (an OCR'd spread, an inventory list): its words are
    column labels ("Nr. Datum Document Beoordeling"), or one group of labels repeats for each
    column group ("… Baten Lasten Saldo Baten Lasten Saldo"). Never a title."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 2:
        return False
    if len(words) >= 3 and sum(w in _COLUMN_WORDS for w in words) >= 0.75 * len(words):
        return True
    for k in range(1, 5):  # a run of the same k words, at least three times over
        for i in range(len(words) - 3 * k + 1):
            if words[i:i + k] == words[i + k:i + 2 * k] == words[i + 2 * k:i + 3 * k]:
                return True
    return False


def title_block(lines: list[Line], height: float) -> str | None:
    """The lines of page 1 in the largest type, joined while they stay close together."""
    body = [
        ln
        for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0))
        if not ln.furniture and ln.top < 0.7 * height and not _SKIP_TITLE.match(_clean(ln.text))
        and sum(c.isalpha() for c in ln.text) >= 3 and not _table_row(ln.text) and not _column_header(ln.text)
    ]
    if not body:
        return None
    sizes = [ln.size for ln in lines if ln.size > 0 for _ in range(max(1, len(ln.text) // 20))]
    normal = median(sizes) if sizes else 10.0
    big = max(ln.size for ln in body)
    if big < 1.3 * normal and len(lines) >= 6:  # a cover page with a few lines has no "normal" size
        return None
    i = next(k for k, ln in enumerate(body) if ln.size >= 0.93 * big)
    group = [body[i]]
    for ln in body[i + 1 : i + 4]:
        prev = group[-1]
        gap = ln.top - prev.bottom
        if ln.size < 0.35 * group[0].size or gap > 0.75 * min(prev.height, ln.height) or ln.x0 > prev.x1:
            break
        group.append(ln)
    return _clean(" ".join(ln.text for ln in group)) or None


_STANDALONE = re.compile(r"^[^\S\n]*(?:geannoteerde\s+)?(?:agenda|notulen|verslag|besluitenlijst)[^\S\n]*:?[^\S\n]*$",
                         re.I | re.M)


def _type(doc: Document, meta_title: str | None, is_letter: bool) -> str:
    first = doc.pages[0].text[:2000] if doc.pages else ""
    early = "\n".join(p.text[:2000] for p in [p for p in doc.pages if p.text][:5])
    # a page-1 line that is only a type word ("Agenda", "Geannoteerde agenda") counts as title
    standalone = "\n".join(m.group(0).strip() for m in _STANDALONE.finditer(first))
    stages = [f"{doc.title or ''}\n{meta_title or ''}\n{standalone}", first, early, doc.filename]
    lists_or_decisions = [rx for name, rx, _ in _TYPES if name in ("besluitenlijst", "woo-besluit")]
    for k, text in enumerate(stages):
        if (k == 1 and is_letter
                and _LETTER_TO_COUNCIL.search(str(doc.metadata.get("addressee", "")) + first[:400])
                and not any(rx.search(text) for rx in lists_or_decisions)):
            return "raadsinformatiebrief"
        for name, rx, title_only in _TYPES:
            if title_only and k != 0:
                continue
            if rx.search(text):
                return name
    return "brief" if is_letter else "other"


def _alone(text: str, m: re.Match[str]) -> bool:
    """The match is a line of its own (a cover page's "oktober 2023")."""
    before = text.rfind("\n", 0, m.start())
    after = text.find("\n", m.end())
    return not text[before + 1 : m.start()].strip() and not text[m.end() : after if after >= 0 else None].strip()


# "Wassenaar, 12 maart 2024" / "Den Haag, 3-5-2019": the place-and-date line of a letter
_PLACE_DATE = re.compile(r"^[^\S\n]*[A-Z][\w'’-]+(?:[ -](?:[A-Z][\w'’-]+|aan|den|op|de))*,[^\S\n]+(?P<date>[^\n]{6,30}?)[^\S\n]*$",
                         re.MULTILINE)


# "Definitieve versie, 3 mei 2019", "Versie 1.1 – 11 januari 2023", "Vastgesteld op 3 mei 2019":
# the cover's version or status line dates the document
_VERSION_DATE = re.compile(
    r"^[^\S\n]*(?:(?:definitieve|concept|ontwerp|herziene)(?:[^\S\n]+versie)?|definitief|versie[^\S\n]+\d+(?:\.\d+)*"
    r"|vastgesteld(?:[^\S\n]+op)?)[^\S\n]*[,:–-]?[^\S\n]+(?P<date>[^\n]{6,30}?)[^\S\n]*$", re.IGNORECASE | re.MULTILINE)


def _place_date(doc: Document) -> tuple[dt.date, str] | None:
    """The first "Place, date" line (or a cover's "Definitieve versie, 3 mei 2019" line) of the
    first two pages that holds one full date."""
    for p in doc.pages[:2]:
        for rx in (_PLACE_DATE, _VERSION_DATE):
            for m in rx.finditer(p.text):
                found = find_date(m.group("date"))
                if found and found[1].strip() == m.group("date").strip():
                    return found[0], m.group(0).strip()
    return None


_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
# "Donderdag 8 februari 08.30 – 09.30 uur", "Vergadering van dinsdag 24 mei 2022": the
# meeting a verslag, agenda or besluitenlijst is of, on a line of its own near the top
_MEETING = re.compile(
    r"^[^\S\n]*(?:(?:vergadering|bijeenkomst|overleg)\s+(?:van|op)\s+)?(?P<wd>" + "|".join(_WEEKDAYS)
    + r")\s+(?P<d>[0-3]?\d)\s+(?P<m>" + "|".join(m for m in MONTHS if len(m) > 2)
    + r")\.?(?:\s+(?P<y>(?:19|20)\d\d))?\b", re.I | re.MULTILINE)


def _meeting_date(text: str) -> tuple[dt.date, str] | None:
    """The meeting line's date; without a year, the first year on which that day is that
    weekday: of the years the page names, the most named first, then the years beside them."""
    m = _MEETING.search(text[:1200])
    if not m:
        return None
    day, month = int(m.group("d")), MONTHS[m.group("m").lower()]
    weekday = _WEEKDAYS.index(m.group("wd").lower())
    if m.group("y"):
        years = [int(m.group("y"))]
    else:
        named = Counter(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text))
        if not named:
            return None
        # the years named most often first, then the ones either side of them
        years = [y for y, _ in named.most_common()]
        years += [y + k for y in list(years) for k in (-1, 1) if y + k not in years]
    for y in years:
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            return d, m.group(0).strip()
    return None


# "9 juli jl.", "16 oktober j.l.": a day of the current year just past, without its year
_DAY_JL = re.compile(r"\b(?P<d>[0-3]?\d)\s+(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True))
                     + r")\.?\s+j\.?\s?l\.?(?!\w)", re.I)


# what may stand beside a letter's own date on its line: a weekday, a clock time, a label such as
# "Verzonden:" or a stamp "VERZONDEN"; a cue of citation ("uw brief van", "d.d.", "op") may not
_BESIDE_DATE = re.compile(r"^(?:(?:" + "|".join(_WEEKDAYS) + r"|verzonden|verstuurd|\d{1,2}[:.]\d\d|uur)[^\w\s]*"
                          r"|[^\w\s]+)$", re.I)


# an e-mail printout's header: "Van: … Verzonden: woensdag 24 juli 2024 15:47 Aan: …" (Outlook,
# all fields often on one line), "Sent: 24 July …" is not Dutch and is left alone
_SENT = re.compile(r"\bVerzonden\s*:\s*(?:(?:" + "|".join(_WEEKDAYS) + r")\s+)?(?P<date>[^\n]{6,25})", re.I)


def sent_date(text: str) -> tuple[dt.date, str] | None:
    """The "Verzonden:" date of the first e-mail header on the page: the printed message's own
    date (the messages quoted below it are older)."""
    m = _SENT.search(text)
    found = find_date(m.group("date")) if m else None
    return found if found and m and m.group("date").startswith(found[1]) else None


def standalone_date(text: str) -> tuple[dt.date, str] | None:
    """The latest full date that stands on a line of its own, beside at most a weekday, a time
    or a "Verzonden:" label: a letter without a Datum field states its own date so (a date line
    under the letterhead, a stamp "VERZONDEN 31 JAN. 2019", an e-mail's "Verzonden: woensdag
    24 juli 2024 15:47"); a date inside a sentence is one it cites."""
    best: tuple[dt.date, str] | None = None
    for line in text.split("\n"):
        found = find_dates(line)
        if len(found) != 1 or len(line) > 80:
            continue
        rest = line.replace(found[0][1], " ", 1).split()
        if all(_BESIDE_DATE.match(w) for w in rest) and (best is None or found[0][0] > best[0]):
            best = found[0]
    return best


def letter_lower_bound(text: str) -> tuple[dt.date, str] | None:
    """The earliest day a letter without a date field can be from: the latest full date it
    names, moved on to the first later "9 juli jl." it names (that day has passed when it is
    written; its year is the first one on or after the latest full date). None when it names
    no full date."""
    dates = find_dates(text)
    if not dates:
        return None
    latest, raw = max(dates)
    bound = latest
    for m in _DAY_JL.finditer(text):
        month, day = MONTHS[m.group("m").lower()], int(m.group("d"))
        for year in (latest.year, latest.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                break
            if d >= latest:
                if d > bound:
                    bound, raw = d, m.group(0)
                break
    return bound, raw


def _date(doc: Document, meta: dict[str, str | list[str]], is_letter: bool) -> None:
    datum = meta.get("datum")
    found = find_date(datum) if isinstance(datum, str) else None
    if found:
        doc.date = found[0]
        return
    placed = _place_date(doc)
    if placed:
        doc.date = placed[0]
        meta["date_source"] = f"place and date line: {placed[1]}"
        return
    meeting = _meeting_date(doc.pages[0].text) if doc.pages else None
    if meeting:
        doc.date = meeting[0]
        meta["date_source"] = f"meeting line: {meeting[1]}"
        return
    if doc.doc_type == "inventarislijst":  # its dates are the listed documents', never its own
        return
    if doc.pages and is_letter:  # a letter without a date field: it is newer than what it mentions
        alone = sent_date(doc.pages[0].text) or standalone_date(doc.pages[0].text)
        if alone:
            doc.date = alone[0]
            meta["date_source"] = f"no date field; a date on a line of its own on page 1: {alone[1]}"
            return
        bound = letter_lower_bound(doc.pages[0].text)
        if bound:
            # Every date such a letter names is one it cites ("Op 1 april 2025 hebben wij u
            # geïnformeerd"): none is its own, so it keeps no date, and the bound is only what its
            # relative dates ("9 juli jl.", "dit jaar") resolve against.
            meta["reference_date"] = bound[0].isoformat()
            meta["date_source"] = f"no date field; not before {bound[1]} (page 1)"
            meta["date_precision"] = "lower bound"
            return
    if doc.pages:
        found = find_date(doc.pages[0].text[:1500])
        if found:
            doc.date = found[0]
            meta["date_source"] = f"{found[1]} (page 1)"
            return
    for p in doc.pages[:3]:
        m = _MONTH_YEAR.search(p.text)
        while m and not (_DATE_CUE.search(p.text[max(0, m.start() - 40) : m.start()]) or _alone(p.text, m)):
            m = _MONTH_YEAR.search(p.text, m.end())
        if m:  # "uitgave oktober 2023": no day of its own (see the module docstring)
            meta["reference_date"] = dt.date(int(m.group(2)), MONTHS[m.group(1).lower()], 1).isoformat()
            meta["date_source"] = f"{m.group(0)} (page {p.number}): first day of the month"
            meta["date_precision"] = "month"
            return
    y = re.search(r"\b((?:19|20)\d\d)\b(?!\s*[-–/]\s*\d)", doc.title or "")
    if y and not re.search(r"\d\s*[-–/]\s*$", (doc.title or "")[: y.start()]):
        meta["reference_date"] = dt.date(int(y.group(1)), 1, 1).isoformat()
        meta["date_source"] = f"year {y.group(1)} in the title: 1 January"
        meta["date_precision"] = "year"


_LETTERHEAD = re.compile(r"^\W*(Gemeente\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s*$")
_CLOSING = re.compile(
    r"^\W*((?:Het\s+)?(?:college\s+van\s+)?[Bb]urgemeester\s+en\s+wethouders\s+van\s+[A-Z][\w'-]+)", re.I
)


def _sender(pages: list[PageLines]) -> str | None:
    """The sending body: a "Gemeente X" letterhead line on page 1, else the closing formula
    ("Het college van burgemeester en wethouders van Amsterdam, namens hen")."""
    for line in pages[0].lines if pages else []:
        m = _LETTERHEAD.match(line.text.strip())
        if m:
            return m.group(1)
    for page in pages:
        for line in page.lines:
            m = _CLOSING.match(line.text.strip())
            if m:
                return m.group(1)
    return None


_STATUS = re.compile(r"^\W*(concept|draft|ontwerp|definitief|final)\W*$", re.I)


def _status(pages: list[PageLines]) -> str | None:
    """"concept" when page 1 carries a CONCEPT (draft, ontwerp) stamp on a line of its own."""
    for line in (pages[0].lines if pages else []):
        m = _STATUS.match(line.text.strip())
        if m:
            word = m.group(1).lower()
            return "concept" if word in ("concept", "draft", "ontwerp") else "definitief"
    return None


def own_number(field: str) -> str | None:
    """The number in a Zaaknummer/Kenmerk field's value; a value without a digit is a
    template's placeholder left unfilled ("Kenmerk xx"), no number."""
    m = _ZAAK.search(field)
    first = field.split()[0] if field.split() else None
    return m.group(0) if m else first if first and any(c.isdigit() for c in first) else None


def describe_document(doc: Document, meta_title: str | None, pages: list[PageLines]) -> None:
    """Fill title, doc_type, date, zaaknummer and metadata of `doc` (its pages already built)."""
    meta = letter_metadata(pages)
    if "ons kenmerk" in meta or "kenmerk" in meta:
        meta.setdefault("zaaknummer", meta.get("ons kenmerk") or meta["kenmerk"])
    zaak = meta.get("zaaknummer")
    if isinstance(zaak, str):
        doc.zaaknummer = own_number(zaak)
    onderwerp = meta.get("onderwerp")
    headings = [
        b.text
        for p in doc.pages[:1]
        for b in p.blocks
        if b.role.value == "heading" and not _SKIP_TITLE.match(_clean(b.text))
    ]
    block = title_block(pages[0].lines, pages[0].height) if pages else None
    meta_ok = meta_title if meta_title and not _STALE_META.match(meta_title) else None
    doc.title = (onderwerp if isinstance(onderwerp, str) else None) or block or (headings[0] if headings else None) or meta_ok
    if doc.title:
        doc.title = _clean(doc.title)
    doc.metadata = meta
    status = _status(pages)
    if status:
        meta["status"] = status
    is_letterish = bool(meta.get("signatories") or meta.get("onderwerp") or meta.get("addressee"))
    sender = _sender(pages) if is_letterish else None
    if sender and "sender" not in meta:
        meta["sender"] = sender
    is_letter = bool(meta.get("signatories") or meta.get("onderwerp") or meta.get("addressee"))
    doc.doc_type = _type(doc, meta_ok, is_letter)
    addressee = meta.get("addressee")
    doc.organisation = issuing_organisation(pages, addressee if isinstance(addressee, str) else "")
    _date(doc, meta, is_letter)
