"""Bare years after "naar", "van", "in de loop van", and "… en de jaren daarna" (gaps the held-out set showed)."""

from __future__ import annotations

import datetime as dt

import pytest

from raadslens.extract.pipeline import extract_text

REF = dt.date(2023, 1, 1)


def _dates(text):
    return [(m.text, m.value.start.isoformat(), m.value.end.isoformat(), m.value.granularity)
            for m in extract_text(text, REF) if m.kind.value == "date"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("de stijging van 2021 naar 2022", [("2021", "2021-01-01", "2021-12-31", "year"),
                                            ("2022", "2022-01-01", "2022-12-31", "year")]),
        ("in de loop van 2024 volgt een besluit", [("2024", "2024-01-01", "2024-12-31", "year")]),
        ("vanaf 2026 en de jaren daarna", [("2026 en de jaren daarna", "2026-01-01", "9999-12-31", "year")]),
    ],
)
def test_years_after_time_words(text, expected):
    assert _dates(text) == expected


@pytest.mark.parametrize("text", ["een tekort van 2500 is er", "het aantal van 2021 inwoners", "artikel 4 van de wet"])
def test_numbers_after_van_that_are_not_years(text):
    assert _dates(text) == []


@pytest.mark.parametrize("text, year", [("de cijfers in de kolom rekening 2022 zijn conform", "2022"),
                                        ("Realisatie 2024 | Begroting 2025", "2024")])
def test_the_accounts_of_a_year_name_that_year(text, year):
    assert (year, f"{year}-01-01", f"{year}-12-31", "year") in _dates(text)


def test_a_wrapped_datum_cell_takes_the_year_that_starts_the_next_line():
    """An inventory row whose Datum cell wraps: "14-12-" on the row's line, "2017" below it."""
    text = ("11 | 14-12- | Begeleidende mail bij | Gedeeltelijk openbaar | 10.2e | Staf\n"
            "2017 | aanlevering stukken | Burgemeester\n"
            "67 | 10-05- Mailwisseling rapport | Gedeeltelijk openbaar\n2018 tot | CNOR\n\n14-05- 2018\n")
    got = [(t, s) for t, s, _, g in _dates(text) if g == "day"]
    assert got == [("14-12-", "2017-12-14"), ("10-05-", "2018-05-10"), ("14-05- 2018", "2018-05-14")]


@pytest.mark.parametrize("text", ["de score was 14-12- en verder\nniets", "14-12- | tekst\nGeen jaar hier"])
def test_a_trailing_dash_without_a_year_below_is_no_day(text):
    assert _dates(text) == []


def test_an_impossible_wrapped_day_is_kept_without_a_value():
    hits = [m for m in extract_text("31-02- | tekst\n2017 | meer", REF) if m.kind.value == "date"]
    assert [(m.text, m.value) for m in hits] == [("31-02-", None)]


def test_a_short_wrapped_cell_may_stand_between_a_datum_cell_and_its_year():
    text = "82 | 15-05- | Mail. Onderwerp: | Volledig openbaar | Burgemeester\nVan Aartsen\n2018 | Betreft: advies\n"
    assert [(t, s) for t, s, _, _ in _dates(text)] == [("15-05-", "2018-05-15")]
