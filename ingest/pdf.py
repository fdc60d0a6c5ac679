"""Opening PDFs safely and reading text lines with positions from the text layer (pypdfium2).

Speed matters: one `get_text_range` call per page gives the text with PDFium's own
line breaks, and one `FPDFText_CountRects` call per line gives its boxes. Character
boxes are only read for lines whose boxes show a wide gap (table rows, columns).
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ingest.errors import IngestError
from ingest.lines import Line, Span

_PDFIUM_ERRORS = {
    raw.FPDF_ERR_FILE: "truncated or corrupt PDF: file not found or unreadable",
    raw.FPDF_ERR_FORMAT: "truncated or corrupt PDF: the file structure is damaged",
    raw.FPDF_ERR_PASSWORD: "encrypted: password-protected PDF",
    raw.FPDF_ERR_SECURITY: "encrypted: unsupported security handler",
    raw.FPDF_ERR_PAGE: "truncated or corrupt PDF: page tree is damaged",
}


def check_file(path: Path) -> None:
    """Cheap checks before PDFium sees the file: exists, not empty, a PDF, not cut off."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror}", str(path)) from None
    if size == 0:
        raise IngestError("empty file", str(path))
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF-" not in head:
        raise IngestError("not a PDF (no %PDF- header)", str(path))
    if b"%%EOF" not in tail:
        raise IngestError(
            "truncated or corrupt PDF: no end-of-file marker (the file was cut off?)", str(path)
        )


def open_pdf(path: Path) -> pdfium.PdfDocument:
    check_file(path)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = _PDFIUM_ERRORS.get(getattr(exc, "err_code", None) or -1, f"truncated or corrupt PDF: {exc}")
        raise IngestError(msg, str(path)) from None
    if len(doc) == 0:
        doc.close()
        raise IngestError("truncated or corrupt PDF: no pages", str(path))
    return doc


def pdf_title(doc: pdfium.PdfDocument) -> str | None:
    try:
        title = (doc.get_metadata_value("Title") or "").strip()
    except Exception:  # noqa: BLE001 - metadata is optional
        return None
    return title or None


# one character for one character, so text offsets keep matching PDFium's char indices
_NORMALISE = str.maketrans(
    {
        "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•", "\uf02d": "-",
        "\ufffe": "-", "\u00ad": "-", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ",
        "\x02": "-",
    }
)

_L, _R, _B, _T = (ctypes.c_double() for _ in range(4))
_PL, _PR, _PB, _PT = (ctypes.byref(v) for v in (_L, _R, _B, _T))


def _rects(tp: pdfium.PdfTextPage, start: int, count: int) -> list[tuple[float, float, float, float]]:
    """Boxes (left, top, right, bottom; PDF y up) PDFium reports for a char range."""
    out = []
    for i in range(raw.FPDFText_CountRects(tp, start, count)):
        raw.FPDFText_GetRect(tp, i, _PL, _PT, _PR, _PB)
        if _R.value - _L.value > 0.01 and _T.value - _B.value > 0.01:
            out.append((_L.value, _T.value, _R.value, _B.value))
    return out


def _split_chars(
    tp: pdfium.PdfTextPage, text: str, start: int, gap: float
) -> list[tuple[str, float, float, float, float]]:
    """Split one PDFium line at wide gaps using character boxes: (text, x0, x1, ymin, ymax)."""
    parts: list[tuple[str, float, float, float, float]] = []
    cur: list[str] = []
    x0 = x1 = y0 = y1 = 0.0
    for k, ch in enumerate(text):
        if ch.isspace():
            if cur:
                cur.append(ch)
            continue
        raw.FPDFText_GetCharBox(tp, start + k, _PL, _PR, _PB, _PT)
        left, right, bot, top = _L.value, _R.value, _B.value, _T.value
        if right - left <= 0.01 and cur:
            cur.append(ch)
            continue
        if cur and (left - x1 > gap or left < x0 - 1.0):
            parts.append(("".join(cur).strip(), x0, x1, y0, y1))
            cur = []
        if not cur:
            x0, x1, y0, y1 = left, right, bot, top
        else:
            x1, y0, y1 = max(x1, right), min(y0, bot), max(y1, top)
        cur.append(ch)
    if cur:
        parts.append(("".join(cur).strip(), x0, x1, y0, y1))
    return [p for p in parts if p[0]]


def text_lines(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, height: float) -> list[Line]:
    """All text lines of a page; each line carries spans split at wide gaps."""
    text = tp.get_text_range().translate(_NORMALISE)
    if not text.strip():
        return []
    aligned = len(text) == raw.FPDFText_CountChars(tp)
    out: list[Line] = []
    pos = 0
    for seg in text.split("\r\n"):
        start, pos = pos, pos + len(seg) + 2
        stripped = seg.strip()
        if not stripped:
            continue
        rects = _rects(tp, start, len(seg))
        if not rects:
            continue
        lh = max(t - b for _, t, _, b in rects)
        gap = max(1.2 * lh, 7.0)
        wide = any(
            rects[i][0] - rects[i - 1][2] > gap or rects[i][0] < rects[i - 1][0] - lh
            for i in range(1, len(rects))
        )
        if wide and aligned:
            parts = _split_chars(tp, seg, start, gap)
        else:
            parts = [
                (
                    stripped,
                    min(r[0] for r in rects),
                    max(r[2] for r in rects),
                    min(r[3] for r in rects),
                    max(r[1] for r in rects),
                )
            ]
        first = start + (len(seg) - len(seg.lstrip()))
        size = raw.FPDFText_GetFontSize(tp, first) if aligned else lh
        bold = aligned and raw.FPDFText_GetFontWeight(tp, first) >= 600
        for ptext, x0, x1, ymin, ymax in parts:
            out.append(
                Line(
                    text=ptext,
                    x0=x0,
                    top=height - ymax,
                    x1=x1,
                    bottom=height - ymin,
                    size=round(size, 1),
                    bold=bold,
                    spans=[Span(ptext, x0, x1)],
                )
            )
    return merge_visual_lines(out)


def merge_visual_lines(parts: list[Line]) -> list[Line]:
    """Join parts that sit on the same baseline into one visual line with several spans.

    Parts are grouped by vertical overlap; their order otherwise stays the content
    order, which layout analysis refines (columns, tables).
    """
    if not parts:
        return []
    parts = sorted(parts, key=lambda ln: (round(ln.bottom), ln.x0))
    merged: list[Line] = []
    for ln in parts:
        prev = merged[-1] if merged else None
        if prev is not None:
            overlap = min(prev.bottom, ln.bottom) - max(prev.top, ln.top)
            if overlap > 0.5 * min(prev.height, ln.height) and abs(prev.bottom - ln.bottom) < 0.5 * max(
                prev.height, ln.height, 1.0
            ):
                prev.spans.extend(ln.spans)
                prev.spans.sort(key=lambda s: s.x0)
                prev.x0, prev.x1 = min(prev.x0, ln.x0), max(prev.x1, ln.x1)
                prev.top, prev.bottom = min(prev.top, ln.top), max(prev.bottom, ln.bottom)
                prev.size = max(prev.size, ln.size)
                prev.text = " ".join(s.text for s in prev.spans)
                continue
        merged.append(ln)
    return merged
