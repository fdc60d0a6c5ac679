"""Layout decisions: rotated pages, repeated passages, two-column reading of the OCR'd scan."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import (
    CORPUS,  # noqa: E402
    REALWORLD,  # noqa: E402
)

from raadslens.ingest import read_pdf
from raadslens.ingest.ocr import SCAN_200_DPI, choose_dpi

REPORT = CORPUS / "2025-03-13_eindrapport_kerntakendiscussie.pdf"
SCAN = CORPUS / "2025_strategisch_programma_2026-2030_scan.pdf"
PAGES = [1, 2, 3, 4]  # 0-based: report pages 2-5 (running header and footer on each)

needs_report = pytest.mark.skipif(not REPORT.exists(), reason="corpus not built")


def _copy(tmp_path: Path, name: str, how: str) -> Path:
    """Report pages 2-5 as a new PDF: unchanged, /Rotate 90, or content drawn turned 90° on a landscape page."""
    src = pdfium.PdfDocument(str(REPORT))
    out = pdfium.PdfDocument.new()
    if how in ("plain", "rotate"):
        out.import_pages(src, PAGES)
        if how == "rotate":
            for i in range(len(out)):
                out[i].set_rotation(90)
    else:
        w, h = src[PAGES[0]].get_size()
        for k in PAGES:
            xo = src.page_as_xobject(k, out)
            page = out.new_page(h, w)  # landscape; the portrait page is drawn turned a quarter
            obj = xo.as_pageobject()
            obj.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(h, 0))
            page.insert_obj(obj)
            page.gen_content()
            page.set_rotation(270)  # displayed upright again
    path = tmp_path / name
    out.save(str(path))
    return path


@needs_report
@pytest.mark.parametrize("how", ["rotate", "turned"])
def test_rotated_pages_read_like_the_original(tmp_path, how):
    plain = read_pdf(_copy(tmp_path, "plain.pdf", "plain"), ocr=False)
    rotated = read_pdf(_copy(tmp_path, f"{how}.pdf", how), ocr=False)
    assert [p.text for p in rotated.pages] == [p.text for p in plain.pages]
    assert all(p.text for p in rotated.pages)
    if how == "turned":
        assert all(any("text turned" in n for n in p.notes) for p in rotated.pages)
        assert all(p.width and p.height and p.width < p.height for p in rotated.pages)


@needs_report
def test_repeated_passage_flagged_not_indexed_twice():
    doc = read_pdf(REPORT, ocr=False)
    bullet = "Lysias heeft een informatiebijeenkomst georganiseerd voor raadsleden van de veertien Twentse gemeenten."
    body = "\n".join(p.text for p in doc.pages)
    assert body.count(bullet) == 1
    p34 = doc.pages[33]
    kept = [b for b in p34.blocks if bullet in b.text]
    assert kept and all(b.start is None and b.role.value == "list_item" for b in kept)
    assert any(n.startswith("repeat:") and "page 33" in n for n in p34.notes)
    assert any("page 34: a passage" in w and "not indexed twice" in w for w in doc.warnings)
    # two CMT bullets that differ in their second sentence are not repeats
    assert body.count("Lysias heeft de voorstellen voorgelegd aan het CMT van SamenTwente.") == 2
    # repeated amounts and table rows stay: the VTT amount is in the text and in the tables
    assert body.count("983.000") >= 2
    for p in doc.pages:
        for b in p.blocks:
            if b.start is not None:
                assert p.text[b.start : b.end] == b.text


@needs_report
def test_letter_and_annex_sharing_sentences_are_not_repeats():
    doc = read_pdf(CORPUS / "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf", ocr=False)
    assert not any("repeat" in w for w in doc.warnings)
    body = " ".join(p.text for p in doc.pages)
    assert body.count("Het gaat om focus, inzicht en diepgang op basis waarvan besluiten kunnen worden genomen.") == 2


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.skipif(not SCAN.exists(), reason="scanned Strategisch programma not built")
def test_scan_two_columns_read_one_after_the_other():
    doc = read_pdf(SCAN, pages=[1], page_timeout=180)
    page = doc.pages[0]
    assert page.ocr and any("two columns" in n for n in page.notes)
    assert any(f"{SCAN_200_DPI} dpi" in n for n in page.notes)
    text = _flat(page.text)
    # consecutive sentences of the left column, over three lines, contiguous
    assert "We baseren ons op de maatschappelijke opgaven in Twente en formuleren onze ambities op hoofdlijnen." \
        " Jaarplannen maken deze ambities concreet." in text
    # and of the right column
    assert "Financiële ruimte voor nieuwe taken wordt niet verwacht, dus zoeken we samen met gemeenten naar" \
        " innovatieve manieren om bestaande werkwijzen te verbeteren." in text
    # the left column is read before the right one
    assert text.index("Jaarplannen maken deze ambities concreet") < text.index("We leggen in dit document")


@pytest.mark.skipif(not SCAN.exists(), reason="scanned Strategisch programma not built")
def test_ocr_resolution_follows_the_scan():
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        assert choose_dpi(pdf[0]) == SCAN_200_DPI  # a 200-dpi scan is not upsampled
    real = REALWORLD / "ams_wob_besluit_hek_scotuslaan_scan_v1.pdf"
    with pdfium.PdfDocument(str(real)) as pdf:
        assert choose_dpi(pdf[0]) == 300


def _line(top: float, *spans: tuple[float, float, str]):
    from raadslens.ingest.lines import Line, Span

    ss = [Span(t, x0, x1) for x0, x1, t in spans]
    return Line(" ".join(s.text for s in ss), ss[0].x0, top, ss[-1].x1, top + 9, 9.0, False, ss)


def _side_column_page():
    """A Rijkshuisstijl letter: body x 80-460, the letterhead column at x 468."""
    body = "heb ik van u een verzoek ontvangen tot het openbaar maken van informatie op grond"
    return [
        _line(156, (468, 529, "Directie Beleid &")),
        _line(165, (468, 552, "Bestuursondersteuning")),
        _line(242, (468, 525, "Contactpersoon")),
        _line(298, (81, 109, "Datum"), (136, 219, "17 december 2020"), (468, 516, "Ons kenmerk")),
        _line(370, (80, 441, "Bij brief van 9 juni 2020, door mij ontvangen op 10 juni 2020,")),
        _line(381, (80, 446, body), (468, 560, "Bij beantwoording de datum")),
        _line(390, (468, 558, "en ons kenmerk vermelden.")),
        _line(394, (80, 181, "openbaarheid bestuur."), (469, 563, "Wilt u slechts één zaak in uw")),
        _line(408, (468, 524, "brief behandelen.")),
        _line(418, (80, 427, "Op 19 juni 2020 is naar aanleiding van uw verzoek contact")),
    ]


def test_a_letterhead_margin_column_is_read_after_the_body_not_into_its_sentences():
    from raadslens.ingest.layout import assign_side_column, reading_order

    lines = _side_column_page()
    assert assign_side_column(lines, 595.0)
    text = "\n".join(ln.text for ln in reading_order(lines))
    assert "op grond\nopenbaarheid bestuur." in text  # the body's sentence is whole again
    assert text.index("Op 19 juni") < text.index("Bij beantwoording")  # the margin after the body


def test_a_table_with_a_right_hand_text_column_is_not_a_margin_column():
    from raadslens.ingest.layout import assign_side_column

    rows = [_line(100 + 12 * i, (80, 100, str(i)), (120, 300, f"Document {i}"), (320, 380, "3-6-2020"),
                  (470, 540, "Openbaar")) for i in range(8)]
    assert not assign_side_column(rows, 595.0)
