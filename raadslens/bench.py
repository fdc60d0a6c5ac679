"""The benchmark harness (`raadslens bench`, `make bench`): a benchmark, not a test.

It builds a large corpus deterministically from corpus/ and ../shared/realworld/
(copies whose bytes differ, so every copy is a new document), and measures per
stage and end to end, next to two baselines measured in the same run on the
same files: naive pdfplumber `extract_text()` per page and raw pypdfium2 text
per page. Results go to BENCHMARKS.md with the machine and the command.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
# the shared folder as everywhere else (RAADSLENS_SHARED, else ../shared): run from a checkout
# elsewhere, a hard-coded ../shared silently left the realworld PDFs out of the corpus
SOURCES = [REPO / "corpus" / "pdf", Path(os.environ.get("RAADSLENS_SHARED") or REPO.parent / "shared") / "realworld"]
QUERIES = [
    "veilig thuis", "kerntakendiscussie", '"gezonde school"', "jeugd OR jongeren", "begroting 2024",
    "meldingen", "algemeen bestuur -dagelijks", "zaaknummer", "wob", "besluit", "subsidie", "GGD",
]


@dataclass
class Source:
    path: Path
    pages: int


def source_documents() -> Iterator[tuple[Path, Any]]:
    """(path, Document read without OCR) of every readable source PDF: the corpus and realworld/."""
    from raadslens.ingest import IngestError, read_pdf

    for folder in SOURCES:
        for f in sorted(folder.glob("*.pdf")):
            try:
                yield f, read_pdf(f, ocr=False)
            except IngestError:
                continue


def text_layer_sources() -> list[Source]:
    """The source PDFs with a real text layer (OCR is measured separately)."""
    return [Source(f, len(doc.pages)) for f, doc in source_documents()
            if sum(p.needs_ocr for p in doc.pages) <= 0.1 * len(doc.pages)]  # a text-layer PDF


def build_corpus(target_pages: int, dest: Path, sources: list[Source]) -> tuple[list[Path], int]:
    """Copies of the sources until `target_pages`; each copy gets a distinct trailing comment."""
    dest.mkdir(parents=True, exist_ok=True)
    files, pages, n = [], 0, 0
    while pages < target_pages:
        src = sources[n % len(sources)]
        out = dest / f"{n:06d}_{src.path.name}"
        if not out.exists():
            shutil.copyfile(src.path, out)
            with out.open("ab") as f:
                f.write(f"\n%raadslens-bench-copy {n}\n".encode())
        files.append(out)
        pages += src.pages
        n += 1
    return files, pages


def _rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def baseline_pdfplumber(files: list[Path], max_pages: int) -> float:
    import pdfplumber

    n, t0 = 0, time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                n += 1
                if n >= max_pages:
                    return _rate(n, time.perf_counter() - t0)
    return _rate(n, time.perf_counter() - t0)


def baseline_pypdfium2(files: list[Path]) -> float:
    n, t0 = 0, time.perf_counter()
    for f in files:
        pdf = pdfium.PdfDocument(f)
        for page in pdf:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            n += 1
        pdf.close()
    return _rate(n, time.perf_counter() - t0)


def ingest_only(files: list[Path]) -> tuple[float, list]:
    """PDF → page text and blocks, one process; also returns the pages for extraction."""
    from raadslens.ingest import read_pdf

    n, texts, t0 = 0, [], time.perf_counter()
    for f in files:
        doc = read_pdf(f, ocr=False)
        n += len(doc.pages)
        texts.append(doc)
    return _rate(n, time.perf_counter() - t0), texts


def extraction_rate(docs: list) -> tuple[float, float, float, float]:
    """(tokens/s, extraction ms/page, index-rows ms/page, cold ms/page) on the pages of `ingest_only`.

    Timed on a second pass (a warm vocabulary, as after the first few hundred pages of a
    worker); the first pass is returned as the cold figure.
    """
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import extract_document
    from raadslens.search_api.store import index_rows

    nlp = load_nlp(mentions_only=True)  # as the ingest workers
    cold = time.perf_counter()
    for d in docs:  # first pass: spaCy's vocabulary fills up, as in the first pages of a worker
        extract_document(d, nlp=nlp)
    cold = time.perf_counter() - cold
    t0 = time.perf_counter()
    for d in docs:
        d.mentions = extract_document(d, nlp=nlp)
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    for d in docs:
        index_rows(d)
    rows_s = time.perf_counter() - t1
    n = sum(len(d.pages) for d in docs)
    tokens = sum(len(nlp.tokenizer(p.text)) for d in docs for p in d.pages)
    return _rate(tokens, elapsed), elapsed / n * 1000, rows_s / n * 1000, cold / n * 1000


def end_to_end(files: list[Path], db: Path, workers: int) -> tuple[float, float, int]:
    """(pages/s, seconds, pages) through `raadslens ingest` as a subprocess.

    The time includes what the command does after the last document: the FTS5
    merge, the postings catch-up and the version chains (`Store.finish_ingest`).
    """
    if db.exists():
        db.unlink()
    cmd = [sys.executable, "-m", "raadslens", "ingest", str(files[0].parent), "--db", str(db),
           "--workers", str(workers), "--no-ocr"]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    elapsed = time.perf_counter() - t0
    from raadslens.search_api.store import open_store

    store = open_store(db)
    pages = store.counts()["pages"]
    store.close()
    return _rate(pages, elapsed), elapsed, pages


def eindrapport_seconds() -> float:
    """The eindrapport read, extracted and indexed in-process, model already loaded."""
    import tempfile

    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import extract_document
    from raadslens.ingest import read_pdf
    from raadslens.search_api.store import open_store

    nlp = load_nlp(mentions_only=True)  # as the ingest workers
    path = REPO / "corpus" / "pdf" / "2025-03-13_eindrapport_kerntakendiscussie.pdf"
    best = float("inf")
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "e.db")
            t0 = time.perf_counter()
            doc = read_pdf(path, ocr=False)
            doc.mentions = extract_document(doc, nlp=nlp)
            store.save_document(doc)
            best = min(best, time.perf_counter() - t0)
            store.close()
    return best


QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions" / "questions.jsonl"


def ask_questions() -> list[str]:
    """The hand-written question set's questions (the /ask latency load), when the checkout has it."""
    if not QUESTIONS_FILE.exists():
        return []
    rows = [json.loads(line) for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if "question" in r]


