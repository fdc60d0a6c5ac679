"""Proposals with options, effects and pillar, on plain functions and on seed 001."""

from pathlib import Path

import pytest

from raadslens.extract.proposals import find_proposals

DATA = Path(__file__).parent / "data" / "extract"

INLINE = """Pijler 3: Veiligheid

Voorstel 5: Meldpunt Woningvervuiling
Keuzemogelijkheden zijn: 1. Stoppen met de extra inzet (Scenario Kern) 2. Handhaven van \
de inzet (Scenario Koers)

1. Stoppen met de extra inzet -€ 95.000 (I)
Mogelijke effecten zijn: meer wachtlijst, later € 10.000 extra.

2. Handhaven van de inzet € 0
"""

LINES = """ Pijler 1: Jeugd

Voorstel 1. Gezonde School Aanpak (GSA)

Keuzemogelijkheden zijn:

1. Beëindigen van de inzet op de Gezonde School Aanpak (Scenario Kern)

2. Handhaven van de huidige inzet op de Gezonde School

Aanpak (Scenario Koers)

Het voorstel om te versoberen is ingetrokken.

1. Beëindigen van de inzet op de Gezonde School

Aanpak

-€ 185.000

Mogelijke effecten zijn:

• Het stoppen kost op termijn € 50.000 elders.

2. Handhaven van de huidige inzet op de Gezonde School Aanpak +€ 20.000 (S)
"""


def test_inline_options():
    (p,) = find_proposals(INLINE)
    v = p.value
    assert INLINE[p.start:p.end] == "Voorstel 5: Meldpunt Woningvervuiling"
    assert (v.number, v.title, v.pillar) == (5, "Meldpunt Woningvervuiling", "Veiligheid")
    assert [(o.number, o.text, o.scenario, o.effects) for o in v.options] == [
        (1, "Stoppen met de extra inzet", "Kern", [-9_500_000]),
        (2, "Handhaven van de inzet", "Koers", [0]),
    ]


def test_options_on_lines_with_dot_heading():
    (p,) = find_proposals(LINES)
    v = p.value
    assert (v.number, v.title, v.pillar) == (1, "Gezonde School Aanpak (GSA)", "Jeugd")
    assert [(o.text, o.scenario, o.effects) for o in v.options] == [
        ("Beëindigen van de inzet op de Gezonde School Aanpak", "Kern", [-18_500_000]),
        ("Handhaven van de huidige inzet op de Gezonde School Aanpak", "Koers", [2_000_000]),
    ]


TABLE = """Scenario Kern Scenario Koers
Voorstel 5: Meldpunt Woningvervuiling
Veiligheid, 9 Stoppen met de inzet van extra capaciteit bij het meldpunt
Woningvervuiling (incidentele bijdrage € 95.000 stopt per 2026)
-€ 95.000 (I)
Samen goed(e) keuzes voor SamenTwente 24
Veiligheid, 5 Handhaven van de inzet bij het meldpunt Woningvervuiling 0
Incidenteel wordt
structureel*
Voorstel 6: Zorgwekkend gedrag
PB&L Handhaven 0 (evt. PM)
PB&L, 1 en 2 Versoberen -€ 80.000
Sub-totaal financieel effect op de begroting SamenTwente -€ 519.000
"""


def test_table_options():
    five, six = find_proposals(TABLE)
    assert [(o.number, o.text, o.effects) for o in five.value.options] == [
        (1, "Stoppen met de inzet van extra capaciteit bij het meldpunt Woningvervuiling "
            "(incidentele bijdrage € 95.000 stopt per 2026)", [-9_500_000]),
        (2, "Handhaven van de inzet bij het meldpunt Woningvervuiling", [0])]
    assert [(o.text, o.effects) for o in six.value.options] == [
        ("Handhaven", []), ("Versoberen", [-8_000_000])]


def test_pillar_passed_in_and_no_options():
    (p,) = find_proposals("Voorstel 7: Iets anders\nGeen keuzes hier.", pillar="Jeugd")
    assert (p.value.pillar, p.value.options) == ("Jeugd", [])


@pytest.mark.parametrize("text", ["bekend als voorstel 7 binnen de pijler Jeugd",
                                  "5.5 Voorstel\nHet voorstel is", "Voorstellen 3: x"])
def test_not_proposals(text):
    assert find_proposals(text) == []


def test_seed_001_proposals():
    text = (DATA / "001_e3628bba92d377a0.txt").read_text()
    props = {p.value.number: p.value for p in find_proposals(text)
             if p.value.options and p.value.options[0].scenario}
    assert sorted(props) == [1, 2, 3, 4, 5, 6]
    expected = {  # number: (pillar, effects per option)
        1: ("Jeugd", [[-18_500_000], [0]]),
        2: ("Publieke gezondheid & leefomgeving", [[-8_000_000], [0]]),
        3: ("Publieke gezondheid & leefomgeving", [[-13_400_000], [0]]),
        4: ("Publieke gezondheid & leefomgeving", [[-2_500_000], [10_000_000]]),
        5: ("Veiligheid", [[-9_500_000], [0]]),
        6: ("Veiligheid", [[0], [11_700_000]]),
    }
    for n, (pillar, effects) in expected.items():
        assert props[n].pillar == pillar
        assert [o.effects for o in props[n].options] == effects
        assert [o.scenario for o in props[n].options] == ["Kern", "Koers"]
    assert props[1].title == "Gezonde School Aanpak (GSA)"
    assert props[6].options[1].text == (
        "Handhaven van de extra inzet meldpunt Zorgwekkend gedrag en deze inzet structureel maken")


PM_TABLE = """Voorstel 2: Seksuele gezondheid

PB&L, 1 en 2 | Inzet op seksuele gezondheid versoberen | -€ 80.000
PB&L | Inzet op seksuele gezondheid handhaven | 0 (evt. PM)*
PB&L, 3 | Nog onbekend | PM
Sub-totaal | -€ 80.000
"""

PM_CHOICES = """Voorstel 7: Onderzoek

Keuzemogelijkheden zijn: 1. Stoppen (Scenario Kern) 2. Uitbreiden (Scenario Koers)

1. Stoppen -€ 10.000

2. Uitbreiden € PM
"""


def test_pm_options_in_a_table():
    (hit,) = find_proposals(PM_TABLE)
    opts = hit.value.options
    assert [(o.effects, o.pm) for o in opts] == [([-8_000_000], False), ([], True), ([], True)]


def test_pm_options_in_choices():
    (hit,) = find_proposals(PM_CHOICES)
    assert [(o.effects, o.pm) for o in hit.value.options] == [([-1_000_000], False), ([], True)]
