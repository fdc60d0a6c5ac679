"""Opening PDFs safely and reading text lines with positions from the text layer (pypdfium2).

Speed matters: one `get_text_range` call per page gives the text with PDFium's own
line breaks, and one `FPDFText_CountRects` call per line gives its boxes. Character
boxes are only read for lines whose boxes show a wide gap (table rows, columns).
"""

from __future__ import annotations

import ctypes
import math
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from raadslens.ingest.errors import IngestError
from raadslens.ingest.lines import Line, Span

_PDFIUM_ERRORS = {
    raw.FPDF_ERR_FILE: "cannot read file: not found or unreadable",
    raw.FPDF_ERR_FORMAT: "damaged PDF: the file structure cannot be read",
    raw.FPDF_ERR_PASSWORD: "encrypted: password-protected PDF",
    raw.FPDF_ERR_SECURITY: "encrypted: unsupported security handler",
    raw.FPDF_ERR_PAGE: "damaged PDF: the page tree cannot be read",
}


# What a file is, by its first bytes: a PDF renamed from something else is refused by content, not name
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"), (b"\xd0\xcf\x11\xe0", "an old Office document"), (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"), (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_TEXT_MAGIC = ((b"<!doctype html", "an HTML page"), (b"<html", "an HTML page"), (b"<?xml", "an XML file"))
MAX_FILE_BYTES = 1 << 30  # 1 GB: larger is refused before any parsing
MAX_PAGES = 5_000  # more pages than this is refused (the biggest real budgets have ~1,000)


def check_file(path: Path) -> None:
    """Cheap checks before PDFium sees the file: exists, not empty, a PDF by content, not cut off, not huge."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror}", str(path)) from None
    if size == 0:
        raise IngestError("empty file", str(path))
    if size > MAX_FILE_BYTES:
        raise IngestError(f"too large: {size / 2**20:.0f} MB (limit {MAX_FILE_BYTES >> 20} MB)", str(path))
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    kind = what_is(head)
    if kind:
        raise IngestError(f"not a PDF: {kind}", str(path))
    if b"%PDF-" not in head:
        raise IngestError("not a PDF: no %PDF- header", str(path))
    if b"%%EOF" not in tail:
        raise IngestError(
            "truncated: no end-of-file marker (the file was cut off?)", str(path)
        )


def what_is(head: bytes) -> str | None:
    """The kind of a file that is recognisably not a PDF, from its first bytes (None: may be a PDF).

    A PDF may have bytes before its header (readers accept up to 1 kB of it), so only a
    file that *starts* as something else is named; one that starts with "%PDF-" is a PDF."""
    if head.startswith(b"%PDF-"):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, kind in _TEXT_MAGIC:
        if text.startswith(magic):
            return kind
    return None


def open_pdf(path: Path) -> pdfium.PdfDocument:
    check_file(path)
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = _PDFIUM_ERRORS.get(getattr(exc, "err_code", None) or -1, "damaged PDF: the file cannot be opened")
        raise IngestError(msg, str(path)) from None
    pages = len(doc)
    if pages == 0:
        doc.close()
        raise IngestError("damaged PDF: no pages", str(path))
    if pages > MAX_PAGES:
        doc.close()
        raise IngestError(f"too large: {pages} pages (limit {MAX_PAGES})", str(path))
    return doc


def pdf_title(doc: pdfium.PdfDocument) -> str | None:
    try:
        title = (doc.get_metadata_value("Title") or "").strip()
    except Exception:  # noqa: BLE001 - metadata is optional
        return None
    return title or None


# one character for one character, so text offsets keep matching PDFium's char indices
_NORMALISE = (
    ("\uf0b7", "•"), ("\uf0a7", "▪"), ("\uf0d8", "•"), ("\uf076", "•"), ("\uf0fc", "•"), ("\uf02d", "-"),
    ("\ufffe", "-"), ("\u00ad", "-"), ("\u00a0", " "), ("\u2002", " "), ("\u2003", " "), ("\u2009", " "),
    ("\x02", "-"),
)


def normalise(text: str) -> str:
    """Replace PDFium's private-use bullets, soft hyphens and odd spaces (1:1; str.translate is slow)."""
    for old, new in _NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return text


# PDFium calls without ctypes argtypes: the argument conversion of the typed bindings
# costs ~3 µs per call, the call itself ~0.5 µs. Only handles (c_void_p), ints and
# byref doubles are passed, so no conversion is needed.
def _untyped(fn, restype=ctypes.c_int):
    address = ctypes.cast(fn, ctypes.c_void_p).value
    assert address is not None, "a PDFium function without an address"
    return ctypes.CFUNCTYPE(restype)(address)


_COUNT_CHARS = _untyped(raw.FPDFText_CountChars)
_CHAR_ANGLE = _untyped(raw.FPDFText_GetCharAngle, ctypes.c_float)
_COUNT_RECTS = _untyped(raw.FPDFText_CountRects)
_GET_RECT = _untyped(raw.FPDFText_GetRect)
_CHAR_BOX = _untyped(raw.FPDFText_GetCharBox)
_FONT_SIZE = _untyped(raw.FPDFText_GetFontSize, ctypes.c_double)
_FONT_WEIGHT = _untyped(raw.FPDFText_GetFontWeight)

_L, _R, _B, _T = (ctypes.c_double() for _ in range(4))
_PL, _PR, _PB, _PT = (ctypes.byref(v) for v in (_L, _R, _B, _T))
_TOKEN = re.compile(r"\S+")


def _handle(tp: pdfium.PdfTextPage) -> ctypes.c_void_p:
    return ctypes.cast(tp.raw, ctypes.c_void_p)


class Frame:
    """The coordinate frame in which the page's text runs left to right.

    PDFium reports boxes in unrotated page space (y up). Text is usually upright there,
    whatever the page's /Rotate says; when it is not (a landscape table drawn rotated
    on a portrait page), boxes are turned so the text reads left to right and lines
    are horizontal again. `angle` is PDFium's clockwise char angle (0, 90, 180, 270).
    """

    __slots__ = ("angle", "uw", "uh", "width", "height")

    def __init__(self, angle: int, uw: float, uh: float) -> None:
        self.angle, self.uw, self.uh = angle, uw, uh
        self.width, self.height = (uw, uh) if angle in (0, 180) else (uh, uw)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, x1, ymin, ymax) in the frame, y up."""
        a = self.angle
        if a == 0:
            return left, right, bottom, top
        if a == 270:  # text runs up the page
            return bottom, top, self.uw - right, self.uw - left
        if a == 90:  # text runs down the page
            return self.uh - top, self.uh - bottom, left, right
        return self.uw - right, self.uw - left, self.uh - top, self.uh - bottom


def text_frame(page: pdfium.PdfPage, tp: pdfium.PdfTextPage) -> Frame:
    """The frame of the page's text: the most common char angle of a sample of chars."""
    w, h = page.get_size()
    uw, uh = (h, w) if page.get_rotation() in (90, 270) else (w, h)
    hp = _handle(tp)
    n = _COUNT_CHARS(hp)
    votes = [0, 0, 0, 0]
    for k in range(0, n, max(1, n // 24)):
        a = _CHAR_ANGLE(hp, k)
        if a >= 0:
            votes[round(math.degrees(a) / 90) % 4] += 1
    best = max(range(4), key=lambda i: (votes[i], i == 0))
    return Frame(90 * best if votes[best] > votes[0] else 0, uw, uh)


def _rects(hp: ctypes.c_void_p, start: int, count: int, fr: Frame) -> list[tuple[float, float, float, float]]:
    """Boxes (x0, x1, ymin, ymax; frame coordinates, y up) PDFium reports for a char range."""
    out = []
    upright = fr.angle == 0
    for i in range(_COUNT_RECTS(hp, start, count)):
        _GET_RECT(hp, i, _PL, _PT, _PR, _PB)
        left, right, bot, top = _L.value, _R.value, _B.value, _T.value
        if right - left > 0.01 and top - bot > 0.01:
            out.append((left, right, bot, top) if upright else fr.box(left, bot, right, top))
    return out


def _char(hp: ctypes.c_void_p, index: int, fr: Frame) -> tuple[float, float, float, float]:
    _CHAR_BOX(hp, index, _PL, _PR, _PB, _PT)
    if fr.angle == 0:
        return _L.value, _R.value, _B.value, _T.value
    return fr.box(_L.value, _B.value, _R.value, _T.value)


def _words(hp: ctypes.c_void_p, text: str, start: int, fr: Frame):
    """Words as (a, b, x0, x1, ymin, ymax); a word whose ends sit on different lines
    (PDFium joined two lines at a hyphen, "CBS-De") is cut where it jumps."""
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        left, right, bot, top = _char(hp, start + a, fr)
        if b - a == 1:
            yield a, b, left, right, bot, top
            continue
        l2, r2, b2, t2 = _char(hp, start + b - 1, fr)
        if l2 >= left or b2 < top:
            yield a, b, left, (right if right > r2 else r2), (bot if bot < b2 else b2), (top if top > t2 else t2)
            continue
        k0 = a
        for k in range(a + 1, b):
            lk, rk, bk, tk = _char(hp, start + k, fr)
            if rk - lk <= 0.01:
                continue
            if lk < left - 1.0 and bk >= top:
                yield k0, k, left, right, bot, top
                k0, left, right, bot, top = k, lk, rk, bk, tk
            else:
                right, bot, top = max(right, rk), min(bot, bk), max(top, tk)
        yield k0, b, left, right, bot, top


def line_words(
    hp: ctypes.c_void_p, text: str, start: int, fr: Frame, height: float
) -> list[tuple[str, int, int, int, int]]:
    """Each word of a line with its box (text, x0, top, x1, bottom; top down, whole points around
    the glyphs) from its first and last character: two PDFium calls per word, so a fact's place is
    its words', not its block's. Ingest measures every word, so upright text whose only white space
    is " " (nearly all; `isprintable` says so) takes a tight loop over `split(" ")`: ~1.6 µs a word."""
    ceil = math.ceil
    if fr.angle != 0 or not text.isprintable():
        return [(text[a:b], int(left), int(height - top), ceil(right), ceil(height - bot))
                for a, b, left, right, bot, top in _words(hp, text, start, fr)]
    box, pl, pr, pb, pt, lv, rv, bv, tv = _CHAR_BOX, _PL, _PR, _PB, _PT, _L, _R, _B, _T
    out: list[tuple[str, int, int, int, int]] = []
    i = start
    for word in text.split(" "):
        n = len(word)
        if not n:
            i += 1
            continue
        box(hp, i, pl, pr, pb, pt)
        left, right, bot, top = lv.value, rv.value, bv.value, tv.value
        if n > 1:
            box(hp, i + n - 1, pl, pr, pb, pt)
            l2, b2 = lv.value, bv.value
            if l2 < left and b2 >= top:  # the word's end is on another line: cut where it jumps
                out += [(word[a:b], int(x0), int(height - y1), ceil(x1), ceil(height - y0))
                        for a, b, x0, x1, y0, y1 in _words(hp, word, i, fr)]
                i += n + 1
                continue
            r2, t2 = rv.value, tv.value
            if r2 > right:
                right = r2
            if b2 < bot:
                bot = b2
            if t2 > top:
                top = t2
        out.append((word, int(left), int(height - top), ceil(right), ceil(height - bot)))
        i += n + 1
    return out


def _split_words(
    hp: ctypes.c_void_p, text: str, start: int, gap: float, fr: Frame
) -> list[tuple[str, float, float, float, float]]:
    """Split one PDFium line at wide gaps between words: (text, x0, x1, ymin, ymax).

    Only the first and last character of each word are measured (two PDFium calls per
    word instead of one per character); a gap inside a word without a space is not
    looked for: PDFium puts a space where glyphs are far apart. A jump back to the left
    (PDFium joined text from two places into one line) also starts a new part.
    """
    parts: list[tuple[str, float, float, float, float]] = []
    cur_a = cur_b = -1
    x0 = x1 = y0 = y1 = 0.0
    for a, b, left, right, bot, top in _words(hp, text, start, fr):
        if cur_a >= 0 and (left - x1 > gap or left < x0 - 1.0 or bot >= y1):
            parts.append((text[cur_a:cur_b], x0, x1, y0, y1))
            cur_a = -1
        if cur_a < 0:
            cur_a, x0, x1, y0, y1 = a, left, right, bot, top
        else:
            if right > x1:
                x1 = right
            if bot < y0:
                y0 = bot
            if top > y1:
                y1 = top
        cur_b = b
    if cur_a >= 0:
        parts.append((text[cur_a:cur_b], x0, x1, y0, y1))
    return parts


def _grow(
    part: tuple[str, float, float, float, float], rects: list[tuple[float, float, float, float]]
) -> tuple[str, float, float, float, float]:
    """Widen a part's glyph-based height to the line boxes PDFium reports around it."""
    text, x0, x1, y0, y1 = part
    for rx0, rx1, ry0, ry1 in rects:
        if rx0 < x1 and rx1 > x0 and ry0 < y1 and ry1 > y0:
            y0, y1 = min(y0, ry0), max(y1, ry1)
    return text, x0, x1, y0, y1


def text_lines(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, fr: Frame | None = None, *,
               words: bool = False) -> list[Line]:
    """All text lines of a page in frame coordinates; each line carries spans split at wide gaps,
    and with `words` each word's box (`Line.words`; two PDFium calls a word, ~0.6 ms a page: ingest
    asks for them, so every fact is placed on its words without the PDF)."""
    text = normalise(tp.get_text_range())
    if not text.strip():
        return []
    fr = fr or text_frame(page, tp)
    hp = _handle(tp)
    height = fr.height
    aligned = len(text) == _COUNT_CHARS(hp)
    out: list[Line] = []
    pos = 0
    for seg in text.split("\r\n"):
        start, pos = pos, pos + len(seg) + 2
        lead = len(seg) - len(seg.lstrip())
        if lead == len(seg):
            continue
        rects = _rects(hp, start, len(seg), fr)
        if not rects:
            continue
        x0, x1, ymin, ymax = rects[0]
        lh = ymax - ymin
        wide = False
        if len(rects) > 1:
            for r in rects[1:]:
                if r[0] < x0:
                    x0 = r[0]
                if r[1] > x1:
                    x1 = r[1]
                if r[2] < ymin:
                    ymin = r[2]
                if r[3] > ymax:
                    ymax = r[3]
                if r[3] - r[2] > lh:
                    lh = r[3] - r[2]
            gap = max(1.2 * lh, 7.0)
            wide = any(
                b[0] - a[1] > gap
                or b[0] < a[0] - lh
                or b[2] >= a[3]  # goes back up: two lines joined in the wrong order
                for a, b in zip(rects, rects[1:])
            )
        first = start + lead
        if aligned:
            size = round(_FONT_SIZE(hp, first), 1)
            bold = _FONT_WEIGHT(hp, first) >= 600
        else:
            size, bold = round(lh, 1), False
        boxes = line_words(hp, seg, start, fr, height) if words and aligned else None
        if wide and aligned:
            for p in _split_words(hp, seg, start, gap, fr):
                ptext, px0, px1, y0, y1 = _grow(p, rects)
                ln = Line(ptext, px0, height - y1, px1, height - y0, size, bold, [Span(ptext, px0, px1)])
                if boxes:
                    ln.words = [w for w in boxes if px0 - 1 <= w[1] and w[3] <= px1 + 1]
                out.append(ln)
        else:
            stripped = seg.strip()
            ln = Line(stripped, x0, height - ymax, x1, height - ymin, size, bold, [Span(stripped, x0, x1)])
            ln.words = boxes
            out.append(ln)
    return merge_visual_lines(out)


def merge_visual_lines(parts: list[Line]) -> list[Line]:
    """Join parts that sit on the same baseline into one visual line with several spans.

    Parts are grouped by vertical overlap; their order otherwise stays the content
    order, which layout analysis refines (columns, tables).
    """
    if not parts:
        return []
    parts = sorted(parts, key=_merge_key)
    merged: list[Line] = [parts[0]]
    joined: list[Line] = []
    prev = parts[0]
    pt, pb = prev.top, prev.bottom
    for ln in parts[1:]:
        lt, lb = ln.top, ln.bottom
        ph, lh = pb - pt, lb - lt
        overlap = (pb if pb < lb else lb) - (pt if pt > lt else lt)
        if overlap > 0.5 * (ph if ph < lh else lh) and abs(pb - lb) < 0.5 * max(ph, lh, 1.0):
            prev.spans.extend(ln.spans)
            if ln.words:
                prev.words = prev.words + ln.words if prev.words else ln.words
            if ln.x0 < prev.x0:
                prev.x0 = ln.x0
            if ln.x1 > prev.x1:
                prev.x1 = ln.x1
            if lt < pt:
                prev.top = pt = lt
            if lb > pb:
                prev.bottom = pb = lb
            if ln.size > prev.size:
                prev.size = ln.size
            if not joined or joined[-1] is not prev:
                joined.append(prev)
            continue
        merged.append(ln)
        prev, pt, pb = ln, lt, lb
    for ln in joined:
        ln.spans.sort(key=_span_x0)
        ln.text = " ".join([s.text for s in ln.spans])
        if ln.words:
            ln.words.sort(key=_word_x0)
    return merged


def _merge_key(ln: Line) -> tuple[int, float]:
    return (round(ln.bottom), ln.x0)


def _span_x0(s: Span) -> float:
    return s.x0


def _word_x0(w: tuple[str, int, int, int, int]) -> int:
    return w[1]
