"""Dates: phrase → DateValue, on plain functions (no spaCy needed)."""

import datetime as dt

import pytest

from raadslens.extract.dates import OPEN_END, find_dates

REF = dt.date(2024, 11, 5)  # the letter date of seed 000
D = dt.date

CASES = [
    # phrase, [(hit text, start, end, granularity)]
    # a list of 3+ consecutive months with one year is one period (Woo inventories, reports)
    ("Inventarisatielijst juni, juli en augustus 2021", [("juni, juli en augustus 2021", D(2021, 6, 1),
                                                          D(2021, 8, 31), "month")]),
    ("lijst sept okt nov dec 2021", [("sept okt nov dec 2021", D(2021, 9, 1), D(2021, 12, 31), "month")]),
    ("januari, maart en mei 2020", [("mei 2020", D(2020, 5, 1), D(2020, 5, 31), "month")]),  # no period
    ("Onderwerp: uw verzoek d.d.21 december\n2018", [("21 december\n2018", D(2018, 12, 21), D(2018, 12, 21),
                                                     "day")]),
    ("de uitgaven in 2025 en volgende jaren", [("2025 en volgende jaren", D(2025, 1, 1), D(9999, 12, 31),
                                                "year")]),
    ("VERZONDEN 31 JAN, 2019 ", [("31 JAN, 2019", D(2019, 1, 31), D(2019, 1, 31), "day")]),
    ("Meicirculaire 2023 | -183", [("2023", D(2023, 1, 1), D(2023, 12, 31), "year")]),
    ("Vaststellen ENSIA Verantwoordingsrapportages 2022", [("2022", D(2022, 1, 1), D(2022, 12, 31), "year")]),
    ("Tabel 10.6 - Kasstroomoverzicht 2024", [("2024", D(2024, 1, 1), D(2024, 12, 31), "year")]),
    # two-digit years with "/" or "-" (issue 13): the century nearest the reference date
    ("op 14/03/17 besloten", [("14/03/17", D(2017, 3, 14), D(2017, 3, 14), "day")]),
    ("ontvangen 7-10-16", [("7-10-16", D(2016, 10, 7), D(2016, 10, 7), "day")]),
    ("in kwartaal 2 2020", [("kwartaal 2 2020", D(2020, 4, 1), D(2020, 6, 30), "quarter")]),
    ("de periode 2022-24", [("2022-24", D(2022, 1, 1), D(2024, 12, 31), "year")]),
    ("sinds 2018-03", [("2018-03", D(2018, 3, 1), D(2018, 3, 31), "month")]),
    ("op 3-okt-2018 verzonden", [("3-okt-2018", D(2018, 10, 3), D(2018, 10, 3), "day")]),
    ("brief van 9-mrt-12", [("9-mrt-12", D(2012, 3, 9), D(2012, 3, 9), "day")]),
    ("in maart, 2018 begonnen", [("maart, 2018", D(2018, 3, 1), D(2018, 3, 31), "month")]),
    ("op 7 januari2021 ontvangen", [("7 januari2021", D(2021, 1, 7), D(2021, 1, 7), "day")]),
    ("van 3 tot 19 februari 2018", [("3 tot 19 februari 2018", D(2018, 2, 3), D(2018, 2, 19), "day")]),
    ("gepland in week 12", [("week 12", D(2024, 3, 18), D(2024, 3, 24), "week")]),
    ("week 2 van 2025", [("week 2 van 2025", D(2025, 1, 6), D(2025, 1, 12), "week")]),
    ("gereed ultimo 2023", [("ultimo 2023", D(2023, 10, 1), D(2023, 12, 31), "quarter")]),
    ("5 november 2024", [("5 november 2024", D(2024, 11, 5), D(2024, 11, 5), "day")]),
    ("op 16 oktober jl. heeft", [("16 oktober jl.", D(2024, 10, 16), D(2024, 10, 16), "day")]),
    ("op 9 juli jl.", [("9 juli jl.", D(2024, 7, 9), D(2024, 7, 9), "day")]),
    ("07-03-2023", [("07-03-2023", D(2023, 3, 7), D(2023, 3, 7), "day")]),
    ("brief dd 21 feb 2023", [("21 feb 2023", D(2023, 2, 21), D(2023, 2, 21), "day")]),
    ("1 januari 2025", [("1 januari 2025", D(2025, 1, 1), D(2025, 1, 1), "day")]),
    ("2025-03-26", [("2025-03-26", D(2025, 3, 26), D(2025, 3, 26), "day")]),
    ("Op 23 en 25 juli vinden", [("23", D(2024, 7, 23), D(2024, 7, 23), "day"),
                                 ("25 juli", D(2024, 7, 25), D(2024, 7, 25), "day")]),
    ("Op 4/5 september", [("4/5 september", D(2024, 9, 4), D(2024, 9, 5), "day")]),
    ("Op 28/29/30 oktober", [("28/29/30 oktober", D(2024, 10, 28), D(2024, 10, 30), "day")]),
    ("Tussen 26 september en 1 november plannen we",
     [("26 september en 1 november", D(2024, 9, 26), D(2024, 11, 1), "day")]),
    ("week van 31 maart 2025", [("week van 31 maart 2025", D(2025, 3, 31), D(2025, 4, 6), "week")]),
    ("uiterlijk in de week van 31 maart 2025 moet",
     [("week van 31 maart 2025", D(2025, 3, 31), D(2025, 4, 6), "week")]),
    ("loopt af medio 2025", [("medio 2025", D(2025, 6, 1), D(2025, 7, 31), "month")]),
    ("herijking eind 2027.", [("eind 2027", D(2027, 10, 1), D(2027, 12, 31), "quarter")]),
    ("kadernota begin 2026", [("begin 2026", D(2026, 1, 1), D(2026, 3, 31), "quarter")]),
    ("eind 2024", [("eind 2024", D(2024, 10, 1), D(2024, 12, 31), "quarter")]),
    ("het eerste kwartaal van 2025", [("het eerste kwartaal van 2025", D(2025, 1, 1),
                                       D(2025, 3, 31), "quarter")]),
    ("in het eerste kwartaal 2025.", [("het eerste kwartaal 2025", D(2025, 1, 1),
                                       D(2025, 3, 31), "quarter")]),
    ("Q1 2025", [("Q1 2025", D(2025, 1, 1), D(2025, 3, 31), "quarter")]),
    ("Q4 2026", [("Q4 2026", D(2026, 10, 1), D(2026, 12, 31), "quarter")]),
    ("de eerste helft van 2025",
     [("de eerste helft van 2025", D(2025, 1, 1), D(2025, 6, 30), "half")]),
    ("In de zomer 2024 zijn", [("zomer 2024", D(2024, 6, 1), D(2024, 8, 31), "month")]),
    ("(juli – september 2024)", [("juli – september 2024", D(2024, 7, 1), D(2024, 9, 30),
                                  "month")]),
    ("(dec 2024 – jan. 2025)", [("dec 2024 – jan. 2025", D(2024, 12, 1), D(2025, 1, 31),
                                 "month")]),
    ("(okt – dec 2024)", [("okt – dec 2024", D(2024, 10, 1), D(2024, 12, 31), "month")]),
    ("in maart 2024 al", [("maart 2024", D(2024, 3, 1), D(2024, 3, 31), "month")]),
    ("Strategisch programma 2026-2030", [("2026-2030", D(2026, 1, 1), D(2030, 12, 31), "year")]),
    ("2023-2026", [("2023-2026", D(2023, 1, 1), D(2026, 12, 31), "year")]),
    ("De focus ligt op de periode 2026 en verder.",
     [("2026 en verder", D(2026, 1, 1), OPEN_END, "year")]),
    ("geldt t/m 30 september 2026", [("30 september 2026", D(2026, 9, 30), D(2026, 9, 30), "day")]),
    ("geldt in elk geval t/m 30 \n\nseptember 2026 en",
     [("30 \n\nseptember 2026", D(2026, 9, 30), D(2026, 9, 30), "day")]),
    ("3825997 **Datum** 5 \r\nnovember 2024\r\n",
     [("5 \r\nnovember 2024", D(2024, 11, 5), D(2024, 11, 5), "day")]),
    ("op\xa05\xa0november\xa02024", [("5\xa0november\xa02024", D(2024, 11, 5), D(2024, 11, 5),
                                       "day")]),
    ("in mei-juni", [("mei-juni", D(2025, 5, 1), D(2025, 6, 30), "month")]),
    ("(juli – september)", [("juli – september", D(2024, 7, 1), D(2024, 9, 30), "month")]),
    ("(december – januari '25)", [("december – januari '25", D(2024, 12, 1), D(2025, 1, 31),
                                   "month")]),
    ("bestuurlijke momenten (25/9, 13/11) een", [
        ("25/9", D(2024, 9, 25), D(2024, 9, 25), "day"),
        ("13/11", D(2024, 11, 13), D(2024, 11, 13), "day")]),
    ("in de zomer en het najaar van 2024", [
        ("zomer", D(2024, 6, 1), D(2024, 8, 31), "month"),
        ("najaar van 2024", D(2024, 9, 1), D(2024, 11, 30), "month")]),
    ("met ingang van 2027 structureel", [("2027", D(2027, 1, 1), D(2027, 12, 31), "year")]),
    ("is voor 2024 tot juni 2025 tijdelijk",
     [("2024 tot juni 2025", D(2024, 1, 1), D(2025, 6, 30), "month")]),
    ("over het eerste half jaar van 2024",
     [("eerste half jaar van 2024", D(2024, 1, 1), D(2024, 6, 30), "half")]),
    ("per 1 januari 2025", [("1 januari 2025", D(2025, 1, 1), D(2025, 1, 1), "day")]),
    ("de inzet vanaf 2026 structureel", [("vanaf 2026", D(2026, 1, 1), OPEN_END, "year")]),
    ("Vanaf januari 2025 start", [("Vanaf januari 2025", D(2025, 1, 1), OPEN_END, "month")]),
    ("in 2026", [("2026", D(2026, 1, 1), D(2026, 12, 31), "year")]),
    ("de begroting 2026 van", [("2026", D(2026, 1, 1), D(2026, 12, 31), "year")]),
    ("Voor de jaren 2024, 2025 en 2026 zijn", [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), "year")]),
    ("In januari vindt de eerste", [("januari", D(2025, 1, 1), D(2025, 1, 31), "month")]),
    ("de AB vergadering half november", [("november", D(2024, 11, 1), D(2024, 11, 30), "month")]),
    ("in juni jl. besloot", [("juni jl.", D(2024, 6, 1), D(2024, 6, 30), "month")]),
    ("schooljaar 2025/2026", [("2025/2026", D(2025, 1, 1), D(2026, 12, 31), "year")]),
    ("van 2019 tot en met 2023",
     [("2019 tot en met 2023", D(2019, 1, 1), D(2023, 12, 31), "year")]),
    ("1 januari t/m 31 maart 2025", [("1 januari t/m 31 maart 2025", D(2025, 1, 1),
                                      D(2025, 3, 31), "day")]),
    ("een nieuwe aanbesteding vindt dit jaar plaats",
     [("dit jaar", D(2024, 1, 1), D(2024, 12, 31), "year")]),
    ("In de periode tot het einde van dit jaar worden",
     [("het einde van dit jaar", D(2024, 10, 1), D(2024, 12, 31), "quarter")]),
    ("begin volgend jaar", [("begin volgend jaar", D(2025, 1, 1), D(2025, 3, 31), "quarter")]),
    ("vorig jaar", [("vorig jaar", D(2023, 1, 1), D(2023, 12, 31), "year")]),
    ("Bestuurdersdag op 25 september.", [("25 september", D(2024, 9, 25), D(2024, 9, 25), "day")]),
]

