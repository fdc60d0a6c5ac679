"""What extraction finds: mentions with normalised values, and the facts built on them.

The JSON form of `Mention` is a public contract: later versions add fields, they
never change these.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field


class MentionKind(str, Enum):
    date = "date"
    money = "money"
    zaaknummer = "zaaknummer"
    proposal = "proposal"


Granularity = Literal["day", "week", "month", "quarter", "half", "year"]
Recurrence = Literal["structural", "incidental"]


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


class ZaakValue(BaseModel):
    number: str
    label: str | None = None  # "zaaknummer", "ons kenmerk", ...
    role: Literal["own", "referenced"] = "referenced"


class ProposalOption(BaseModel):
    number: int | None = None
    text: str
    scenario: str | None = None  # "Kern", "Koers"
    effects: list[int] = Field(default_factory=list)  # cents of the option's money mentions


class ProposalValue(BaseModel):
    number: int | None = None
    title: str
    pillar: str | None = None
    options: list[ProposalOption] = Field(default_factory=list)


class Mention(BaseModel):
    kind: MentionKind
    text: str
    page: int  # 1-based
    start: int  # character offsets in that page's text
    end: int
    value: DateValue | MoneyValue | ZaakValue | ProposalValue | None = None
    subject: str | None = None  # canonical subject the mention is about, where known


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