@contextmanager
def served(db: Path, timeout: float = 30) -> Iterator[Any]:
    """An httpx client on `raadslens serve` of `db` (a real server process), once it answers."""
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "raadslens", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout) as c:
            for _ in range(200):
                try:
                    c.get("/documents")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            yield c
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def search_latency(db: Path, rounds: int = 20, *, path: str = "/search",
                   queries: list[str] | None = None) -> tuple[float, float, float]:
    """p50/p95/p99 in ms for the query set (or `queries`) through HTTP against `raadslens serve`."""
    with served(db) as c:
        load = queries or QUERIES
        for q in load[:20]:  # warm-up
            c.get(path, params={"q": q})
        times = []
        for _ in range(rounds):
            for q in load:
                t0 = time.perf_counter()
                r = c.get(path, params={"q": q})
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 422:  # /ask: a question it cannot read is a quick 422, timed too
                    r.raise_for_status()
    qs = statistics.quantiles(times, n=100)
    return qs[49], qs[94], qs[98]


def page_image_latency(db: Path, pages: int = 20, rounds: int = 5) -> tuple[float, float, int]:
    """p95 in ms of a page image (/documenten/{id}/pagina/{n}.png) rendered cold (nothing cached)
    and cached (the same pages again, `rounds` times), over the best hits of the query set: the
    pages people open. Returns (cold p95, cached p95, pages)."""
    from raadslens.search_api.store import open_store

    store = open_store(db)
    shutil.rmtree(store.cache_dir, ignore_errors=True)  # cold: no page rendered yet
    store.close()
    with served(db, timeout=60) as c:
        urls: list[str] = []
        for q in QUERIES:
            for h in c.get("/search", params={"q": q, "limit": 3}).json()["hits"]:
                url = f"/documenten/{h['document_id']}/pagina/{h['page']}.png"
                if url not in urls and len(urls) < pages:
                    urls.append(url)

        def timed(url: str) -> float:
            t0 = time.perf_counter()
            c.get(url).raise_for_status()
            return (time.perf_counter() - t0) * 1000

        cold = [timed(u) for u in urls]
        cached = [timed(u) for _ in range(rounds) for u in urls]
    return statistics.quantiles(cold, n=100)[94], statistics.quantiles(cached, n=100)[94], len(urls)


