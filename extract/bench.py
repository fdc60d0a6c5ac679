"""Extraction throughput: tokens/s of `extract_pages` against the bare tokenizer.

    python -m extract.bench [PDF ...] [--repeat 3] [--profile]

Reads the PDFs once (ingest, no OCR), then times, in the same process and run,
`spacy.blank("nl")`'s tokenizer over all pages (the baseline) and `extract_pages`
per document (the whole raadslens pipeline, subjects included), in CPU time of
this process (other load on the machine skews wall time). Prints pages/s,
tokens/s and the ratio extract/tokenizer (best of `--repeat` runs).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RAADSLENS_SHARED", REPO.parent / "shared"))
DEFAULT_PDFS = [REPO / "corpus" / "pdf" / "2025-03-13_eindrapport_kerntakendiscussie.pdf",
                SHARED / "realworld" / "was_begroting_2024.pdf"]


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main(argv: list[str] | None = None) -> None:
    import spacy

    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import extract_pages
    from raadslens.ingest import read_pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT_PDFS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    docs = []
    for p in args.pdfs:
        d = read_pdf(p, ocr=False)
        docs.append(([(pg.number, pg.text) for pg in d.pages], d.date))
    texts = [t for pages, _ in docs for _, t in pages]
    blank = spacy.blank("nl")
    tokens = sum(len(blank.make_doc(t)) for t in texts)
    nlp = load_nlp()
    extract_pages(*docs[0], nlp=nlp)  # warm up (caches, lazy imports)

    def run_tok():
        for _doc in blank.tokenizer.pipe(texts):  # type: ignore[union-attr]  # spaCy types the tokenizer as a plain callable
            pass

    def run_extract():
        for pages, date in docs:
            extract_pages(pages, date, nlp=nlp)

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run_extract()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    t_tok = _best(run_tok, args.repeat)
    t_ext = _best(run_extract, args.repeat)
    n = len(texts)
    print(f"model: {nlp.meta.get('name', '?')} pipes: {nlp.pipe_names}")
    print(f"pages {n}, tokens {tokens} ({tokens / n:.0f}/page)")
    print(f"tokenizer (spacy.blank('nl')): {tokens / t_tok:>10,.0f} tokens/s {n / t_tok:>8,.0f} pages/s")
    print(f"extract_pages:                 {tokens / t_ext:>10,.0f} tokens/s {n / t_ext:>8,.0f} pages/s")
    print(f"ratio extract/tokenizer: {t_tok / t_ext:.3f}")


if __name__ == "__main__":
    main()
