"""Subjects of money mentions: learned abbreviations, the alias file, near matches, and
the eindrapport's amounts linked through `extract_pages` (row, sentence or proposal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from raadslens.extract.subjects import link_subjects
from raadslens.models import Mention, MoneyValue
from raadslens.models.subjects import (
    aliases_of,
    canonical_name,
    find_subject,
    learn_abbreviations,
    load_aliases,
)

REPO = Path(__file__).resolve().parents[1]
EINDRAPPORT = REPO / "corpus" / "pdf" / "2025-03-13_eindrapport_kerntakendiscussie.pdf"


def test_learned_abbreviations():
    text = ("De Organisatie voor Zorg en Jeugdhulp in Twente (OZJT) koopt in. "
            "Het Regionaal Bureau Leerplicht (RBL) ook.")
    learned = learn_abbreviations(text)
    assert learned["RBL"] == "Regionaal Bureau Leerplicht"
    assert learned["OZJT"] == "Organisatie voor Zorg en Jeugdhulp in Twente"
    # a learned abbreviation names its subject later in the document
    hit = find_subject("Het RBL krijgt € 40.000 extra.", learned)
    assert hit is not None and hit.canonical == "Regionaal Bureau Leerplicht"
    # one whose long form is in the alias file resolves to the canonical name
    assert find_subject("de OZJT", learned).canonical == "Organisatie voor Zorg en Jeugdhulp Twente"


def test_alias_file():
    aliases = load_aliases()
    assert aliases["vtt"] == "Veilig Thuis Twente"
    assert aliases["gsa"] == "Gezonde School Aanpak"
    assert "VTT" in aliases_of("Veilig Thuis Twente")
    assert find_subject("Wettelijke taken VTT uitvoeren").canonical == "Veilig Thuis Twente"
    # short aliases count only in capitals: "vtt" in lower case is no name
    assert find_subject("de vtt-regeling") is None


def test_fuzzy_match():
    assert canonical_name("Veilig Thuis Twnete") == "Veilig Thuis Twente"  # typo
    assert canonical_name("Gezonde Schol Aanpak") == "Gezonde School Aanpak"  # OCR noise
    assert canonical_name("Sportakkoord") is None


@pytest.fixture(scope="module")
def eindrapport():
    from raadslens.extract.pipeline import extract_pages
    from raadslens.ingest import read_pdf

    doc = read_pdf(EINDRAPPORT, ocr=False)
    pages = {p.number: p.text for p in doc.pages}
    return pages, extract_pages(list(pages.items()), doc.date)


def _money(mentions, page, text):
    return [m for m in mentions if m.kind == "money" and m.page == page and m.text == text]


def test_both_vtt_amounts_resolve_to_veilig_thuis_twente(eindrapport):
    _, mentions = eindrapport
    (prose,) = _money(mentions, 13, "€983.000")
    assert prose.subject == "Veilig Thuis Twente"
    rows = [m for p in (23, 24, 25) for m in _money(mentions, p, "+€ 983.000")]
    assert len(rows) == 3
    assert {m.subject for m in rows} == {"Veilig Thuis Twente"}


def test_gsa_amount(eindrapport):
    _, mentions = eindrapport
    gsa = [m for p in (7, 23, 24) for m in _money(mentions, p, "-€ 185.000")]
    assert gsa and {m.subject for m in gsa} == {"Gezonde School Aanpak"}


def test_subtotals_have_no_subject(eindrapport):
    _, mentions = eindrapport
    (sub,) = _money(mentions, 23, "+€1.433.000")  # "Sub-totaal …", right under the VTT row
    assert sub.subject is None
    for text in ("+€ 914.000", "+€ 1.650.000"):  # "Financieel totaaleffect …"
        (total,) = _money(mentions, 25, text)
        assert total.subject is None


def test_option_amount_gets_its_proposal(eindrapport):
    """A row that names no subject of its own gets the proposal whose option it is."""
    _, mentions = eindrapport
    (m,) = _money(mentions, 11, "-€ 25.000")  # "1. Terugbrengen van … advisering …"
    assert m.subject == "Advisering gezondheidsbevordering"


def test_subject_coverage_on_eindrapport(eindrapport):
    _, mentions = eindrapport
    money = [m for m in mentions if m.kind == "money"]
    assert sum(1 for m in money if m.subject) / len(money) >= 0.8


def test_link_subjects_prefers_the_row_over_the_pillar():
    text = "PB&L, 7 | Forensische geneeskunde op niveau brengen | +€ 450.000\n"
    m = Mention(kind="money", text="+€ 450.000", page=1, start=text.index("+€"),
                end=text.index("+€") + 10, value=MoneyValue(cents=45_000_000))
    link_subjects([(1, text)], [m])
    assert m.subject == "Forensische geneeskunde"
