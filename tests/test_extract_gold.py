"""Regression guard: the extractor on the hand-checked gold pages (tests/data/gold/).

Uses `extract.evaluate` and the ingest stage to read the PDFs; skipped when either is
not importable or a gold PDF is missing. The gold set was also used while developing
the rules, so these are not held-out scores: the test keeps them from slipping.
"""

from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "data" / "gold"
MIN_VALUE_F1 = {"date": 0.97, "money": 0.97, "zaaknummer": 0.95}


def _evaluate(name: str) -> dict:
    evaluate_mod = pytest.importorskip("raadslens.extract.evaluate")
    try:
        import raadslens.ingest  # noqa: F401
    except ImportError as e:
        pytest.skip(f"ingest not importable: {e}")
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    try:
        return evaluate_mod.evaluate([path], include_ocr=False, baseline=False)
    except FileNotFoundError as e:
        pytest.skip(f"gold PDF missing: {e}")


@pytest.mark.parametrize("name", ["corpus.jsonl", "realworld.jsonl"])
def test_gold_value_f1(name):
    result = _evaluate(name)
    scores = {k: v["value"]["f1"] for k, v in result["system"]["per_kind"].items()
              if v["gold"]}
    errors = [e for e in result["system"].get("errors", [])][:10]
    for kind, minimum in MIN_VALUE_F1.items():
        if kind in scores:
            assert scores[kind] >= minimum, (kind, scores, errors)
