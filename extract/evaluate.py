"""Score the extraction stage against the hand-checked gold set (tests/data/gold/).

    from raadslens.extract.evaluate import evaluate, format_table, default_gold_files
    result = evaluate(default_gold_files())
    print(format_table(result, verbose=True))

Gold format (one JSON object per line, one line per page; see tests/data/gold/README.md):
`file` ("corpus/pdf/NAME.pdf" or "realworld/NAME.pdf"), `page` (1-based),
`reference_date`, `ocr` (read the page with OCR), `text_sha1` (of the page text that
was annotated) and `mentions`: `kind`, `text`, `occurrence` (0-based index among all
— also overlapping — occurrences of `text` in the page text), `value`, and
`optional: true` for debatable mentions (never a miss; a prediction on one is ignored).

Matching, per page and kind: a predicted mention matches a gold mention when their
character spans overlap; the matching is one-to-one (pairs with equal value, then
equal boundaries, then the largest overlap are taken first). SPAN scores count these
matches; VALUE scores count only matches whose normalised values are equal:
date start/end/granularity, money cents and recurrence, zaaknummer number (case and
whitespace ignored). Predictions that overlap an optional gold mention and match no
required one are left out of both scores.

The baseline is dateparser's `search_dates(text, languages=["nl"])` (a dev/bench
dependency, not a runtime one), scored on dates with the same matcher, every hit
read as one day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

KINDS = ("date", "money", "zaaknummer")
REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO / "tests" / "data" / "gold"
DEFAULT_ROOTS = {"corpus/": REPO, "realworld/": Path(os.environ.get("RAADSLENS_SHARED", REPO.parent / "shared"))}


# The gold is split by document (tests/data/gold/README.md): the TUNE part may guide rules,
# the TEST part (test-*.jsonl) is only ever scored; heldout.jsonl is the older held-out
# file (its documents also occur in the tune part) and metadata.jsonl is document-level.
NOT_MENTION_GOLD = ("heldout", "test-", "metadata")


def default_gold_files() -> list[Path]:
    """The tune part: every mention gold file but the test, held-out and metadata files."""
    return sorted(f for f in GOLD_DIR.glob("*.jsonl") if not f.name.startswith(NOT_MENTION_GOLD))


def split_test_files() -> list[Path]:
    """The test part: never used for tuning, only reported."""
    return sorted(GOLD_DIR.glob("test-*.jsonl"))


def load_gold(gold_files: Iterable[Path]) -> list[dict]:
    pages = []
    for f in gold_files:
        for n, line in enumerate(Path(f).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                if "file" not in rec:  # the header line ({"gold_header": ...})
                    continue
                rec["_source"] = f"{Path(f).name}:{n}"
                pages.append(rec)
    return pages


def pdf_path(file: str, roots: dict[str, Path] | None = None) -> Path:
    for prefix, root in (roots or DEFAULT_ROOTS).items():
        if file.startswith(prefix):
            return Path(root) / file
    return REPO / file


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of all (also overlapping) occurrences of `needle` in `text`."""
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


class PageTexts:
    """Page texts from ingest, read once per file: ocr=False pages from a whole-document
    read (furniture detection looks across pages), OCR pages from a read of just the
    gold's OCR pages of that file."""

    def __init__(self, gold_pages: list[dict], roots: dict[str, Path] | None = None):
        self.roots = roots
        self.ocr_pages: dict[str, list[int]] = {}
        for g in gold_pages:
            if g.get("ocr"):
                self.ocr_pages.setdefault(g["file"], []).append(g["page"])
        self._cache: dict[tuple[str, bool], dict[int, str]] = {}

    def get(self, file: str, page: int, ocr: bool) -> str | None:
        from raadslens.ingest import read_pdf

        key = (file, ocr)
        if key not in self._cache:
            path = pdf_path(file, self.roots)
            doc = read_pdf(path, ocr=ocr, pages=self.ocr_pages.get(file) if ocr else None)
            self._cache[key] = {p.number: p.text for p in doc.pages}
        return self._cache[key].get(page)


