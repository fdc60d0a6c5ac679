"""Decisions in besluitenlijsten (function level and their own span group)."""

import pytest
import spacy

import extract.components  # noqa: F401
from extract.decisions import find_decisions
from extract.extensions import DECISIONS_KEY, SPAN_KEY

CASES = [
    # phrase, (hit text, body, outcome, unanimous, votes_for, votes_against)
    ("Besluit: Conform advies vastgesteld.\n\nVolgende",
     ("Besluit: Conform advies vastgesteld.", None, "vastgesteld", False, None, None)),
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
      "het algemeen bestuur", "besloten", False, None, None)),
    ("De raad heeft besloten de heer K.F. Kruijer te benoemen. Daarna",
     ("De raad heeft besloten de heer K.F. Kruijer te benoemen", "de raad", "besloten", False,
      None, None)),
    ("Het college besluit:\n\nhet voorstel aan te houden.",
     ("Het college besluit:\n\nhet voorstel aan te houden.", "het college", "aangehouden", False,
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


def test_decisions_component_uses_its_own_group():
    nlp = spacy.blank("nl")
    nlp.add_pipe("raadslens_decisions")
    doc = nlp("Besluit: Conform advies vastgesteld.")
    (span,) = doc.spans[DECISIONS_KEY]
    assert span._.rl_value.outcome == "vastgesteld"
    assert SPAN_KEY not in doc.spans
