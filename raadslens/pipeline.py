"""The batch job: PDF files → ingest → extract → store, one document at a time.

Each document is processed in a worker (read the PDF, extract mentions) and
written by the parent in one transaction. Files already stored (same content
hash) are skipped before any work, so a re-run adds nothing twice and an
interrupted run resumes where it stopped. A file that fails is recorded in the
`failures` table with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from raadslens.ingest import file_sha256
from raadslens.models import Document
from raadslens.search_api.store import IndexRows, Store, index_rows

PDF_SUFFIXES = {".pdf"}


@dataclass
class Outcome:
    path: str
    sha256: str | None
    document: Document | None = None  # the document's header: its pages and mentions are in `rows`
    rows: IndexRows | None = None  # index rows computed in the worker
    error: str | None = None


@dataclass
class Summary:
    documents: int = 0
    pages: int = 0
    mentions: int = 0
    skipped: int = 0  # already in the database
    failures: list[tuple[str, str]] = field(default_factory=list)
    ocr_pages: int = 0
    needs_ocr_pages: int = 0
    missing: list[str] = field(default_factory=list)  # paths given that do not exist
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file name, warning)

    def report(self) -> dict[str, object]:
        """The JSON ingest report (`--report`)."""
        return {
            "documents": self.documents, "pages": self.pages, "mentions": self.mentions,
            "skipped": self.skipped, "ocr_pages": self.ocr_pages,
            "failures": [{"path": p, "error": e} for p, e in self.failures],
        }


Progress = Callable[[int, str | None], None]  # (files in the batch, the file just done or None) per step


def ingest(
    paths: Iterable[Path], store: Store, *, workers: int = 0, ocr: bool = True,
    timeout: float | None = None, max_memory_mb: int | None = None,
    progress: Progress | None = None,
) -> Summary:
    """The batch job: every PDF under `paths` into the store, then the index and versions brought up to date.

    Idempotent by content hash; a file that fails is recorded and the batch goes
    on. `progress(total, name)` is called once with name None before the first
    file, then once per file.
    """
    given = list(paths)
    summary = Summary(missing=[str(p) for p in given if not p.exists()])
    files = [f for f in find_pdfs(given) if f.exists()]
    store.tune_for_bulk_writes()
    if progress:
        progress(len(files), None)
    for outcome in run(files, is_stored=store.has_document, workers=workers or default_workers(), ocr=ocr,
                       timeout=timeout, max_memory_mb=max_memory_mb):
        if isinstance(outcome, str):
            summary.skipped += 1
            if progress:
                progress(len(files), Path(outcome).name)
            continue
        if progress:
            progress(len(files), Path(outcome.path).name)
        if outcome.error or outcome.document is None or outcome.rows is None:
            summary.failures.append((outcome.path, outcome.error or "no document"))
            store.record_failure(outcome.path, outcome.sha256, outcome.error or "no document")
            continue
        doc, rows = outcome.document, outcome.rows
        if store.save_document(doc, rows):
            summary.documents += 1
            summary.pages += len(rows.pages)
            summary.mentions += len(rows.mentions)
            summary.ocr_pages += sum(r.ocr for r in rows.pages)
            summary.needs_ocr_pages += sum(r.needs_ocr for r in rows.pages)
            summary.warnings += [(doc.filename, w) for w in doc.warnings]
        else:
            summary.skipped += 1
    store.finish_ingest(added=bool(summary.documents))
    return summary


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """PDF files named directly or found recursively in folders, in a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PDF_SUFFIXES))
        else:
            found.append(p)
    return found


def process_file(path: str, sha256: str | None = None, ocr: bool = True) -> Outcome:
    """Read and extract one PDF (runs in a worker). Never raises for bad input."""
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import complete_document
    from raadslens.ingest import IngestError, read_pdf

    try:
        doc = read_pdf(Path(path), ocr=ocr, sha256=sha256)
    except IngestError as e:
        return Outcome(path, sha256, error=str(e))
    except Exception as e:  # a parser bug must not stop the batch; report it plainly
        return Outcome(path, sha256, error=f"unexpected error: {type(e).__name__}: {e}")
    complete_document(doc, nlp=load_nlp(mentions_only=True))
    rows = index_rows(doc)
    # only the header travels back with the rows: the parent (the single writer) unpickles less
    header = doc.model_copy(update={"pages": [], "mentions": []})
    return Outcome(path, doc.sha256, document=header, rows=rows)


