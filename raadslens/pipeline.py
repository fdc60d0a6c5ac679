"""The batch job: PDF files → ingest → extract → store, one document at a time.

Each document is processed in a worker (read the PDF, extract mentions) and
written by the parent in one transaction. Files already stored (same content
hash) are skipped before any work, so a re-run adds nothing twice and an
interrupted run resumes where it stopped. A file that fails is recorded in the
`failures` table with a one-line reason and the batch goes on. A document with
pages whose OCR failed is not "already stored": a run that can OCR reads it
again and replaces it (nothing is lost to one time-out).
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from raadslens.ingest import file_sha256
from raadslens.ingest.ocr import tesseract_path
from raadslens.models import Document
from raadslens.models.paths import shown
from raadslens.search_api.store import IndexRows, IngestQueue, Store, index_rows
from raadslens.workers import Limits, WorkerPool, default_workers
from raadslens.workers import Progress as Progress_

STALL_SECONDS = 60.0  # a page (OCR included: tesseract stops at 30 s) that takes longer is stuck: its document is stopped
EXTRACT_SECONDS_PER_PAGE = 0.5  # on top of STALL_SECONDS, for extracting the mentions of the whole

PDF_SUFFIXES = {".pdf"}


@dataclass
class Outcome:
    path: str
    sha256: str | None
    document: Document | None = None  # the document's header: its pages and mentions are in `rows`
    rows: IndexRows | None = None  # index rows computed in the worker
    error: str | None = None


@dataclass(frozen=True)
class Verdict:
    """What became of one file of the batch."""

    path: str  # as text (models.paths.shown)
    verdict: str  # "stored", "duplicate" (its content is stored already) or "failed"
    reason: str | None = None  # one line, for a failure
    document: str | None = None  # the stored document's id


@dataclass
class Summary:
    verdicts: list[Verdict] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    mentions: int = 0
    skipped: int = 0  # already in the database
    retried: int = 0  # of `documents`: stored before with pages pending OCR, now read again
    failures: list[tuple[str, str]] = field(default_factory=list)
    ocr_pages: int = 0
    needs_ocr_pages: int = 0
    missing: list[str] = field(default_factory=list)  # paths given that do not exist
    gone: list[str] = field(default_factory=list)  # --retry: recorded paths that are no longer there
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file name, warning)

    def report(self) -> dict[str, object]:
        """The JSON ingest report (`--report`)."""
        return {
            "documents": self.documents, "pages": self.pages, "mentions": self.mentions,
            "skipped": self.skipped, "retried": self.retried, "ocr_pages": self.ocr_pages,
            "needs_ocr_pages": self.needs_ocr_pages,
            "failures": [{"path": p, "error": e} for p, e in self.failures],
            "files": [{k: x for k, x in vars(v).items() if x is not None} for v in self.verdicts],
        }


Progress = Callable[[int, str | None], None]  # (files in the batch, the file just done or None) per step


def ingest(
    paths: Iterable[Path], store: Store, *, workers: int = 0, ocr: bool = True,
    timeout: float | None = None, max_memory_mb: int | None = None,
    progress: Progress | None = None, retry: bool = False,
) -> Summary:
    """The batch job: every PDF under `paths` into the store, then the index and versions brought up to date.

    Idempotent by content hash; a file that fails is recorded and the batch goes
    on. With `retry`, the files of recorded failures and of documents with pages
    pending OCR are tried again as well. `progress(total, name)` is called once
    with name None before the first file, then once per file.
    """
    given = list(paths)
    summary = Summary(missing=[shown(p) for p in given if not p.exists()])
    if retry:
        recorded = sorted({f["path"] for f in store.failures()} | {p for p, _, _ in store.pending_documents()})
        summary.gone = [p for p in recorded if not Path(p).is_file()]
        given += [Path(p) for p in recorded if Path(p).is_file()]
    files = list(dict.fromkeys(f for f in find_pdfs(given) if f.exists()))
    store.tune_for_bulk_writes()
    if progress:
        progress(len(files), None)
    # a document with pages pending OCR counts as stored only when this run cannot OCR either
    complete = ocr and tesseract_path() is not None
    queue = store.ingest_queue()  # None: the batch is this process's alone (SQLite)
    runner = run if queue is None else functools.partial(run_queued, queue=queue)
    for outcome in runner(files, is_stored=lambda sha: store.has_document(sha, complete=complete),
                          workers=workers or default_workers(), ocr=ocr,
                          timeout=timeout, max_memory_mb=max_memory_mb):
        if isinstance(outcome, str):
            summary.skipped += 1
            summary.verdicts.append(Verdict(shown(outcome), "duplicate"))
            if progress:
                progress(len(files), shown(Path(outcome).name))
            continue
        path = shown(outcome.path)
        if progress:
            progress(len(files), shown(Path(outcome.path).name))
        if outcome.error or outcome.document is None or outcome.rows is None:
            reason = outcome.error or "damaged PDF: no result"
            summary.failures.append((path, reason))
            summary.verdicts.append(Verdict(path, "failed", reason))
            store.record_failure(path, outcome.sha256, reason)
            continue
        doc, rows = outcome.document, outcome.rows
        was_pending = store.has_document(doc.sha256)
        if store.save_document(doc, rows):
            summary.documents += 1
            summary.retried += was_pending
            summary.pages += len(rows.pages)
            summary.mentions += len(rows.mentions)
            summary.ocr_pages += sum(r.ocr for r in rows.pages)
            summary.needs_ocr_pages += sum(r.needs_ocr for r in rows.pages)
            summary.warnings += [(doc.filename, w) for w in doc.warnings]
            summary.verdicts.append(Verdict(path, "stored", document=doc.id))
        else:
            summary.skipped += 1
            summary.verdicts.append(Verdict(path, "duplicate", document=doc.id))
    if queue is None:
        store.finish_ingest(added=bool(summary.documents))
    else:  # the last process of those sharing the queue brings the index and versions up to date
        queue.lead(lambda: store.finish_ingest(added=bool(summary.documents)))
        queue.close()
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


def process_file(path: str, sha256: str | None = None, ocr: bool = True,
                 progress: Progress_ | None = None) -> Outcome:
    """Read and extract one PDF (runs in a worker). Never raises for bad input.

    `progress(page, seconds)` is told each page as it is read, and how long the
    extraction of the whole may take (EXTRACT_SECONDS_PER_PAGE per page)."""
    from raadslens.extract.nlp import load_nlp
    from raadslens.extract.pipeline import complete_document
    from raadslens.ingest import IngestError, read_pdf

    try:
        doc = read_pdf(Path(path), ocr=ocr, sha256=sha256,
                       on_page=(lambda n: progress(n, None)) if progress else None)
    except IngestError as e:
        return Outcome(path, sha256, error=e.message)
    except MemoryError:
        raise  # the worker reports it and is replaced
    except Exception as e:  # a parser bug must not stop the batch; report it plainly
        return Outcome(path, sha256, error=describe_unexpected(e))
    if progress:
        progress(0, STALL_SECONDS + EXTRACT_SECONDS_PER_PAGE * len(doc.pages))
    complete_document(doc, nlp=load_nlp(mentions_only=True))
    rows = index_rows(doc)
    # only the header travels back with the rows: the parent (the single writer) unpickles less
    header = doc.model_copy(update={"pages": [], "mentions": []})
    return Outcome(path, doc.sha256, document=header, rows=rows)


def describe_unexpected(e: Exception) -> str:
    """One line for an error no check foresaw: what it means for the user, not a raw exception."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    if "Failed to load page" in text or "Failed to load document" in text:
        return "damaged PDF: a page cannot be read"
    if isinstance(e, RecursionError):
        return "damaged PDF: nested too deeply to read"
    return f"damaged PDF: the reader stopped ({type(e).__name__}: {text[:200]})"


