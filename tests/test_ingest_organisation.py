"""The issuing organisation: letterhead first, then furniture, the closing formula, the body;
never the addressee."""

from __future__ import annotations

from raadslens.ingest.lines import Line, PageLines
from raadslens.ingest.organisation import issuing_organisation, names_in


def page(*lines: tuple[str, float], furniture: set[str] = frozenset(), number: int = 1) -> PageLines:
    return PageLines(number, 595.0, 842.0, [
        Line(text, 50.0, top, 500.0, top + 10.0, furniture="repeated" if text in furniture else None)
        for text, top in lines])


def test_names_read_from_text():
    assert names_in("Provincie Overijssel") == ["Provincie Overijssel"]
    assert names_in("Ministerie van Landbouw, Natuur en Voedselkwaliteit") == [
        "Ministerie van Landbouw, Natuur en Voedselkwaliteit"]
    assert names_in("Gemeente Bergen op Zoom en Gemeente Wassenaar") == [
        "Gemeente Bergen op Zoom", "Gemeente Wassenaar"]
    assert names_in("de gemeente heeft besloten") == []  # no name, lower case


def test_the_letterhead_wins_over_the_addressee():
    p = page(("Provincie Overijssel", 40.0), ("Gemeente Wierden", 120.0), ("T.a.v. College van B&W", 132.0),
             ("Geachte college,", 300.0), ("Gedeputeerde Staten van Overijssel,", 700.0))
    assert issuing_organisation([p], addressee="Gemeente Wierden\nT.a.v. College van B&W") == "Provincie Overijssel"


def test_an_addressee_in_the_top_band_is_skipped():
    p = page(("Aan: Gemeente Koggenland", 60.0), ("Gemeente Koggenland", 72.0), ("Geachte heer,", 300.0),
             ("Gedeputeerde Staten van Noord-Holland,", 700.0))
    assert issuing_organisation([p], addressee="Gemeente Koggenland") == "Provincie Noord-Holland"


def test_the_closing_formula_names_the_issuer():
    p = page(("Betreft: uw verzoek", 300.0), ("Hoogachtend,", 650.0),
             ("Het college van burgemeester en wethouders van Amsterdam,", 670.0))
    assert issuing_organisation([p]) == "Gemeente Amsterdam"
    p = page(("Besluit op uw Wob-verzoek", 300.0), ("De minister van Algemene Zaken,", 700.0))
    assert issuing_organisation([p]) == "Ministerie van Algemene Zaken"


def test_a_running_footer_names_the_issuer():
    pages = [page(("Verslag", 300.0), ("Gemeente Wassenaar pagina 1", 820.0),
                  furniture={"Gemeente Wassenaar pagina 1"}, number=n) for n in (1, 2)]
    assert issuing_organisation(pages) == "Gemeente Wassenaar"


def test_a_document_that_names_no_organisation_gets_none():
    p = page(("Notitie over de planning", 300.0), ("Eén keer genoemd: Provincie Utrecht ergens.", 400.0))
    assert issuing_organisation([p]) is None
