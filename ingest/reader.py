"""read_pdf: the ingest pipeline for one file, page by page.

1. open and check the file (errors.IngestError for files that are not readable PDFs);
2. per page: text-layer lines (pdf.text_lines, in the frame where the text runs left to
   right, whatever /Rotate says); judge the layer (quality); OCR when it is missing or
   garbled (ocr), or mark the page needs_ocr when tesseract is missing;
3. furniture across pages (furniture.mark_furniture);
4. per page: columns, reading order, blocks, body text (layout);
5. repeated prose passages flagged and left out of the body text (repeats);
6. document facts: title, type, date, zaaknummer (facts), letter fields (letter).

Only one PDFium page is open at a time; what is kept per page is its lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from raadslens.ingest import ocr as ocr_mod
from raadslens.ingest.facts import describe_document
from raadslens.ingest.furniture import mark_furniture
from raadslens.ingest.layout import assign_columns, assign_side_column, build_blocks, reading_order
from raadslens.ingest.lines import Line, PageLines
from raadslens.ingest.pdf import merge_visual_lines, open_pdf, pdf_title, text_frame, text_lines
from raadslens.ingest.quality import text_quality, usable
from raadslens.ingest.repeats import drop_repeats
from raadslens.models import Document, DocumentStatus, Page
from raadslens.models.paths import shown


def file_sha256(path: Path) -> str:
    """The file's sha256 (hex): its identity for idempotent ingest."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _has_images(page: pdfium.PdfPage) -> bool:
    for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        return True
    return False


def _read_page(doc: pdfium.PdfDocument, number: int, *, ocr: bool, timeout: float) -> PageLines | _OcrJob:
    page = doc[number - 1]
    try:
        tp = page.get_textpage()
        try:
            fr = text_frame(page, tp)
            lines = text_lines(page, tp, fr, words=True)
        finally:
            tp.close()
        result = PageLines(number, round(fr.width, 2), round(fr.height, 2), [])
        if fr.angle:
            result.notes.append(f"text turned {fr.angle}° on the page: read in its own direction")
        q = text_quality(" ".join(ln.text for ln in lines))
        if usable(q):
            result.lines = lines
            return result
        if q.chars < 20 and q.printable > 0.8 and not _has_images(page):
            result.lines = lines
            result.notes.append("no OCR: page has (almost) no text and no images")
            return result
        why = "no text layer" if q.chars < 20 else f"garbled text layer ({q.describe()})"
        if not ocr:
            result.needs_ocr = True
            result.notes.append(f"needs OCR: {why}; OCR switched off")
            result.warnings.append(f"page {number}: {why}, OCR switched off")
            return result
        if ocr_mod.tesseract_path() is None:
            result.needs_ocr = True
            result.notes.append(f"needs OCR: {why}; tesseract not installed")
            result.warnings.append(
                f"page {number}: {why} and tesseract is not installed: page text is empty"
                " (install tesseract-ocr and tesseract-ocr-nld)"
            )
            return result
        width, height = page.get_size()  # OCR sees the page as displayed (/Rotate applied)
        result.width, result.height = round(width, 2), round(height, 2)
        try:
            image, dpi = ocr_mod.render_for_ocr(page)
        except ocr_mod.OcrFailed as exc:
            _ocr_failed(result, why, exc)
            return result
        return _OcrJob(result, why, image, dpi)
    finally:
        page.close()


class _OcrJob:
    """A page rendered for tesseract: what the text layer gave, why OCR, the image."""

    def __init__(self, result: PageLines, why: str, image: bytes, dpi: int):
        self.result, self.why, self.image, self.dpi = result, why, image, dpi


def _ocr_failed(result: PageLines, why: str, exc: Exception) -> None:
    """A page whose OCR failed or timed out: needs_ocr with no text, so it stays pending."""
    result.needs_ocr = True
    result.notes.append(f"OCR failed: {exc}")
    result.warnings.append(f"page {result.number}: {why}; OCR failed: {exc}")


