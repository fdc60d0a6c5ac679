"""The kind of a timeline event from the words around its date (answers.timeline.event_kind), on sentences
from the tune documents (Woo decisions, the kerntakendiscussie letters and report) and in their style."""

from __future__ import annotations

import pytest

from raadslens.search_api.answers.timeline import EVENT_KINDS, _kind_window, event_kind

CASES = [
    # (sentence, the date in it, status from the document's date, kind)
    ("In uw e-mail van 11 augustus 2020, ontvangen op 11 augustus 2020, heeft u met een beroep op de Wet "
     "openbaarheid van bestuur (Wob) gevraagd om", "11 augustus 2020", "happened", "verzoek ontvangen"),
    ("Op 16 oktober 2020 is een besluit op uw Wob-verzoek over besluit VN2020-006736 genomen.",
     "16 oktober 2020", "happened", "besluit genomen"),
    ("Aan het AB wordt gevraagd om op 11 december een besluit te nemen over het beslisdocument.",
     "11 december", "planned", "besluit gepland"),
    ("Op 13 november zal het AB een opiniërende bespreking houden over het beslisdocument.",
     "13 november", "planned", "vergadering"),
    ("Dit rapport is op 13 maart 2025 aangeboden voor besluitvormende bespreking op 26 maart 2025.",
     "13 maart 2025", "happened", "publicatie"),
    ("Bij e-mail van 2 februari 2021 heb ik de beslistermijn met vier weken verdaagd tot 2 maart 2021.",
     "2 maart 2021", "happened", "termijn verdaagd"),
    ("De beslistermijn is opgeschort tot 1 juni 2021.", "1 juni 2021", "planned", "termijn verdaagd"),
    ("Het college heeft de notitie op 3 mei 2022 vastgesteld.", "3 mei 2022", "happened", "besluit genomen"),
    ("De zon scheen op 3 mei 2022.", "3 mei 2022", "happened", None),
    ("Bij brief van 9 juni 2020, door mij ontvangen op 10 juni 2020, heb ik van u een verzoek ontvangen",
     "9 juni 2020", "happened", "verzoek ontvangen"),
    ("Op 19 juni 2020 is naar aanleiding van uw verzoek telefonisch contact met u opgenomen.",
     "19 juni 2020", "happened", None),
    ("Soort Melding Uw verzoek 01-08-2024", "01-08-2024", "happened", "verzoek ontvangen"),
]


@pytest.mark.parametrize("sentence, date, status, kind", CASES)
def test_event_kind_from_the_words_nearest_the_date(sentence, date, status, kind):
    start = sentence.index(date)
    before, after = _kind_window(sentence, start, start + len(date))
    assert event_kind(before, after, status) == kind
    assert kind is None or kind in EVENT_KINDS
