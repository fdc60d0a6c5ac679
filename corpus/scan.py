"""Strategisch programma 2026-2030 (seed 003) as a simulated scan: light OCR repair,
two-column Word layout, LibreOffice export, then rasterised to noisy, slightly rotated
grayscale images wrapped in an image-only PDF (no text layer)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from common import new_document, para, set_columns, squash
from docx.enum.section import WD_SECTION
from PIL import Image, ImageFilter

DPI = 200
SEED = 20250313

# obvious OCR errors in the seed (word -> repair)
OCR_FIXES = {
    "Sameni4": "Samen14", "ozJT": "OZJT", "Jjuridische": "juridische", "lets ": "Iets ",
    "bijlage 1is": "bijlage 1 is", "efficiénter": "efficiënter", "Financiéle": "Financiële",
    "beinvloed": "beïnvloed", "codrdinatiepunt": "coördinatiepunt", "financiéle": "financiële",
    "geinformeerd": "geïnformeerd", "coérdinatie": "coördinatie", "Codrdinatie": "Coördinatie",
}
RUNNING = re.compile(r"^(Strategisch Programma|\d+( \d+)?)$")


def _junk(line: str) -> bool:
    s = line.strip()
    if not s or RUNNING.match(s):
        return True
    letters = sum(ch.isalpha() for ch in s)
    if len(s) <= 3 and not re.match(r"^\d\.$", s):
        return True
    return letters / len(s) < 0.6


def _fix(line: str) -> str:
    for a, b in OCR_FIXES.items():
        line = line.replace(a, b)
    line = re.sub(r"\s+[=|§®©]+\s*$", "", line)           # stray marks at line end
    line = re.sub(r"\s+[-—=]\s+[A-Z]{2}\b.*$", "", line)   # merged image debris
    line = re.sub(r"^[‘'|]\s+", "", line)
    line = re.sub(r"^[eé¢]\s+(?=[A-Z])", "• ", line)
    return line.rstrip()


def clean_blocks(text: str):
    """-> list of ('h1'|'h2'|'p'|'li', text)."""
    blocks = []
    for group in re.split(r"\n\s*\n", text):
        lines = [_fix(l) for l in group.split("\n") if not _junk(l)]
        lines = [l for l in lines if l.strip()]
        if not lines:
            continue
        joined = ""
        for l in lines:
            l = l.strip()
            if l.startswith("• ") or re.match(r"^\d\.\s", l):
                if joined:
                    blocks.append(_classify(joined))
                joined = l
            else:
                joined = (joined[:-1] + l) if joined.endswith("-") and l[:1].islower() else \
                    (joined + " " + l).strip()
        blocks.append(_classify(joined))
    # a paragraph that continues after a column/page break starts lower-case
    merged = []
    for b in blocks:
        if merged and b[0] == "p" and b[1][:1].islower() and merged[-1][0] == "p":
            merged[-1] = ("p", merged[-1][1] + " " + b[1])
        else:
            merged.append(b)
    return merged


def _classify(s: str):
    s = squash(s).lstrip(". ")
    if re.match(r"^\d\. [A-Z]", s) and len(s) < 45 and not s.endswith("."):
        return ("h1", s)
    if s.startswith("• "):
        return ("li", s[2:])
    if len(s) < 55 and not re.search(r"[.,;:]$", s) and s[:1].isupper():
        return ("h2", s)
    return ("p", s)


def build_scan_docx(seed: str, out_docx: Path):
    doc = new_document(font="Liberation Serif", size=10.5, heading_color="2E5E3E",
                       heading_sizes=(15, 11.5, 11, 10.5), margins=(2.0, 1.8, 2.0, 1.8),
                       title="Strategisch programma SamenTwente 2026-2030", author="SamenTwente")
    para(doc, "", space_after=60)
    para(doc, "Strategisch programma", size=44, bold=True, color="2E5E3E", space_after=6)
    para(doc, "SamenTwente 2026-2030", size=24, color="2E5E3E", space_after=30)
    para(doc, "Samen werken aan een gezond, veilig en vitaal Twente", size=14, italic=True,
         space_after=30)
    sec = doc.add_section(WD_SECTION.CONTINUOUS)
    set_columns(sec, 2, 0.8)
    for kind, text in clean_blocks(seed):
        if kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        elif kind == "li":
            para(doc, text, style="List Bullet")
        else:
            para(doc, text).paragraph_format.alignment = 3  # justified, brochure-like
    doc.save(out_docx)


def rasterise(pdf_in: Path, pdf_out: Path, quality: int = 75):
    pdf = pdfium.PdfDocument(str(pdf_in))
    pages = []
    for n in range(len(pdf)):
        rng = np.random.default_rng(SEED + n)
        img = pdf[n].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        angle = float(rng.uniform(0.3, 0.8) * rng.choice([-1, 1]))
        img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        arr = np.asarray(img, dtype=np.float32)
        arr = arr * 0.93 + 8                                   # paper tone, softer black
        arr += rng.normal(0.0, 5.0, arr.shape)                  # sensor noise
        h, w = arr.shape
        k = 400                                                 # dust speckles
        ys, xs = rng.integers(0, h - 2, k), rng.integers(0, w - 2, k)
        for dy in (0, 1):
            for dx in (0, 1):
                arr[ys + dy, xs + dx] = rng.integers(40, 140, k)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        pages.append(img)
    pdf.close()
    fixed = dt.datetime(2025, 6, 1, 12, 0, 0).timetuple()
    pages[0].save(pdf_out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI,
                  quality=quality, title="Strategisch programma SamenTwente 2026-2030",
                  creationDate=fixed, modDate=fixed, producer="scanner")
    return len(pages)
