"""Running headers, footers, page numbers and repeated letterhead.

A line is furniture when it sits in the top or bottom band of the page and either
repeats on other pages (same text once digits are masked) or has the shape of
furniture on its own (a page number, "Pagina 2 van 15", a barcode, a standard
letter footer). Furniture lines stay available as blocks but are left out of the
body text.
"""

from __future__ import annotations

import re
from collections import Counter

from raadslens.ingest.lines import PageLines

TOP_BAND = 0.12  # share of the page height
BOTTOM_BAND = 0.14

_PAGE_NO = re.compile(
    r"^(?:(?:pagina|page|blad|bladnummer|bladzijde|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?"
    r"(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"\b(?:pagina|page|blad|bladnummer)\s+\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?\b", re.I)
_BARCODE = re.compile(r"^\*[A-Z0-9]{6,}\*$")
_FOOTER_PHRASES = (
    "vermeld altijd het zaaknummer",
    "bezoekadres",
    "postadres",
    "e-mailadres",
    "telefoonnummer",
)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def _band(top: float, bottom: float, height: float) -> str | None:
    if bottom <= height * TOP_BAND:
        return "top"
    if top >= height * (1 - BOTTOM_BAND):
        return "bottom"
    return None


def shape_reason(text: str, band: str) -> str | None:
    """Furniture recognisable on one page alone."""
    t = text.strip()
    if _PAGE_NO.match(t):
        return "page number"
    if _PAGE_OF.search(t):
        return f"running {'header' if band == 'top' else 'footer'} with page number"
    if _BARCODE.match(t.replace(" ", "")):
        return "barcode"
    low = t.lower()
    if band == "bottom" and any(p in low for p in _FOOTER_PHRASES):
        return "letter footer"
    return None


def mark_furniture(pages: list[PageLines]) -> None:
    """Set `Line.furniture` on header/footer lines of text-layer and OCR pages alike."""
    counts: Counter[tuple[str, str]] = Counter()
    keyed: list[list[tuple[int, str, str]]] = []
    for page in pages:
        seen: set[tuple[str, str]] = set()
        mine = []
        for i, ln in enumerate(page.lines):
            band = _band(ln.top, ln.bottom, page.height)
            if band is None:
                continue
            band_key = (band, _key(ln.text))
            mine.append((i, band, band_key[1]))
            if band_key not in seen:
                seen.add(band_key)
                counts[band_key] += 1
        keyed.append(mine)
    n = len(pages)
    need = 2 if n <= 8 else max(3, min(6, n // 10))
    for page, mine in zip(pages, keyed):
        for i, band, key in mine:
            ln = page.lines[i]
            reason = shape_reason(ln.text, band)
            if reason is None and counts[(band, key)] >= need and len(key) > 0:
                reason = f"repeated {'header' if band == 'top' else 'footer'} ({counts[(band, key)]} pages)"
            if reason:
                ln.furniture = reason
        marked = [ln for ln in page.lines if ln.furniture]
        if marked:
            reasons = sorted({ln.furniture or "" for ln in marked})
            page.notes.append(f"furniture: {len(marked)} line(s): {'; '.join(reasons)}")
