"""Extraction over the raw text layer of the committed corpus PDFs (pypdfium2, CRLF,
letterhead rows broken over lines), independent of the ingest stage."""

import datetime as dt
from pathlib import Path

import pytest

import raadslens.extract.components  # noqa: F401
from raadslens.extract.dates import infer_reference_date
from raadslens.extract.nlp import BLANK, build_nlp
from raadslens.extract.pipeline import extract_pages

pdfium = pytest.importorskip("pypdfium2")
PDF = Path(__file__).parent.parent / "corpus" / "pdf"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(BLANK)


def pages_of(name: str) -> list[tuple[int, str]]:
    path = PDF / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"{path} not built")
    pdf = pdfium.PdfDocument(str(path))
    return [(i + 1, pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


@pytest.mark.parametrize("name,zaak,date", [
    ("2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie", "3777670",
     dt.date(2024, 7, 16)),
    ("2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie", "3825997", dt.date(2024, 11, 5)),
])
def test_letters(nlp, name, zaak, date):
    pages = pages_of(name)
    assert infer_reference_date(pages[0][1]) == date
    ms = extract_pages(pages, nlp=nlp)
    own = [m for m in ms if m.kind == "zaaknummer" and m.value.role == "own"
           and m.value.label == "zaaknummer"]
    assert own and own[0].page == 1 and {m.value.number for m in own} == {zaak}
    for m in ms:
        assert dict(pages)[m.page][m.start:m.end] == m.text


def test_final_report(nlp):
    ms = extract_pages(pages_of("2025-03-13_eindrapport_kerntakendiscussie"),
                       dt.date(2025, 3, 13), nlp=nlp)
    money = {}
    for m in ms:
        if m.kind == "money":
            money.setdefault(m.text, []).append(m.value)
    assert money["€983.000"][0].recurrence == "structural"
    assert money["+€ 983.000"][0].cents == 98_300_000
    assert money["€290.000 (S)"][0].recurrence == "structural"
    props = [m.value for m in ms if m.kind == "proposal" and m.value.options
             and m.value.options[0].scenario]  # the narrative section; tables follow
    assert [[o.effects for o in p.options] for p in props] == [
        [[-18_500_000], [0]], [[-8_000_000], [0]], [[-13_400_000], [0]],
        [[-2_500_000], [10_000_000]], [[-9_500_000], [0]], [[0], [11_700_000]]]
    assert [p.pillar for p in props][0] == "Jeugd"
    table = [m.value for m in ms if m.kind == "proposal" and m.value.options
             and not m.value.options[0].scenario]
    assert [p.number for p in table] == [1, 2, 3, 4, 5, 6]
    assert table[1].options[0].text.startswith("Inzet op seksuele gezondheid versoberen")
    assert [[o.effects for o in p.options] for p in table][1:3] == [
        [[-8_000_000], []], [[-13_400_000], [0]]]  # "0 (evt. PM)": no amount


def test_concept_report_differs(nlp):
    ms = extract_pages(pages_of("2025-01-08_concept_eindrapport_kerntakendiscussie"),
                       dt.date(2025, 1, 8), nlp=nlp)
    cents = {m.value.cents for m in ms if m.kind == "money"}
    assert 85_000_000 in cents and 98_300_000 not in cents
    gsa = [m.value for m in ms if m.kind == "proposal" and m.value.number == 1]
    assert [p.options[0].effects for p in gsa] == [[-20_000_000], [-20_000_000]]
