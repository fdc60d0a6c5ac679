"""The batch job: PDF files → ingest → extract → store, one document at a time.

Each document is processed in a worker (read the PDF, extract mentions) and
written by the parent in one transaction. Files already stored (same content
hash) are skipped before any work, so a re-run adds nothing twice and an
interrupted run resumes where it stopped. A file that fails is recorded in the
`failures` table with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from models import Document
from search_api.store import IndexRows, index_rows

PDF_SUFFIXES = {".pdf"}


@dataclass
class Outcome:
    path: str
    sha256: str | None
    document: Document | None = None
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


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """PDF files named directly or found recursively in folders, in a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PDF_SUFFIXES))
        else:
            found.append(p)
    return found


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_file(path: str, sha256: str | None = None, ocr: bool = True) -> Outcome:
    """Read and extract one PDF (runs in a worker). Never raises for bad input."""
    from extract.pipeline import extract_pages
    from ingest import IngestError, read_pdf

    try:
        doc = read_pdf(Path(path), ocr=ocr)
    except IngestError as e:
        return Outcome(path, sha256, error=str(e))
    except Exception as e:  # a parser bug must not stop the batch; report it plainly
        return Outcome(path, sha256, error=f"unexpected error: {type(e).__name__}: {e}")
    pages = [(p.number, p.text) for p in doc.pages]
    doc.mentions = extract_pages(pages, reference_date=doc.date)
    return Outcome(path, doc.sha256, document=doc, rows=index_rows(doc))


def _init_worker() -> None:
    from extract.nlp import load_nlp

    load_nlp()  # once per worker, not per document


def run(
    files: list[Path],
    *,
    is_stored: Callable[[str], bool],
    workers: int = 1,
    ocr: bool = True,
) -> Iterator[Outcome | str]:
    """Yield an Outcome per file that needed work, and the path of each skipped file.

    With workers > 1, documents are processed in a process pool with a bounded
    number in flight, so memory stays flat whatever the batch size.
    """
    todo: list[tuple[str, str | None]] = []
    for f in files:
        try:
            sha = file_sha256(f)
        except OSError as e:
            yield Outcome(str(f), None, error=f"cannot read file: {e.strerror}")
            continue
        if is_stored(sha):
            yield str(f)
            continue
        todo.append((str(f), sha))
    if workers <= 1:
        for path, sha in todo:
            yield process_file(path, sha, ocr)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        pending: set[Future] = set()
        queue = iter(todo)
        for path, sha in queue:
            pending.add(pool.submit(process_file, path, sha, ocr))
            if len(pending) >= workers * 2:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (d.result() for d in done)
        for fut in pending:
            yield fut.result()


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
