"""spaCy components: one factory per extractor, results in `doc.spans["raadslens"]`.

Each component runs its plain-function extractor over the doc's text (character
level: the Dutch tokenizer splits "-€" from "185.000"), maps the exact offsets to
a token span with `doc.char_span(..., alignment_mode="expand")` and stores the
value on `span._.rl_value` and the exact offsets on `span._.rl_chars`.

    nlp = spacy.blank("nl")
    nlp.add_pipe("raadslens_money")      # registered here and by entry point
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from raadslens.extract import extensions as ext
from raadslens.extract.dates import find_dates
from raadslens.extract.decisions import find_decisions
from raadslens.extract.money import MoneyHit, find_money
from raadslens.extract.proposals import find_pillars, find_proposals
from raadslens.extract.zaaknummers import find_zaaknummers


def add_hits(doc: Doc, kind: str, hits, key: str = ext.SPAN_KEY) -> list[Span]:
    """Add extractor hits (objects with start, end, value) as spans of `kind`."""
    group = doc.spans.get(key, None)
    spans = []
    for h in hits:
        span = doc.char_span(h.start, h.end, label=kind, alignment_mode="expand")
        if span is None:  # offsets only in whitespace: cannot happen for real hits
            continue
        span._.rl_value = h.value
        span._.rl_chars = (h.start, h.end)
        span._.rl_flag = getattr(h, "flag", None)
        spans.append(span)
    if group is None:
        doc.spans[key] = spans
    else:
        group.extend(spans)
    return spans


def spans_of(doc: Doc, kind: str) -> list[Span]:
    if ext.SPAN_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[ext.SPAN_KEY] if s.label_ == kind]


class DateExtractor:
    def __call__(self, doc: Doc) -> Doc:
        ref = doc.user_data.get(ext.REFERENCE_DATE)
        if isinstance(ref, dt.datetime):
            ref = ref.date()
        add_hits(doc, "date", find_dates(ext.doc_text(doc), ref))
        return doc


class MoneyExtractor:
    def __init__(self, scale: int = 1):
        self.scale = scale

    def __call__(self, doc: Doc) -> Doc:
        regions = doc.user_data.get(ext.SCALE_REGIONS)
        add_hits(doc, "money", find_money(ext.doc_text(doc), self.scale, regions))
        return doc


class ZaakExtractor:
    def __call__(self, doc: Doc) -> Doc:
        add_hits(doc, "zaaknummer", find_zaaknummers(ext.doc_text(doc)))
        return doc


class ProposalExtractor:
    def __call__(self, doc: Doc) -> Doc:
        money_spans = spans_of(doc, "money")
        if money_spans:
            money = [MoneyHit(s._.rl_chars[0], s._.rl_chars[1], s._.rl_value) for s in money_spans]
        else:  # the money component is not in the pipeline (or found nothing)
            money = None
        hits = find_proposals(ext.doc_text(doc), money, doc.user_data.get(ext.PILLAR))
        add_hits(doc, "proposal", hits)
        pillars = find_pillars(ext.doc_text(doc))
        doc.user_data[ext.LAST_PILLAR] = pillars[-1][1] if pillars else \
            doc.user_data.get(ext.PILLAR)
        return doc


class DecisionExtractor:
    def __call__(self, doc: Doc) -> Doc:
        add_hits(doc, "decision", find_decisions(ext.doc_text(doc)))
        return doc


@Language.factory("raadslens_dates")
def make_dates(nlp: Language, name: str) -> DateExtractor:
    return DateExtractor()


@Language.factory("raadslens_money", default_config={"scale": 1})
def make_money(nlp: Language, name: str, scale: int) -> MoneyExtractor:
    return MoneyExtractor(scale)


@Language.factory("raadslens_zaaknummers")
def make_zaaknummers(nlp: Language, name: str) -> ZaakExtractor:
    return ZaakExtractor()


@Language.factory("raadslens_proposals")
def make_proposals(nlp: Language, name: str) -> ProposalExtractor:
    return ProposalExtractor()


@Language.factory("raadslens_decisions")
def make_decisions(nlp: Language, name: str) -> DecisionExtractor:
    return DecisionExtractor()


PIPES = ("raadslens_dates", "raadslens_money", "raadslens_zaaknummers", "raadslens_proposals",
         "raadslens_decisions")