# ---------------------------------------------------------------- values

def _norm_number(s: str) -> str:
    return "".join(str(s).split()).upper()


def norm_value(kind: str, value) -> tuple | None:
    """The comparable part of a value (gold dict or pydantic model)."""
    if value is None:
        return None
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if kind == "date":
        return (str(value["start"]), str(value["end"]), value["granularity"])
    if kind == "money":
        return (value.get("cents"), value.get("recurrence"))
    if kind == "zaaknummer":
        return (_norm_number(value["number"]),)
    return None


def _show(kind: str, value) -> str:
    v = norm_value(kind, value)
    if v is None:
        return "-"
    if kind == "date":
        s, e, g = v
        return f"{s}..{e} {g}" if s != e else f"{s} {g}"
    if kind == "money":
        cents, rec = v
        amount = "PM" if cents is None else f"{cents / 100:.2f} EUR"
        return amount + (f" {rec}" if rec else "")
    return v[0]


# ---------------------------------------------------------------- matching


def _match(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[int, int]], set[int]]:
    """One-to-one matching of overlapping spans (same kind).

    gold/pred items: {"start", "end", "value" (normalised), "optional"}. Returns the
    matched (gold index, pred index) pairs and the pred indices to ignore (overlapping
    only optional gold)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > 0:
                pairs.append((not g["optional"], g["value"] == p["value"],
                              (g["start"], g["end"]) == (p["start"], p["end"]), ov, gi, pi))
    pairs.sort(key=lambda x: (x[0], x[1], x[2], x[3]), reverse=True)
    used_g, used_p, matched, ignored = set(), set(), [], set()
    for req, _, _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        if req:
            matched.append((gi, pi))
        else:
            ignored.add(pi)
    for _, _, _, _, gi, pi in pairs:  # still unmatched but on an optional mention
        if pi not in used_p and gold[gi]["optional"]:
            ignored.add(pi)
    return matched, ignored


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


class _Scorer:
    def __init__(self, kinds: Iterable[str]):
        self.kinds = tuple(kinds)
        self.counts = {k: {"gold": 0, "pred": 0, "span_tp": 0, "value_tp": 0, "exact_span": 0,
                           "ignored": 0} for k in self.kinds}
        self.errors: list[dict] = []

    def add_page(self, where: dict, text: str, gold: list[dict], pred: list[dict]) -> None:
        for kind in self.kinds:
            g = [m for m in gold if m["kind"] == kind]
            p = [m for m in pred if m["kind"] == kind]
            matched, ignored = _match(g, p)
            c = self.counts[kind]
            c["gold"] += sum(1 for m in g if not m["optional"])
            c["pred"] += len(p) - len(ignored)
            c["ignored"] += len(ignored)
            c["span_tp"] += len(matched)
            got_g = {gi for gi, _ in matched}
            got_p = {pi for _, pi in matched} | ignored
            for gi, pi in matched:
                gm, pm = g[gi], p[pi]
                if (gm["start"], gm["end"]) == (pm["start"], pm["end"]):
                    c["exact_span"] += 1
                if gm["value"] == pm["value"]:
                    c["value_tp"] += 1
                else:
                    self.errors.append({**where, "kind": kind, "type": "value",
                                        "text": gm["text"], "got_text": pm["text"],
                                        "expected": gm["show"], "got": pm["show"]})
            for gi, gm in enumerate(g):
                if gi not in got_g and not gm["optional"]:
                    self.errors.append({**where, "kind": kind, "type": "miss", "text": gm["text"],
                                        "context": _context(text, gm["start"], gm["end"]),
                                        "expected": gm["show"], "got": None})
            for pi, pm in enumerate(p):
                if pi not in got_p:
                    self.errors.append({**where, "kind": kind, "type": "false_positive",
                                        "text": pm["text"],
                                        "context": _context(text, pm["start"], pm["end"]),
                                        "expected": None, "got": pm["show"]})

    def result(self) -> dict:
        per_kind, tot = {}, {"gold": 0, "pred": 0, "span_tp": 0, "value_tp": 0, "exact_span": 0,
                             "ignored": 0}
        for k, c in self.counts.items():
            per_kind[k] = _summary(c)
            for key in tot:
                tot[key] += c[key]
        return {"per_kind": per_kind, "total": _summary(tot), "errors": self.errors}


def _summary(c: dict) -> dict:
    return {"gold": c["gold"], "pred": c["pred"], "ignored_on_optional": c["ignored"],
            "exact_span": c["exact_span"],
            "span": _prf(c["span_tp"], c["pred"], c["gold"]),
            "value": _prf(c["value_tp"], c["pred"], c["gold"])}


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    s = text[max(0, start - width):start] + "[" + text[start:end] + "]" + text[end:end + width]
    return " ".join(s.split())


# ---------------------------------------------------------------- systems


def _system_mentions(pages_by_ref: list[tuple[dt.date, list[tuple[int, str]]]], nlp):
    from raadslens.extract.pipeline import extract_pages

    out: dict[int, list] = {}
    for ref, pages in pages_by_ref:
        for m in extract_pages(pages, reference_date=ref, nlp=nlp):
            out.setdefault(m.page, []).append(m)
    return out


def _dateparser_hits(text: str, ref: dt.date):
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime(ref.year, ref.month, ref.day)}
    found = search_dates(text, languages=["nl"], settings=settings) or []
    hits, pos = [], 0
    for sub, when in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        pos = i + len(sub)
        d = when.date().isoformat()
        hits.append({"kind": "date", "start": i, "end": i + len(sub), "text": sub,
                     "value": (d, d, "day"), "show": f"{d} day"})
    return hits


def baseline_available() -> str | None:
    """dateparser's version when importable, else None."""
    import importlib.util
    if importlib.util.find_spec("dateparser") is None:
        return None
    return getattr(__import__("dateparser"), "__version__", "?")


