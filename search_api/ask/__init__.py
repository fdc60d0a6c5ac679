"""Questions in Dutch or English answered from evidence, with citations, or honestly not answered.

`read_question` finds what kind of fact is asked (an amount, a date, a
zaaknummer, a decision, …) and the question's own subject terms; `evidence`
finds candidate pages and ranks the facts on them by how well their context
matches. An answer is given only when the best fact's context is good enough
(`respond.THRESHOLDS`); otherwise the response says `"answered": false` and lists the
nearest sources. A confident wrong answer is the worst outcome, so the
thresholds are set for precision first.
"""


from __future__ import annotations

from typing import Any

from raadslens.search_api.ask import texts, values
from raadslens.search_api.ask.question import NotAQuestion, read_question
from raadslens.search_api.store import Store

CAPABILITIES = [
    "bedragen (Hoeveel kost het handhaven van het meldpunt Woningvervuiling?)",
    "totalen (Wat is de totale besparing van scenario Kern?)",
    "datums, gepland of gebeurd (Wanneer besluit het AB over de kerntakendiscussie?)",
    "publicatie- en verzenddatums (Wanneer is het Wob-besluit over het hek verzonden?)",
    "zaaknummers en kenmerken, in beide richtingen (Welk kenmerk heeft het deelbesluit? Waar gaat zaak 3825997 over?)",
    "besluiten (Wat besloot het college op 24 mei 2022 over de verkoop van Schoolstraat 29?)",
    "beslispunten en keuzemogelijkheden (Welke keuzemogelijkheden liggen er voor de Gezonde School Aanpak?)",
    "documenten over een onderwerp (Welke documenten gaan over de naamswijziging van het Stadionplein?)",
    "wat veranderde tussen versies (Wat veranderde er aan het VTT-bedrag tussen de versies?)",
]
MAX_QUESTION = 500  # characters: a question, not a document


class Unanswerable(ValueError):
    """The text asks for nothing raadslens can look for: a 422 listing what can be asked."""

    def __init__(self, question: str, why: str | None = None):
        super().__init__(why or f"Deze vraag kan ik niet lezen: {question[:80]!r}. Vraag naar een bedrag, "
                                "datum, zaaknummer, besluit, beslispunten of documenten over een onderwerp.")
        self.capabilities = CAPABILITIES


def answer(store: Store, question: str) -> dict[str, Any]:
    text = " ".join((question or "").split())
    if len(text) < 3:
        raise Unanswerable(text, "De vraag is leeg: stel een vraag, bijvoorbeeld 'Wanneer besluit het AB?'")
    if len(text) > MAX_QUESTION:
        raise Unanswerable(text, f"De vraag is te lang ({len(text)} tekens, hooguit {MAX_QUESTION}).")
    try:
        q = read_question(text)
    except NotAQuestion:
        raise Unanswerable(text) from None
    handler = HANDLERS[q.intent]
    return handler(store, q)


HANDLERS = {
    "amount": values.amount, "total": values.amount, "date": values.date, "published": values.published,
    "zaaknummer": values.zaaknummer, "zaak_about": texts.zaak_lookup, "zaak_documents": texts.zaak_lookup,
    "documents": texts.documents, "changes": texts.changes, "decision": texts.decision,
    "proposals": texts.proposals, "who": texts.who,
}
