"""The organisation that issued a document, as the document names itself.

Read, most reliable first:
1. the letterhead and running headers/footers: a line of page 1's top band, or a
   furniture line on any page, that is an organisation's name ("Provincie Overijssel",
   "Gemeente Wassenaar", "Ministerie van Justitie en Veiligheid");
2. the closing formula of a letter or decision: "burgemeester en wethouders van
   Amsterdam" → Gemeente Amsterdam, "Gedeputeerde Staten van Overijssel" → Provincie
   Overijssel, "De minister van Algemene Zaken" → Ministerie van Algemene Zaken;
3. for a document that says nothing else, the gemeente, provincie, ministerie or
   waterschap the body names most often (at least twice, and twice as often as any
   other: a body names its partners too, and a wrong issuer is worse than none).
A report written by an adviser names its commissioner ("Opdrachtgever: SamenTwente"): the
report is the commissioner's document, whatever the commissioner's kind of name. A minister
"voor" a portfolio has no ministry of that name; the ministry that houses the portfolio is the
issuer ("de Minister voor Rechtsbescherming" → Ministerie van Justitie en Veiligheid).
The addressee is never the issuer: names in the letter's addressee block, or on a
line opened by "Aan"/"T.a.v.", do not count. Nothing comes from the file name; a
document that names no organisation gets None.
"""

from __future__ import annotations

import re
from collections import Counter

from raadslens.ingest.lines import Line, PageLines

_NAME = r"[A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)*"
_BODY = (r"\b(?P<kind>Gemeente|Provincie|Waterschap|Hoogheemraadschap(?: van)?|Veiligheidsregio|Omgevingsdienst"
         rf"|Regio)\s+(?P<name>{_NAME}(?:\s+(?:aan\s+(?:de|den)\s+|op\s+|de\s+|den\s+)?{_NAME}){{0,2}})")
