"""The extraction stage against the hand-checked gold set (tests/data/gold/).

Only pages read without OCR are used here (the OCR page is scored by `raadslens eval`).
The value-exact F1 threshold is the project's requirement: do not lower it, and do not
change the gold to match the extractor (see tests/data/gold/README.md). It holds on
the files the extractor has been brought to (THRESHOLDED); the newer tune and test
parts are checked for form here and scored by `raadslens eval` until it holds there too.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path

import pytest

from raadslens.extract.evaluate import (
    GOLD_DIR,
    KINDS,
    PageTexts,
    default_gold_files,
    evaluate,
    format_table,
    load_gold,
    occurrences,
    pdf_path,
    split_test_files,
)
from raadslens.models import DateValue, MoneyValue, ZaakValue

THRESHOLD = 0.95
VALUE_MODELS = {"date": DateValue, "money": MoneyValue, "zaaknummer": ZaakValue}
THRESHOLDED = [GOLD_DIR / "corpus.jsonl", GOLD_DIR / "realworld.jsonl"]
GOLD = THRESHOLDED
ALL_MENTION_GOLD = [*default_gold_files(), *split_test_files(), GOLD_DIR / "heldout.jsonl"]


def test_gold_files_exist():
    names = {p.name for p in GOLD}
    assert {"corpus.jsonl", "realworld.jsonl"} <= names
    pages = load_gold(GOLD)
    corpus = {(g["file"], g["page"]) for g in pages if g["file"].startswith("corpus/")}
    realworld_files = {g["file"] for g in pages if g["file"].startswith("realworld/")}
    assert len(corpus) >= 25
    assert len(realworld_files) >= 3
    corpus_files = {g["file"] for g in pages if g["file"].startswith("corpus/")}
    assert len(corpus_files) >= 5  # letters, eindrapport, concept, jeugd (+ OCR scan)


def test_gold_is_well_formed():
    """Every gold text is found on its page at its occurrence, with a valid value, and
    gold mentions of a page do not overlap."""
    pages = [g for g in load_gold(ALL_MENTION_GOLD) if not g.get("ocr")]
    texts = PageTexts(pages)
    problems = []
    for g in pages:
        where = f"{g['file']} p{g['page']}"
        assert pdf_path(g["file"]).exists(), where
        text = texts.get(g["file"], g["page"], False)
        assert text is not None, f"{where}: no such page"
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != g["text_sha1"]:
            warnings.warn(f"{where}: page text changed since annotation", stacklevel=1)
        spans = []
        for m in g["mentions"]:
            assert m["kind"] in KINDS, (where, m)
            VALUE_MODELS[m["kind"]].model_validate(m["value"])
            occ = occurrences(text, m["text"])
            if m["occurrence"] >= len(occ):
                problems.append(f"{where}: {m['text']!r} occurrence {m['occurrence']} not found")
                continue
            spans.append((occ[m["occurrence"]], occ[m["occurrence"]] + len(m["text"]), m["text"]))
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]:
                problems.append(f"{where}: gold spans overlap: {a[2]!r} / {b[2]!r}")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def result():
    return evaluate(GOLD, include_ocr=False, baseline=False)


def test_no_stale_gold(result):
    stale = [w for w in result["warnings"] if "not found" in w or "cannot read" in w]
    assert not stale, "\n".join(stale)


@pytest.mark.parametrize("kind", KINDS)
def test_value_exact_f1(result, kind):
    f1 = result["system"]["per_kind"][kind]["value"]["f1"]
    assert f1 >= THRESHOLD, (
        f"{kind}: value-exact F1 {f1:.3f} < {THRESHOLD}\n" + format_table(result, verbose=True))


def test_format_table(result):
    table = format_table(result)
    for kind in KINDS:
        assert kind in table
    assert Path(GOLD[0]).exists()


def test_tune_and_test_parts_share_no_document():
    tune = {g["file"] for g in load_gold(default_gold_files())}
    test = {g["file"] for g in load_gold(split_test_files())}
    assert not tune & test, sorted(tune & test)
    assert set(THRESHOLDED) <= set(default_gold_files())


def test_metadata_gold_is_well_formed_and_covers_every_realworld_file():
    import datetime as dt

    from raadslens.extract.metadata_eval import METADATA_GOLD, load_metadata_gold
    from raadslens.models.doctypes import DOC_TYPES

    if not METADATA_GOLD.exists():
        pytest.skip("no metadata gold yet")
    rows = load_metadata_gold()
    for r in rows:
        assert r["doc_type"] in DOC_TYPES, r
        assert pdf_path(r["file"]).exists(), r["file"]
        if r.get("date"):
            dt.date.fromisoformat(r["date"])
    realworld = {f"realworld/{p.name}" for p in pdf_path("realworld/x.pdf").parent.glob("*.pdf")}
    assert realworld <= {r["file"] for r in rows}, sorted(realworld - {r["file"] for r in rows})
