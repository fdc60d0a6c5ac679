"""Money: phrase → MoneyValue, on plain functions (no spaCy needed)."""

import pytest

from raadslens.extract.money import find_money, parse_amount

CASES = [
    ("De kosten zijn PM.", [("PM", None, None, True)]),
    ("Dekking: nog PM", [("PM", None, None, True)]),
    # a multiplier hyphenated at a line end is still a multiplier (issue 13): € 3.700.000, not € 3,70
    ("een tekort van € 3,7 mil-\njoen", [("€ 3,7 mil-\njoen", 370_000_000, None, False)]),
    ("€ 1,2 mil-\njard extra", [("€ 1,2 mil-\njard", 120_000_000_000, None, False)]),
    # phrase, [(hit text, cents, recurrence, pm)]
    ("Beëindigen Gezonde School Aanpak -€ 185.000", [("-€ 185.000", -18_500_000, None, False)]),
    ("gezondheidsbevordering voor gemeenten. +€ 100.000",
     [("+€ 100.000", 10_000_000, None, False)]),
    ("een uitzetting van €983.000 nodig", [("€983.000", 98_300_000, None, False)]),
    ("Omgevingswet  -€ 134.000 (I)  ", [("-€ 134.000 (I)", -13_400_000, "incidental", False)]),
    ("€ 134.000 (I)", [("€ 134.000 (I)", 13_400_000, "incidental", False)]),
    ("€290.000 (S)", [("€290.000 (S)", 29_000_000, "structural", False)]),
    ("Sub-totaal  +€1.433.000  ", [("+€1.433.000", 143_300_000, None, False)]),
    ("kost € 1,2 miljoen extra", [("€ 1,2 miljoen", 120_000_000, None, False)]),
    ("kost € 3 mln extra", [("€ 3 mln", 300_000_000, None, False)]),
    ("bij benadering € 3,142 miljoen.", [("€ 3,142 miljoen", 314_200_000, None, False)]),
    ("een bijdrage van € 24,- per inwoner", [("€ 24,-", 2_400, None, False)]),
    ("een bedrag van EUR 25.000,00 te", [("EUR 25.000,00", 2_500_000, None, False)]),
    ("een financiering van € 117.000, - via de", [("€ 117.000, -", 11_700_000, None, False)]),
    ("€ 1.250,50", [("€ 1.250,50", 125_050, None, False)]),
    ("ongeveer 350.000 euro", [("350.000 euro", 35_000_000, None, False)]),
    ("€ 0", [("€ 0", 0, None, False)]),
    ("(hogere lasten €20. 000 in 2024)", [("€20. 000", 2_000_000, None, False)]),
    ("kost\xa0€\xa0185.000\xa0(I)", [("€\xa0185.000\xa0(I)", 18_500_000, "incidental", False)]),
    ("Totaal\t-€ 80.000\r\nVolgende regel", [("-€ 80.000", -8_000_000, None, False)]),
    ("Kosten\tPM\r\n", [("PM", None, None, True)]),
    ("Jeugd\t€ -185.000\n", [("€ -185.000", -18_500_000, None, False)]),
    ("ruim € 1.2 miljoen", [("€ 1.2 miljoen", 120_000_000, None, False)]),
    ("€ 2,5 mld.", [("€ 2,5 mld.", 250_000_000_000, None, False)]),
    ("€ 450.000 per jaar", [("€ 450.000", 45_000_000, "structural", False)]),
    ("Gezonde School Aanpak € 0 \n", [("€ 0", 0, None, False)]),
    ("verkennen)  \n\n 0 (evt. PM) \n", [("0 (evt. PM)", None, None, True)]),
    ("Kosten\tPM\n", [("PM", None, None, True)]),
    ("Dekking\t€ PM\n", [("€ PM", None, None, True)]),
    ("Kosten (PM) nader te bepalen", [("(PM)", None, None, True)]),
    ("het bedrag van €\n350.000 wordt", [("€\n350.000", 35_000_000, None, False)]),
    ("Bezuiniging jeugd\t- € 200.000\n", [("- € 200.000", -20_000_000, None, False)]),
    ("Bezuiniging jeugd   - € 200.000", [("- € 200.000", -20_000_000, None, False)]),
    ("  + € 217.000 \n", [("+ € 217.000", 21_700_000, None, False)]),
    ("- € 50.000 voor onderzoek naar de wachtlijst", [("€ 50.000", 5_000_000, None, False)]),
    ("Door SamenTwente wordt aangegeven dat is \n\neen structurele uitzetting van €983.000 "
     "nodig. Dit bedrag wijkt af van het bedrag dat eerder incidenteel beschikbaar is gesteld.",
     [("€983.000", 98_300_000, "structural", False)]),
    ("De budgetten worden met ingang van 2027 structureel verhoogd met € 450.000. Vooralsnog",
     [("€ 450.000", 45_000_000, "structural", False)]),
    ("(incidentele bijdrage € 95.000 stopt per 2026)",
     [("€ 95.000", 9_500_000, "incidental", False)]),
    ("meldpunt -€ 95.000 (I) Woningvervuiling (incidentele bijdrage € 95.000 stopt per 2026) "
     "Veiligheid, 5 Handhaven 0 Incidenteel wordt structureel*",
     [("-€ 95.000 (I)", -9_500_000, "incidental", False),
      ("€ 95.000", 9_500_000, "incidental", False)]),
    ("Sub-totaal financieel effect | -€ 519.000 | + € 217.000\n\n€ 229.000 (I) €290.000 (S)\n\n"
     "* Het kiezen leidt niet tot een uitzetting, omdat gemeenten incidentele bedragen geven.",
     [("-€ 519.000", -51_900_000, None, False), ("+ € 217.000", 21_700_000, None, False),
      ("€ 229.000 (I)", 22_900_000, "incidental", False),
      ("€290.000 (S)", 29_000_000, "structural", False)]),
    ("Dit is structureel € 150.000 \r\nhoger dan de incidentele vergoeding die voor 2023 is.",
     [("€ 150.000", 15_000_000, "structural", False)]),
    ("Structureel verwerken reparatie subsidies (hogere lasten € 310.000)\r\nHet huidige budget"
     " is niet toereikend. Deze", [("€ 310.000", 31_000_000, "structural", False)]),
    ("(incidentele bijdrage € 95.000 wordt structureel per 2026)",
     [("€ 95.000", 9_500_000, None, False)]),
    ("Bewustwording ondermijning (hogere lasten € 10.000)\n\nVoor bewustwording wordt vanaf "
     "2024 structureel € 10.000 begroot.", [("€ 10.000", 1_000_000, None, False),
                                           ("€ 10.000", 1_000_000, "structural", False)]),
    ("een eenmalige bijdrage van € 10.000.", [("€ 10.000", 1_000_000, "incidental", False)]),
    ("de incidentele bijdrage van gemeenten ad. € 134.000 vanaf 2026 structureel wordt.",
     [("€ 134.000", 13_400_000, None, False)]),  # both kinds in one sentence: unknown
]

