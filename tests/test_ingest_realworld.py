"""Ingest on real municipal PDFs (shared/realworld): tables, OCR decisions, letter metadata, golden blocks."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import REALWORLD as REAL  # noqa: E402

from raadslens.ingest import read_pdf

GOLDEN = Path(__file__).resolve().parent / "data" / "ingest"
REGEN = os.environ.get("RAADSLENS_REGEN_GOLDEN") == "1"

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared/realworld not present")


@pytest.fixture(scope="module")
def begroting():
    return read_pdf(REAL / "was_begroting_2024.pdf", ocr=False)


def test_financial_rows_keep_description_and_amount(begroting):
    page = begroting.pages[38]  # page 39: Tabel 3.2 / 3.3
    lines = page.text.splitlines()
    assert "Baten | 56.800 | 57.472 | 60.114 | 61.036 | 57.466 | 57.275" in lines
    assert any(ln.startswith("De Paauw restauratie / verbouwing raadhuis | 12.230.000") for ln in lines)
    tables = [b for b in page.blocks if b.role.value == "table"]
    assert tables and all(b.rows for b in tables)
    assert ["Lasten", "-18.968", "-19.228", "-19.786", "-19.048", "-18.850", "-18.823"] in tables[-1].rows


def test_x_1000_tables_rows_on_one_line(begroting):
    hits = [
        ln
        for p in begroting.pages
        for ln in p.text.splitlines()
        if "x € 1.000" in ln or "x €1.000" in ln
    ]
    assert hits, "no 'x € 1.000' header found"
    assert any("|" in ln for ln in hits)


def test_offsets_and_furniture(begroting):
    for page in begroting.pages:
        for b in page.blocks:
            if b.role.value == "furniture":
                assert b.start is None and b.end is None
            elif b.start is None:  # a repeated passage: kept as a block, not in the body text
                assert any(n.startswith("repeat:") for n in page.notes)
            else:
                assert page.text[b.start : b.end] == b.text
    page6 = begroting.pages[5]
    assert [b.text for b in page6.blocks if b.role.value == "furniture"] == ["6"]
    assert not page6.text.rstrip().endswith("\n6")


def test_hyphenation_and_paragraph_joining(begroting):
    text = begroting.pages[5].text
    assert "vijf collegeleden aangezien zij" in text  # line break inside a sentence joined
    assert "\n\n• Programma 1: Veiligheid en Handhaving" in text


def test_garbled_type3_layer_detected():
    doc = read_pdf(REAL / "was_jaarrekening_2019.pdf", pages=[6, 7], ocr=False)
    assert [p.number for p in doc.pages] == [6, 7]
    assert all(p.needs_ocr and p.text == "" for p in doc.pages)
    assert all(any("garbled" in n for n in p.notes) for p in doc.pages)
    assert doc.status.value == "partial"


def test_garbled_page_is_ocrd():
    doc = read_pdf(REAL / "was_jaarrekening_2019.pdf", pages=[6])
    page = doc.pages[0]
    assert page.ocr and "garbled" in page.notes[0]
    assert "gemeente" in page.text.lower()


@pytest.fixture(scope="module")
def herzien():
    return read_pdf(REAL / "ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf")


def test_mixed_document_ocr_only_on_scanned_pages(herzien):
    ocrd = [p.number for p in herzien.pages if p.ocr]
    assert ocrd == [10, 11, 12, 13, 14] or set(ocrd) <= set(range(10, 16)) and len(ocrd) == 5
    assert all(not p.ocr for p in herzien.pages[:9])
    assert all(p.text.strip() for p in herzien.pages if p.ocr)


def test_vliegenbos_original_pages_11_to_15_ocrd():
    doc = read_pdf(REAL / "ams_wob_fietsverbinding_vliegenbos_besluit_2020-10-16.pdf", pages=[1, 10, 11, 15])
    flags = {p.number: p.ocr for p in doc.pages}
    assert flags == {1: False, 10: False, 11: True, 15: True}


def test_letter_metadata(herzien):
    assert herzien.date == dt.date(2021, 1, 28)
    assert herzien.zaaknummer == "NO20-05797/UIT-21-12734"
    assert herzien.metadata["datum"] == "28 januari 2021"
    assert herzien.metadata["ons kenmerk"] == "NO20-05797/UIT-21-12734"
    assert herzien.doc_type == "woo-besluit"
    assert "Herzien besluit" in (herzien.title or "")


def test_besluitenlijst_metadata_not_pdf_title():
    doc = read_pdf(REAL / "ori_denhelder_besluitenlijst_raad_2015-06-29.pdf")
    assert doc.doc_type == "besluitenlijst"
    assert doc.date == dt.date(2015, 6, 29)
    assert "2008" not in (doc.title or "")
    wassenaar = read_pdf(REAL / "was_bw_besluitenlijst_2023-03-07_a.pdf")
    assert wassenaar.date == dt.date(2023, 3, 7)
    assert all("Pagina" not in p.text for p in wassenaar.pages)


def test_scan_without_text_layer_ocrd():
    doc = read_pdf(REAL / "ams_wob_besluit_hek_scotuslaan_scan_v1.pdf", pages=[1])
    assert doc.pages[0].ocr
    assert len(doc.pages[0].text) > 200


def _golden(doc, numbers):
    return {
        "file": doc.filename,
        "pages": [
            {
                "number": p.number,
                "ocr": p.ocr,
                "blocks": [{"role": b.role.value, "text": b.text, "rows": b.rows} for b in p.blocks],
            }
            for p in doc.pages
            if p.number in numbers
        ],
    }


@pytest.mark.parametrize(
    "name,pages",
    [("was_bw_besluitenlijst_2024-12-10.pdf", [1, 4]), ("was_begroting_2024.pdf", [6, 39])],
)
def test_golden_blocks(name, pages):
    doc = read_pdf(REAL / name, pages=pages, ocr=False)
    got = _golden(doc, pages)
    path = GOLDEN / (Path(name).stem + ".blocks.json")
    if REGEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if not REGEN:
            pytest.skip(f"golden file written: {path}; rerun")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_running_header_mentions_are_kept_flagged_as_furniture():
    """The herzien besluit repeats "Datum 28 januari 2021" and its kenmerk in the running
    header of every page: those mentions are kept, flagged, with offsets into their block."""
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import complete_document

    doc = read_pdf(REAL / "ams_wob_fietsverbinding_vliegenbos_herzien_2021-01-28.pdf", ocr=False)
    complete_document(doc, nlp=load_nlp(mentions_only=True))
    furniture = [m for m in doc.mentions if m.furniture]
    kinds = {(m.kind.value, m.text) for m in furniture}
    assert ("date", "28 januari 2021") in kinds
    assert ("zaaknummer", "NO20-05797/12734") in kinds
    pages = {m.page for m in furniture if m.kind.value == "zaaknummer"}
    assert len(pages) >= 5
    for m in furniture:
        block = doc.pages[m.page - 1].blocks[m.block]
        assert block.role.value == "furniture" and block.text[m.start:m.end] == m.text
        if m.kind.value == "zaaknummer":
            assert m.value.role == "own"
    # the body mentions are untouched: their offsets still slice the page text
    for m in doc.mentions:
        if not m.furniture:
            assert doc.pages[m.page - 1].text[m.start:m.end] == m.text


@pytest.mark.parametrize("name, field, expected", [
    # a verslag dated by its meeting line, which has no year: the weekday settles it
    ("ovr_verslag_bo_zsdz_2024-02-08.pdf", "date", dt.date(2024, 2, 8)),
    ("ovr_verslag_bo_zsdz_2024-02-08.pdf", "doc_type", "verslag"),
    # a table header "Nr. Onderwerp Toelichting" is not the letter's onderwerp
    ("ovr_verslag_bo_zsdz_2024-03-20.pdf", "doc_type", "verslag"),
    # an Omgevingsloket form "Soort Melding ... Kappen van houtopstanden"; its case number is
    # in the header grid "Datum | Kenmerk | Zaaknummer | ..." of a letter further on
    ("ovr_kapmelding_z2024-00006613.pdf", "doc_type", "kapmelding"),
    ("ovr_kapmelding_z2024-00006613.pdf", "zaaknummer", "Z2024-00006613"),
    # no letterhead: the gemeente the text names as its own ("wethouder van de gemeente Den Helder")
    ("ori_denhelder_besluitenlijst_raad_2015-06-29.pdf", "organisation", "Gemeente Den Helder"),
    # the signature "De secretaris van de Bestuurscommissie Noord, gemeente Amsterdam"
    ("ams_wob_fietsverbinding_vliegenbos_besluit_2020-10-16.pdf", "organisation", "Gemeente Amsterdam"),
])
def test_document_metadata_from_what_the_document_says(name, field, expected):
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import complete_document

    doc = complete_document(read_pdf(REAL / name, ocr=False), nlp=load_nlp(mentions_only=True))
    assert getattr(doc, field) == expected