# ---------------------------------------------------------------- evaluate


def evaluate(gold_files: list[Path], nlp=None, *, include_ocr: bool = True, baseline: bool = True,
             roots: dict[str, Path] | None = None) -> dict:
    """Precision, recall and F1 per kind (span and value-exact) of the extractor on the
    gold pages, plus the dateparser baseline for dates (when installed)."""
    gold_pages = [g for g in load_gold(gold_files) if include_ocr or not g.get("ocr")]
    texts = PageTexts(gold_pages, roots)
    warnings: list[str] = []
    prepared = []  # (gold page, text, gold mentions with offsets)
    for g in gold_pages:
        where = f"{g['file']} p{g['page']}"
        try:
            text = texts.get(g["file"], g["page"], bool(g.get("ocr")))
        except Exception as exc:  # noqa: BLE001 - report, do not stop the evaluation
            warnings.append(f"{where}: cannot read ({exc})")
            continue
        if text is None:
            warnings.append(f"{where}: page not in document")
            continue
        if hashlib.sha1(text.encode("utf-8")).hexdigest() != g.get("text_sha1"):
            warnings.append(f"{where}: page text differs from the annotated text (text_sha1); "
                            "gold spans may be stale")
        gm = []
        for m in g["mentions"]:
            occ = occurrences(text, m["text"])
            k = m.get("occurrence", 0)
            if k >= len(occ):
                warnings.append(f"{where}: gold {m['kind']} {m['text']!r} occurrence {k} not found")
                continue
            gm.append({"kind": m["kind"], "text": m["text"], "start": occ[k],
                       "end": occ[k] + len(m["text"]), "optional": bool(m.get("optional")),
                       "value": norm_value(m["kind"], m["value"]),
                       "show": _show(m["kind"], m["value"])})
        prepared.append((g, text, gm))

    # run the system: one extract_pages call per (file, reference date), pages renumbered
    # so that they stay distinct within the call
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (g, _, _) in enumerate(prepared):
        groups.setdefault((g["file"], g["reference_date"]), []).append(i)
    if nlp is None:
        from raadslens.extract.nlp import load_nlp
        nlp = load_nlp()
    sys_pred: dict[int, list[dict]] = {}
    for (_, ref), idxs in groups.items():
        pages = [(i + 1, prepared[i][1]) for i in idxs]
        found = _system_mentions([(dt.date.fromisoformat(ref), pages)], nlp)
        for i in idxs:
            sys_pred[i] = [{"kind": m.kind.value if hasattr(m.kind, "value") else str(m.kind),
                            "start": m.start, "end": m.end, "text": m.text,
                            "value": norm_value(str(getattr(m.kind, "value", m.kind)), m.value),
                            "show": _show(str(getattr(m.kind, "value", m.kind)), m.value)}
                           for m in found.get(i + 1, [])]

    system = _Scorer(KINDS)
    for i, (g, text, gm) in enumerate(prepared):
        system.add_page({"file": g["file"], "page": g["page"]}, text, gm, sys_pred.get(i, []))

    result = {
        "gold_files": [str(f) for f in gold_files],
        "pages": len(prepared),
        "ocr_pages": sum(1 for g, _, _ in prepared if g.get("ocr")),
        "warnings": warnings,
        "system": system.result(),
    }
    if baseline:
        version = baseline_available()
        if version is None:
            result["baseline"] = {"name": "dateparser", "error": "dateparser is not installed"}
        else:
            bl = _Scorer(("date",))
            for g, text, gm in prepared:
                bl.add_page({"file": g["file"], "page": g["page"]}, text, gm,
                            _dateparser_hits(text, dt.date.fromisoformat(g["reference_date"])))
            result["baseline"] = {"name": f"dateparser {version} search_dates(languages=['nl'])",
                                  **bl.result()}
    return result