NEGATIVES = [
    "de regio met 641.000 inwoners",
    "per 100.000 inwoners",
    "Telefoonnummer\n14-074",
    "Voorstel 5: Meldpunt Woningvervuiling",
    "Bijlage 1",
    "De PM van de afdeling sprak met de raad.",
    "Om 14.00 uur PM-tijd",
    "Overleg met de PM over de kosten",  # no money word right before it
    "bespreking om 3 PM",
    "Jeugd, 5 Continueren Gezonde School Aanpak  0",
    "Zaaknummer 3825997",
    "x € 1.000",
    "€ 1.2345",
]


@pytest.mark.parametrize("phrase,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_money(phrase, expected):
    got = [(phrase[h.start:h.end], h.value.cents, h.value.recurrence, h.value.pm)
           for h in find_money(phrase)]
    assert got == expected


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_not_money(phrase):
    assert find_money(phrase) == []


@pytest.mark.parametrize("num,value", [("1.433.000", "1433000"), ("1,2", "1.2"), ("24,-", "24"),
                                        ("25.000,00", "25000.00"), ("117.000, -", "117000")])
def test_parse_amount(num, value):
    assert str(parse_amount(num)) == value


def test_scale_argument():
    (hit,) = find_money("Totaal\t€ 5", scale=1000)
    assert (hit.value.cents, hit.value.scale) == (500_000, 1000)


def test_scale_regions_argument():
    text = "Jeugd\t€ 250\nProza € 250 hier."
    a, b = find_money(text, scale_regions=[(0, 11, 1000)])
    assert (a.value.cents, a.value.scale) == (25_000_000, 1000)
    assert (b.value.cents, b.value.scale) == (25_000, 1)


def test_scaled_table_header():
    text = ("Lasten (bedragen x € 1.000)\nPost\t2025\t2026\nJeugd\t1.250\t-350\n"
            "Totaal\t€ 900\t€ 1.000\n\n" + "Daarna volgt gewone tekst over de begroting " * 4
            + "met € 5.000 erin.")
    got = [(text[h.start:h.end], h.value.cents, h.value.scale) for h in find_money(text)]
    assert got == [("1.250", 125_000_000, 1000), ("-350", -35_000_000, 1000),
                   ("€ 900", 90_000_000, 1000), ("€ 1.000", 100_000_000, 1000),
                   ("€ 5.000", 500_000, 1)]


BEGROTING = (
    "Tabel 1.2 - Baten en lasten P1 Veiligheid en Handhaving\n"
    "Rekening Begroting Begroting\n"
    '( "-"= nadeel / "+"= voordeel ) bedragen x € 1.000 2022 2023 2024\n'
    "Baten 1.972 2.601 102\n"
    "Lasten -5.234 -6.802 -4.204\n"
    "Onttrekking reserves 0 278 0\n"
    "Toelichting begroot 2024\n"
    "Opvang ontheemden Oekraïne (lagere baten € 2.500.000/lagere lasten € 2.500.000)\n"
)


@pytest.mark.parametrize("sep", [" ", " | "])
def test_scaled_budget_table(sep):
    text = BEGROTING.replace("Baten 1.972 2.601 102", sep.join(["Baten", "1.972", "2.601", "102"]))
    text = text.replace("Lasten -5.234 -6.802 -4.204", sep.join(["Lasten", "-5.234", "-6.802",
                                                               "-4.204"]))
    got = [(text[h.start:h.end], h.value.cents, h.value.scale) for h in find_money(text)]
    assert got == [
        ("1.972", 197_200_000, 1000), ("2.601", 260_100_000, 1000), ("102", 10_200_000, 1000),
        ("-5.234", -523_400_000, 1000), ("-6.802", -680_200_000, 1000),
        ("-4.204", -420_400_000, 1000), ("0", 0, 1000), ("278", 27_800_000, 1000),
        ("0", 0, 1000), ("€ 2.500.000", 250_000_000, 1), ("€ 2.500.000", 250_000_000, 1)]


def test_scaled_table_cells_carry_their_row_and_column_and_totals():
    """A journalist cites a cell as "Lasten, begroting 2026": row label, column header, total flag."""
    text = ("Rekening | Begroting | Begroting\n"
            "bedragen x € 1.000 | 2022 | 2025 | 2026\n"
            "Baten | 1.972 | 102 | 110\n"
            "Lasten | -5.234 | -4.129 | -4.200\n"
            "Saldo van baten en lasten | -3.262 | -4.027 | -4.090\n\nToelichting")
    cells = {(text[h.start:h.end]): h.value for h in find_money(text)}
    lasten_2026 = cells["-4.200"]
    assert lasten_2026.cents == -420_000_000 and lasten_2026.scale == 1000
    assert (lasten_2026.row, lasten_2026.column, lasten_2026.total) == ("Lasten", "Begroting 2026", False)
    assert (cells["1.972"].row, cells["1.972"].column) == ("Baten", "Rekening 2022")
    assert cells["-3.262"].total and cells["-3.262"].row == "Saldo van baten en lasten"
    assert "2022" not in cells and "2026" not in cells  # header years are no money


@pytest.mark.parametrize("header, scale", [
    ("Bedragen in € mln | 2025 | 2026", 1_000_000),
    ("(x € 1 mln) | 2025 | 2026", 1_000_000),
    ("bedragen x C 1.000 | 2025 | 2026", 1000),  # OCR read the € as C
    ("bedragen x € 1 min | 2025 | 2026", 1_000_000),  # OCR read mln as min
    ("bedragen x C miljoen | 2025 | 2026", 1_000_000),  # OCR read the € as C
    ("Bedragen in € min | 2025 | 2026", 1_000_000),
    ("Bedragen in duizenden euro's | 2025 | 2026", 1000),
    ("(x 1 mln) | 2025 | 2026", 1_000_000),  # no €: nobody counts people in millions
    ("Bedragen * € 1.000 | 2025 | 2026", 1000),
    ("(€ x 1.000) | 2025 | 2026", 1000),
    ("Bedragen in € 1.000 | 2025 | 2026", 1000),
    ("bedragen x 1.000 euro | 2025 | 2026", 1000),
    ("x € 1 mld | 2025 | 2026", 1_000_000_000),
])
def test_scale_headers_in_the_forms_real_tables_use(header, scale):
    text = f"{header}\nJeugd | 12,3 | 14,1\nWmo | 3,2 | 3,4\n\nToelichting"
    hits = {text[h.start:h.end]: h.value for h in find_money(text)}
    assert hits["3,2"].scale == scale and hits["3,2"].cents == round(3.2 * scale * 100)
    assert hits["3,2"].row == "Wmo" and hits["3,2"].column == "2025"


def test_a_bare_times_thousand_counts_people_not_euros():
    assert find_money("Inwoners x 1.000 | 2025 | 2026\nWassenaar | 27 | 28\nVoorschoten | 25 | 26\n") == []


def test_the_scale_header_is_no_amount_and_prose_in_euros_is_no_header():
    assert [h.value.cents for h in find_money("Bedragen in € 1.000 | 2025\nJeugd | 12 | 14\n")] == [1_200_000, 1_400_000]
    text = "Voor 2024 is € 1.000 beschikbaar in € 1.000 stappen."
    assert [(h.value.cents, h.value.scale) for h in find_money(text)] == [(100_000, 1), (100_000, 1)]


def test_negative_cell_forms_keep_their_sign_and_n_v_their_flag():
    text = ("bedragen x € 1.000 | 2025 | 2026 | 2027 | 2028\n"
            "Jeugd | (1.234) | -/- 1.234 | 1.234- | 1.234 N\n"
            "Wmo | 500 V | -500 | 500 | 2.000\n\nToelichting")
    got = {(h.value.row, h.value.column): (h.value.cents, h.value.effect) for h in find_money(text)}
    for year in ("2025", "2026", "2027"):
        assert got[("Jeugd", year)] == (-123_400_000, None), year
    assert got[("Jeugd", "2028")] == (-123_400_000, "nadelig")
    assert got[("Wmo", "2025")] == (50_000_000, "voordelig")
    assert got[("Wmo", "2026")] == (-50_000_000, None)


def test_two_amounts_joined_by_a_dash_or_tot_are_a_range_not_a_negative():
    from raadslens.extract.money import find_money

    for text in ("(€ 40.000 - € 400.000)", "€ 40.000 tot € 400.000", "€ 40.000 t/m € 400.000"):
        hits = find_money(text)
        assert [(h.value.cents, h.value.range) for h in hits] == [(4_000_000, "low"), (40_000_000, "high")], text
    # a signed amount after another one stays negative ("-€" without a space is a sign)
    hits = find_money("Lasten € 40.000 -€ 5.000 totaal")
    assert [h.value.cents for h in hits] == [4_000_000, -500_000]


@pytest.mark.parametrize("text, cents", [("ruim € 2 miljoen", 200_000_000), ("circa € 500.000", 50_000_000),
                                         ("ca. € 1,2 mln", 120_000_000), ("zo'n € 40.000", 4_000_000)])
def test_approximate_amounts_are_flagged(text, cents):
    from raadslens.extract.money import find_money

    (hit,) = find_money(text)
    assert (hit.value.cents, hit.value.approximate) == (cents, True)
    assert find_money("€ 500.000")[0].value.approximate is False


def test_a_row_labelled_with_its_unit_scales_that_row_only():
    text = "Programma | 2025 | 2026\nLasten (mln) | 12,3 | 14,1\nAantal fte | 12 | 14\n"
    hits = [(text[h.start:h.end], h.value.cents, h.value.row, h.value.column) for h in find_money(text)]
    assert hits == [("12,3", 1_230_000_000, "Lasten", "2025"), ("14,1", 1_410_000_000, "Lasten", "2026")]
    assert find_money("De kosten (mln) zijn nog niet bekend, zie 12 en 14.") == []


def _cells(text):
    return [(text[h.start:h.end], h.value.cents // 100_000, h.value.row) for h in find_money(text)]


def test_a_table_goes_on_over_wrapped_cell_text_and_a_label_below_its_numbers():
    """Budget tables wrap a text column onto lines of their own and put a row's label on the line
    after its numbers: the rows after such lines are still cells of the table."""
    text = ("Tabel 9.2 - Exploitatie (bedragen x € 1.000)\n"
            "Kapitaalgoed | 2024 | 2025 | Specificatie\n"
            "Civieltechnische | 124 | 204 | Reinigingen, schilderen,\n"
            "kunstwerken | herstelwerkzaamheden\n"
            "Openbare verlichting | 587 | 590 | Verhelpen storingen,\n"
            "reinigen en schilderen\n"
            "72 | 812\n"
            "Primitieve begroting 2023\n"
            "Amendementen dd. 9 november 2022 | 75 | 25\n\n"
            "De begrote stijging van de uitgaven is voornamelijk het gevolg van stijgende kapitaallasten als "
            "gevolg van geplande realisaties van 12 investeringen en 14 projecten.")
    assert _cells(text) == [("124", 124, "Civieltechnische"), ("204", 204, "Civieltechnische"),
                            ("587", 587, "Openbare verlichting"), ("590", 590, "Openbare verlichting"),
                            ("72", 72, None), ("812", 812, None),
                            ("75", 75, "Amendementen dd. 9 november 2022"),
                            ("25", 25, "Amendementen dd. 9 november 2022")]


def test_a_one_column_table_and_rows_with_a_code_before_their_label():
    text = ("Tabel 10.6 - Kasstroomoverzicht 2024 (bedragen x € 1.000)\n"
            "Toename:\n"
            "Stortingen in voorzieningen | 3.556\n"
            "Afschrijvingen | 2.683\n"
            "Afname:\n"
            "Netto investeringen | -4.128\n"
            "Langlopende leningen u/g | 4.834 | div.\n"
            "3 Ontvlechting Sociaal Domein | 500 | 200 | - | -\n"
            "4 Omgevingswet | 300 | - | - | -\n")
    assert _cells(text) == [("3.556", 3556, "Stortingen in voorzieningen"), ("2.683", 2683, "Afschrijvingen"),
                            ("-4.128", -4128, "Netto investeringen"), ("4.834", 4834, "Langlopende leningen u/g"),
                            ("500", 500, "3 Ontvlechting Sociaal Domein"),
                            ("200", 200, "3 Ontvlechting Sociaal Domein"), ("300", 300, "4 Omgevingswet")]


def test_a_column_numbering_is_a_header_and_a_caption_ends_the_table():
    text = ("Tabel 10.3 - Prognose kasgeldlimiet | (bedragen x € 1.000)\n"
            "Prognose aan het begin | Kwartaal | Kwartaal\n"
            "van het kwartaal | 1 | 2\n"
            "2024 | 2024\n"
            "1. Gemiddeld liquiditeitssaldo | 13.903 | 11.825\n"
            "Tabel 10.4 - Investeringen\n"
            "Tractie | 54.500 | 60.000\n")
    assert _cells(text) == [("13.903", 13903, "1. Gemiddeld liquiditeitssaldo"),
                            ("11.825", 11825, "1. Gemiddeld liquiditeitssaldo")]


def test_ocr_debris_around_table_cells_and_a_zero_read_as_o():
    """A scanned budget table through tesseract: column rules read as "_", "|" or "f" next to a
    cell, a zero read as "o"; a row label with OCR noise keeps all its cells."""
    text = ("bedragen x € 1.000,- | 2024 | 2025\n"
            "P1 Veiligheid | 102 _ -4204 _-4103 | 102 -4.129 4.028\n"
            "[Algemene dekkingsmiddelen | 58.669 -535 | 59.575 -535 _ 59.041f\n"
            "lonvoorzien | o -26 -26 | o -26 -26\n"
            "[Sido van baten | 85.971 -88320 -2.349| | 87.222 -87.776 -ssal | 83.166\n")
    got = [(text[h.start:h.end], h.value.cents // 100_000) for h in find_money(text)]
    assert got == [("102", 102), ("-4204", -4204), ("-4103", -4103), ("102", 102), ("-4.129", -4129),
                   ("4.028", 4028), ("58.669", 58669), ("-535", -535), ("59.575", 59575), ("-535", -535),
                   ("59.041", 59041), ("o", 0), ("-26", -26), ("-26", -26), ("o", 0), ("-26", -26),
                   ("-26", -26), ("85.971", 85971), ("-88320", -88320), ("-2.349", -2349),
                   ("87.222", 87222), ("-87.776", -87776), ("83.166", 83166)]



def test_a_rate_column_beside_amounts_is_no_amount_but_a_million_table_keeps_its_decimals():
    text = ("Tabel 10.1 - Beleggingsportefeuille | (bedragen x € 1.000)\n"
            "Geldmiddelen | Bedrag | Gemiddeld rente percentage | Expiratie\n"
            "BNG rekening courant | 143 | 0,0 | dag.opvr.\n"
            "Langlopende leningen u/g | 4.834 | div.\n"
            "Schatkistbankieren | 13.760 | 2,5 | dag.opvr.\n")
    assert [text[h.start:h.end] for h in find_money(text)] == ["143", "4.834", "13.760"]
    mln = "Bedragen x € mln | 2025 | 2026\nJeugd | 12,3 | 14,1\nWmo | 3,2 | 3,4\n\nToelichting"
    assert [text_ for text_ in (mln[h.start:h.end] for h in find_money(mln))] == ["12,3", "14,1", "3,2", "3,4"]


def test_a_risk_table_whose_rows_wrap_over_many_text_cell_lines_keeps_every_row():
    """Tabel 8.1 of a begroting: prose columns (Beschrijving, Maatregel) wrap each row over
    many " | " lines; the amounts of the second row are still cells of the "x € 1.000" table,
    the "Kans" percentages are not, and "€1,9 miljoen" in a text cell keeps its own size."""
    wrapped = "".join(f"tekst regel {i} | van de beschrijving | en de maatregel\n" for i in range(6))
    text = ("Tabel 8.1 De belangrijkste risico's (x € 1.000)\n"
            "Risico | Beschrijving | Maatregel | Bedrag | Kans | Bedrag\n"
            "Jeugdzorg | De jeugdzorg is een open | In 2021 besloten | 1.000 | 70% | 700\n"
            + wrapped + "jeugd. In 2022 zijn de | budgetten met €1,9 miljoen opgehoogd\n\n"
            "voor jeugdzorg verder te beheersen.\n\n"
            "Continuïteit | Landelijk is ingezet | Regionaal wordt in | 334,5 | 35% | 117\n")
    got = [(text[h.start:h.end], h.value.cents) for h in find_money(text)]
    assert got == [("1.000", 100_000_000), ("700", 70_000_000), ("€1,9 miljoen", 190_000_000),
                   ("334,5", 33_450_000), ("117", 11_700_000)]


def test_wrapped_text_cells_do_not_keep_a_table_open_without_end():
    """More than MAX_WRAPPED_LINES lines of text cells end the table: a number far below is no cell."""
    text = ("Tabel 1 (x € 1.000)\nPost | 2024 | 2025\nA | 10 | 20\n"
            + "".join(f"tekst {i} | meer tekst\n" for i in range(20)) + "B | 30 | 40\n")
    assert [text[h.start:h.end] for h in find_money(text)] == ["10", "20"]


def test_a_one_column_scaled_cell_keeps_its_footnote_marker_outside_the_amount():
    """Reports mark an amount still to be substantiated with '*'; in a one-column table under
    "x € 1.000" the marked cell is an amount like its neighbours (the euro form '+€ 983.000*' was)."""
    text = ("Autonome ontwikkelingen (bedragen x € 1.000):\n\n"
            "PB&L, 7 Forensische geneeskunde op niveau brengen | +450\n"
            "Veiligheid, 1 Wettelijke taken VTT uitvoeren op een minimumniveau | +915*\n"
            "Sub-totaal financieel effect op de begroting | +1.365\n\n* Het bedrag wordt nog onderbouwd.\n")
    got = [(text[h.start:h.end], h.value.cents) for h in find_money(text)]
    assert got == [("+450", 45_000_000), ("+915", 91_500_000), ("+1.365", 136_500_000)]


def test_a_wrapped_text_cell_set_as_one_long_line_does_not_end_the_table():
    """A proposals table's description cell wraps; the layout may join its lines into one line
    longer than prose's threshold. The rows after it are still the table's: a long line ends the
    table only when no data row follows it at once."""
    text = ("Als gekozen wordt voor scenario Kern (bedragen x € 1.000):\n\n"
            "Pijler, # Omschrijving voorstel Financieel effect voorstel begroting SamenTwente\n\n"
            "PB&L, 7 | Forensische geneeskunde op niveau brengen zonder rekening te | +450\n"
            "PB&L, 4 en 9 | Reguliere inzet op infectieziektebestrijding en pandemische paraatheid | 0\n\n"
            "behouden, geen inzet op versterkende taken zonder dat het Rijk hiervoor middelen ter beschikking stelt\n\n"
            "Veiligheid, 1 | Wettelijke taken VTT uitvoeren op een minimumniveau | +915*\n"
            "Jeugd, 2 | Beëindigen Gezonde School Aanpak | -185\n\n"
            "Daarna volgt een gewone alinea over de begroting, lang genoeg om proza te zijn en geen cel van de tabel.\n"
            "Het college stelt € 5.000 beschikbaar.\n")
    got = [(text[h.start:h.end], h.value.cents) for h in find_money(text)]
    assert got == [("+450", 45_000_000), ("0", 0), ("+915", 91_500_000), ("-185", -18_500_000),
                   ("€ 5.000", 500_000)]


def test_a_row_the_text_layer_flattened_into_its_label_keeps_its_cells():
    """A Word-exported table of incidental items: the layout ran some rows' label cells and
    numbers together into one line (and one of them past prose length). Inside the scaled
    table those numbers are still cells; a count ("10 jaar"), a heading's number and a
    sentence after the table are not."""
    text = ("OMSCHRIJVING (bedragen x € 1.000) | 2024 | 2025\n"
            "Project De Schulpwei | 50\n\n"
            "Voorschoten Implementatie nieuw financieel 150 systeem Verbeteren bestuurscultuur 81\n\n"
            "RO-procedure nieuwbouw SKOW incl.\n\n"
            "175 participatietraject RO-procedure voor te verlaten locaties St. Jan Baptist- en "
            "St. Jozefschool 200 t.b.v. woningbouw\n\n"
            "3 Verkeer en vervoer\n\n"
            "Subtotaal incidenteel | 2.382 | 922\n\n"
            "Dekking Egalisatiereserve 300 Omgevingswet Dekking Reserve\n"
            "Het systeem is al zo'n 10 jaar in gebruik en wordt vervangen voor 2 ton.\n")
    assert [c for c, _, _ in _cells(text)] == ["50", "150", "81", "175", "200", "2.382", "922", "300"]


def test_a_flattened_row_is_only_read_inside_a_scaled_table():
    text = ("Kosten | 2024\nVoorschoten Implementatie nieuw financieel 150 systeem Verbeteren bestuurscultuur 81\n")
    assert find_money(text) == []


@pytest.mark.parametrize("text, cents", [("€ 4,6 mrd.", 460_000_000_000), ("€ 107,0 mrd", 10_700_000_000_000),
                                         ("een vermogen van € 1,25 mrd", 125_000_000_000)])
def test_mrd_is_a_billion_like_mld(text, cents):
    assert [h.value.cents for h in find_money(text)] == [cents]


def test_a_word_ending_in_x_before_an_amount_is_no_scale_header():
    text = "de inzameling is bij Avalex € 3.968.000 Avalex belegd."
    assert [(text[h.start:h.end], h.value.cents) for h in find_money(text)] == [("€ 3.968.000", 396_800_000)]


def test_a_recurrence_word_before_another_amount_in_the_row_is_that_amounts_only():
    """A table row beside another column's prose: 'jaarlijks' names the € 109.000 it stands
    before, not the cells left of it; a recurrence word that claims no amount still counts."""
    text = "€ 782.000 | € 5.513.000 | jaarlijks €109.000. De risico's\n"
    got = [(text[h.start:h.end], h.value.recurrence) for h in find_money(text)]
    assert got == [("€ 782.000", None), ("€ 5.513.000", None), ("€109.000", "structural")]
    row = "Onderhoud wegen | € 150.000 | structureel\n"
    assert [h.value.recurrence for h in find_money(row)] == ["structural"]


def test_a_ton_is_a_hundred_thousand_and_min_slash_min_is_negative_in_prose():
    text = "een tekort van -/- € 5.000 en een bijdrage van € 2 ton"
    assert [(text[h.start:h.end], h.value.cents) for h in find_money(text)] == [
        ("-/- € 5.000", -500_000), ("€ 2 ton", 20_000_000)]


def test_fte_and_count_rows_inside_a_scaled_table_are_no_amounts():
    text = ("Tabel 3 (bedragen x € 1.000) | 2024 | 2025\nPersoneelslasten | 1.200 | 1.250\n"
            "FTE | 12 | 13\nAantal cliënten | 140 | 150\nOverige lasten | 300 | 310\n")
    assert [text[h.start:h.end] for h in find_money(text)] == ["1.200", "1.250", "300", "310"]


def test_a_recurrence_word_up_the_column_of_a_wrapped_prose_cell_is_the_amounts():
    """A risk table's prose column wraps 'budgetten structureel met / €1,9 miljoen opgehoogd'
    over two lines: the amount that opens its cell reads the words above it in its column."""
    text = ("Jeugdzorg | De jeugdzorg is een open | jeugd. In 2022 zijn de\n"
            "zorgkosten en de | budgetten structureel met\n"
            "toenemende vraag naar | €1,9 miljoen opgehoogd om\n")
    assert [(text[h.start:h.end], h.value.recurrence) for h in find_money(text)] == [("€1,9 miljoen", "structural")]
    # a sentence end between the word and the amount: the word is another sentence's
    other = ("Jeugdzorg | budgetten zijn structureel.\nextra | Daarnaast komt\n"
             "toenemende vraag naar | €1,9 miljoen erbij\n")
    assert [h.value.recurrence for h in find_money(other)] == [None]
