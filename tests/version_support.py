"""An intermediate version of a report, written as a real PDF: every word of the original's text
layer set again at its own place (Helvetica, squeezed into the word's box), a few words changed.

Issue 14 asks that a version chain concept → intermediate → final be read across a version whose
tables are "x € 1.000" while the others spell every cell in euros. The corpus has two versions;
this builds the third from the final report, so its layout (columns, wrapped cells, headers) is the
original's and only the words differ. The words are placed with PDFium's page-object API.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from raadslens.ingest.lines import Line
from raadslens.ingest.wordboxes import page_lines

# an amount cell as one word ("+€1.433.000", "983.000*") or as the number after a sign-and-euro word ("+€")
_CELL = re.compile(r"^([+\-−]?)€?(\d{1,3}(?:\.\d{3})+)(\*?)$")
_EURO = re.compile(r"^[+\-−]?€$")
SCALE = "(bedragen x € 1.000)"

Word = tuple[str, int, int, int, int]


def _put(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, font: object, word: Word, size: float,
         height: float) -> None:
    text, x0, top, x1, _ = word
    obj = raw.FPDFPageObj_CreateTextObj(pdf.raw, font, ctypes.c_float(size))
    buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
    left, bottom, right, upper = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, upper)
    natural = right.value - left.value
    squeeze = min(1.0, (x1 - x0) / natural) if natural > 0 and x1 > x0 else 1.0
    raw.FPDFPageObj_Transform(obj, squeeze, 0, 0, 1, x0, height - top - size * 0.8)
    raw.FPDFPage_InsertObject(page.raw, obj)


def _tables(lines: list[Line]) -> dict[int, float]:
    """Line index -> the left edge of the amount column, for the lines of each table: from its
    header row ("Pijler, #") to its footnote ("* …") or the page's end."""
    column: float | None = None
    inside: dict[int, float] = {}
    for i, ln in enumerate(lines):
        words = ln.words or []
        if words and words[0][0] == "Pijler,":
            column = next((float(w[1]) for later in lines[i:i + 4] for w in later.words or () if w[0] == "Financieel"),
                          None)
        elif ln.text.startswith("*"):
            column = None
        if column is not None:
            inside[i] = column
    return inside


def _rewritten(words: list[Word], rewrite: Callable[[str], str]) -> list[Word]:
    """The line's words through `rewrite` (of the line's text; it keeps the number of words)."""
    new = rewrite(" ".join(w[0] for w in words)).split(" ")
    assert len(new) == len(words), (words, new)
    return [(text, *w[1:]) for text, w in zip(new, words)]  # type: ignore[misc]


def _scaled(words: list[Word], column: float) -> list[Word]:
    """The amount cells right of `column` as a table 'x € 1.000' prints them: '+983*', '-185'."""
    out: list[Word] = []
    for text, *box in words:
        cell = _CELL.match(text) if box[0] >= column - 10 else None
        if cell is None:
            out.append((text, *box))  # type: ignore[arg-type]
            continue
        sign = cell.group(1)
        if out and _EURO.match(out[-1][0]):  # "+€" "983.000*": one word "+983*" in the number's box
            sign = out.pop()[0].rstrip("€")
        thousands = cell.group(2)[: -len(".000")]
        out.append((sign + thousands + cell.group(3), *box))  # type: ignore[arg-type]
    return out


def write_version(source: Path, target: Path, rewrite: Callable[[str], str], *, scaled_tables: bool) -> None:
    """Write `source` again to `target`, each line's text through `rewrite` (word for word). With `scaled_tables` the
    amount cells of every table are printed in thousands without '€', and the caption line
    above each table ends in "(bedragen x € 1.000)"."""
    src = pdfium.PdfDocument(str(source))
    sizes = [src[i].get_size() for i in range(len(src))]
    src.close()
    pdf = pdfium.PdfDocument.new()
    font = raw.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    for number, (width, height) in enumerate(sizes, 1):
        page = pdf.new_page(width, height)
        lines = [ln for ln in page_lines(source, number) if ln.words]
        tables = _tables(lines) if scaled_tables else {}
        captions = {i - 1 for i in tables if i and i - 1 not in tables}
        for i, ln in enumerate(lines):
            words = _rewritten(list(ln.words or []), rewrite)
            if i in tables:
                words = _scaled(words, tables[i])
            if i in captions:
                words[-1] = (f"{words[-1][0].rstrip(':')} {SCALE}:", *words[-1][1:])  # type: ignore[assignment]
            for word, after in zip(words, [*words[1:], None]):
                if after is not None:  # a real space to the next word: PDFium need not guess it from the gap
                    word = (word[0] + " ", word[1], word[2], after[1], word[4])
                _put(pdf, page, font, word, ln.size or ln.height, height)
        raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(target))
    pdf.close()