# ---------------------------------------------------------------- report


def _rows(block: dict) -> list[str]:
    out = []
    for kind, s in list(block["per_kind"].items()) + [("total", block["total"])]:
        sp, va = s["span"], s["value"]
        out.append(f"{kind:<11} {s['gold']:>5} {s['pred']:>5} | {sp['p']:>5.3f} {sp['r']:>5.3f} "
                   f"{sp['f1']:>5.3f} | {va['p']:>5.3f} {va['r']:>5.3f} {va['f1']:>5.3f}")
    return out


def format_table(result: dict, verbose: bool = False) -> str:
    """Plain-text table: kind | gold | pred | P R F1 (span) | P R F1 (value-exact)."""
    head = (f"{'kind':<11} {'gold':>5} {'pred':>5} | {'span':^17} | {'value-exact':^17}\n"
            f"{'':<11} {'':>5} {'':>5} | {'P':>5} {'R':>5} {'F1':>5} | {'P':>5} {'R':>5} {'F1':>5}")
    lines = [f"gold pages: {result['pages']} (OCR: {result.get('ocr_pages', 0)})", "",
             "raadslens", head, *_rows(result["system"])]
    bl = result.get("baseline")
    if bl:
        lines += ["", f"baseline: {bl['name']}"]
        lines += [bl["error"]] if "error" in bl else [head, *_rows(bl)]
    if result["warnings"]:
        lines += ["", "warnings:"] + [f"  {w}" for w in result["warnings"]]
    if verbose:
        for name, block in (("raadslens", result["system"]), ("baseline", bl or {})):
            errors = block.get("errors") or []
            if not errors:
                continue
            lines += ["", f"{name}: misses, false positives and wrong values ({len(errors)})"]
            for e in errors:
                src = f"{Path(e['file']).name} p{e['page']}"
                if e["type"] == "value":
                    detail = (f"{e['text']!r} expected {e['expected']}, got {e['got']}"
                              + (f" (as {e['got_text']!r})" if e["got_text"] != e["text"] else ""))
                elif e["type"] == "miss":
                    detail = f"{e['text']!r} expected {e['expected']}  …{e['context']}…"
                else:
                    detail = f"{e['text']!r} got {e['got']}  …{e['context']}…"
                lines.append(f"  {e['type']:<14} {e['kind']:<10} {src}: {detail}")
    return "\n".join(lines)
