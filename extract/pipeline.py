"""Run the raadslens pipeline over pages and turn spans into `models.Mention`s."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from extract import extensions as ext
from extract.dates import infer_reference_date
from extract.money import MoneyHit
from extract.nlp import load_nlp
from extract.proposals import find_proposals
from models import Mention

PROPOSALS, MONEY = "raadslens_proposals", "raadslens_money"
PAGE_JOIN = "\n\n"  # pages are joined with a blank line for document-level passes


def doc_mentions(doc: Doc, page: int) -> list[Mention]:
    """The raadslens spans of one processed doc as Mentions, in text order."""
    if ext.SPAN_KEY not in doc.spans:
        return []
    out = []
    for span in doc.spans[ext.SPAN_KEY]:
        start, end = span._.rl_chars or (span.start_char, span.end_char)
        out.append(Mention(kind=span.label_, text=doc.text[start:end], page=page,
                           start=start, end=end, value=span._.rl_value))
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _docs(nlp: Language, pages: Iterable[tuple[int, str]], reference_date, scale_regions):
    for number, text in pages:
        doc = nlp.make_doc(text)
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
) -> list[Mention]:
    """Mentions of all pages, in page and text order.

    `pages` are (page number, page text). Relative dates resolve against
    `reference_date`; when None, against the document's own date (a "Datum" field
    on the first two pages), else today. `scale_regions` maps a page number to
    [(start, end, scale)] for tables whose "x € 1.000" header is not in the text.
    Proposals are found over the whole document (see `document_proposals`).
    """
    nlp = nlp or load_nlp()
    if reference_date is None:
        reference_date = next((d for _, t in pages[:2] if (d := infer_reference_date(t))), None)
    with_proposals = PROPOSALS in nlp.pipe_names
    mentions: list[Mention] = []
    texts: list[tuple[int, str]] = []
    docs = nlp.pipe(_docs(nlp, pages, reference_date, scale_regions), as_tuples=True,
                    batch_size=batch_size, disable=[PROPOSALS] if with_proposals else [])
    for doc, number in docs:
        mentions.extend(doc_mentions(doc, number))
        texts.append((number, doc.text))
    if with_proposals:
        have_money = MONEY in nlp.pipe_names
        mentions.extend(document_proposals(texts, mentions if have_money else None))
        mentions.sort(key=lambda m: (m.page, m.start, m.end))
    return mentions


def document_proposals(pages: list[tuple[int, str]],
                       mentions: list[Mention] | None = None) -> list[Mention]:
    """Proposals found over the whole document, so that options and their amounts may
    continue on later pages and a "Pijler" heading holds until the next one. Option
    effects come from the money `mentions`; None: find the amounts here."""
    offsets, parts, pos = {}, [], 0
    for number, text in pages:
        offsets[number] = pos
        parts.append(text)
        pos += len(text) + len(PAGE_JOIN)
    whole = PAGE_JOIN.join(parts)
    money = None if mentions is None else [
        MoneyHit(offsets[m.page] + m.start, offsets[m.page] + m.end, m.value)
        for m in mentions if m.kind == "money" and m.page in offsets]
    starts = [offsets[n] for n, _ in pages]
    out = []
    for hit in find_proposals(whole, money):
        i = bisect.bisect_right(starts, hit.start) - 1
        number, base = pages[i][0], starts[i]
        out.append(Mention(kind="proposal", text=whole[hit.start:hit.end], page=number,
                           start=hit.start - base, end=hit.end - base, value=hit.value))
    return out


def extract_text(text: str, reference_date: dt.date | None = None,
                 nlp: Language | None = None) -> list[Mention]:
    """Mentions of one text, as page 1."""
    return extract_pages([(1, text)], reference_date, nlp)
