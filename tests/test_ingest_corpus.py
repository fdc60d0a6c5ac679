"""Ingest on the Hengelo/SamenTwente sample corpus (corpus/pdf), when it has been built."""

from __future__ import annotations

from pathlib import Path

import pytest

from raadslens.ingest import read_pdf

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "pdf"
LETTERS = sorted(CORPUS.glob("*raadsinformatiebrief*.pdf")) if CORPUS.is_dir() else []
SCAN = CORPUS / "2025_strategisch_programma_2026-2030_scan.pdf"
FOOTER = "Vermeld altijd het zaaknummer als u contact opneemt met de gemeente."


@pytest.mark.skipif(not LETTERS, reason="corpus letters not built yet")
@pytest.mark.parametrize("path", LETTERS, ids=lambda p: p.name)
def test_letter_footer_is_furniture(path):
    doc = read_pdf(path, ocr=False)
    assert all(FOOTER not in p.text for p in doc.pages)
    assert any(b.text == FOOTER and b.role.value == "furniture" for p in doc.pages for b in p.blocks)
    assert all("Bladnummer" not in p.text for p in doc.pages)
    assert doc.title and not doc.title.startswith("Gemeente")
    # a letter is dated by its own date; one without a date field (the jeugd letter) names only
    # dates it cites, so it keeps none and carries a lower bound for its relative dates
    assert doc.date or (doc.metadata.get("date_precision") == "lower bound" and doc.metadata.get("reference_date"))
    if any(b.text.startswith("Onderwerp") for b in doc.pages[0].blocks):  # letterhead table present
        assert doc.zaaknummer and doc.metadata.get("onderwerp")


@pytest.mark.skipif(not SCAN.exists(), reason="scanned Strategisch programma not built yet")
def test_scanned_brochure_ocr():
    doc = read_pdf(SCAN, pages=[1, 2])
    assert all(p.ocr for p in doc.pages)
    assert "strategisch programma" in " ".join(p.text for p in doc.pages).lower()