def search_breakdown(db: Path, rounds: int = 10) -> dict[str, float]:
    """p95 (ms) in-process: FTS5's count + bm25 top 20 (the baseline), the same on the postings,
    and the whole `search()` call (ranking, the hits' rows, snippets).

    Says what dominates the HTTP latency; pooled-connection conditions (one warm connection).
    """
    from raadslens.search_api.answers.search import parse_search, search
    from raadslens.search_api.store import open_store

    store = open_store(db)  # its pooled connections, as the API's
    parts: dict[str, list[float]] = {"FTS5 count + bm25 top 20": [], "postings top 20": [], "search()": []}
    parsed = [(q, parse_search(q)[0]) for q in QUERIES]
    for r in range(rounds + 1):
        for q, p in parsed:
            for name, run in (
                ("FTS5 count + bm25 top 20", lambda p=p: store.baseline_search(p)),
                ("postings top 20", lambda p=p: store.search_pages(p)),
                ("search()", lambda q=q: search(store, q)),
            ):
                t0 = time.perf_counter()
                run()
                if r:  # the first round warms the cache
                    parts[name].append((time.perf_counter() - t0) * 1000)
    store.close()
    return {name: statistics.quantiles(ts, n=100)[94] for name, ts in parts.items()}


def replicate_index(src: Path, dst: Path, target_pages: int) -> tuple[int, float]:
    """A search index of `target_pages` pages: the ingested index with its documents copied.

    For search latency on a large index without ingesting that many pages again;
    the copies keep their real text, so term statistics stay realistic.
    Returns the pages and the seconds the postings took to build from scratch.
    """
    from raadslens.search_api.store import open_store

    shutil.copyfile(src, dst)
    store = open_store(dst)
    total, seconds = store.replicate_pages(target_pages)
    store.close()
    return total, seconds


def ocr_rate(max_pages: int = 6, jobs: int | None = None) -> tuple[float, float]:
    """Pages/s and CPU seconds per page (this process and its tesseracts) of OCR on the
    scanned Strategisch programma; `jobs` tesseracts at once (None: read_pdf's default)."""
    from raadslens.ingest import read_pdf

    scan = REPO / "corpus" / "pdf" / "2025_strategisch_programma_2026-2030_scan.pdf"
    t0, c0 = time.perf_counter(), _cpu_seconds()
    doc = read_pdf(scan, ocr=True, pages=list(range(1, max_pages + 1)), ocr_jobs=jobs)
    pages = sum(p.ocr for p in doc.pages)
    return _rate(pages, time.perf_counter() - t0), (_cpu_seconds() - c0) / max(pages, 1)


def _cpu_seconds() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cpu_probe() -> float:
    """Seconds for a fixed pure-Python loop: how fast the machine runs right now.

    This machine's CPU speed varies about 2× between runs; the probe, taken at the
    start and the end of a run, tells a reader which phase the figures come from."""
    t0 = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - t0


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, Python {platform.python_version()}, {platform.platform()}"


