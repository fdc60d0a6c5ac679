"""Document facts on the corpus and the real-world PDFs: type, title, date, letter fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import CORPUS  # noqa: E402
from conftest import REALWORLD as REAL  # noqa: E402

from raadslens.ingest import read_pdf

# file -> (expected type, pages to read or None for all, OCR on)
TYPES = {
    "ams_wob_besluit_hek_scotuslaan_scan_v1.pdf": ("woo-besluit", [1], True),
    "ams_wob_fietsverbinding_vliegenbos_besluit_2020-10-16.pdf": ("woo-besluit", None, False),
    "ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf": ("woo-besluit", None, False),
    "ori_denhelder_besluitenlijst_raad_2015-06-29.pdf": ("besluitenlijst", None, False),
    "was_begroting_2024.pdf": ("begroting", None, False),
    "was_bw_besluitenlijst_2022-05-24.pdf": ("besluitenlijst", None, False),
    "was_bw_besluitenlijst_2023-03-07_a.pdf": ("besluitenlijst", None, False),
    "was_bw_besluitenlijst_2023-03-07_b.pdf": ("besluitenlijst", None, False),
    "was_bw_besluitenlijst_2024-12-10.pdf": ("besluitenlijst", None, False),
    "was_jaarrekening_2019.pdf": ("jaarstukken", None, False),
    "was_jaarstukken_2022_taakveld_screenshot.pdf": ("jaarstukken", [1], True),
    "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf": ("raadsinformatiebrief", None, False),
    "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf": ("raadsinformatiebrief", None, False),
    "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf": ("rapport", None, False),
    "2025-03-13_eindrapport_kerntakendiscussie.pdf": ("rapport", None, False),
    "2025_raadsinformatiebrief_prioritaire_opgave_jeugd.pdf": ("raadsinformatiebrief", None, False),
    "2025_strategisch_programma_2026-2030_scan.pdf": ("beleidsnota", [1], True),  # a strategy: policy
}


def _path(name: str) -> Path:
    return (REAL if (REAL / name).exists() else CORPUS) / name


def _read(name: str, **kw):
    path = _path(name)
    if not path.exists():
        pytest.skip(f"{name} not present")
    return read_pdf(path, **kw)


@pytest.mark.parametrize("name", sorted(TYPES))
def test_document_type_from_content(name, tmp_path):
    """The type follows from the content: the file is read under a neutral name."""
    expected, pages, ocr = TYPES[name]
    src = _path(name)
    if not src.exists():
        pytest.skip(f"{name} not present")
    neutral = tmp_path / "document.pdf"
    neutral.symlink_to(src)
    doc = read_pdf(neutral, pages=pages, ocr=ocr, page_timeout=180)
    assert doc.doc_type == expected, (doc.title, doc.pages[0].text[:300])


LETTERS = {
    "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf": (
        "Stand van zaken kerntakendiscussie SamenTwente", dt.date(2024, 7, 16), "3777670"),
    "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf": (
        "Informeren over proces kerntakendiscussie SamenTwente", dt.date(2024, 11, 5), "3825997"),
}


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_hengelo_letter_fields(name):
    onderwerp, date, zaak = LETTERS[name]
    doc = _read(name, ocr=False)
    assert doc.metadata["onderwerp"] == onderwerp and doc.title == onderwerp
    assert doc.date == date and doc.zaaknummer == zaak
    assert "uw kenmerk" not in doc.metadata or "2024" not in doc.metadata["uw kenmerk"] or "Datum" in str(
        doc.metadata["uw kenmerk"]
    )  # an empty "Uw kenmerk" column does not take the date of the next column
    assert doc.metadata["addressee"] == "Gemeenteraad van Hengelo, Postbus 18, 7550AA Hengelo"
    assert doc.metadata["signatories"][0] == "De heer J. Eshuis"
    assert doc.metadata["signatories"][1].startswith("De heer S.W.J.G")
    assert doc.metadata["signatory_roles"] == ["secretaris", "burgemeester"]


def test_letter_attachments():
    doc = _read("2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf", ocr=False)
    assert doc.metadata["attachments"] == ["Opdrachtformulering"]
    doc = _read("2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf", ocr=False)
    assert doc.metadata["attachment_count"] == "1" and "attachments" not in doc.metadata


def test_letter_without_date_field_keeps_no_date_only_a_lower_bound():
    """The jeugd letter has no Datum field: '1 april 2025' is the date of an earlier letter it
    cites, so it is not the letter's date; '9 juli jl.' has passed when it is written, so its
    relative dates resolve against 2025-07-09 at the earliest."""
    doc = _read("2025_raadsinformatiebrief_prioritaire_opgave_jeugd.pdf", ocr=False)
    assert doc.title == "Prioritaire opgave jeugd"
    assert doc.date is None
    assert doc.metadata["date_precision"] == "lower bound"
    assert doc.metadata["reference_date"] == "2025-07-09"
    from raadslens.extract.pipeline import extract_document
    jl = [m for m in extract_document(doc) if m.text == "9 juli jl."]
    assert jl and jl[0].value.start == dt.date(2025, 7, 9)


@pytest.mark.parametrize("text, bound", [
    ("Op 1 april 2025 hebben wij u geïnformeerd. Tijdens de vergadering van 9 juli jl. besloot het AB.",
     dt.date(2025, 7, 9)),
    # a "jl." day before the latest full date is in the next year
    ("Uw brief van 3 november 2024. Op 12 januari j.l. besprak de raad dit.", dt.date(2025, 1, 12)),
    # the latest of several "jl." days counts, not the last one written
    ("Op 2 maart 2023 schreven wij u. Op 9 juli jl. en op 1 mei jl. sprak het AB.", dt.date(2023, 7, 9)),
    ("Op 16 juli 2024 en 5 november 2024 informeerden wij u.", dt.date(2024, 11, 5)),
])
def test_letter_lower_bound(text, bound):
    from raadslens.ingest.facts import letter_lower_bound
    assert letter_lower_bound(text)[0] == bound


def test_letter_lower_bound_needs_a_full_date():
    from raadslens.ingest.facts import letter_lower_bound
    assert letter_lower_bound("Tijdens de vergadering van 9 juli jl. besloot het AB.") is None


def test_report_titles():
    final = _read("2025-03-13_eindrapport_kerntakendiscussie.pdf", ocr=False, pages=[1, 2])
    concept = _read("2025-01-08_concept_eindrapport_kerntakendiscussie.pdf", ocr=False, pages=[1, 2])
    assert final.title == concept.title == "Samen goed(e) keuzes voor SamenTwente"
    assert final.date == dt.date(2025, 3, 13) and concept.date == dt.date(2025, 1, 8)


def test_scan_title_from_ocr():
    doc = _read("2025_strategisch_programma_2026-2030_scan.pdf", pages=[1], page_timeout=180)
    assert doc.pages[0].ocr
    assert "Strategisch programma SamenTwente 2026-2030" in (doc.title or "")


def test_wob_letter_fields():
    doc = _read("ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf", ocr=False)
    assert doc.metadata["addressee"] == "Stichting W.H. Vliegenbos"
    assert doc.metadata["signatories"] == ["R. van der Velden"]


def test_zaaknummer_label_split_over_two_lines():
    doc = _read("was_bw_besluitenlijst_2024-12-10.pdf", ocr=False)
    assert doc.zaaknummer == "Z/24/082517"
    assert doc.date == dt.date(2024, 12, 10)


def test_begroting_date_from_colofon():
    """A budget dated only "oktober 2023" has no day: no document date, but its relative dates
    resolve against the first of that month."""
    doc = _read("was_begroting_2024.pdf", ocr=False, pages=[1, 2, 3])
    assert doc.date is None and doc.metadata["reference_date"] == "2023-10-01"
    assert doc.metadata["date_precision"] == "month" and "oktober 2023" in doc.metadata["date_source"]
    from raadslens.extract.pipeline import extract_document

    doc.pages[2].text += "\n\nDit jaar is het tekort kleiner."
    dit_jaar = [m for m in extract_document(doc) if m.text == "Dit jaar"]
    assert dit_jaar and dit_jaar[0].value.start == dt.date(2023, 1, 1)


@pytest.mark.parametrize(
    "name, sender",
    [
        ("2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf", "Gemeente Hengelo"),
        ("ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf",
         "Het college van burgemeester en wethouders van Amsterdam"),
    ],
)
def test_letter_sender(name, sender):
    assert read_pdf(_path(name), ocr=False).metadata.get("sender") == sender


def test_concept_status_from_the_stamp():
    concept = read_pdf(CORPUS / "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf", ocr=False, pages=[1])
    final = read_pdf(CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf", ocr=False, pages=[1])
    assert concept.metadata.get("status") == "concept"
    assert final.metadata.get("status") != "concept"


def test_a_place_and_date_line_dates_a_letter_without_a_datum_field():
    from raadslens.ingest.facts import _place_date
    from raadslens.models import Document, Page

    def doc(text: str) -> Document:
        return Document(id="x" * 16, sha256="x" * 64, path="/x.pdf", filename="x.pdf",
                        pages=[Page(number=1, text=text)])

    found = _place_date(doc("Geachte heer,\n\nWassenaar, 12 maart 2024\n\nIn uw brief van 3 januari 2024 ..."))
    assert found and found[0].isoformat() == "2024-03-12"
    found = _place_date(doc("Den Haag, 3-5-2019\nBetreft: verzoek"))
    assert found and found[0].isoformat() == "2019-05-03"
    # a sentence that only starts like one, or a quoted earlier letter, is no date line
    assert _place_date(doc("Zoals gezegd, op 12 maart 2024 besloot de raad anders.")) is None
    assert _place_date(doc("In uw brief van 3 januari 2024 vraagt u")) is None


def test_a_template_placeholder_is_no_kenmerk_and_a_table_row_no_title():
    from raadslens.ingest.facts import _table_row, own_number

    assert own_number("xx") is None and own_number("...") is None
    assert own_number("CE20-07907") == "CE20-07907" and own_number("A24STW-42 (bijlage)") == "A24STW-42"

    assert _table_row("Saldo van baten en lasten 362.826 | -3.921.195 | -3.558.369")
    assert not _table_row("Strategisch programma SamenTwente 2026-2030")
    assert not _table_row("Begroting 2024")


@pytest.mark.parametrize("text, own", [
    ("Gemeente X\n\n12 maart 2024\n\nGeachte heer,\n\nOp 1 februari 2024 schreven wij u.", dt.date(2024, 3, 12)),
    ("Van: A\nVerzonden: woensdag 24 juli 2024 15:47\nAan: B\n\nOp 9 oktober 2024 vergadert de raad.",
     dt.date(2024, 7, 24)),
    ("VERZONDEN 31 JAN. 2019\n\nGeachte,\n\nUw verzoek van 21 december 2018.", dt.date(2019, 1, 31)),
    # dates inside sentences are cited, a line "Uw brief van …" is a citation too
    ("Geachte leden,\n\nOp 1 april 2025 hebben wij u geïnformeerd.\nUw brief van 3 maart 2025", None),
])
def test_a_letters_own_date_stands_on_a_line_of_its_own(text, own):
    from raadslens.ingest.facts import standalone_date
    got = standalone_date(text)
    assert (got[0] if got else None) == own


@pytest.mark.parametrize("text, sent", [
    ("Van: Procedurekamer <p@overijssel.nl> Verzonden: woensdag 30 oktober 2024 08:10 Aan: x\n"
     "Onderwerp: brief\n\nBijgaand onze brief van 11 oktober 2024.", dt.date(2024, 10, 30)),
    ("Van: A\nVerzonden: 24-07-2024 15:47\nOnderwerp: windbeleid", dt.date(2024, 7, 24)),
    ("Onderwerp: windbeleid\n\nOp 17 juli 2024 spraken wij.", None),
])
def test_an_emails_sent_field_is_its_date(text, sent):
    from raadslens.ingest.facts import sent_date
    got = sent_date(text)
    assert (got[0] if got else None) == sent


def test_an_email_printout_in_a_bundle_is_dated_by_its_sent_field():
    """The kapmelding bundle's e-mail page, read as a document of its own: dated 30 October
    2024 by its header, not by the letter of 11 October it mentions."""
    from raadslens.ingest.facts import sent_date
    doc = _read("ovr_kapmelding_z2024-00006613.pdf", ocr=False, pages=[7])
    assert sent_date(doc.pages[0].text)[0] == dt.date(2024, 10, 30)


@pytest.mark.parametrize("text, header", [
    ("Nr. Datum Document Beoordeling", True),
    ("Saldo van baten en lasten per taakveld Baten Lasten Saldo Baten Lasten Saldo Baten Lasten Saldo", True),
    ("Overzicht baten en lasten per taakveld", False),
    ("Verslag bestuurlijk overleg ZSDZ", False),
    ("Datum en tijd van de vergadering", False),
])
def test_a_column_header_set_large_is_no_title(text, header):
    from raadslens.ingest.facts import _column_header

    assert _column_header(text) is header


@pytest.mark.parametrize("text, own", [
    ("Rapport\n\nDefinitieve versie, 3 mei 2019\n\nIn 2018 begon het onderzoek.", "2019-05-03"),
    ("Technisch ontwerp\nVersie 1.1 – 11 januari 2023\n", "2023-01-11"),
    ("Nota\nVastgesteld op 3 mei 2019\n", "2019-05-03"),
    ("Definitieve versie van het plan volgt op 3 mei 2019 na overleg met de raad en de partners.", None),
])
def test_a_cover_version_line_dates_the_document(text, own):
    from raadslens.ingest.facts import _place_date
    from raadslens.models import Document, Page

    found = _place_date(Document(id="x" * 16, sha256="x" * 64, path="/x.pdf", filename="x.pdf",
                                 pages=[Page(number=1, text=text)]))
    assert (found[0].isoformat() if found else None) == own
