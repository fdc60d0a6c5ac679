"""Shared helpers for the corpus builder: docx styling, fields, LibreOffice export,
PDF metadata normalisation and a small line-flow parser for extracted seed text."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
FIXED_DATE = dt.datetime(2025, 1, 1, 12, 0, 0)


def read_seed(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- docx

def _set_style_font(style, name, size=None, bold=None, color=None, italic=None):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(color)


def new_document(font="Liberation Sans", size=10, heading_color="000000",
                 heading_sizes=(14, 12, 11, 10), margins=(2.5, 2.2, 2.5, 2.5),
                 title="", author="", subject="", created=FIXED_DATE):
    """A4 document with a consistent font everywhere and fixed core properties."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = (Cm(m) for m in margins)
    sec.header_distance = Cm(1.0)
    sec.footer_distance = Cm(0.8)
    styles = doc.styles
    _set_style_font(styles["Normal"], font, size)
    pf = styles["Normal"].paragraph_format
    pf.space_after = Pt(6)
    pf.line_spacing = 1.15
    for lvl, hsize in enumerate(heading_sizes, start=1):
        st = styles[f"Heading {lvl}"]
        _set_style_font(st, font, hsize, bold=True, color=heading_color, italic=False)
        st.paragraph_format.space_before = Pt(12 if lvl <= 2 else 8)
        st.paragraph_format.space_after = Pt(4)
    for name in ("Title", "List Bullet", "List Bullet 2", "Header", "Footer", "Table Grid"):
        with contextlib.suppress(KeyError):
            _set_style_font(styles[name], font)
    for name in ("List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(3)
    cp = doc.core_properties
    cp.title, cp.author, cp.subject = title, author, subject
    cp.last_modified_by = author
    cp.created = cp.modified = created
    cp.revision = 1
    cp.comments = ""
    cp.keywords = ""
    return doc


def add_field(paragraph, instr: str, placeholder: str = "1"):
    """Insert a complex field (e.g. PAGE) into a paragraph."""
    def fld(t):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), t)
        return el
    r1 = paragraph.add_run()
    r1._r.append(fld("begin"))
    r2 = paragraph.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    r2._r.append(it)
    r3 = paragraph.add_run()
    r3._r.append(fld("separate"))
    r4 = paragraph.add_run(placeholder)
    r5 = paragraph.add_run()
    r5._r.append(fld("end"))
    return r4


def shade(cell, fill: str):
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def table_borders(table, size=4, color="808080", inside=True):
    """Set explicit borders (size in 1/8 pt; 0 = none)."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    edges = ["top", "left", "bottom", "right"] + (["insideH", "insideV"] if inside else [])
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"]:
        el = OxmlElement(f"w:{edge}")
        if size and edge in edges:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:color"), color)
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def set_col_widths(table, widths_cm):
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for idx, w in enumerate(widths_cm):
            row.cells[idx].width = Cm(w)


def cell_text(cell, text, bold=False, size=None, align=None, color=None, italic=False):
    """Write (possibly multi-line) text into a cell, reusing its first paragraph."""
    lines = text.split("\n") if text else [""]
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.space_before = Pt(0)
        if align:
            p.alignment = align
        r = p.add_run(line)
        r.bold = bold
        r.italic = italic
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
    return p


def para(container, text="", style=None, bold=False, size=None, align=None, italic=False,
         space_after=None, color=None, indent=None, hanging=None, keep_next=False):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
    if align is not None:
        p.alignment = align
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    if indent is not None:
        p.paragraph_format.left_indent = Cm(indent)
    if hanging is not None:
        p.paragraph_format.first_line_indent = Cm(-hanging)
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def numbered(container, label, text, indent=0.8, level=0):
    """Numbered item with the literal number from the source and a hanging indent."""
    p = container.add_paragraph()
    p.paragraph_format.left_indent = Cm(indent * (level + 1))
    p.paragraph_format.first_line_indent = Cm(-indent)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(indent * (level + 1)))
    p.add_run(f"{label}\t{text}")
    return p


def page_break(doc):
    from docx.enum.text import WD_BREAK
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def landscape(section):
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)


def set_columns(section, num=2, space_cm=1.0):
    sectpr = section._sectPr
    for old in sectpr.findall(qn("w:cols")):
        sectpr.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(num))
    cols.set(qn("w:space"), str(int(space_cm * 567)))
    sectpr.append(cols)


def clear(container):
    """Empty header/footer: remove its default paragraph text."""
    for p in container.paragraphs:
        for r in p.runs:
            r.text = ""
    return container.paragraphs[0]


__all__ = [n for n in dir() if not n.startswith("_")] + ["WD_ALIGN_PARAGRAPH", "WD_TABLE_ALIGNMENT"]


# --------------------------------------------------------------------------- export

def docx_to_pdf(docx_path: Path, out_pdf: Path):
    """Export with LibreOffice in an isolated profile; then normalise metadata."""
    with tempfile.TemporaryDirectory(prefix="raadslens-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": "1735732800"},
                       timeout=300)
        produced = outdir / (docx_path.stem + ".pdf")
        if not produced.exists():
            raise RuntimeError(f"LibreOffice produced no PDF for {docx_path}")
        data = produced.read_bytes()
    out_pdf.write_bytes(normalise_pdf(data))


def normalise_pdf(data: bytes) -> bytes:
    """Replace timestamps and the document ID by fixed values of identical length,
    so that byte offsets (xref) stay valid."""
    data = re.sub(rb"D:\d{14}", b"D:20250101120000", data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)([^<]*)(</xmp)",
                  lambda m: m.group(1) + b"2025-01-01T12:00:00Z".ljust(len(m.group(2)))[:len(m.group(2))]
                  + m.group(3), data)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1)))
                  .replace(m.group(2), b"0" * len(m.group(2))), data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]+", lambda m: b"/DocChecksum /" + b"0" * (len(m.group(0)) - 14),
                  data)
    data = re.sub(rb"(<xmpMM:DocumentID>)([^<]*)(<)",
                  lambda m: m.group(1) + b"uuid:0".ljust(len(m.group(2)), b"0") + m.group(3), data)
    return data


# --------------------------------------------------------------------------- text

TERMINAL = (".", ":", ";", "?", "!", ")", "”", "’")
BULLET_RE = re.compile(r"^(?:[•\-–]|[e¢](?=\s+[A-Z(]))\s+(.*)$")
SUBBULLET_RE = re.compile(r"^o\s+(.*)$")
NUMBER_RE = re.compile(r"^(\d{1,2}\.)\s+(\S.*)$")


def squash(s: str) -> str:
    return " ".join(s.split())


def join_wrapped(a: str, b: str) -> str:
    """Join two wrapped lines; keep hyphenated compounds like 'onderwijs-zorg'."""
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    return a + ("" if a.endswith("-") and b[:1].islower() else " ") + b
