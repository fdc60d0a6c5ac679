"""Decisions in besluitenlijsten ("Besluit: …", "De raad besluit unaniem: …").

Not yet a `models.Mention` kind: `find_decisions(text)` returns `DecisionHit`s with a
local `DecisionValue`; the `raadslens_decisions` component puts them in
`doc.spans["raadslens_decisions"]`, outside the mention span group, until
`models` has a decision kind.

* Triggers: "Besluit:", "Besluiten:", "Conclusie/besluit:", "<orgaan> besluit(en)
  [unaniem|met N stemmen voor en M tegen]:" and "<orgaan> heeft/hebben besloten
  (om|tot|dat) …". Orgaan is de raad, het college, het AB/DB, the algemeen or
  dagelijks bestuur, burgemeester en wethouders.
* The decision text runs from after the trigger to the end of its paragraph (a
  blank line, or the next "Besluit"/agenda item); whitespace is collapsed.
* outcome: the first of "aangenomen", "verworpen", "aangehouden", "vastgesteld",
  "ingestemd" (also as "aan te nemen", "in te stemmen", ...), "conform" (advies),
  that occurs; "besloten" otherwise; unanimous from "unaniem" or
  "zonder hoofdelijke stemming"; votes from "N stemmen voor en M (stemmen) tegen".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BODY = (r"(?:de\s+(?:gemeente)?raad|het\s+college(?:\s+van\s+B\s*(?:&|en)\s*W)?|"
         r"burgemeester\s+en\s+wethouders|het\s+(?:AB|DB)|het\s+(?:algemeen|dagelijks)\s+bestuur|"
         r"de\s+commissie|wij)")
TRIGGER_RX = re.compile(
    rf"(?im)^[^\S\n]*(?:[-*•]\s*)?(?:(?:conclusie\s*/\s*)?besluit(?:en)?[^\S\n]*:"
    rf"|(?P<body>{_BODY})(?:\s+van\s+\w+)?\s+(?:besluit|besluiten|besloot|besloten)"
    rf"(?P<how>[^:\n]{{0,80}}):)"
    rf"|\b(?P<body2>{_BODY})(?:\s+van\s+\w+)?\s+(?:heeft|hebben)\s+(?:\w+\s+){{0,2}}?"
    rf"besloten\b"
)
_END_RX = re.compile(r"\n[^\S\n]*\n|\n[^\S\n]*(?=(?:\d+[.)]\s+[A-Z]|[Bb]esluit\b|[Aa]gendapunt))")
# a sentence end, not an initial ("de heer K.F. Kruijer") or a title ("drs.", "mr.")
_SENTENCE_END_RX = re.compile(r"(?<!\b[A-Z])(?<!\bdrs)(?<!\bmr)(?<!\bir)(?<!\bdr)[.!?](?=\s+[A-Z])"
                              r"|\n[^\S\n]*\n")
_VOTES_RX = re.compile(r"(\d+)\s+stemmen\s+voor\s+en\s+(\d+)\s+(?:stemmen\s+)?tegen", re.I)
_OUTCOMES = [(o, re.compile(p, re.IGNORECASE)) for o, p in [
    ("aangenomen", r"\baangenomen\b|\baan te nemen\b"),
    ("verworpen", r"\bverworpen\b|\bte verwerpen\b"),
    ("aangehouden", r"\baangehouden\b|\baan te houden\b"),
    ("vastgesteld", r"\bvastgesteld\b|\bvast te stellen\b"),
    ("ingestemd", r"\bingestemd\b|\bin te stemmen\b"),
    ("conform", r"\bconform\b"),
]]


@dataclass
class DecisionValue:
    text: str
    body: str | None = None  # "de raad", "het AB", ...
    outcome: str = "besloten"
    unanimous: bool = False
    votes_for: int | None = None
    votes_against: int | None = None


@dataclass
class DecisionHit:
    start: int
    end: int
    value: DecisionValue


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" .;")


def find_decisions(text: str, max_len: int = 1500) -> list[DecisionHit]:
    """All decisions in `text`; offsets cover the trigger and the decision text."""
    hits = []
    for m in TRIGGER_RX.finditer(text):
        end_rx = _SENTENCE_END_RX if m.group("body2") else _END_RX  # "heeft besloten …."
        end_m = end_rx.search(text, m.end(), m.end() + max_len)
        end = end_m.start() if end_m else min(len(text), m.end() + max_len)
        body_text = text[m.end():end]
        if not body_text.strip():  # the decision may start on the next line
            nxt = _END_RX.search(text, end + 1, end + 1 + max_len)
            end = nxt.start() if nxt else min(len(text), end + 1 + max_len)
            body_text = text[m.end():end]
        if not body_text.strip():
            continue
        how = m.group() + " " + body_text
        low = how.lower()
        outcome = next((o for o, rx in _OUTCOMES if rx.search(how)), "besloten")
        votes = _VOTES_RX.search(how)
        body = m.group("body") or m.group("body2")
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = len(text[:end].rstrip())
        if m.group("body2"):
            body_text = re.sub(r"^\s*(?:om|tot|dat)\b", "", body_text)
        value = DecisionValue(
            text=_clean(body_text), body=_clean(body).lower() if body else None,
            outcome=outcome,
            unanimous="unaniem" in low or "zonder hoofdelijke stemming" in low,
            votes_for=int(votes.group(1)) if votes else None,
            votes_against=int(votes.group(2)) if votes else None)
        hits.append(DecisionHit(start, end, value))
    return hits
