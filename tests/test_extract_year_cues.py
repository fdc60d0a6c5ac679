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