def _init_worker() -> None:
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
    limit, documents are processed in worker processes (`workers.WorkerPool`), one
    document per worker at a time, so memory stays flat whatever the batch size. A
    document over a limit, or whose worker dies, is reported as a failure and its
    worker replaced; the other documents go on.
    """
    todo: dict[str, str] = {}  # path by content hash: each file once
    yield from _sort_out(files, is_stored, todo)
    jobs: list[tuple[str, str | None]] = [(path, sha) for sha, path in todo.items()]
    if workers > 1 or timeout is not None or max_memory_mb is not None:
        jobs.sort(key=lambda job: -_size(job[0]))  # largest files first: a big document started last would run alone
    for _, outcome in _outcomes(jobs, workers=workers, ocr=ocr, timeout=timeout, max_memory_mb=max_memory_mb):
        yield outcome


def _sort_out(files: list[Path], is_stored: Callable[[str], bool], todo: dict[str, str]) -> Iterator[Outcome | str]:
    """Hash each file: yield an Outcome for one that cannot be read and the path of one stored
    already (or twice in the batch); the rest go into `todo` (path by content hash)."""
    for f in files:
        try:
            sha: str = file_sha256(f)
        except OSError as e:
            yield Outcome(str(f), None, error=f"cannot read file: {e.strerror or e}")
            continue
        if is_stored(sha) or sha in todo:
            yield str(f)
        else:
            todo[sha] = str(f)


def _outcomes(jobs: Iterable[tuple[str, str | None]], *, workers: int, ocr: bool, timeout: float | None,
              max_memory_mb: int | None) -> Iterator[tuple[tuple[str, str | None], Outcome]]:
    """(job, Outcome) per document: in this process when nothing is limited and one worker is
    asked for, else in worker processes (`workers.WorkerPool`, one document per worker at a time;
    a document over a limit, or whose worker dies, is a failure and its worker replaced)."""
    if workers <= 1 and timeout is None and max_memory_mb is None:
        for job in jobs:
            yield job, process_file(job[0], job[1], ocr)
        return
    pool = WorkerPool(process_file, workers=workers, ocr=ocr, init=_init_worker,
                      limits=Limits(memory_mb=max_memory_mb, timeout=timeout, stall=STALL_SECONDS))
    for job, result, error in pool.run(jobs):
        if error is not None or not isinstance(result, Outcome):
            yield job, Outcome(job[0], job[1], error=error or "damaged PDF: no result")
        else:
            yield job, result


def run_queued(
    files: list[Path], *, queue: IngestQueue, is_stored: Callable[[str], bool], workers: int = 1,
    ocr: bool = True, timeout: float | None = None, max_memory_mb: int | None = None,
) -> Iterator[Outcome | str]:
    """As `run`, for ingest processes sharing one database: the files not stored are offered to
    the store's queue, and each is read only once this process has claimed it; a file another
    process read is yielded as stored already. Waits while another process holds files of this
    batch: if it dies, its claims expire and this process reads them."""
    offered: dict[str, str] = {}  # path by content hash
    yield from _sort_out(files, is_stored, offered)
    queue.offer([(sha, path, _size(path)) for sha, path in offered.items()])
    mine: set[str] = set()

    def claims() -> Iterator[tuple[str, str | None]]:
        while (job := queue.claim()) is not None:
            if is_stored(job[1]):  # another process stored it since it was offered
                queue.done(job[1])
            else:
                mine.add(job[1])
                yield job

    try:
        while True:
            for (_, job_sha), outcome in _outcomes(claims(), workers=workers, ocr=ocr, timeout=timeout,
                                                   max_memory_mb=max_memory_mb):
                yield outcome
                queue.done(str(job_sha))  # after the caller stored it (or recorded its failure)
            if not queue.open_here():
                break
            time.sleep(1.0)
    finally:  # done, or the caller stopped (an error): no claim is renewed any more
        queue.close()
    yield from (path for sha, path in offered.items() if sha not in mine)  # stored by another process


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


