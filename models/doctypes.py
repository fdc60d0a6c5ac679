"""The one taxonomy of document types (`Document.doc_type`), for every organisation.

Each label with the forms it covers; ingest assigns one of these and nothing else,
the gold (`tests/data/gold/metadata.jsonl`) uses the same labels, and the answers
filter on them.
"""

from __future__ import annotations

DOC_TYPES: dict[str, str] = {
    "raadsvoorstel": "a proposal of the college to the gemeenteraad",
    "statenvoorstel": "a proposal of Gedeputeerde Staten to Provinciale Staten",
    "raadsbesluit": "a decision of the gemeenteraad (or of Provinciale Staten)",
    "collegevoorstel": "a proposal to the college or GS: collegevoorstel, voordracht, GS-nota",
    "collegebesluit": "a decision of the college of B&W or of GS",
    "raadsinformatiebrief": "a letter informing the gemeenteraad (RIB)",
    "statenbrief": "a letter informing Provinciale Staten",
    "brief": "any other letter, including an e-mail printed as a letter",
    "besluitenlijst": "the list of decisions of one meeting (raad, college, AB/DB)",
    "agenda": "an agenda, annotated or not",
    "verslag": "minutes or a report of one meeting: verslag, notulen",
    "motie": "a motion",
    "amendement": "an amendment",
    "begroting": "a budget: programmabegroting, begrotingswijziging",
    "jaarstukken": "annual accounts and report: jaarrekening, jaarverslag, jaarstukken",
    "voorjaarsnota": "voorjaarsnota, kadernota, najaarsnota",
    "woo-besluit": "a decision on a Woo or (before 2022) Wob request, also a deelbesluit",
    "woo-verzoek": "a request under the Woo or Wob",
    "inventarislijst": "the inventory list of a Woo/Wob decision",
    "vergunning": "a permit or a notification under environmental law (omgevingsvergunning)",
    "kapmelding": "a notification of tree felling",
    "beleidsnota": "a policy paper, verordening, strategy, visie or memo on policy",
    "rapport": "a report: onderzoek, evaluatie, eindrapport, voortgangsrapportage",
    "ontwerp": "a design or specification: technisch ontwerp, specificatie",
    "presentatie": "slides",
    "other": "anything the document does not let us place in the above",
}
