"""Run the raadslens pipeline over pages and turn spans into `models.Mention`s."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from raadslens.extract import extensions as ext
from raadslens.extract.dates import infer_reference_date
from raadslens.extract.decisions import find_decisions
from raadslens.extract.money import MoneyHit
from raadslens.extract.nlp import load_nlp
from raadslens.extract.proposals import find_proposals
from raadslens.models import BlockRole, Document, Mention, MentionKind, MoneyValue, ZaakValue

PROPOSALS, MONEY, DECISIONS = "raadslens_proposals", "raadslens_money", "raadslens_decisions"
DOCUMENT_LEVEL = (PROPOSALS, DECISIONS)  # run over the whole document, not per page
PAGE_JOIN = "\n\n"  # pages are joined with a blank line for document-level passes


def doc_mentions(doc: Doc, page: int) -> list[Mention]:
    """The raadslens spans of one processed doc as Mentions, in text order."""
    if ext.SPAN_KEY not in doc.spans:
        return []
    text = ext.doc_text(doc)
    out = []
    for span in doc.spans[ext.SPAN_KEY]:
        start, end = span._.rl_chars or (span.start_char, span.end_char)
        out.append(Mention(kind=span.label_, text=text[start:end], page=page,
                           start=start, end=end, value=span._.rl_value, flag=span._.rl_flag))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _docs(nlp: Language, pages: Iterable[tuple[int, str]], reference_date, scale_regions):
    for number, text in pages:
        doc = nlp.make_doc(text)
        doc.user_data[ext.TEXT] = text
        doc.user_data[ext.REFERENCE_DATE] = reference_date
        if scale_regions and scale_regions.get(number):
            doc.user_data[ext.SCALE_REGIONS] = list(scale_regions[number])
        yield doc, number


def extract_pages(
    pages: list[tuple[int, str]],
    reference_date: dt.date | None = None,
    nlp: Language | None = None,
    *,
    batch_size: int = 16,
    scale_regions: dict[int, list[tuple[int, int, int]]] | None = None,
    subjects: bool = True,
    furniture: list[tuple[int, int, str]] | None = None,
) -> list[Mention]:
    """Mentions of all pages, in page and text order.

    `pages` are (page number, page text). Relative dates resolve against
    `reference_date`; when None, against the document's own date (a "Datum" field
    on the first two pages), else today. `scale_regions` maps a page number to
    [(start, end, scale)] for tables whose "x € 1.000" header is not in the text.
    Proposals and decisions are found over the whole document (see
    `document_proposals`, `document_decisions`). With `subjects`, every money
    mention gets the subject of its row, sentence or proposal (`extract.subjects`).
    """
    nlp = nlp or load_nlp()
    if reference_date is None:
        reference_date = next((d for _, t in pages[:2] if (d := infer_reference_date(t))), None)
    mentions: list[Mention] = []
    texts: list[tuple[int, str]] = []
    later = [p for p in DOCUMENT_LEVEL if p in nlp.pipe_names]
    # Only the mentions are kept, and the raadslens components read the text alone: the
    # model's own pipes (sentencizer and lemmatizer; with nl_core_news_lg also tagger,
    # parser and NER) would be computed for nothing here.
    unused = [p for p in nlp.pipe_names if not p.startswith("raadslens_")]
    docs = nlp.pipe(_docs(nlp, pages, reference_date, scale_regions), as_tuples=True,
                    batch_size=batch_size, disable=later + unused)
    for doc, number in docs:
        mentions.extend(doc_mentions(doc, number))
        texts.append((number, ext.doc_text(doc)))
    if PROPOSALS in later:
        have_money = MONEY in nlp.pipe_names
        mentions.extend(document_proposals(texts, mentions if have_money else None))
    if DECISIONS in later:
        mentions.extend(document_decisions(texts))
    if subjects and MONEY in nlp.pipe_names:
        from raadslens.extract.subjects import link_subjects

        link_subjects(texts, mentions)
    if furniture:
        mentions.extend(_furniture_mentions(nlp, furniture, reference_date))
    mentions.sort(key=lambda m: (m.page, m.furniture, m.start, m.end))
    return mentions


_FURNITURE_JOIN = "\n\n§§§\n\n"  # no pattern runs across it (dates allow two line breaks)


def _furniture_mentions(nlp: Language, blocks: list[tuple[int, int, str]], reference_date) -> list[Mention]:
    """Mentions of furniture lines by the plain finders the components wrap (a header line
    needs no tokens, tables, proposals or subjects). A running header repeats on every page,
    so each distinct text is read once, all of them in one joined text."""
    from raadslens.extract.dates import find_dates
    from raadslens.extract.money import find_money
    from raadslens.extract.zaaknummers import find_zaaknummers

    finders = [(kind, fn) for kind, pipe, fn in (
        (MentionKind.date, "raadslens_dates", lambda t: find_dates(t, reference_date)),
        (MentionKind.money, MONEY, find_money), (MentionKind.zaaknummer, "raadslens_zaaknummers", find_zaaknummers))
        if pipe in nlp.pipe_names]
    where: dict[str, list[tuple[int, int]]] = {}
    for page, i, text in blocks:
        where.setdefault(text, []).append((page, i))
    texts = list(where)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + len(_FURNITURE_JOIN)
    joined = _FURNITURE_JOIN.join(texts)
    out: list[Mention] = []
    for kind, fn in finders:
        for h in fn(joined):
            k = bisect.bisect_right(starts, h.start) - 1
            base, text = starts[k], texts[k]
            for page, i in where[text]:
                out.append(Mention(kind=kind, text=joined[h.start:h.end], page=page, start=h.start - base,
                                   end=h.end - base, value=h.value, flag=getattr(h, "flag", None),
                                   furniture=True, block=i))
    return out


# a page counter alone ("Pagina 2 van 15", "2 | 5", "- 3 -") holds no mention
_PAGE_COUNTER = re.compile(r"^\W*(?:pagina|page|blad(?:nummer)?)?\W*\d+(?:\W+(?:van|of)?\W*\d+)?\W*$", re.I)


def furniture_blocks(doc: Document) -> list[tuple[int, int, str]]:
    """(page, block index, text) of every furniture block with a digit in it (nothing
    else can hold a date, an amount or a number)."""
    return [(p.number, i, b.text) for p in doc.pages for i, b in enumerate(p.blocks)
            if b.role == BlockRole.furniture and any(c.isdigit() for c in b.text)
            and not _PAGE_COUNTER.match(b.text)]


def extract_document(doc: Document, reference_date: dt.date | None = None,
                     nlp: Language | None = None) -> list[Mention]:
    """The mentions of a read document: its body text and its furniture."""
    if reference_date is None and doc.date is None and isinstance(doc.metadata.get("reference_date"), str):
        # a budget dated "oktober 2023" has no day of its own, but "dit jaar" is still 2023
        reference_date = dt.date.fromisoformat(str(doc.metadata["reference_date"]))
    return extract_pages([(p.number, p.text) for p in doc.pages], reference_date or doc.date, nlp,
                         furniture=furniture_blocks(doc))


def complete_document(doc: Document, nlp: Language | None = None) -> Document:
    """Set `doc.mentions`, and the facts only the mentions can give: a document whose
    page-1 letterhead gave no own number takes the one its running header or letterhead
    column repeats ("Kenmerk CE20-07907" on two or more pages, role own), else the one
    number labelled "Zaaknummer" anywhere in it (a bundle whose letters name one case)."""
    doc.mentions = extract_document(doc, nlp=nlp)
    own = [(m, m.value) for m in doc.mentions if isinstance(m.value, ZaakValue) and m.value.role == "own"]
    if doc.zaaknummer is None:
        pages: dict[str, set[int]] = {}
        for m, v in own:  # a running header, or the letterhead column of every page
            pages.setdefault(v.number, set()).add(m.page)
        repeated = [n for n, ps in pages.items() if len(ps) >= 2]
        if len(repeated) == 1:  # two different numbers repeated: which is ours is not said
            doc.zaaknummer = repeated[0]
    if doc.zaaknummer is None:  # one case number, labelled "Zaaknummer", wherever it stands
        cases = {v.number for _, v in own if v.label == "zaaknummer"}
        if len(cases) == 1:
            doc.zaaknummer = cases.pop()
    return doc


class Joined:
    """Pages joined into one text, with the way back from offsets to (page, offset)."""

    def __init__(self, pages: list[tuple[int, str]]):
        self.pages = pages
        self.offsets: dict[int, int] = {}
        parts, pos = [], 0
        for number, text in pages:
            self.offsets[number] = pos
            parts.append(text)
            pos += len(text) + len(PAGE_JOIN)
        self.text = PAGE_JOIN.join(parts)
        self.starts = [self.offsets[n] for n, _ in pages]

    def mention(self, kind: MentionKind, start: int, end: int, value) -> Mention:
        """A Mention on the page where `start` lies; a span running on to the next
        page is cut at its own page's end (the value keeps the whole text)."""
        i = bisect.bisect_right(self.starts, start) - 1
        number, base = self.pages[i][0], self.starts[i]
        end = min(end, base + len(self.pages[i][1]))
        text = self.text[start:end].rstrip()
        return Mention(kind=kind, text=text, page=number, start=start - base,
                       end=start - base + len(text), value=value)


