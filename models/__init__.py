"""The shared data model: the contract between ingest, extract, index and API.

Every stage reads and writes these classes and nothing else. Offsets (`start`,
`end`) are character offsets into `Page.text`, the page's body text (furniture
left out), and pages are numbered from 1.
"""

from raadslens.models.document import Block, BlockRole, Document, DocumentStatus, Page
from raadslens.models.mentions import (
    Citation,
    DateValue,
    DecisionValue,
    Event,
    Mention,
    MentionKind,
    MoneyValue,
    Proposal,
    ProposalOption,
    ProposalValue,
    ZaakValue,
)

__all__ = [
    "Block",
    "BlockRole",
    "Citation",
    "DateValue",
    "DecisionValue",
    "Document",
    "DocumentStatus",
    "Event",
    "Mention",
    "MentionKind",
    "MoneyValue",
    "Page",
    "Proposal",
    "ProposalOption",
    "ProposalValue",
    "ZaakValue",
]
