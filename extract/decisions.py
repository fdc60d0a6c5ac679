"""Decisions in besluitenlijsten ("Besluit: …", "De raad besluit unaniem: …") → `DecisionValue`.

`find_decisions(text)` returns `DecisionHit`s (offsets cover the trigger and the
decision text) with a `models.DecisionValue`:

* Triggers: "Besluit:", "Besluiten:", "Conclusie/besluit:", "<orgaan> besluit(en)
  [unaniem|in meerderheid|met N stemmen voor en M tegen]:" at a line or sentence
  start, "<orgaan> besluit unaniem|in meerderheid|bij acclamatie (…) <tekst>"
  without a colon, and "<orgaan> heeft/hebben besloten (om|tot|dat) …". Orgaan is
  de raad, het college, het AB/DB, the algemeen or dagelijks bestuur, burgemeester
  en wethouders.
* The decision text runs from after the trigger to the end of its paragraph (a
  blank line, or the next "Besluit"/numbered line). When it opens with a list
  ("1. …", "a. …", "Beslispunt A, …:") the list is taken whole: blocks that continue
  the numbering (1, 2, 3 …), lettered items, "Beslispunt" paragraphs and lines that
  go on in lower case (a page break); a numbered line that does not continue the
  numbering, or that a "Besluit:" follows, is the next agenda item and ends it.
  Whitespace is collapsed.
* outcome: the first of "aangenomen", "verworpen", "aangehouden", "vastgesteld",
  "ingestemd", "akkoord", "kennisgenomen" (also as "aan te nemen", "in te stemmen",
  "kennis te nemen", ...), "conform" (advies), that occurs; "besloten" otherwise.
  unanimous: True for "unaniem", "bij acclamatie", "zonder hoofdelijke stemming";
  False for "in meerderheid" or votes against; None when not stated. Votes from
  "N stemmen voor en M (stemmen) tegen".
* agenda_item: the numbered agenda heading above the decision ("7.2 Nota van
  uitgangspunten …", "5.b.1 Financieel besluit …", "7. Voorstel tot …"), the first
  sentence of it when the trigger follows on the same line; numbered lines inside
  an earlier decision do not count.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import chain, pairwise

from raadslens.extract.scan import finditer_near
from raadslens.models import DecisionValue

_BODY = (r"(?:de\s+(?:gemeente)?raad|het\s+college(?:\s+van\s+B\s*(?:&|en)\s*W)?|"
         r"burgemeester\s+en\s+wethouders|het\s+(?:AB|DB)|het\s+(?:algemeen|dagelijks)\s+bestuur|"
         r"de\s+commissie|wij)")
_START = r"(?:^[^\S\n]*(?:[-*•]\s*)?|(?<=[.;:]\s))"  # a line start, or after a sentence end
TRIGGER_RX = re.compile(
    rf"(?im){_START}(?:(?:conclusie\s*/\s*)?besluit(?:en)?[^\S\n]*:"
    rf"|(?P<body>{_BODY})(?:\s+van\s+\w+)?\s+(?:besluit|besluiten|besloot|besloten)"
    rf"(?P<how>[^:\n]{{0,80}}):"
    rf"|(?P<body3>{_BODY})\s+(?:besluit|besluiten|besloot)\s+(?P<how3>unaniem|in\s+meerderheid|"
    rf"bij\s+acclamatie)(?:\s*\([^)\n]{{0,60}}\))?(?=[^\S\n]+[^\W\d]))"
    rf"|\b(?P<body2>{_BODY})(?:\s+van\s+\w+)?\s+(?:heeft|hebben)\s+(?:\w+\s+){{0,2}}?"
    rf"besloten\b"
)
# cheap anchor: every trigger has "besluit", "besloot" or "besloten" (any case)
_TRIGGER_ANCHOR = re.compile(r"[Bb][Ee][Ss][Ll][OoUu]")
_END_RX = re.compile(r"\n[^\S\n]*\n|\n[^\S\n]*(?=(?:\d+[.)]\s+[A-Z]|[Bb]esluit\b|[Aa]gendapunt))")
# a sentence end, not an initial ("de heer K.F. Kruijer") or a title ("drs.", "mr."); the
# lookahead (what a match opens with) spares the lookbehinds at every other position
_SENTENCE_END_RX = re.compile(r"(?=[.!?])(?<!\b[A-Z])(?<!\bdrs)(?<!\bmr)(?<!\bir)(?<!\bdr)"
                              r"(?<!\bing)[.!?](?=\s+[A-Z])|\n[^\S\n]*\n")
_VOTES_RX = re.compile(r"(\d+)\s+stemmen\s+voor\s+en\s+(\d+)\s+(?:stemmen\s+)?tegen", re.I)
_OUTCOMES = [(o, re.compile(p, re.IGNORECASE)) for o, p in [
    ("aangenomen", r"\baangenomen\b|\baan te nemen\b|\bte aanvaarden\b|\baanvaard\b"),
    ("verworpen", r"\bverworpen\b|\bte verwerpen\b"),
    ("aangehouden", r"\baangehouden\b|\baan te houden\b"),
    ("vastgesteld", r"\bvastgesteld\b|\bvast te stellen\b|\bvaststellen\b"),
    ("ingestemd", r"\bingestemd\b|\bin te stemmen\b"),
    ("akkoord", r"\bakkoord\b"),
    ("kennisgenomen", r"\bkennis te nemen\b|\bneemt kennis\b|\bkennisgenomen\b"),
    ("conform", r"\bconform\b"),
]]
_UNANIMOUS = re.compile(r"\bunaniem\b|\bbij acclamatie\b|\bzonder hoofdelijke stemming\b", re.I)
_MAJORITY = re.compile(r"\bin meerderheid\b", re.I)
# a list item or agenda heading: "1.", "2)", "a.", "5.b.1", "7 Raad"
_ITEM_RX = re.compile(r"[^\S\n]*(?:(?P<n>\d{1,3})[.)]|(?P<l>[a-zA-Z])[.)]|Beslispunt\b)")
AGENDA_RX = re.compile(
    r"^[^\S\n]*(?P<num>\d{1,2}(?:\.(?:\d{1,2}|[a-z]))*\.?)[^\S\n]+"
    r"(?P<title>[A-Z0-9‘'\"“][^\n]{2,300})", re.MULTILINE)


@dataclass
class DecisionHit:
    start: int
    end: int
    value: DecisionValue


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" .;")


def _blocks(text: str, pos: int, limit: int):
    """(start, end) of the blank-line separated blocks from `pos` on."""
    for m in re.finditer(r"(?:[^\n]|\n(?![^\S\n]*\n))+", text[pos:limit]):
        block = m.group()
        if block.strip():
            lead = len(block) - len(block.lstrip())
            yield pos + m.start() + lead, pos + m.end()


def _list_end(text: str, pos: int, limit: int) -> int | None:
    """End of a numbered decision list starting at `pos` (None: no list there)."""
    blocks = _blocks(text, pos, limit)  # read lazily: most decisions open no list
    first_block = next(blocks, None)
    if first_block is None:
        return None
    first = _ITEM_RX.match(text, first_block[0])
    opens_list = text[first_block[0]:first_block[1]].rstrip().endswith(":")
    if not first and not opens_list:
        return None
    expected, end = 1, None
    for i, ((s, e), after) in enumerate(pairwise(chain([first_block], blocks, [None]))):
        block = text[s:e]
        m = _ITEM_RX.match(block)
        head = block.lstrip()
        nxt = text[after[0]:after[1]].lstrip() if after else ""
        if re.match(r"[Bb]esluit(?:en)?\s*:", head) or re.match(r"[Bb]esluit(?:en)?\s*:", nxt) and i:
            break  # the next agenda item (its heading is followed by "Besluit:")
        if m and m.group("n"):
            n = int(m.group("n"))
            if n != expected and not (n == 1 and i):
                break
            expected = n + 1
        elif head.startswith("Beslispunt"):
            expected = 1
        elif not (m and m.group("l")) and not head[:1].islower() and i:
            break  # a lettered item or a line going on in lower case (page break) continues
        end = e
    return end


def _agenda_heads(text: str) -> list[tuple[int, str, str]]:
    """(offset, number, title) of each line that looks like a numbered heading; the
    title is its first sentence."""
    out = []
    for m in AGENDA_RX.finditer(text):
        title = m.group("title")
        cut = _SENTENCE_END_RX.search(title)
        title = title[:cut.start()] if cut else title
        out.append((m.start(), m.group("num"), _clean(title)))
    return out


def _top(num: str) -> int:
    found = re.match(r"\d+", num)
    assert found is not None, num  # the numbering patterns start with digits
    return int(found.group())


def find_decisions(text: str, max_len: int = 4000) -> list[DecisionHit]:
    """All decisions in `text`, in text order, with their agenda item."""
    hits: list[DecisionHit] = []
    for m in finditer_near(TRIGGER_RX, text, _TRIGGER_ANCHOR, 90, 130):
        if hits and m.start() < hits[-1].end:
            continue  # a trigger inside the previous decision ("... heeft besloten")
        limit = min(len(text), m.end() + max_len)
        end = _list_end(text, m.end(), limit)
        if end is None:
            short = m.group("body2") or m.group("body3")
            end_rx = _SENTENCE_END_RX if short else _END_RX  # "heeft besloten …."
            end_m = end_rx.search(text, m.end(), limit)
            end = end_m.start() if end_m else limit
            if not text[m.end():end].strip():  # the decision may start on the next line
                nxt = _END_RX.search(text, end + 1, limit)
                end = nxt.start() if nxt else limit
        body_text = text[m.end():end]
        if not body_text.strip():
            continue
        how = m.group() + " " + body_text
        outcome = next((o for o, rx in _OUTCOMES if rx.search(how)), "besloten")
        votes = _VOTES_RX.search(how)
        body = m.group("body") or m.group("body2") or m.group("body3")
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        end = len(text[:end].rstrip())
        if m.group("body2"):
            body_text = re.sub(r"^\s*(?:om|tot|dat)\b", "", body_text)
        unanimous = True if _UNANIMOUS.search(m.group()) or _UNANIMOUS.search(body_text[:200]) \
            else False if _MAJORITY.search(m.group()) or (votes and int(votes.group(2)) > 0) else None
        hits.append(DecisionHit(start, end, DecisionValue(
            text=_clean(body_text), body=_clean(body).lower() if body else None,
            outcome=outcome, unanimous=unanimous,
            votes_for=int(votes.group(1)) if votes else None,
            votes_against=int(votes.group(2)) if votes else None)))
    _set_agenda_items(text, hits)
    return hits


def _set_agenda_items(text: str, hits: list[DecisionHit]) -> None:
    """Agenda headings are numbered lines outside the decisions whose (top-level)
    numbers do not go down; each decision gets the last one above it."""
    heads, last = [], 0
    for pos, num, title in _agenda_heads(text):
        if any(h.start <= pos < h.end for h in hits) or _top(num) < last:
            continue  # an item of a decision, or of an amendment quoted in between
        last = _top(num)
        heads.append((pos, f"{num} {title}"))
    starts = [p for p, _ in heads]
    for h in hits:
        i = bisect.bisect_right(starts, h.start) - 1
        h.value.agenda_item = heads[i][1] if i >= 0 else None
