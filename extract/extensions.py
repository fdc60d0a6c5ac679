"""The one place where raadslens declares its spaCy extension attributes.

* `Span._.rl_value`: the normalised value of a mention (`DateValue`,
  `MoneyValue`, `ZaakValue`, `ProposalValue` or `DecisionValue` from `models`).
* `Span._.rl_flag`: why the mention is doubtful (`models.mentions.Flag`), or None.
* `Span._.rl_chars`: exact (start, end) character offsets of the mention in
  `doc.text`; the span itself may be wider because it is aligned to tokens
  (`alignment_mode="expand"`: "€983.000" is two tokens, "A24STW-42," may be one).
* `doc.spans[SPAN_KEY]`: all raadslens spans; `span.label_` is the mention kind
  ("date", "money", "zaaknummer", "proposal", "decision").
* `doc.user_data[TEXT]`: `doc.text`, kept once (spaCy rebuilds `doc.text` from all
  tokens on every access); read it with `doc_text(doc)`.
* `doc.user_data[REFERENCE_DATE]`: a `datetime.date` that relative dates are
  resolved against; `doc.user_data[SCALE_REGIONS]`: [(start, end, scale)] for
  amounts in tables with a "x € 1.000" header the text does not show;
  `doc.user_data[PILLAR]`: the pillar in force at the start of the doc (from an
  earlier page); the proposals component stores the last one it saw in
  `doc.user_data[LAST_PILLAR]`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_KEY = "raadslens"
TEXT = "rl_text"
REFERENCE_DATE = "reference_date"
SCALE_REGIONS = "scale_regions"
PILLAR = "pillar"
LAST_PILLAR = "last_pillar"


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per doc (components read it many times)."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


def register() -> None:
    """Declare the extensions (idempotent)."""
    for name in ("rl_value", "rl_chars", "rl_flag"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
