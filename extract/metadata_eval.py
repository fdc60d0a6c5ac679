"""Document metadata against the hand-checked gold (tests/data/gold/metadata.jsonl).

Per field (doc_type, organisation, date, zaaknummer, title) the share of documents
where ingest's value equals the gold: a null gold is right only when ingest also says
nothing (a guess where the document is silent is wrong). Titles are compared folded
(case, accents, punctuation and spacing ignored), with a near match (rapidfuzz ratio
≥ 90) allowed for line-break noise. Each document is read on its first `MAX_PAGES` pages. Documents are split as the mention gold is: a file
with pages in a test-*.jsonl file is a TEST document, every other one TUNE.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from raadslens.extract.evaluate import GOLD_DIR, load_gold, pdf_path, split_test_files
from raadslens.models.normalize import fold

FIELDS = ("doc_type", "organisation", "date", "zaaknummer", "title")
METADATA_GOLD = GOLD_DIR / "metadata.jsonl"


def load_metadata_gold(path: Path = METADATA_GOLD) -> list[dict[str, Any]]:
    """The per-file records (relations and the header are left out)."""
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "file" in r and "relation" not in r]


def _norm(field: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    if field == "zaaknummer":
        return re.sub(r"\s+", "", text).upper()
    if field in ("title", "organisation"):
        return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())
    return text[:10] if field == "date" else text


def same(field: str, gold: Any, got: Any) -> bool:
    g, o = _norm(field, gold), _norm(field, got)
    if g is None or o is None:
        return g is o
    if field == "title":
        return g == o or fuzz.ratio(g, o) >= 90
    return g == o


MAX_PAGES = 12  # a document's metadata stands on its first pages; OCR of all 203 of a jaarrekening would take 15 min


def system_metadata(file: str, *, ocr: bool, max_pages: int | None = MAX_PAGES) -> dict[str, Any]:
    """What ingest says about a document, read as the batch job reads it (ingest, then the
    facts only mentions give), on its first `max_pages` pages."""
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import complete_document
    from raadslens.ingest import read_pdf

    pages = range(1, max_pages + 1) if max_pages else None
    doc = complete_document(read_pdf(pdf_path(file), ocr=ocr, pages=pages), nlp=load_nlp(mentions_only=True))
    return {"doc_type": doc.doc_type, "organisation": getattr(doc, "organisation", None),
            "date": doc.date.isoformat() if doc.date else None, "zaaknummer": doc.zaaknummer,
            "title": doc.title}


def evaluate_metadata(path: Path = METADATA_GOLD, *, ocr: bool = True) -> dict[str, Any]:
    """{"tune": {...}, "test": {...}, "errors": [...]}: per split, the documents and the
    accuracy per field and overall."""
    test_files = {g["file"] for g in load_gold(split_test_files())}
    counts: dict[str, dict[str, list[int]]] = {"tune": {}, "test": {}}
    errors: list[dict[str, Any]] = []
    for gold in load_metadata_gold(path):
        split = "test" if gold["file"] in test_files else "tune"
        try:
            got = system_metadata(gold["file"], ocr=ocr)
        except Exception as exc:  # noqa: BLE001 - an unreadable file is a failure on every field
            got = dict.fromkeys(FIELDS)
            errors.append({"file": gold["file"], "field": "*", "expected": None, "got": f"error: {exc}"})
        for field in FIELDS:
            ok = same(field, gold.get(field), got.get(field))
            right, total = counts[split].setdefault(field, [0, 0])
            counts[split][field] = [right + ok, total + 1]
            if not ok:
                errors.append({"file": gold["file"], "split": split, "field": field,
                               "expected": gold.get(field), "got": got.get(field)})
    out: dict[str, Any] = {"errors": errors}
    for split, per_field in counts.items():
        right = sum(r for r, _ in per_field.values())
        total = sum(t for _, t in per_field.values())
        out[split] = {
            "documents": per_field.get("doc_type", [0, 0])[1],
            "per_field": {f: (r / t if t else 0.0) for f, (r, t) in per_field.items()},
            "accuracy": right / total if total else 0.0, "checks": total, "right": right,
        }
    return out


def format_metadata(result: dict[str, Any], verbose: bool = False) -> str:
    lines = ["document metadata (accuracy: ingest's value equals the gold)",
             f"{'split':<6} {'docs':>5} " + " ".join(f"{f:>12}" for f in FIELDS) + f" {'all':>7}"]
    for split in ("tune", "test"):
        r = result.get(split) or {}
        if not r.get("documents"):
            lines.append(f"{split:<6} {0:>5}  (no gold documents)")
            continue
        lines.append(f"{split:<6} {r['documents']:>5} "
                     + " ".join(f"{r['per_field'].get(f, 0.0):>12.3f}" for f in FIELDS)
                     + f" {r['accuracy']:>7.3f}")
    if verbose:
        for e in result["errors"]:
            lines.append(f"  {e.get('split', ''):<5} {e['field']:<12} {Path(e['file']).name}: "
                         f"expected {e['expected']!r}, got {e['got']!r}")
    return "\n".join(lines)
