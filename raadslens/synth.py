"""A synthetic corpus for the scale benchmark: PDFs whose text is drawn from the real pages.

    python -m raadslens.synth corpus --pages 100000 --out /tmp/synth     # the PDFs
    python -m raadslens.synth bench --pages 100000 --pg postgresql://…  # ingest, search, /ask, size, RSS
    python -m raadslens.synth fill --pages 1000000 --db DB             # the fast path (synth_fill.py)

The model is learned from the text layers of corpus/pdf and ../shared/realworld: word
frequencies (ranked, drawn with Zipfian weights 1/rank^ZIPF_S) and word-to-word transitions
(a first-order Markov chain over the real sentences). A sentence follows the chain and
jumps to a Zipfian draw with probability JUMP, so runs of real word order are short (about
1/JUMP words) and no page repeats a real page or another synthetic one. COMPOUND of the
words are Dutch-style compounds of two vocabulary words, so the vocabulary keeps growing
with the corpus as real archives do (Heaps' law) instead of stopping at the sources'.
Planted in the text: dates ("12 maart 2024"), euro amounts ("€ 1.234.000") and
zaaknummers ("Z/24/123456"), each at a known rate, so extraction has work as on real pages.

Each document is a real PDF (Helvetica, WinAnsi text, written here: no PDF library is
needed for plain text pages) of 1–40 pages with a title, an organisation and a date, read
by the same pipeline as any other PDF. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import subprocess
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from raadslens.models.months import MONTH_NAMES as MONTHS

REPO = Path(__file__).resolve().parents[1]
ZIPF_S = 1.05
JUMP = 0.18  # per word: leave the chain for a Zipfian draw
COMPOUND = 0.02  # per word: a compound of two vocabulary words
LINES, WIDTH = 34, 92  # per page, characters per line (about 420 words, a real letter's page)
ORGANISATIONS = ["Gemeente Almelo", "Gemeente Borne", "Gemeente Dinkelland", "Gemeente Enschede",
                 "Gemeente Haaksbergen", "Gemeente Hellendoorn", "Gemeente Hengelo", "Gemeente Hof van Twente",
                 "Gemeente Losser", "Gemeente Oldenzaal", "Gemeente Rijssen-Holten", "Gemeente Tubbergen",
                 "Gemeente Twenterand", "Gemeente Wierden", "Gemeente Wassenaar", "Gemeente Den Helder",
                 "Gemeente Amsterdam", "Provincie Overijssel", "Provincie Noord-Holland", "Provincie Zeeland"]
KINDS = ["Raadsinformatiebrief", "Raadsvoorstel", "Besluitenlijst", "Memo", "Rapportage", "Wob-besluit"]
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]*|[.,;:]")


@dataclass
class Model:
    words: list[str]  # by frequency, most frequent first
    cum: list[float]  # cumulative Zipfian weights of `words`
    follow: dict[str, tuple[list[str], list[int]]]  # word -> (next words, cumulative counts)

    def zipf(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cum, rng.random() * self.cum[-1])]

    def next(self, rng: random.Random, word: str) -> str:
        nxt = self.follow.get(word)
        if nxt is None or rng.random() < JUMP:
            return self.zipf(rng)
        words, cum = nxt
        return words[bisect.bisect(cum, rng.random() * cum[-1])]


def source_texts(cache: Path | None = None) -> list[str]:
    """The text of every text-layer page of the benchmark's sources (pages that need OCR carry none);
    kept in `cache` (JSON) when given, as reading the source PDFs takes half a minute."""
    if cache is not None and cache.exists():
        return list(json.loads(cache.read_text()))
    from raadslens.bench import source_documents

    texts = [p.text for _, doc in source_documents() for p in doc.pages if not p.needs_ocr and p.text.strip()]
    if cache is not None:
        cache.write_text(json.dumps(texts, ensure_ascii=False))
    return texts


def learn(texts: list[str]) -> Model:
    counts: Counter[str] = Counter()
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        tokens = [t for t in _WORD.findall(text) if len(t) < 30]
        counts.update(tokens)
        for a, b in zip(tokens, tokens[1:]):
            pairs[a][b] += 1
    words = [w for w, _ in counts.most_common() if w not in ".,;:"]
    cum, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank**ZIPF_S
        cum.append(total)
    follow = {}
    for a, nexts in pairs.items():
        ws, cs, run = [], [], 0
        for w, c in nexts.items():
            run += c
            ws.append(w)
            cs.append(run)
        follow[a] = (ws, cs)
    return Model(words, cum, follow)


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2026)}"


def _amount(rng: random.Random) -> str:
    euros = int(10 ** rng.uniform(3, 7.5)) // 100 * 100
    return "€ " + f"{euros:,}".replace(",", ".")


def zaak_number(rng: random.Random) -> str:
    return f"Z/{rng.randint(15, 26):02d}/{rng.randint(100000, 999999)}"


PLANTS = [  # (rate per sentence, text)
    (0.08, lambda rng: f"op {_date(rng)}"),
    (0.06, lambda rng: f"een bedrag van {_amount(rng)}"),
    (0.02, lambda rng: f"(zaaknummer {zaak_number(rng)})"),
]


def sentence(model: Model, rng: random.Random) -> str:
    out = sentence_words(model, rng)
    for rate, plant in PLANTS:
        if rng.random() < rate:
            out.insert(rng.randint(0, len(out)), plant(rng))
    text = " ".join(out).rstrip(".,;:")
    return text[:1].upper() + text[1:] + "."


def sentence_words(model: Model, rng: random.Random) -> list[str]:
    out: list[str] = []
    word = model.zipf(rng)
    for _ in range(rng.randint(6, 26)):
        if rng.random() < COMPOUND:
            word = (model.zipf(rng) + model.zipf(rng)).lower()
        if word not in ".,;:":
            out.append(word)
        elif out and out[-1][-1] not in ".,;:":
            out[-1] += word
        word = model.next(rng, word.rstrip(".,;:"))
    return out


def page_lines(model: Model, rng: random.Random, head: list[str]) -> list[str]:
    lines, line = list(head), ""
    while len(lines) < LINES:
        for word in sentence(model, rng).split(" "):
            if len(line) + 1 + len(word) > WIDTH:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        if rng.random() < 0.15:  # a paragraph ends
            lines += [line, ""]
            line = ""
    return lines[:LINES]


def _pdf_text(s: str) -> bytes:
    raw = s.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(pages: list[list[str]], title: str) -> bytes:
    """A PDF of text pages: A4, Helvetica 10 pt, WinAnsi encoding (é, ë and € included)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        body = b"BT /F1 10 Tf 12.5 TL 56 790 Td " + b" ".join(b"(" + _pdf_text(ln) + b") Tj T*" for ln in lines)
        body += b" ET"
        stream = zlib.compress(body)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       f" /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream
                       + b"\nendstream")
    info = len(objects) + 1
    objects.append(b"<< /Title (" + _pdf_text(title) + b") /Producer (raadslens synth) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write_corpus(model: Model, target_pages: int, out: Path, seed: int = 1) -> tuple[int, int]:
    """PDFs in `out` until `target_pages`; returns (documents, pages). Files already there are kept."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pages = docs = 0
    while pages < target_pages:
        n = min(max(1, int(rng.expovariate(1 / 9))), 40, target_pages - pages)
        org, kind, date = rng.choice(ORGANISATIONS), rng.choice(KINDS), _date(rng)
        subject = " ".join(model.zipf(rng) for _ in range(3))
        title = f"{kind} {subject}"
        head = [org, "", title, "", f"Datum: {date}", f"Kenmerk: {zaak_number(rng)}", ""]
        body = [page_lines(model, rng, head if i == 0 else [f"Pagina {i + 1} van {n}", ""]) for i in range(n)]
        path = out / f"{docs // 1000:04d}" / f"synth_{docs:07d}.pdf"
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(pdf_bytes(body, title))
        pages += n
        docs += 1
    return docs, pages


# -- the scale benchmark --

def _db_size_mb(db: str) -> float:
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]) / 2**20  # type: ignore[index]
    return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists()) / 2**20


def _fresh(db: str) -> None:
    if db.startswith("postgresql://"):
        import psycopg

        base, name = db.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for s in ("", "-wal", "-shm"):
            Path(db + s).unlink(missing_ok=True)


def timed_ingest(folder: Path, db: str, workers: int, processes: int = 1) -> dict[str, float]:
    """`raadslens ingest` by `processes` processes at once (PostgreSQL's distributed ingest when
    more than one): seconds, pages/s, peak RSS of the largest process tree."""
    cmd = [sys.executable, "-m", "raadslens", "ingest", str(folder), "--db", db, "--workers", str(workers), "--no-ocr"]
    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(processes)]
    rss = 0.0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        rss = max(rss, usage.ru_maxrss / 1024)
        if p.returncode:
            raise RuntimeError(f"ingest failed: {p.stderr.read().decode()[-500:] if p.stderr else ''}")
    seconds = time.perf_counter() - t0
    from raadslens.search_api.store import open_store

    store = open_store(db)
    pages = store.counts()["pages"]
    store.close()
    return {"seconds": seconds, "pages": pages, "rate": pages / seconds, "rss": rss}


def bench(pages: int, workdir: Path, pg: str | None, ingest_pages: int, out: Path | None) -> str:
    from raadslens import bench as harness

    model = learn(source_texts())
    rows: list[tuple[str, str, str]] = []

    def add(*row: str) -> None:  # each row written at once: a run that fails later keeps it
        load = "/".join(f"{x:.1f}" for x in os.getloadavg())  # the machine is shared: its load beside each row
        rows.append((row[0], row[1], f"{row[2]}; load {load} at {time.strftime('%H:%M')}"))
        (workdir / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    small, big = workdir / f"synth-{ingest_pages}", workdir / f"synth-{pages}"
    write_corpus(model, ingest_pages, small)
    t0 = time.perf_counter()
    docs, n = write_corpus(model, pages, big)
    gen_s = time.perf_counter() - t0
    backends = [("SQLite", str(workdir / "synth.db"))] + ([("PostgreSQL", pg)] if pg else [])
    for name, db in backends:
        for workers in (1, 2):
            _fresh(db)
            r = timed_ingest(small, db, workers)
            add(f"{name}: ingest, {workers} worker{'s' * (workers > 1)}", f"{r['rate']:.0f} pages/s",
                         f"{r['pages']} synthetic pages in {r['seconds']:.0f} s, peak RSS {r['rss']:.0f} MB")
        if name == "PostgreSQL":
            _fresh(db)
            r = timed_ingest(small, db, 1, processes=2)
            add(f"{name}: ingest, 2 processes × 1 worker (queue)", f"{r['rate']:.0f} pages/s",
                         f"{r['pages']} pages in {r['seconds']:.0f} s, peak RSS {r['rss']:.0f} MB")
        _fresh(db)
        r = timed_ingest(big, db, 2)
        add(f"{name}: ingest {r['pages']} pages, 2 workers", f"{r['rate']:.0f} pages/s",
                     f"{r['seconds']:.0f} s, peak RSS {r['rss']:.0f} MB, database {_db_size_mb(db):,.0f} MB")
        p50, p95, p99 = harness.search_latency(db)  # type: ignore[arg-type]
        add(f"{name}: search via HTTP, {r['pages']} pages", f"p50 {p50:.1f} / p95 {p95:.1f} ms",
                     f"{len(harness.QUERIES)} queries × 20, p99 {p99:.1f} ms")
        questions = harness.ask_questions()
        a50, a95, _ = harness.search_latency(db, rounds=1, path="/ask", queries=questions)  # type: ignore[arg-type]
        add(f"{name}: /ask via HTTP, {r['pages']} pages", f"p50 {a50:.0f} / p95 {a95:.0f} ms",
                     f"the {len(questions)} questions of the question set, once each")
    md = "\n".join([
        "## Scale: a synthetic corpus on SQLite and PostgreSQL", "",
        f"Machine: {harness.machine()}  ",
        f"Command: `python -m raadslens.synth bench --pages {pages} --ingest-pages {ingest_pages}"
        f"{' --pg postgresql://…' if pg else ''}`  ",
        f"Date: {time.strftime('%Y-%m-%d %H:%M')}  ",
        f"Corpus: raadslens/synth.py, {docs} PDFs of {n} pages generated in {gen_s:.0f} s (vocabulary and word"
        f" order from the {len(model.words)} words of the real pages, Zipfian, dates/amounts/zaaknummers planted)."
        " Text layers only, no OCR. PostgreSQL 15 with its default settings except shared_buffers.", "",
        "| measure | result | notes |", "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows], "",
    ])
    if out is not None:
        old = out.read_text() if out.exists() else ""
        head = old.split("## Scale: a synthetic corpus", 1)[0].rstrip()
        out.write_text((head + "\n\n" if head else "") + md)
    return md


def latency(db: str) -> dict[str, object]:
    """Search (the bench's queries × 20) and /ask (the question set once) over HTTP: p50/p95/p99 in ms."""
    from raadslens import bench as harness

    out: dict[str, object] = {"load_before": os.getloadavg()[0]}
    out["search"] = [round(x, 1) for x in harness.search_latency(db)]  # type: ignore[arg-type]
    out["load_search"] = os.getloadavg()[0]
    out["ask"] = [round(x) for x in harness.search_latency(db, rounds=1, path="/ask",  # type: ignore[arg-type]
                                                           queries=harness.ask_questions())]
    out["load_ask"] = os.getloadavg()[0]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m raadslens.synth", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("corpus", help="write the synthetic PDFs")
    c.add_argument("--pages", type=int, default=100_000)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--seed", type=int, default=1)
    b = sub.add_parser("bench", help="ingest, search and /ask on both backends; a section of BENCHMARKS.md")
    b.add_argument("--pages", type=int, default=100_000)
    b.add_argument("--ingest-pages", type=int, default=10_000, help="the corpus the 1- and 2-worker rates are measured on")
    b.add_argument("--workdir", type=Path, default=Path("/tmp/raadslens-synth"))
    b.add_argument("--pg", help="a PostgreSQL URL whose database the bench may drop and create")
    b.add_argument("--out", type=Path, default=REPO / "BENCHMARKS.md")
    f = sub.add_parser("fill", help="the fast path: generated documents straight to the store (no PDF), then"
                                    " finish_ingest; then the HTTP search and /ask latency")
    f.add_argument("--pages", type=int, default=1_000_000)
    f.add_argument("--db", required=True, help="a SQLite file or a PostgreSQL URL")
    f.add_argument("--workers", type=int, default=2, help="processes that build the documents")
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--no-latency", action="store_true", help="build only")
    f.add_argument("--sources-cache", type=Path, help="a JSON file keeping the source pages' text between runs")
    f.add_argument("--latency-only", action="store_true", help="measure an existing database only")
    args = ap.parse_args(argv)
    if args.command == "fill":
        from raadslens.synth_fill import fill

        def log(msg: str) -> None:
            print(f"{time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f} {msg}", flush=True)

        if not args.latency_only:
            result: dict[str, object] = dict(fill(args.db, args.pages, workers=args.workers, seed=args.seed, log=log,
                                                    cache=args.sources_cache))
            result["database_mb"] = round(_db_size_mb(args.db))
            log(json.dumps(result))
        if not args.no_latency:
            log(json.dumps(latency(args.db)))
    elif args.command == "corpus":
        t0 = time.perf_counter()
        docs, pages = write_corpus(learn(source_texts()), args.pages, args.out, args.seed)
        print(json.dumps({"documents": docs, "pages": pages, "seconds": round(time.perf_counter() - t0, 1)}))
    else:
        args.workdir.mkdir(parents=True, exist_ok=True)
        print(bench(args.pages, args.workdir, args.pg, args.ingest_pages, args.out))


if __name__ == "__main__":
    main()
