"""The issuing organisation: letterhead first, then furniture, the closing formula, the body;
never the addressee."""

from __future__ import annotations

import pytest
from conftest import CORPUS, REALWORLD

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


def test_a_wordmark_on_two_lines_is_one_name():
    p = page(("Gemeente", 45.0), ("Amsterdam", 65.0), ("Bezoekadres", 84.0), ("Geachte heer,", 300.0))
    assert issuing_organisation([p]) == "Gemeente Amsterdam"
    # a kind word alone far above an unrelated line is no wordmark
    p = page(("Gemeente", 45.0), ("Verslag", 160.0), ("Geachte heer,", 300.0))
    assert issuing_organisation([p]) is None


def test_ocr_debris_of_a_logo_between_kind_and_name():
    p = page(("Gemeente 5 Wassenaar", 95.0), ("BEGROTING 2024", 225.0))
    assert issuing_organisation([p]) == "Gemeente Wassenaar"


def test_a_commissioned_report_is_the_commissioners():
    p = page(("Eindrapport kerntakendiscussie", 200.0),
             ("Opdrachtgever: SamenTwente Opgesteld door: Lysias Advies Datum: 13 maart 2025", 400.0))
    assert issuing_organisation([p]) == "SamenTwente"


def test_a_minister_for_a_portfolio_signs_for_the_ministry_that_houses_it():
    p = page(("Besluit op uw Wob-verzoek", 300.0), ("de Minister voor Rechtsbescherming, namens deze,", 700.0))
    assert issuing_organisation([p]) == "Ministerie van Justitie en Veiligheid"
    p = page(("Besluit", 300.0), ("De minister voor Nieuwe Portefeuille,", 700.0))
    assert issuing_organisation([p]) is None  # an unknown portfolio: no guess


def test_a_suppliers_design_is_the_company_its_running_footer_names():
    footer = {"I-Experts B.V.", "Boogschutterstraat 1, 7324 AE Apeldoorn"}
    pages = [page(("Technisch Ontwerp", 100.0), ("Klant", 200.0), ("Provincie Zeeland", 212.0),
                  ("I-Experts B.V.", 800.0), ("Boogschutterstraat 1, 7324 AE Apeldoorn", 812.0),
                  furniture=footer, number=n) for n in (1, 2, 3)]
    assert issuing_organisation(pages) == "I-Experts B.V."
    once = [page(("Offerte", 100.0), ("Adviesbureau Jansen B.V.", 800.0), furniture={"Adviesbureau Jansen B.V."})]
    assert issuing_organisation(once) is None  # a company named on one page only is no issuer


REAL_ORGANISATIONS = [
    # the Amsterdam wordmark "Gemeente" over "Amsterdam" on an OCR'd Wob decision
    ("ams_wob_besluit_hek_scotuslaan_scan_v1.pdf", True, "Gemeente Amsterdam"),
    # the cover is an image: its logo OCR'd as "Gemeente 5 Wassenaar"
    ("was_begroting_2024.pdf", True, "Gemeente Wassenaar"),
    # a ministry's Wob decision whose letterhead is an image, signed by a minister voor
    ("minjenv_wob_besluit_verlofvoorwaarden_ggz_2020-12-17.pdf", False, "Ministerie van Justitie en Veiligheid"),
]


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="shared/realworld not present")
@pytest.mark.parametrize("name, ocr, expected", REAL_ORGANISATIONS)
def test_organisation_on_real_documents(name, ocr, expected):
    from raadslens.ingest import read_pdf

    assert read_pdf(REALWORLD / name, ocr=ocr, pages=range(1, 5)).organisation == expected


def test_organisation_of_a_commissioned_report_in_the_corpus():
    from raadslens.ingest import read_pdf

    path = CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf"
    assert read_pdf(path, ocr=False, pages=range(1, 4)).organisation == "SamenTwente"


def test_the_return_address_names_the_sender_not_the_addressee_after_it():
    p = page(("> Retouradres: Gemeente Wassenaar, Postbus 499, 2240 AL Wassenaar Gemeente Leiden", 110.0),
             ("Geachte heer,", 300.0))
    assert issuing_organisation([p]) == "Gemeente Wassenaar"
    p = page(("Retouradres Postbus 20401 2500 EK Den Haag Gemeente Leiden", 110.0), ("Geachte heer,", 300.0))
    assert issuing_organisation([p]) is None
