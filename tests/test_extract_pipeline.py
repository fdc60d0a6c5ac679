"""The spaCy side: factories, span groups, extract_pages, model loading, a real seed."""

import datetime as dt
from pathlib import Path

import pytest
import spacy

import raadslens.extract.components  # noqa: F401  (registers the factories without the entry point)
from raadslens.extract import nlp as nlp_mod
from raadslens.extract.dates import infer_reference_date
from raadslens.extract.extensions import SPAN_KEY
from raadslens.extract.nlp import BLANK, build_nlp, load_nlp, resolve_model_name
from raadslens.extract.pipeline import extract_pages, extract_text
from raadslens.models import Mention, MentionKind

DATA = Path(__file__).parent / "data" / "extract"
SEED_001 = (DATA / "001_e3628bba92d377a0.txt").read_text()


@pytest.fixture(scope="module")
def blank_nlp():
    return build_nlp(BLANK)


def chunks(text: str, lines: int = 120) -> list[tuple[int, str]]:
    rows = text.split("\n")
    return [(i // lines + 1, "\n".join(rows[i:i + lines])) for i in range(0, len(rows), lines)]


def test_factories_work_in_any_blank_pipeline():
    nlp = spacy.blank("nl")
    for name in ("raadslens_dates", "raadslens_money", "raadslens_zaaknummers",
                 "raadslens_proposals"):
        nlp.add_pipe(name)
    doc = nlp("Op 5 november 2024 kost het -€ 185.000 (zaaknummer 3893698).")
    spans = doc.spans[SPAN_KEY]
    assert [(s.label_, s._.rl_chars) for s in spans] == [
        ("date", (3, 18)), ("money", (28, 38)), ("zaaknummer", (51, 58))]
    money = [s for s in spans if s.label_ == "money"][0]
    assert money.text == "-€ 185.000" and money._.rl_value.cents == -18_500_000


def test_money_component_scale_config():
    nlp = spacy.blank("nl")
    nlp.add_pipe("raadslens_money", config={"scale": 1000})
    doc = nlp("Totaal € 5")
    (span,) = doc.spans[SPAN_KEY]
    assert span._.rl_value.cents == 500_000


def test_blank_pipeline_shape(blank_nlp):
    assert blank_nlp.pipe_names[:2] == ["sentencizer", "lemmatizer"]
    assert blank_nlp.pipe_names[2:] == list(raadslens.extract.components.PIPES)
    doc = blank_nlp("De begrotingen werkten")
    assert [t.lemma_ for t in doc[1:]] == ["begroting", "werken"]


def test_extract_text_offsets_and_kinds(blank_nlp):
    text = ("Zaaknummer 3825997\n\nOp 16 oktober jl. besprak de raad €983.000 (S) en "
            "€\n350.000 incidenteel.")
    ms = extract_text(text, dt.date(2024, 11, 5), nlp=blank_nlp)
    assert all(isinstance(m, Mention) and text[m.start:m.end] == m.text for m in ms)
    assert [(m.kind, m.text) for m in ms] == [
        (MentionKind.zaaknummer, "3825997"), (MentionKind.date, "16 oktober jl."),
        (MentionKind.money, "€983.000 (S)"), (MentionKind.money, "€\n350.000")]
    assert ms[1].value.start == dt.date(2024, 10, 16)
    assert ms[3].value.recurrence == "incidental"


def test_extract_pages_numbers_reference_date_and_regions(blank_nlp):
    pages = [(1, "Op 9 juli jl. besloot het AB."), (2, "Tabel\t€ 250\n"), (3, "")]
    ms = extract_pages(pages, dt.date(2025, 7, 20), nlp=blank_nlp,
                       scale_regions={2: [(0, 12, 1000)]})
    assert [(m.page, m.kind.value, m.text) for m in ms] == [(1, "date", "9 juli jl."),
                                                           (2, "money", "€ 250")]
    assert ms[0].value.start == dt.date(2025, 7, 9)
    assert ms[1].value.cents == 25_000_000 and ms[1].value.scale == 1000


def test_pillar_carries_over_pages(blank_nlp):
    pages = [(1, "Pijler 3: Veiligheid\n\nTekst."), (2, "Voorstel 5: Meldpunt\nTekst."),
             (3, "4.1 Financiën\n\nVoorstel 6: Tabel")]
    props = [m for m in extract_pages(pages, nlp=blank_nlp) if m.kind == "proposal"]
    assert [(m.page, m.value.pillar) for m in props] == [(2, "Veiligheid"), (3, None)]


def test_proposals_across_pages(blank_nlp):
    """Seed 001 cut into 60-line pages: options and amounts continue on later pages."""
    pages = chunks(SEED_001, 60)
    props = [m for m in extract_pages(pages, dt.date(2025, 3, 13), nlp=blank_nlp)
             if m.kind == "proposal" and m.value.options and m.value.options[0].scenario]
    assert [m.value.number for m in props] == [1, 2, 3, 4, 5, 6]
    assert [[o.effects for o in m.value.options] for m in props] == [
        [[-18_500_000], [0]], [[-8_000_000], [0]], [[-13_400_000], [0]],
        [[-2_500_000], [10_000_000]], [[-9_500_000], [0]], [[0], [11_700_000]]]
    pgl = "Publieke gezondheid & leefomgeving"
    assert [m.value.pillar for m in props] == ["Jeugd", pgl, pgl, pgl, "Veiligheid", "Veiligheid"]
    for m in props:
        assert dict(pages)[m.page][m.start:m.end] == m.text


def test_proposals_without_money_pipe():
    nlp = spacy.blank("nl")
    nlp.add_pipe("raadslens_proposals")
    text = "Voorstel 1: X\nKeuzemogelijkheden zijn: 1. Stoppen (Scenario Kern)\n\n1. Stoppen -€ 5\n"
    (m,) = extract_text(text, nlp=nlp)
    assert m.value.options[0].effects == [-500]


def test_model_from_disk_and_env_var(tmp_path, monkeypatch):
    """The 'real model' path: a trained-free pipeline saved with to_disk, loaded by path."""
    base = spacy.blank("nl")
    base.add_pipe("sentencizer")
    base.initialize()
    path = tmp_path / "nl_small"
    base.to_disk(path)

    nlp = load_nlp(path)
    assert nlp.pipe_names == ["sentencizer", *raadslens.extract.components.PIPES]
    assert load_nlp(path) is nlp  # cached: one model per process
    ms = extract_text("Per 1 januari 2025 +€ 100.000.", nlp=nlp)
    assert [m.text for m in ms] == ["1 januari 2025", "+€ 100.000"]

    # a saved pipeline that already contains the raadslens pipes loads as well
    nlp.to_disk(tmp_path / "with_pipes")
    again = build_nlp(tmp_path / "with_pipes")
    assert again.pipe_names.count("raadslens_money") == 1

    monkeypatch.setenv(nlp_mod.ENV_VAR, str(path))
    assert resolve_model_name() == str(path)
    assert load_nlp() is nlp


def test_mentions_only_pipeline_leaves_out_the_model_pipes_and_finds_the_same(tmp_path):
    """The batch job loads the model without its own components; the mentions do not change."""
    base = spacy.blank("nl")
    base.add_pipe("sentencizer")
    base.add_pipe("lemmatizer", config={"mode": "lookup"})
    base.initialize()
    path = tmp_path / "nl_with_pipes"
    base.to_disk(path)
    full, lean = load_nlp(path), load_nlp(path, mentions_only=True)
    assert full.pipe_names == ["sentencizer", "lemmatizer", *raadslens.extract.components.PIPES]
    assert lean.pipe_names == list(raadslens.extract.components.PIPES)
    assert build_nlp(BLANK, mentions_only=True).pipe_names == list(raadslens.extract.components.PIPES)

    text = ("Op 12 maart 2024 besloot het algemeen bestuur (kenmerk Z/24/082517) tot een bezuiniging "
            "van € 1,2 miljoen per 1 januari 2025.\n\nVoorstel 1: Veilig Thuis Twente\n"
            "Keuzemogelijkheden zijn: 1. Stoppen (Scenario Kern)\n\n1. Stoppen -€ 500.000\n")
    found = extract_text(text, nlp=lean)
    assert {m.kind for m in found} >= {MentionKind.date, MentionKind.money, MentionKind.zaaknummer,
                                      MentionKind.proposal}
    assert found == extract_text(text, nlp=full)


def test_mentions_only_pipeline_splits_at_whitespace_and_finds_the_same_on_a_real_seed():
    """The batch job's tokenizer has no affix rules (spans only carry exact offsets); on a
    real council text every mention, value and offset equals the full pipeline's."""
    lean, full = build_nlp(BLANK, mentions_only=True), build_nlp(BLANK)
    assert [t.text for t in lean.make_doc("kost -€ 185.000,- (2024).")] == ["kost", "-€", "185.000,-", "(2024)."]
    assert len(full.make_doc("kost -€ 185.000,- (2024).")) > 4  # the Dutch tokenizer splits affixes
    pages = chunks(SEED_001)
    found = extract_pages(pages, dt.date(2024, 11, 5), nlp=lean)
    assert len(found) > 20 and {m.kind for m in found} >= {MentionKind.date, MentionKind.money}
    assert found == extract_pages(pages, dt.date(2024, 11, 5), nlp=full)


def test_unknown_model_name_is_explained(monkeypatch):
    monkeypatch.setenv(nlp_mod.ENV_VAR, "nl_no_such_model")
    with pytest.raises(OSError, match="neither an installed package"):
        build_nlp()


def test_default_falls_back_to_blank(monkeypatch):
    monkeypatch.delenv(nlp_mod.ENV_VAR, raising=False)
    if not spacy.util.is_package("nl_core_news_lg"):
        assert resolve_model_name() == BLANK


def test_seed_001_in_chunks(blank_nlp):
    ms = extract_pages(chunks(SEED_001), dt.date(2025, 3, 13), nlp=blank_nlp)
    money = [m for m in ms if m.kind == "money"]
    by_text: dict[str, list] = {}
    for m in money:
        by_text.setdefault(m.text, []).append(m.value)
    assert by_text["€983.000"][0].recurrence == "structural"
    assert by_text["€983.000"][0].cents == 98_300_000
    assert {v.cents for v in by_text["+€ 983.000"]} == {98_300_000}
    assert by_text["-€ 185.000"][0].cents == -18_500_000
    assert by_text["-€ 134.000 (I)"][0].recurrence == "incidental"
    assert by_text["€290.000 (S)"][0].recurrence == "structural"
    assert by_text["+€1.433.000"][0].cents == 143_300_000
    assert by_text["€ 117.000, -"][0].cents == 11_700_000
    assert by_text["+€ 1.650.000"][0].cents == 165_000_000
    assert all(v.pm and v.cents is None for v in by_text["0 (evt. PM)"])
    dates = {m.text: m.value for m in ms if m.kind == "date"}
    assert dates["26 maart 2025"].start == dt.date(2025, 3, 26)
    assert dates["medio 2025"].granularity == "month"
    assert dates["het eerste kwartaal 2025"].granularity == "quarter"
    for m in ms:
        page_text = dict(chunks(SEED_001))[m.page]
        assert page_text[m.start:m.end] == m.text


def test_seed_000_letterhead(blank_nlp):
    text = (DATA / "000_5eb8dd188f5f5dd0.txt").read_text()
    ms = extract_text(text, dt.date(2024, 11, 5), nlp=blank_nlp)
    zaak = [m for m in ms if m.kind == "zaaknummer"]
    assert [(m.text, m.value.role) for m in zaak] == [("3825997", "own")]
    dates = {m.text: m.value for m in ms if m.kind == "date"}
    assert dates["16 oktober jl."].start == dt.date(2024, 10, 16)
    assert dates["week van 31 maart 2025"].granularity == "week"


@pytest.mark.parametrize("name,date", [("000_5eb8dd188f5f5dd0", dt.date(2024, 11, 5)),
                                       ("004_29f971f030307980", dt.date(2024, 7, 16))])
def test_reference_date_from_letterhead(blank_nlp, name, date):
    text = (DATA / f"{name}.txt").read_text()
    assert infer_reference_date(text) == date
    ms = extract_pages([(1, text[:3000]), (2, text[3000:])], nlp=blank_nlp)
    if name.startswith("000"):  # "16 oktober jl." resolved against the letter date
        (jl,) = [m for m in ms if m.text == "16 oktober jl."]
        assert jl.value.start == dt.date(2024, 10, 16)


def test_seed_004_letterhead_and_kenmerk(blank_nlp):
    text = (DATA / "004_29f971f030307980.txt").read_text()
    zaak = [m for m in extract_text(text, dt.date(2024, 7, 16), nlp=blank_nlp)
            if m.kind == "zaaknummer"]
    assert [(m.text, m.value.label, m.value.role) for m in zaak] == [
        ("3777670", "zaaknummer", "own"), ("3777670", "zaaknummer", "own"),
        ("A24STW-42", "ons kenmerk", "own")]