def _init_worker(max_memory_mb: int | None = None) -> None:
    if max_memory_mb:  # a PDF that needs more memory fails with MemoryError, reported as such
        import resource

        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from raadslens.extract.nlp import load_nlp

    load_nlp(mentions_only=True)  # once per worker, not per document


def run(
    files: list[Path],
    *,
    is_stored: Callable[[str], bool],
    workers: int = 1,
    ocr: bool = True,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
) -> Iterator[Outcome | str]:
    """Yield an Outcome per file that needed work, and the path of each skipped file.

    With workers > 1, or with a `timeout` (seconds per document) or a memory
    limit, documents are processed in worker processes, at most `workers` at a
    time (and one more waiting for the first free worker), so memory stays flat
    whatever the batch size. A document that runs
    over the timeout has its worker killed and is reported as a failure; the
    other documents are resubmitted to a fresh pool and the batch goes on.
    """
    todo: list[tuple[str, str | None]] = []
    for f in files:
        try:
            sha: str = file_sha256(f)
        except OSError as e:
            yield Outcome(str(f), None, error=f"cannot read file: {e.strerror}")
            continue
        if is_stored(sha):
            yield str(f)
            continue
        todo.append((str(f), sha))
    if workers <= 1 and timeout is None and max_memory_mb is None:
        for path, known in todo:
            yield process_file(path, known, ocr)
        return
    yield from _run_pool(todo, max(1, workers), ocr, timeout, max_memory_mb)


def _run_pool(todo, workers, ocr, timeout, max_memory_mb) -> Iterator[Outcome]:
    # largest files first (popped from the end): a big document started last would run alone
    queue = sorted(todo, key=lambda job: _size(job[0]))
    # One job more than there are workers is handed out: the pool's call queue holds it, so a
    # worker that finishes starts its next document at once instead of waiting until this
    # process has stored the results in hand (on 2 cores the workers sat idle ~4% of the run).
    in_flight = workers + 1
    while queue:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(max_memory_mb,))
        running: dict[Future, tuple[str, str | None]] = {}
        started: dict[Future, float] = {}
        order: dict[Future, int] = {}  # submission order: the call queue hands jobs out first in, first out
        broken = False

        def fill() -> None:  # keep every worker busy while this pool is sound
            # called only within this pool's iteration, so it must see this pool's variables
            while queue and len(running) < in_flight and not broken:  # noqa: B023
                job = queue.pop()
                fut = pool.submit(process_file, job[0], job[1], ocr)  # noqa: B023
                running[fut] = job  # noqa: B023
                order[fut] = len(order)  # noqa: B023

        try:
            while (queue or running) and not broken:
                fill()
                done, _ = wait(running, timeout=0.2, return_when=FIRST_COMPLETED)
                now = time.monotonic()
                results: list[Outcome] = []
                for fut in done:
                    job = running.pop(fut)
                    started.pop(fut, None)
                    try:
                        results.append(fut.result())
                    except BrokenProcessPool:
                        queue.append(job)  # a victim of another document's kill: try again
                        broken = True
                    except MemoryError:
                        results.append(Outcome(job[0], job[1], error="stopped: needs more memory than the limit"))
                fill()  # before the caller writes: no worker waits while the results are stored
                yield from results
                # only the `workers` earliest jobs can be in a worker (`running()` is also true of the
                # one waiting in the call queue): a job's clock starts when it is one of them
                busy = sorted((f for f in running if f.running()), key=order.__getitem__)[:workers]
                for fut in busy:
                    started.setdefault(fut, now)
                overdue = [f for f in busy if timeout and now - started[f] > timeout]
                if overdue:
                    for fut in overdue:
                        job = running.pop(fut)
                        yield Outcome(job[0], job[1], error=f"stopped: took longer than {timeout:g} s")
                    queue.extend(running.values())  # innocent bystanders go back in the queue
                    running.clear()
                    for proc in list(getattr(pool, "_processes", {}).values()):
                        proc.kill()
                    broken = True
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
