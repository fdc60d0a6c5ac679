"""What extraction finds: mentions with normalised values, and the facts built on them.

The JSON form of `Mention` is a public contract: later versions add fields, they
never change these.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field, model_validator


class MentionKind(str, Enum):
    date = "date"
    money = "money"
    zaaknummer = "zaaknummer"
    proposal = "proposal"
    decision = "decision"


Granularity = Literal["day", "week", "month", "quarter", "half", "year"]
Recurrence = Literal["structural", "incidental"]
Role = Literal["own", "referenced"]
Effect = Literal["nadelig", "voordelig"]
# Why a mention is doubtful, kept as written: "impossible" (no such date, "31 februari
# 2025": no value), "implausible" (a real date far outside any dossier's time, such as an
# inventory cell "3-6-1907"), "unreadable" (an OCR'd number whose digits are garbled: no value).
Flag = Literal["impossible", "implausible", "unreadable"]
PLAUSIBLE_FROM = 1950  # a government dossier's own dates: an older one is kept, flagged, never a document's date


class DateValue(BaseModel):
    start: dt.date
    end: dt.date
    granularity: Granularity


class MoneyValue(BaseModel):
    cents: int | None  # None for "PM" (pro memorie): no amount given
    currency: str = "EUR"
    recurrence: Recurrence | None = None
    pm: bool = False
    scale: int = 1  # multiplier taken from a table header such as "x € 1.000"
    # a cell of a table: its row label, its column header ("Begroting 2026") and whether the
    # row is a (sub)total, so an amount can be cited as "Lasten, begroting 2026: € …"
    row: str | None = None
    column: str | None = None
    total: bool = False
    effect: Effect | None = None  # a cell's N / V
    approximate: bool = False  # "ruim € 2 miljoen", "circa € 500.000"
    # one end of a range "€ 10.000 tot € 20.000", "(€ 40.000 - € 400.000)": two amounts,
    # "low" and "high", next to each other in the text
    range: Literal["low", "high"] | None = None


class ZaakValue(BaseModel):
    number: str
    label: str | None = None  # "zaaknummer", "ons kenmerk", ...
    role: Role = "referenced"


class ProposalOption(BaseModel):
    number: int | None = None
    text: str
    scenario: str | None = None  # "Kern", "Koers"
    effects: list[int] = Field(default_factory=list)  # cents of the option's money mentions
    pm: bool = False  # the effect is "PM" / "0 (evt. PM)": not yet known


class ProposalValue(BaseModel):
    number: int | None = None
    title: str
    pillar: str | None = None
    options: list[ProposalOption] = Field(default_factory=list)


class DecisionValue(BaseModel):
    """A decision in a besluitenlijst or letter ("Besluit: …", "De raad besluit unaniem: …")."""

    text: str
    body: str | None = None  # raad, college, AB, DB, ...
    outcome: str | None = None  # aangenomen, verworpen, vastgesteld, ...
    unanimous: bool | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    agenda_item: str | None = None


class Mention(BaseModel):
    kind: MentionKind
    text: str
    page: int  # 1-based
    start: int  # character offsets in that page's text
    end: int
    value: DateValue | MoneyValue | ZaakValue | ProposalValue | DecisionValue | None = None
    subject: str | None = None  # canonical subject the mention is about, where known
    # A mention in a running header, footer or letterhead line (furniture, not body text):
    # `block` is the index of that furniture block in `Page.blocks`, and start/end are
    # offsets in the block's text. Kept, not dropped: a running header's kenmerk is the
    # document's own number, and a journalist may cite the footer's date.
    furniture: bool = False
    block: int | None = None
    flag: Flag | None = None

    @model_validator(mode="before")
    @classmethod
    def _value_by_kind(cls, data):
        """Parse `value` as the class its kind names, not by guessing among the union."""
        if isinstance(data, dict) and isinstance(data.get("value"), dict):
            kind = data.get("kind")
            kind = kind.value if isinstance(kind, MentionKind) else kind
            value_cls = VALUE_CLASSES.get(kind) if isinstance(kind, str) else None
            if value_cls is not None:
                data = {**data, "value": value_cls.model_validate(data["value"])}
        return data


VALUE_CLASSES: dict[str, type[BaseModel]] = {
    "date": DateValue, "money": MoneyValue, "zaaknummer": ZaakValue, "proposal": ProposalValue,
    "decision": DecisionValue,
}


class Citation(BaseModel):
    document_id: str
    document_title: str | None = None
    page: int
    start: int | None = None
    end: int | None = None
    quote: str
    ocr: bool = False


class Proposal(BaseModel):
    document_id: str
    number: int | None
    title: str
    pillar: str | None = None
    options: list[ProposalOption] = Field(default_factory=list)
    citation: Citation


class Event(BaseModel):
    date: DateValue
    what: str
    who: str | None = None
    status: Literal["planned", "happened"] = "happened"
    citations: list[Citation] = Field(default_factory=list)