def _ocr_done(job: _OcrJob, fut: Future[list[Line]]) -> None:
    result = job.result
    try:
        lines = fut.result()
    except (ocr_mod.OcrTimeout, ocr_mod.OcrFailed) as exc:
        _ocr_failed(result, job.why, exc)
        return
    result.lines = merge_visual_lines(lines)
    result.ocr = True
    oq = text_quality(" ".join(ln.text for ln in result.lines))
    result.notes.append(f"OCR (tesseract {ocr_mod.LANG}, {job.dpi} dpi): {job.why}; OCR text {oq.describe()}")


def _read_pages(doc: pdfium.PdfDocument, wanted: Iterable[int], *, ocr: bool, timeout: float, jobs: int,
                on_page: Callable[[int], None] | None) -> list[PageLines]:
    """Pages in order; those that need OCR are rendered here (PDFium is not thread-safe) and
    read by up to `jobs` tesseracts at once while the next pages are rendered."""
    results: list[PageLines] = []
    pending: list[tuple[_OcrJob, Future[list[Line]]]] = []
    pool: ThreadPoolExecutor | None = None
    try:
        for n in wanted:
            if on_page:
                on_page(n)
            got = _read_page(doc, n, ocr=ocr, timeout=timeout)
            if isinstance(got, PageLines):
                results.append(got)
                continue
            results.append(got.result)
            if pool is None:
                pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="tesseract")
            while sum(not f.done() for _, f in pending) >= jobs:  # bound the rendered images held
                wait([f for _, f in pending], return_when=FIRST_COMPLETED)
            pending.append((got, pool.submit(ocr_mod.read_image, got.image, got.dpi, timeout=timeout)))
            got.image = b""
        for job, fut in pending:
            _ocr_done(job, fut)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return results


def read_pdf(
    path: Path | str,
    *,
    ocr: bool = True,
    page_timeout: float = 30.0,
    pages: Iterable[int] | None = None,
    sha256: str | None = None,
    on_page: Callable[[int], None] | None = None,
    ocr_jobs: int | None = None,
) -> Document:
    """Read a PDF into a `Document`; `pages` (1-based) restricts the work to some pages.

    `sha256` is the file's hash when the caller has computed it already (the batch
    job hashes every file to skip stored ones), so it is not read twice. `on_page(n)`
    is called as page n is started (a worker reports its progress with it). The pages that
    need OCR are read by up to `ocr_jobs` tesseracts at once (default: the CPUs, at most 4)."""
    path = Path(path)
    doc = open_pdf(path)
    try:
        total = len(doc)
        wanted = range(1, total + 1) if pages is None else sorted({p for p in pages if 1 <= p <= total})
        jobs = ocr_jobs or ocr_mod.default_jobs()
        results = _read_pages(doc, wanted, ocr=ocr, timeout=page_timeout, jobs=jobs, on_page=on_page)
        meta_title = pdf_title(doc)
    finally:
        doc.close()
    mark_furniture(results)
    out_pages: list[Page] = []
    warnings: list[str] = []
    for pl in results:
        two = assign_columns(pl.lines, pl.width)
        if two:
            pl.notes.append("two columns: read left column, then right")
        elif assign_side_column(pl.lines, pl.width):
            pl.notes.append("margin column (letterhead) at the right: read after the body")
        text, blocks = build_blocks(reading_order(pl.lines), pl.ocr)
        warnings.extend(pl.warnings)
        out_pages.append(
            Page(
                number=pl.number,
                text=text,
                blocks=blocks,
                width=pl.width,
                height=pl.height,
                ocr=pl.ocr,
                needs_ocr=pl.needs_ocr,
                notes=pl.notes,
            )
        )
    warnings.extend(drop_repeats(out_pages))
    sha = sha256 or file_sha256(path)
    document = Document(
        id=sha[:16], sha256=sha, path=shown(path), filename=shown(path.name), pages=out_pages, warnings=warnings
    )
    if pages is not None and len(wanted) < total:
        document.warnings.append(f"only pages {', '.join(map(str, wanted))} of {total} were read")
    describe_document(document, meta_title, results)
    if any(p.needs_ocr for p in out_pages):
        document.status = DocumentStatus.partial
    return document
