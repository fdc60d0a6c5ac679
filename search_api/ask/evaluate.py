"""Score /ask on a hand-written question set: correct, answered wrong, not answered, per split.

The question set (tests/data/questions/questions.jsonl) was written from the
PDFs before the answers were built. A question counts only when its expected
document is in the database (and every unanswerable one always counts). The
verbose listing shows the tune split's misses only: the test split is scored,
never studied.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from raadslens.models.normalize import fold
from raadslens.search_api.ask import Unanswerable, answer
from raadslens.search_api.store import Store

OUTCOMES = ("correct", "wrong", "not answered")
TEXT_MATCH = 70  # rapidfuzz partial_ratio of a text answer against the expected quote or value


def load_questions(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "id" in r]


def _norm(s: Any) -> str:
    return "".join(str(s).split()).casefold()


def _basename(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def judge(q: dict[str, Any], response: dict[str, Any] | None) -> str:
    """One question's outcome. `response` None: refused (422), which counts as not answered."""
    answered = bool(response and response.get("answered"))
    if not q["answerable"]:
        return "wrong" if answered else "correct"
    if not answered or response is None:
        return "not answered"
    exp = q["expected"]
    facts = response.get("facts") or []
    if not facts:
        return "wrong"  # an answer without a fact to check is no answer
    ok = [exp["value"], *(q.get("also_ok") or [])]
    unit = exp["unit"]
    primary = facts[0].get("value")
    if unit == "cents":
        return "correct" if primary in ok else "wrong"
    if unit == "date":
        flat = [x for v in ok for x in (v if isinstance(v, list) else [v])]
        return "correct" if primary in flat else "wrong"
    if unit == "zaaknummer":
        return "correct" if _norm(primary) in {_norm(v) for v in ok} else "wrong"
    if unit == "files":
        want = {_basename(f) for f in exp["value"]}
        got = {_basename(str(f.get("filename") or f.get("value"))) for f in facts}
        return "correct" if want <= got and len(got) <= 2 * len(want) else "wrong"
    # text: the cited page must be the expected one, and the words must match its quote or value
    # a duplicate document that holds the same words ("also_files": [[file, page], …]) is as good a source
    where = {(_basename(exp.get("file") or ""), exp.get("page"))} | {(_basename(f), p) for f, p in exp.get("also_files") or []}
    wants = [exp.get("quote") or ""] + (exp["value"] if isinstance(exp["value"], list) else [exp["value"]])
    for f in facts:
        name = _basename(str(f.get("filename") or ""))
        if not any(name == file and (not page or f.get("page") == page) for file, page in where):
            continue
        said = fold(f"{f.get('display') or ''} {f.get('quote') or ''}")
        if any(w and fuzz.partial_ratio(fold(str(w)), said) >= TEXT_MATCH for w in wants):
            return "correct"
    return "wrong"


@dataclass
class Report:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    skipped: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # tune only

    def table(self, verbose: bool = False) -> str:
        lines = [f"{'split':<6} {'n':>4} {'correct':>8} {'wrong':>6} {'not answered':>13} {'% correct':>10}"]
        for split, c in sorted(self.counts.items(), reverse=True):
            n = sum(c.values())
            lines.append(f"{split:<6} {n:>4} {c['correct']:>8} {c['wrong']:>6} {c['not answered']:>13} "
                         f"{100 * c['correct'] / n if n else 0:>9.1f}%")
        lines.append(f"({self.skipped} questions skipped: their document is not in the database)")
        if verbose:
            lines += [f"  tune {qid} {outcome}: {question} -> {said}" for qid, outcome, question, said in self.misses]
        return "\n".join(lines)


def evaluate_questions(store: Store, path: Path) -> Report:
    stored = {d["filename"] for d in store.list_documents()}
    report = Report()
    for q in load_questions(path):
        files = [q["expected"]["file"]] if q["answerable"] and q["expected"].get("file") else []
        if any(_basename(f) not in stored for f in files):
            report.skipped += 1
            continue
        try:
            response: dict[str, Any] | None = answer(store, q["question"])
        except Unanswerable:
            response = None
        outcome = judge(q, response)
        report.counts.setdefault(q["split"], Counter())[outcome] += 1
        if q["split"] == "tune" and outcome != "correct":
            said = (response or {}).get("answer", "(refused)")
            report.misses.append((q["id"], outcome, q["question"], str(said)[:200]))
    return report
