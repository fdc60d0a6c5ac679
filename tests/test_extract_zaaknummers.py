"""Zaaknummers and kenmerken: phrase → ZaakValue, on plain functions."""

import pytest

from raadslens.extract.zaaknummers import find_zaaknummers, is_plausible

CASES = [
    # phrase, [(number, label, role)]
    # a letterhead column: the label ends a line, its value stands alone below it
    ("Datum\n\n17 december 2020 Ons kenmerk\n\n2947574", [("2947574", "ons kenmerk", "own")]),
    ("Zaaknummer 3825997", [("3825997", "zaaknummer", "own")]),
    ("**Zaaknummer**  \n3825997\n\n**Uw kenmerk**\n\n**Datum**  \n5 november 2024",
     [("3825997", "zaaknummer", "own")]),
    ("Onderwerp\tZaaknummer\tUw kenmerk\tDatum\n"
     "Stand van zaken kerntakendiscussie SamenTwente\t3777670\t\t16 juli 2024\n",
     [("3777670", "zaaknummer", "own")]),
    ("Onderwerp Zaaknummer Uw kenmerk Datum\nStand van zaken kerntakendiscussie 3777670 "
     "16 juli 2024\n", [("3777670", "zaaknummer", "own")]),
    # pypdfium2 text of the real letter: CRLF, the subject takes two lines
    ("Onderwerp Zaaknummer Uw kenmerk Datum\r\nStand van zaken kerntakendiscussie \r\n"
     "SamenTwente\r\n3777670 16 juli 2024\r\nBeste raadsleden,",
     [("3777670", "zaaknummer", "own")]),
    ("Onderwerp Zaaknummer Uw kenmerk Datum\r\nInformeren over proces \r\nkerntakendiscussie "
     "SamenTwente\r\n3825997 **Datum** 5 \r\nnovember 2024\r\n",
     [("3825997", "zaaknummer", "own")]),
    ("Bladnummer 2\r\nZaaknummer 3777670\r\nMet dit document", [("3777670", "zaaknummer", "own")]),
    ("Bladnummer\n\n2\n\nZaaknummer Uw kenmerk\n\n3777670\n\nMet dit document",
     [("3777670", "zaaknummer", "own")]),
    ("ofwel de kerntakendiscussie (zaaknummer 3893698). Daarbij",
     [("3893698", "zaaknummer", "referenced")]),
    ("Ons kenmerk: A24STW-42\nSamenstellers:", [("A24STW-42", "ons kenmerk", "own")]),
    ("Kenmerk: Z/24/082517", [("Z/24/082517", "kenmerk", "own")]),
    ("Uw kenmerk: VN2020-006736", [("VN2020-006736", "uw kenmerk", "referenced")]),
    ("Registratienummer: 2024-0012345", [("2024-0012345", "registratienummer", "own")]),
    ("zoals gemeld in onze brief Z/24/082517 van maart", [("Z/24/082517", None, "referenced")]),
    ("Ons kenmerk NO20-05797/UIT-21-12734", [("NO20-05797/UIT-21-12734", "ons kenmerk", "own")]),
    ("het besluit NO20-05797/UIT-21-12734 is", [("NO20-05797/UIT-21-12734", None, "referenced")]),
    ("verwijzing VN2020-006736.", [("VN2020-006736", None, "referenced")]),
    ("het besluit van het dagelijks bestuur VN 2020- 006736, uiterlijk",
     [("VN2020-006736", None, "referenced")]),
    ("geregistreerd onder nummer AI15.02693.", [("AI15.02693", "nummer", "referenced")]),
    ("met kenmerk 2025-123456 verzonden", [("2025-123456", "kenmerk", "referenced")]),
]

NEGATIVES = [
    "Telefoonnummer\n14-074",
    "Telefoonnummer 14-074",
    "Postbus 18\n7550 AA Hengelo",
    "Postbus 18  \n7550AA Hengelo",
    "een structurele uitzetting van €983.000 nodig",
    "Vermeld altijd het zaaknummer als u contact opneemt met de gemeente.",
    "Kenmerkend voor de Twentse cultuur is 2024",
    "COVID-19 en A1-wegen",
    "Bijlage 1",
    "de regio met 641.000 inwoners",
    "Datum: 07-03-2023",
    "Zaaknummer: 07-03-2023",
    "het plan van aanpak RES 2023-2036 als kaders",
    "7.1 Zienswijze strategische agenda MRDH 2023-2026",
]