_ORG = re.compile(_BODY)
# in running text the kind is often lower case: the last resort (the name the body uses most)
# reads those, but only as one's own ("wethouder van de gemeente Den Helder"): a body names
# the partner it writes about ("overleg met de gemeente Koggenland") just as often
_ORG_TEXT = re.compile(r"\bvan\s+de\s+" + _BODY.replace("(?P<kind>Gemeente|Provincie|", "(?P<kind>[Gg]emeente|[Pp]rovincie|"))
# the twelve provinces, as their web domains write them ("@noord-holland.nl", "overijssel.nl")
PROVINCES = ("Groningen", "Fryslân", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg")
_DOMAIN = re.compile(r"(?:@|\bwww\.|\b)(?P<d>[a-z-]+)\.nl\b", re.I)
_MINISTRY = re.compile(rf"\bMinisterie\s+van\s+(?P<name>{_NAME}(?:(?:,\s+|\s+en\s+|\s+){_NAME}){{0,4}})")
_CLOSINGS = [
    (re.compile(rf"burgemeester\s+en\s+wethouders\s+van\s+(?P<name>{_NAME}(?:\s+{_NAME})?)", re.I), "Gemeente"),
    (re.compile(rf"college\s+van\s+B\s*&\s*W\s+van\s+(?P<name>{_NAME})", re.I), "Gemeente"),
    # "Het college van burgemeester en wethouders Wassenaar," (no "van"), and a besluitenlijst's
    # "B&W vergadering Wassenaar"; case-sensitive, so "burgemeester en wethouders over" is no name
    (re.compile(rf"[Bb]urgemeester\s+en\s+[Ww]ethouders\s+(?P<name>{_NAME})(?=\s*[,\n])"), "Gemeente"),
    (re.compile(rf"\bB\s*&\s*W[- ][Vv]ergadering\s+(?:van\s+)?(?P<name>{_NAME})"), "Gemeente"),
    (re.compile(rf"Gedeputeerde\s+Staten\s+van\s+(?P<name>{_NAME}(?:-{_NAME})?)"), "Provincie"),
    # a signature "De secretaris van de Bestuurscommissie Noord, gemeente Amsterdam"
    # (not "wethouder X, gemeente Y": that is how a letter names the other party's alderman)
    (re.compile(rf"\b(?:[Ss]ecretaris|[Gg]riffier|[Bb]urgemeester|[Dd]irecteur|[Tt]eammanager)\b"
                rf"[^.]{{0,60}}?,\s+gemeente\s+(?P<name>{_NAME}(?:\s+{_NAME})?)"), "Gemeente"),
    # "minister van X" heads Ministerie van X; a "minister voor X" has no ministry of that name
    (re.compile(rf"\b[Dd]e\s+(?:[Mm]inister|[Ss]taatssecretaris)\s+van\s+"
                rf"(?P<name>{_NAME}(?:(?:,\s+|\s+en\s+|\s+){_NAME}){{0,4}})"), "Ministerie van"),
]
# ministers without a ministry of their own ("minister voor X") and the ministry that houses the
# portfolio, for the cabinets since 2010 (portfolios change with each cabinet; an unknown one
# gives no issuer rather than a guess)
_PORTFOLIOS = {
    "rechtsbescherming": "Ministerie van Justitie en Veiligheid",
    "migratie": "Ministerie van Justitie en Veiligheid",
    "asiel en migratie": "Ministerie van Asiel en Migratie",
    "medische zorg": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "medische zorg en sport": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "langdurige zorg en sport": "Ministerie van Volksgezondheid, Welzijn en Sport",
    "basis- en voortgezet onderwijs en media": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "primair en voortgezet onderwijs": "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "buitenlandse handel en ontwikkelingssamenwerking": "Ministerie van Buitenlandse Zaken",
    "buitenlandse handel en ontwikkelingshulp": "Ministerie van Buitenlandse Zaken",
    "ontwikkelingssamenwerking": "Ministerie van Buitenlandse Zaken",
    "wonen en rijksdienst": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "volkshuisvesting en ruimtelijke ordening": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "klimaat en energie": "Ministerie van Economische Zaken en Klimaat",
    "natuur en stikstof": "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
    "armoedebeleid, participatie en pensioenen": "Ministerie van Sociale Zaken en Werkgelegenheid",
    "armoedebeleid": "Ministerie van Sociale Zaken en Werkgelegenheid",
}
_MINISTER_FOR = re.compile(r"\b[Dd]e\s+[Mm]inister\s+voor\s+(?P<name>[A-Z][\w-]*(?:(?:,\s+|\s+en\s+|\s+)[a-z][\w-]*){0,5})")
# the commissioner of an adviser's report, on its cover or colophon; the name runs to the end of
# the span or to the next label ("Opdrachtgever: SamenTwente Opgesteld door: Lysias Advies")
_COMMISSIONER = re.compile(r"\bOpdrachtgever\s*:\s*(?P<name>[A-Z][^\n:]{1,60}?)"
                           r"(?=\s+(?:[A-Z][\w ]{0,20}?(?:door|datum|Datum|Status|Versie)\s*:|Datum\b|Versie\b)|\s*$|\n)")
# a wordmark set on two lines ("Gemeente" over "Amsterdam"), and OCR debris of a logo between
# the kind and the name ("Gemeente 5 Wassenaar"): both only in page 1's top band
_KIND_ALONE = re.compile(r"^\W*(Gemeente|Provincie|Waterschap|Hoogheemraadschap)\W*$")
_LOGO_DEBRIS = re.compile(r"\b(Gemeente|Provincie|Waterschap)\s+(?:[^\w\s]{1,2}|\d|[a-z])\s+(?=[A-Z])")
_COMPANY = re.compile(r"[A-Z][\w&'’.-]*(?:\s+[\w&'’.-]+){0,4}\s+(?:B\.V\.|N\.V\.|B\.V|BV|NV)")
_ISSUERS = ("Gemeente ", "Provincie ", "Ministerie ", "Waterschap ", "Hoogheemraadschap ")
_ADDRESSED = re.compile(r"^\W*(?:aan|t\.?a\.?v\.?|ter attentie van|retouradres)\b", re.I)
# "> Retouradres: Gemeente Wassenaar, Postbus 499, 2240 AL Wassenaar": the sender, up to its
# address (the addressee block that a flattened layout may put after it on the line is not)
_RETURN = re.compile(r"^\W*retouradres\W*(?P<who>[^\d\n]*?)(?=[\s,]*(?:postbus\b|\d|$))", re.I)
# words that end a name read from running text, not part of it
_STOP = {"Het", "De", "Dit", "Deze", "In", "Op", "Bij", "Voor", "Van", "En", "Wob", "Woo", "Zie", "Datum",
         "Kenmerk", "Ons", "Uw", "Onze", "Retouradres", "Postbus", "Telefoon", "Pagina", "Bezoekadres",
         "Onderwerp", "Betreft", "Afdeling", "Team", "Directie", "Bijlage", "Bijlagen"}


_KINDS = {"Gemeente", "Provincie", "Waterschap", "Hoogheemraadschap", "Veiligheidsregio", "Omgevingsdienst",
          "Regio", "Ministerie"}


def _clean(kind: str, name: str) -> str:
    words = name.split()
    while words and words[0] in _KINDS:  # "gemeente Gemeente Amsterdam" (OCR of a logo and its caption)
        words = words[1:]
    if not words:
        return ""
    cut = next((i for i, w in enumerate(words) if i and w in _STOP), len(words))
    words = words[:cut]
    kind = "Hoogheemraadschap van" if kind.startswith("Hoogheemraadschap") else kind
    return f"{kind} {' '.join(words)}".strip()


def names_in(text: str) -> list[str]:
    """Organisation names in a piece of text, in order."""
    found = [(m.start(), _clean(m.group("kind"), m.group("name"))) for m in _ORG.finditer(text)]
    found += [(m.start(), _clean("Ministerie van", m.group("name"))) for m in _MINISTRY.finditer(text)]
    return [n for _, n in sorted(found) if n]


def _text_names(text: str) -> list[str]:
    found = [_clean(m.group("kind").capitalize(), m.group("name")) for m in _ORG_TEXT.finditer(text)]
    found += [_clean("Ministerie van", m.group("name")) for m in _MINISTRY.finditer(text)]
    return [n for n in found if n]


def _closing(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for rx, kind in _CLOSINGS:
        for m in rx.finditer(text):
            name = _clean(kind, m.group("name"))
            if name and (best is None or m.start() > best[0]):  # the last one: a closing comes at the end
                best = (m.start(), name)
    return best[1] if best else None


def _minister_for(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for m in _MINISTER_FOR.finditer(text):
        words = m.group("name").lower()
        # the longest portfolio the words start with ("medische zorg en sport" before "medische zorg")
        hit = max((k for k in _PORTFOLIOS if words == k or words.startswith(k + " ") or words.startswith(k + ",")),
                  key=len, default=None)
        if hit and (best is None or m.start() > best[0]):
            best = (m.start(), _PORTFOLIOS[hit])
    return best[1] if best else None


def _commissioner(pages: list[PageLines]) -> str | None:
    for p in pages[:3]:
        for ln in p.lines:
            if "Opdrachtgever" not in ln.text:
                continue
            # a span first (a label's value ends where its span does), then the whole line
            for part in [*(sp.text for sp in ln.spans), ln.text]:
                m = _COMMISSIONER.search(part)
                if m:
                    return m.group("name").strip(" ,;")
    return None


def issuing_organisation(pages: list[PageLines], addressee: str = "") -> str | None:
    """The issuer's name, or None when the document does not say."""
    if not pages:
        return None
    excluded = set(names_in(addressee))

    def usable(line: Line) -> list[str]:
        ret = _RETURN.match(line.text)
        if ret:  # the return address is the sender's: the name before its postbus or street
            return [n for n in names_in(ret.group("who")) if n not in excluded]
        if _ADDRESSED.match(line.text):
            return []
        # span by span: a letterhead line often holds a name and, far to the right, a label
        parts = [sp.text for sp in line.spans] or [line.text]
        return [n for part in parts for n in names_in(part) if n not in excluded]

    first = pages[0]
    top = [ln for ln in first.lines if ln.top < 0.2 * first.height]
    top = sorted(top, key=lambda ln: (ln.top, ln.x0))
    for i, ln in enumerate(top):
        found = usable(ln)
        if not found and _KIND_ALONE.match(ln.text) and i + 1 < len(top) and top[i + 1].top - ln.top < 40:
            found = [n for n in names_in(f"{ln.text.strip()} {top[i + 1].text}") if n not in excluded]
        if not found and _LOGO_DEBRIS.search(ln.text):
            found = [n for n in names_in(_LOGO_DEBRIS.sub(r"\1 ", ln.text)) if n not in excluded]
        if found:
            return found[0]
    furniture = Counter(n for p in pages for ln in p.lines if ln.furniture for n in usable(ln))
    if furniture:
        return furniture.most_common(1)[0][0]
    # a province's own mail or web domain in the letterhead: "(10)(2e) @noord-holland.nl"
    slugs = {p.lower(): p for p in PROVINCES}
    for ln in (ln for ln in first.lines if ln.top < 0.35 * first.height):  # the contact block too
        for m in _DOMAIN.finditer(ln.text):
            if m.group("d").lower() in slugs and not _ADDRESSED.match(ln.text):
                return f"Provincie {slugs[m.group('d').lower()]}"
    commissioner = _commissioner(pages)
    if commissioner:
        return commissioner
    # an adviser's or supplier's report or design names its company in the running footer
    # ("I-Experts B.V." over its address on every page): the document is the company's
    companies = Counter(ln.text.strip() for p in pages for ln in p.lines
                        if ln.furniture and _COMPANY.fullmatch(ln.text.strip()))
    company = [n for n, k in companies.most_common(1) if k >= 2]
    if company:
        return company[0]
    body = "\n".join(ln.text for p in pages for ln in p.lines if not _ADDRESSED.match(ln.text))
    closing = _closing(body) or _minister_for(body)
    if closing and closing not in excluded:
        return closing
    # the body names partners as often as itself: only a government's own kind of name, named
    # at least twice and twice as often as any other, is taken as the issuer
    counts = Counter(n for n in _text_names(body) if n not in excluded and n.startswith(_ISSUERS))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