NEGATIVES = [
    "Bijlage 1: Aanzet tot afwegingskader",
    "Voorstel 5: Meldpunt Woningvervuiling",
    "Telefoonnummer\n14-074",
    "Ons kenmerk: A24STW-42",
    "de regio met 641.000 inwoners",
    "Bladnummer\n\n2\n",
    "2.1 Kerntaken kiezen langs de lijn van de inhoud4",
    "Jan Jansen en Mei Ling",
    "per 100.000 inwoners",
    "Postbus 18\n7550 AA Hengelo",
    "PB&L, \n\n1 en 2 \n\nInzet op seksuele gezondheid",
    "NO20-05797/UIT-21-12734",
    "Mei Ling en de maand",
    "€ 450.000 per jaar",
    "de komende jaren",
    "om deze zorg 24/7 beschikbaar",
    "score 3/4 en 1/2",
    "in de zomer",
    "in 2000 gevallen en voor 2100 woningen",
    "artikel 2.1.13 van de verordening",  # dotted: a section number, not 2 January 2013
    "telefoon 06-12345678",
    "kenmerk 2019-0000123456",  # a date inside an identifier is not a date  # a mobile number, not 6 December
]


@pytest.mark.parametrize("phrase,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_dates(phrase, expected):
    hits = find_dates(phrase, REF)
    got = [(phrase[h.start:h.end], h.value.start, h.value.end, h.value.granularity) for h in hits]
    assert got == expected


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_not_dates(phrase):
    assert find_dates(phrase, REF) == []


def test_jl_takes_most_recent_past():
    # in January, "16 oktober jl." is last year's October
    (hit,) = find_dates("16 oktober jl.", dt.date(2025, 1, 10))
    assert hit.value.start == D(2024, 10, 16)


def test_year_less_date_nearest_to_reference():
    (hit,) = find_dates("Op 10 januari", dt.date(2024, 12, 20))
    assert hit.value.start == D(2025, 1, 10)


def test_range_start_takes_year_of_end():
    (hit,) = find_dates("van 1 december tot en met 31 januari 2026", REF)
    assert (hit.value.start, hit.value.end) == (D(2025, 12, 1), D(2026, 1, 31))


def test_offsets_slice_the_text():
    text = "Op 4/5 september en tussen 26 september en 1 november 2024, medio 2025."
    for h in find_dates(text, REF):
        assert text[h.start:h.end].strip() == text[h.start:h.end]


@pytest.mark.parametrize("phrase, expected", [
    ("op twaalf mei 2022", ("twaalf mei 2022", D(2022, 5, 12), D(2022, 5, 12), "day")),
    ("de eenentwintigste juni 2024", ("eenentwintigste juni 2024", D(2024, 6, 21), D(2024, 6, 21), "day")),
    ("op de 14e van maart", ("de 14e van maart", D(2025, 3, 14), D(2025, 3, 14), "day")),
    ("in het derde kwartaal", ("het derde kwartaal", D(2024, 7, 1), D(2024, 9, 30), "quarter")),
    ("gereed in K3", ("K3", D(2024, 7, 1), D(2024, 9, 30), "quarter")),
    ("Q3-2024", ("Q3-2024", D(2024, 7, 1), D(2024, 9, 30), "quarter")),
    ("K2 2026", ("K2 2026", D(2026, 4, 1), D(2026, 6, 30), "quarter")),
    ("vergadering op 15-6 om tien uur", ("15-6", D(2024, 6, 15), D(2024, 6, 15), "day")),
    ("De Paauw: van feb naar maart 2023", ("feb", D(2023, 2, 1), D(2023, 2, 28), "month")),
])
def test_written_days_year_less_quarters_and_moves(phrase, expected):
    got = [(phrase[h.start:h.end], h.value.start, h.value.end, h.value.granularity)
           for h in find_dates(phrase, REF) if h.value]
    assert got[0] == expected


@pytest.mark.parametrize("phrase, text", [
    ("besloten op 31 februari 2025.", "31 februari 2025"),
    ("Datum: 30-02-2024", "30-02-2024"),
    ("op 31-04-23 verzonden", "31-04-23"),
])
def test_an_impossible_date_is_kept_as_written_flagged_without_a_value(phrase, text):
    (hit,) = find_dates(phrase, REF)
    assert (phrase[hit.start:hit.end], hit.value, hit.flag) == (text, None, "impossible")


def test_an_implausibly_old_date_keeps_its_value_and_a_flag():
    (hit,) = find_dates("document 12 van 3-6-1907", REF)
    assert (hit.value.start, hit.flag) == (D(1907, 6, 3), "implausible")
    assert find_dates("16 stemmen voor en 14 tegen, score 16-14", REF) == []


@pytest.mark.parametrize("phrase, year", [("voor het belastingjaar 2024 gebaseerd", 2024),
                                          ("in het schooljaar 2025 starten", 2025),
                                          ("het kalenderjaar 2023 loopt", 2023),
                                          ("het boekjaar 2022", 2022)])
def test_a_kind_of_year_before_a_year_number_makes_it_a_year(phrase, year):
    [hit] = find_dates(phrase, dt.date(2023, 9, 28))
    assert phrase[hit.start:hit.end] == str(year)
    assert (hit.value.start, hit.value.end, hit.value.granularity) == (
        dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


@pytest.mark.parametrize("phrase, span, years", [
    ("de begroting 2024 en meerjarenraming 2025- 2027 zijn berekend", "2025- 2027", (2025, 2027)),
    ("de Zomernota 2025 – 2029 is voorgesteld", "2025 – 2029", (2025, 2029)),
    ("in 2026 - 2030 loopt het programma", "2026 - 2030", (2026, 2030)),
])
def test_a_cue_before_a_spaced_year_range_keeps_the_range(phrase, span, years):
    hits = find_dates(phrase, dt.date(2023, 9, 28))
    hit = next(h for h in hits if phrase[h.start:h.end].endswith(str(years[1])))
    assert phrase[hit.start:hit.end] == span
    assert (hit.value.start, hit.value.end) == (dt.date(years[0], 1, 1), dt.date(years[1], 12, 31))