@pytest.mark.parametrize("phrase,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_zaaknummers(phrase, expected):
    hits = find_zaaknummers(phrase)
    got = [(h.value.number, h.value.label, h.value.role) for h in hits]
    assert got == expected
    for h in hits:
        assert phrase[h.start:h.end].replace(" ", "") == h.value.number


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_not_zaaknummers(phrase):
    assert find_zaaknummers(phrase) == []


@pytest.mark.parametrize("value,ok", [("3825997", True), ("A24STW-42", True), ("14-074", False),
                                     ("053-4812345", False), ("983.000", False), ("7550", False),
                                     ("16-07-2024", False), ("Z/24/082517", True)])
def test_is_plausible(value, ok):
    assert is_plausible(value) is ok


# the shapes the issue lists, seen on real documents (numbers made up)
REAL_SHAPES = ["Z/23/091234", "Z-21-50211", "Z2023-000812", "ZD2019-000341", "NO21-01234/UIT-21-04567",
               "D19-1234", "CE21-01234", "PS23-000123", "Z/19/204567-112233", "ZOOV20-1234-Uit-20-567",
               "2023-004567"]


@pytest.mark.parametrize("number", REAL_SHAPES)
def test_real_shapes_labelled_and_in_running_text(number):
    (own,) = find_zaaknummers(f"Ons kenmerk {number}\nBetreft")
    assert (own.value.number, own.value.role) == (number, "own")
    text = f"Het besluit {number} is verzonden."
    (ref,) = find_zaaknummers(text)
    assert (text[ref.start:ref.end], ref.value.role) == (number, "referenced")


def test_ocr_debris_is_never_part_of_the_number():
    for text in ("Ons kenmerk: __Z-21-50211", "het besluit __Z-21-50211 is"):
        (hit,) = find_zaaknummers(text)
        assert text[hit.start:hit.end] == "Z-21-50211"


@pytest.mark.parametrize("text, roles", [
    # a letterhead block flattened onto one line: every field is the letter's own
    ("Datum 27.11.2022 Kenmerk D2022-11-007340 Zaaknummer 2022-015529",
     [("D2022-11-007340", "own"), ("2022-015529", "own")]),
    ("Datum: 3 mei 2021 Zaaknummer: Z-21-50211", [("Z-21-50211", "own")]),
    # in a sentence the label is a citation
    ("Wij verwijzen naar ons besluit met zaaknummer Z-21-50211.", [("Z-21-50211", "referenced")]),
])
def test_a_flattened_letterhead_line_keeps_its_own_numbers(text, roles):
    assert [(h.value.number, h.value.role) for h in find_zaaknummers(text)] == roles


@pytest.mark.parametrize("text", ["Ons kenmerk: __ Z-21-50211", "Ons kenmerk __Z-21-50211", "Ons kenmerk\n__ Z-21-50211"])
def test_ocr_underscores_between_label_and_value_are_debris(text):
    [h] = find_zaaknummers(text)
    assert (h.value.number, h.value.role, text[h.start:h.end]) == ("Z-21-50211", "own", "Z-21-50211")


@pytest.mark.parametrize("text, expected", [
    # OCR reads the capital O of "Ons"/"Onze" as a zero: still the own number
    ("0ns kenmerk CE20-07907", [("CE20-07907", "ons kenmerk", "own")]),
    ("0nze referentie 4187132", [("4187132", "ons kenmerk", "own")]),
    # a letterhead table: the label cell and the value cell with a rule between them
    ("Ons kenmerk | NO20-05797/UIT-20-12660", [("NO20-05797/UIT-20-12660", "ons kenmerk", "own")]),
    # labels on one line, a value for each on the next: paired in order
    ("Uw kenmerk Ons kenmerk\nZ-24-50275 CE20-07907",
     [("Z-24-50275", "uw kenmerk", "referenced"), ("CE20-07907", "ons kenmerk", "own")]),
    # fewer values than labels: the "Uw kenmerk" column is the empty one
    ("Zaaknummer Uw kenmerk\n3777670\n", [("3777670", "zaaknummer", "own")]),
])
def test_letterhead_forms_keep_each_number_with_its_own_label(text, expected):
    got = [(h.value.number, h.value.label, h.value.role) for h in find_zaaknummers(text)]
    assert got == expected