def document_decisions(pages: list[tuple[int, str]]) -> list[Mention]:
    """Decisions found over the whole document, so that a decision list may run on
    to the next page and its agenda heading may stand on the page before."""
    joined = Joined(pages)
    return [joined.mention(MentionKind.decision, h.start, h.end, h.value)
            for h in find_decisions(joined.text)]


def document_proposals(pages: list[tuple[int, str]],
                       mentions: list[Mention] | None = None) -> list[Mention]:
    """Proposals found over the whole document, so that options and their amounts may
    continue on later pages and a "Pijler" heading holds until the next one. Option
    effects come from the money `mentions`; None: find the amounts here."""
    joined = Joined(pages)
    offsets = joined.offsets
    money = None if mentions is None else [
        MoneyHit(offsets[m.page] + m.start, offsets[m.page] + m.end, m.value)
        for m in mentions if m.kind == "money" and isinstance(m.value, MoneyValue) and m.page in offsets]
    return [joined.mention(MentionKind.proposal, h.start, h.end, h.value)
            for h in find_proposals(joined.text, money)]


def extract_text(text: str, reference_date: dt.date | None = None,
                 nlp: Language | None = None) -> list[Mention]:
    """Mentions of one text, as page 1."""
    return extract_pages([(1, text)], reference_date, nlp)