def run(target_pages: int, workers: int, workdir: Path, out: Path, plumber_pages: int, command: str,
        search_pages: int = 100_000) -> str:
    """Run every measurement and write the table to `out`; returns the markdown."""
    probe_start = cpu_probe()
    sources = text_layer_sources()
    files, pages = build_corpus(target_pages, workdir / f"corpus-{target_pages}", sources)
    sample = files[: max(1, len(files) * 300 // max(pages, 1)) or 1]
    plumber = baseline_pdfplumber(files, plumber_pages)
    raw = baseline_pypdfium2(sample)
    ingest_rate, docs = ingest_only(sample)
    tok_rate, extract_ms, rows_ms, cold_ms = extraction_rate(docs)
    e2e_rate, e2e_s, e2e_pages = end_to_end(files, workdir / "bench.db", workers)
    _, ingest_rss = peak_rss_mb()
    p50, p95, p99 = search_latency(workdir / "bench.db")
    big, postings_s = replicate_index(workdir / "bench.db", workdir / "search.db", search_pages)
    b50, b95, b99 = search_latency(workdir / "search.db")
    questions = ask_questions()
    a50, a95, a99 = search_latency(workdir / "search.db", rounds=1, path="/ask", queries=questions) \
        if questions else (float("nan"),) * 3
    parts = search_breakdown(workdir / "search.db")
    z50, z95, z99 = search_latency(workdir / "search.db", rounds=5, path="/zoeken")
    img_cold, img_cached, img_pages = page_image_latency(workdir / "search.db")
    report_s = eindrapport_seconds()
    from raadslens.ingest.ocr import default_jobs as default_ocr_jobs

    ocr1, ocr1_cpu = ocr_rate(jobs=1)
    ocr, ocr_cpu = ocr_rate()
    probe_end = cpu_probe()

    def ratio(x: float) -> str:
        return f"{x / plumber:.1f}× pdfplumber, {x / raw:.2f}× pypdfium2"

    rows = [
        ("baseline: pdfplumber extract_text()", f"{plumber:.1f} pages/s", "1.0× pdfplumber", f"first {plumber_pages} pages"),
        ("baseline: pypdfium2 raw text", f"{raw:.0f} pages/s", ratio(raw), f"{sum(len(d.pages) for d in docs)} pages"),
        ("ingest: PDF → page text + blocks (1 process)", f"{ingest_rate:.0f} pages/s", ratio(ingest_rate), "no OCR"),
        ("extraction (spaCy, nlp.pipe)", f"{tok_rate:,.0f} tokens/s", "—",
         f"same pages, warm vocabulary; first pass {cold_ms:.1f} ms/page"),
        ("where a page's time goes (1 process)",
         f"PDFium {1000 / raw:.1f} + layout {1000 / ingest_rate - 1000 / raw:.1f} + extraction {extract_ms:.1f}"
         f" + index rows {rows_ms:.1f} ms", "—",
         "PDFium = the raw pypdfium2 baseline; layout = the rest of the ingest row"),
        (f"end to end into the index ({workers} workers)", f"{e2e_rate:.0f} pages/s", ratio(e2e_rate),
         f"{e2e_pages} pages in {e2e_s:.1f} s incl. start-up, FTS5 merge and postings"),
        ("eindrapport: read + extract + index", f"{report_s * 1000:.0f} ms", "—", "model loaded, best of 3"),
        (f"search via HTTP, {e2e_pages}-page index", f"p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms", "—",
         f"{len(QUERIES)} queries × 20"),
        (f"search via HTTP, {big}-page index", f"p50 {b50:.1f} / p95 {b95:.1f} / p99 {b99:.1f} ms", "—",
         "the ingested index with its documents copied"),
        (f"/ask via HTTP, {big}-page index", f"p50 {a50:.1f} / p95 {a95:.1f} / p99 {a99:.1f} ms", "—",
         f"the {len(questions)} questions of tests/data/questions/questions.jsonl, once each"),
        (f"… of which, in-process p95 on the {big}-page index",
         " / ".join(f"{k} {v:.1f}" for k, v in parts.items()) + " ms",
         f"postings {parts['FTS5 count + bm25 top 20'] / parts['postings top 20']:.1f}× FTS5",
         "same results; FTS5 scores every matching page row by row"),
        (f"/zoeken (the web page) via HTTP, {big}-page index", f"p50 {z50:.1f} / p95 {z95:.1f} / p99 {z99:.1f} ms",
         "—", f"{len(QUERIES)} queries × 5; its first 100 hits folded per version chain, with facets"),
        (f"page image via HTTP, {big}-page index", f"cold p95 {img_cold:.1f} / cached p95 {img_cached:.1f} ms",
         f"cached {img_cold / img_cached:.0f}× faster", f"{img_pages} pages (the queries' best hits) rendered by"
         " pypdfium2 at 1000 px wide, then served from the cache ×5"),
        (f"postings built from scratch, {big}-page index", f"{postings_s:.1f} s",
         "—", f"{big / postings_s:,.0f} pages/s"),
        ("peak RSS, largest ingest process", f"{ingest_rss:.0f} MB", "—", ""),
        (f"OCR (Tesseract nld, {default_ocr_jobs()} tesseracts at once)", f"{ocr:.2f} pages/s",
         f"{ocr / ocr1:.2f}× 1 tesseract ({ocr1:.2f} pages/s)",
         f"6 pages of the scanned Strategisch programma; CPU {ocr_cpu:.2f} s/page ({ocr1_cpu:.2f} with 1), "
         f"so at most {(os.cpu_count() or 1) / ocr_cpu:.2f} pages/s on {os.cpu_count()} idle cores"),
    ]
    lines = [
        "# Benchmarks", "",
        f"Machine: {machine()}  ",
        f"Command: `{command}`  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M')}  ",
        f"CPU probe (5M-step Python loop): {probe_start:.2f} s at the start, {probe_end:.2f} s at the end"
        " (about 0.25 s when this machine runs fast; compare ratios, not absolute figures, across runs)", "",
        "Baselines are measured in the same run on the same files. Text-layer PDFs only, except the OCR row.", "",
        "| measure | result | ratio | notes |", "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows], "",
    ]
    md = "\n".join(lines)
    write_table(out, md)
    return md


def write_table(out: Path, md: str) -> None:
    """The file's table replaced by `md`; the sections other benchmarks write below it
    (`python -m raadslens.synth bench`: "## Scale …") stay."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    rest = old[old.index("\n## "):].lstrip("\n") if "\n## " in old else ""
    out.write_text(md + ("\n" + rest if rest else ""), encoding="utf-8")
