"""Re-anchor gold spans after an ingest change moved text on a page (not a scorer).

Usage: python tests/data/gold/tools/reanchor.py OLD_TEXTS.json GOLD.jsonl [...]

OLD_TEXTS.json maps "file|page" to the page text the gold was annotated on (dump it with
`--dump` before the ingest change). For every gold page whose text changed, each mention
is found again in the new text: among the occurrences of its exact text, the one whose
surrounding 40 characters best match the old surroundings (rapidfuzz). `occurrence` and
`text_sha1` are rewritten; a mention whose best match is poor is printed for a human to
check. Values are never touched: the gold still says what the page says.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from rapidfuzz import fuzz

from raadslens.extract.evaluate import PageTexts, load_gold, occurrences


def _texts(gold_files: list[str]) -> dict[str, str]:
    pages = load_gold(gold_files)
    texts = PageTexts(pages)
    return {f"{g['file']}|{g['page']}": texts.get(g["file"], g["page"], bool(g.get("ocr"))) or "" for g in pages}


def dump(out: str, gold_files: list[str]) -> None:
    Path(out).write_text(json.dumps(_texts(gold_files), ensure_ascii=False), encoding="utf-8")


def reanchor(old_path: str, gold_files: list[str]) -> None:
    old = json.loads(Path(old_path).read_text(encoding="utf-8"))
    new = _texts(gold_files)
    for f in gold_files:
        lines = Path(f).read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            rec = json.loads(line) if line.strip() else None
            if not rec or "file" not in rec:
                out.append(line)
                continue
            key = f"{rec['file']}|{rec['page']}"
            before, after = old.get(key), new.get(key)
            annotated_on_before = before is not None and hashlib.sha1(
                before.encode("utf-8")).hexdigest() == rec.get("text_sha1")
            if before is None or after is None or before == after or not annotated_on_before:
                out.append(line)
                continue
            used: set[tuple[str, int]] = set()  # one gold span per occurrence, as before
            for m in rec["mentions"]:
                at = occurrences(before, m["text"])[m["occurrence"]]
                left, right = before[max(0, at - 40):at], before[at + len(m["text"]):at + len(m["text"]) + 40]
                cands = occurrences(after, m["text"])
                scored = [(fuzz.ratio(left, after[max(0, c - 40):c]) + fuzz.ratio(
                    right, after[c + len(m["text"]):c + len(m["text"]) + 40]), i) for i, c in enumerate(cands)
                    if (m["text"], i) not in used]
                score, best = max(scored)
                used.add((m["text"], best))
                if score < 120:
                    print(f"CHECK {key} {m['text']!r}: best context score {score:.0f}")
                m["occurrence"] = best
            rec["text_sha1"] = hashlib.sha1(after.encode("utf-8")).hexdigest()
            print(f"re-anchored {key} ({len(rec['mentions'])} mentions)")
            out.append(json.dumps(rec, ensure_ascii=False))
        Path(f).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1] == "--dump":
        dump(sys.argv[2], sys.argv[3:])
    else:
        reanchor(sys.argv[1], sys.argv[2:])
