"""Decisions in besluitenlijsten (function level and their own span group)."""

import pytest
import spacy
from conftest import REALWORLD

import raadslens.extract.components  # noqa: F401
from raadslens.extract.decisions import find_decisions
from raadslens.extract.extensions import SPAN_KEY

CASES = [
    # phrase, (hit text, body, outcome, unanimous, votes_for, votes_against)
    ("Besluit: Conform advies vastgesteld.\n\nVolgende",
     ("Besluit: Conform advies vastgesteld.", None, "vastgesteld", None, None, None)),
    ("De raad besluit met 20 stemmen voor en 15 tegen: de motie is aangenomen.",
     ("De raad besluit met 20 stemmen voor en 15 tegen: de motie is aangenomen.", "de raad",
      "aangenomen", False, 20, 15)),
    ("De raad besluit unaniem:\n1. in te stemmen met het voorstel;\n2. de begroting te wijzigen."
     "\n\n5. Rondvraag",
     ("De raad besluit unaniem:\n1. in te stemmen met het voorstel;\n2. de begroting te wijzigen.",
      "de raad", "ingestemd", True, None, None)),
    ("Het algemeen bestuur van SamenTwente heeft besloten om een kerntakendiscussie te voeren. "
     "De aanleiding",
     ("Het algemeen bestuur van SamenTwente heeft besloten om een kerntakendiscussie te voeren",
      "het algemeen bestuur", "besloten", None, None, None)),
    ("De raad heeft besloten de heer K.F. Kruijer te benoemen. Daarna",
     ("De raad heeft besloten de heer K.F. Kruijer te benoemen", "de raad", "besloten", None,
      None, None)),
    ("Het college besluit:\n\nhet voorstel aan te houden.",
     ("Het college besluit:\n\nhet voorstel aan te houden.", "het college", "aangehouden", None,
      None, None)),
]


@pytest.mark.parametrize("phrase,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_decisions(phrase, expected):
    (hit,) = find_decisions(phrase)
    v = hit.value
    assert (phrase[hit.start:hit.end], v.body, v.outcome, v.unanimous, v.votes_for,
            v.votes_against) == expected


@pytest.mark.parametrize("phrase", ["Het besluit wordt later genomen.", "besluitvorming volgt",
                                    "De raad besluit", "Besluit:\n\n"])
def test_not_decisions(phrase):
    assert find_decisions(phrase) == []


def test_decisions_component_uses_the_main_group():
    nlp = spacy.blank("nl")
    nlp.add_pipe("raadslens_decisions")
    doc = nlp("Besluit: Conform advies vastgesteld.")
    (span,) = doc.spans[SPAN_KEY]
    assert span.label_ == "decision"
    assert span._.rl_value.outcome == "vastgesteld"


MORE = [
    # a same-line trigger after the agenda heading, and "bij acclamatie"
    ("7. Voorstel tot het vaststellen van de Verordening 2015. De raad besluit unaniem:\n\n"
     "vast te stellen de Verordening.\n\n8. Sluiting.",
     ("vast te stellen de Verordening", "vastgesteld", True, None, None,
      "7. Voorstel tot het vaststellen van de Verordening 2015")),
    # no colon, votes in parentheses
    ("16. Motie taken.\n\nDe raad besluit in meerderheid (16 stemmen voor en 14 stemmen tegen) "
     "er bij het college op aan te dringen dat taken worden herverdeeld. Over de motie is gestemd.",
     ("er bij het college op aan te dringen dat taken worden herverdeeld", "besloten", False, 16,
      14, "16. Motie taken")),
    # a numbered list ends where the numbering does not go on (the next agenda item)
    ("2. Voorjaarsnota 2022\n\nBesluit:\n\n1. Kennis te nemen van de nota\n\n"
     "2. De raad voor te stellen € PM beschikbaar te stellen\n\n3. Jaarrekening 2021\n\nBesluit:\n\n"
     "1. De jaarstukken vast te stellen;",
     ("1. Kennis te nemen van de nota 2. De raad voor te stellen € PM beschikbaar te stellen",
      "kennisgenomen", None, None, None, "2. Voorjaarsnota 2022")),
]


@pytest.mark.parametrize("phrase,expected", MORE, ids=[c[0][:30] for c in MORE])
def test_decision_lists_and_agenda_items(phrase, expected):
    v = find_decisions(phrase)[0].value
    assert (v.text, v.outcome, v.unanimous, v.votes_for, v.votes_against, v.agenda_item) == expected


def _decisions(name):
    from raadslens.extract.pipeline import extract_pages
    from raadslens.ingest import read_pdf

    doc = read_pdf(REALWORLD / name, ocr=False)
    pages = [(p.number, p.text) for p in doc.pages]
    return [m for m in extract_pages(pages, doc.date) if m.kind == "decision"], dict(pages)


def test_wassenaar_besluitenlijst_2024():
    decisions, pages = _decisions("was_bw_besluitenlijst_2024-12-10.pdf")
    by_item = {m.value.agenda_item: m for m in decisions}
    for m in decisions:  # offsets point into the page text
        assert pages[m.page][m.start:m.end] == m.text
    assert len(decisions) == 16
    visie = by_item["5.1 Visie De Wassenaarse Slag"]
    assert visie.page == 1 and visie.text.startswith("Besluit:")
    # the decision list runs on to page 2: Beslispunt A, B and C are in the value
    assert "€ 2.798.750" in visie.value.text and "Beslispunt C" in visie.value.text
    assert visie.value.text.endswith("er worden geen nieuwe overeenkomsten aangegaan")
    ms = by_item["5.b.1 Financieel besluit maatschappelijke ondersteuning gemeente Wassenaar 2025"]
    assert ms.value.outcome == "vastgesteld" and ms.page == 2
    assert by_item["7.b Wijzigingen Langetermijnagenda"].value.text == "LTA-overzicht is akkoord"
    assert by_item["8 Regionale samenwerking"].value.outcome == "kennisgenomen"
    assert "10.b.1 Aanwijzen toezichthouders Participatiewet, IOAW en IOAZ" in by_item


def test_den_helder_besluitenlijst_2015():
    decisions, _ = _decisions("ori_denhelder_besluitenlijst_raad_2015-06-29.pdf")
    items = [m.value.agenda_item.split(" ")[0] for m in decisions]
    assert items == ["1.", "6.", "7.", "8.", "8.", "9.", "10.", "11.", "12.", "13.", "14.", "15.",
                     "16."]
    motie = decisions[-1].value
    assert (motie.votes_for, motie.votes_against, motie.unanimous) == (16, 14, False)
    assert motie.agenda_item == "16. Motie met betrekking tot de herverdeling van taken onder de wethouders"
    ten = decisions[6]
    assert ten.page == 3 and ten.value.unanimous is True  # its agenda heading is on page 2
    assert ten.value.agenda_item.startswith("10. Voorstel met betrekking tot de begroting 2016")
    amendment = decisions[3].value
    assert (amendment.text, amendment.outcome, amendment.unanimous) == (
        "het amendement te aanvaarden", "aangenomen", False)
