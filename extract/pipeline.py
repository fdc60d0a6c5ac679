"""Run the raadslens pipeline over pages and turn spans into `models.Mention`s."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from extract import extensions as ext
from extract.dates import infer_reference_date
from extract.nlp import load_nlp
from extract.proposals import find_pillars
from models import Mention


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


def _first_pillar_event(text: str) -> int:
    events = find_pillars(text)
    return events[0][0] if events else len(text)


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
    The pillar of the last "Pijler N: ..." heading carries over to later pages.
    """
    nlp = nlp or load_nlp()
    if reference_date is None:
        reference_date = next((d for _, t in pages[:2] if (d := infer_reference_date(t))), None)
    mentions: list[Mention] = []
    pillar: str | None = None
    docs = nlp.pipe(_docs(nlp, pages, reference_date, scale_regions),
                    as_tuples=True, batch_size=batch_size)
    for doc, number in docs:
        page_mentions = doc_mentions(doc, number)
        first_heading = _first_pillar_event(doc.text)
        for m in page_mentions:  # proposals above this page's first pillar/section heading
            if m.kind == "proposal" and m.value.pillar is None and m.start < first_heading:
                m.value.pillar = pillar
        if ext.LAST_PILLAR in doc.user_data and first_heading < len(doc.text):
            pillar = doc.user_data[ext.LAST_PILLAR]
        mentions.extend(page_mentions)
    return mentions


def extract_text(text: str, reference_date: dt.date | None = None,
                 nlp: Language | None = None) -> list[Mention]:
    """Mentions of one text, as page 1."""
    return extract_pages([(1, text)], reference_date, nlp)
