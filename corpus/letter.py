"""Hengelo raadsinformatiebrieven (seeds 004, 000, 002): letterhead, footer, header with
page field, body parsed from the seed, signatures; plus annex (004) and slides (000)."""
from __future__ import annotations

import re
from pathlib import Path

from common import (
    TERMINAL,
    add_field,
    cell_text,
    clear,
    join_wrapped,
    landscape,
    new_document,
    numbered,
    page_break,
    para,
    set_col_widths,
    squash,
    table_borders,
)
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw

BLUE = "1F4E8C"
GREY = "555555"
FOOTER_SENTENCE = "Vermeld altijd het zaaknummer als u contact opneemt met de gemeente."
ADDRESSEE = ["Gemeenteraad van Hengelo", "Postbus 18", "7550AA Hengelo"]
SENDER = ["Gemeente Hengelo", "Postbus 18", "7550 AA Hengelo"]


# --------------------------------------------------------------------------- letterhead

def logo_png(path: Path) -> Path:
    """A simple, deterministic municipal mark (not the real Hengelo logo)."""
    img = Image.new("RGB", (240, 240), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 239, 239], fill=(31, 78, 140))
    for i, y in enumerate((50, 105, 160)):
        d.rectangle([40 + 20 * i, y, 200, y + 30], fill="white")
    img.save(path, "PNG", optimize=False)
    return path


def letterhead(doc, zaaknummer: str | None, logo: Path):
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.top_margin = Cm(4.2)
    # first page: logo left, sender address right
    hdr = sec.first_page_header
    p = clear(hdr)
    t = hdr.add_table(1, 2, Cm(16.3))
    table_borders(t, 0)
    set_col_widths(t, [10.3, 6.0])
    c0 = t.cell(0, 0)
    c0.paragraphs[0].add_run().add_picture(str(logo), width=Cm(1.5))
    r = c0.add_paragraph().add_run("Gemeente Hengelo")
    r.bold = True
    r.font.size = Pt(14)
    r.font.color.rgb = RGBColor.from_string(BLUE)
    cell_text(t.cell(0, 1), "\n".join(SENDER), size=8, color=GREY)
    # other pages: Bladnummer N / Zaaknummer
    hdr2 = sec.header
    p = clear(hdr2)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p.add_run("Bladnummer ")
    r.font.size = Pt(8)
    add_field(p, "PAGE", "2").font.size = Pt(8)
    if zaaknummer:
        p2 = hdr2.add_paragraph()
        p2.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p2.add_run(f"Zaaknummer {zaaknummer}").font.size = Pt(8)
    for ftr in (sec.first_page_footer, sec.footer):
        footer_block(ftr)


def footer_block(ftr):
    p = clear(ftr)
    r = p.add_run(FOOTER_SENTENCE)
    r.font.size = Pt(7.5)
    r.bold = True
    p.paragraph_format.space_after = Pt(3)
    t = ftr.add_table(1, 3, Cm(16.3))
    table_borders(t, 0)
    set_col_widths(t, [6.0, 5.3, 5.0])
    for i, (label, val) in enumerate([("Bezoekadres", "Burgemeester van der\nDussenplein 1"),
                                      ("E-mailadres", "gemeente@hengelo.nl"),
                                      ("Telefoonnummer", "14-074")]):
        cell_text(t.cell(0, i), label, bold=True, size=7)
        for line in val.split("\n"):
            q = t.cell(0, i).add_paragraph()
            q.paragraph_format.space_after = Pt(0)
            q.add_run(line).font.size = Pt(7)


def address_and_meta(doc, meta: dict):
    for line in ADDRESSEE:
        para(doc, line, space_after=0)
    para(doc, "", space_after=24)
    t = doc.add_table(2, 4)
    table_borders(t, 0)
    set_col_widths(t, [6.5, 3.2, 3.0, 3.6])
    for i, key in enumerate(["Onderwerp", "Zaaknummer", "Uw kenmerk", "Datum"]):
        cell_text(t.cell(0, i), key, bold=True, size=8, color=GREY)
        cell_text(t.cell(1, i), meta[key.lower().replace(" ", "_")], size=9.5)
    para(doc, "", space_after=12)


def signature(doc, names: list[str], bijlagen: list[str], bijlagen_label: str):
    para(doc, "Met vriendelijke groet,", space_after=0, keep_next=True)
    para(doc, "Burgemeester en wethouders van Hengelo,", space_after=0, keep_next=True)
    t = doc.add_table(3, 2)
    table_borders(t, 0)
    set_col_widths(t, [8.0, 8.0])
    cell_text(t.cell(0, 0), "de secretaris,")
    cell_text(t.cell(0, 1), "de burgemeester,")
    cell_text(t.cell(1, 0), "\n\n")
    for i, n in enumerate(names[:2]):
        cell_text(t.cell(2, i), n)
    if bijlagen_label:
        para(doc, "", space_after=6)
        para(doc, bijlagen_label, bold=True, space_after=2)
        for i, b in enumerate(bijlagen, start=1):
            numbered(doc, f"{i}.", b)


# --------------------------------------------------------------------------- seed parsing

FOOTER_RE = re.compile(r"(\*\*)?Vermeld altijd het zaaknummer.*?14-074\s*\n", re.S)
BLAD_RE = re.compile(r"Bladnummer\s*\n\s*\d+\s*\n\s*Zaaknummer(?: Uw kenmerk)?\s*\n\s*\d+\s*\n")


def clean_md(line: str) -> str:
    line = re.sub(r"\*\*(.*?)\*\*", r"\1", line)
    line = re.sub(r"(?<!\w)\*(\S.*?)\*(?!\w)", r"\1", line)
    line = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line)
    return line.replace("**", "").rstrip()


def md_blocks(text: str):
    """Blank-line separated groups -> blocks: ('h', level, text) | ('p', text) |
    ('li', text) | ('num', label, text)."""
    blocks = []
    for group in re.split(r"\n[ \t]*\n", text):
        raw = [l for l in group.split("\n") if l.strip()]
        if not raw:
            continue
        first = raw[0].strip()
        bold_only = bool(re.fullmatch(r"\*\*[^*]+\*\*", first)) and len(raw) == 1
        lines = [clean_md(l).strip() for l in raw]
        if first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            blocks.append(("h", level, lines[0].lstrip("# ").strip()))
            rest = lines[1:]
            if rest:
                blocks.append(("p", " ".join(rest)))
            continue
        if bold_only:
            blocks.append(("h", 2, lines[0]))
            continue
        if len(lines) == 1 and re.match(r"^\d+\.\d+\s", lines[0]):
            blocks.append(("h", 2, lines[0]))
            continue
        if len(lines) == 1 and re.match(r"^\d+\.\s", lines[0]) and not lines[0].endswith("."):
            blocks.append(("h", 1, lines[0]))
            continue
        if re.match(r"^(- |\d+\.\s)", lines[0]):
            for l in lines:
                m = re.match(r"^(?:- |(\d+\.)\s+)(.*)$", l)
                if m:
                    blocks.append(("num", m.group(1), m.group(2)) if m.group(1) else ("li", m.group(2)))
                elif blocks:
                    kind = blocks[-1]
                    blocks[-1] = kind[:-1] + (join_wrapped(kind[-1], l),)
            continue
        if len(lines) == 1 and len(lines[0]) < 70 and not re.search(r"[.,;:!?]$", lines[0]) \
                and not lines[0][0].islower():
            blocks.append(("h", 2, lines[0]))
            continue
        blocks.append(("p", " ".join(lines)))
    # re-join paragraphs split by a page break in the source
    merged = []
    for b in blocks:
        if merged and b[0] == "p" and merged[-1][0] in ("p", "li") and \
                not merged[-1][-1].endswith(TERMINAL) and b[1][:1] and (b[1][0].islower() or b[1][0] == "("):
            merged[-1] = merged[-1][:-1] + (merged[-1][-1] + " " + b[1],)
        else:
            merged.append(b)
    return merged


def render_blocks(doc, blocks, heading_offset=0, heading_level=None):
    """Blocks from flow_blocks into the docx; `heading_level` fixes every heading's level."""
    for b in blocks:
        if b[0] == "h":
            doc.add_heading(b[2], level=heading_level or min(4, b[1] + heading_offset))
        elif b[0] == "p":
            para(doc, b[1])
        elif b[0] == "li":
            para(doc, b[1], style="List Bullet")
        elif b[0] == "num":
            numbered(doc, b[1], b[2])


def split_signature(body: str):
    i = body.index("Met vriendelijke groet,")
    sig = body[i:]
    names = re.findall(r"^De heer .*?$", sig, re.M)
    names = [n.strip() for n in names]
    # OCR noise in seed 002: "S.W.].G" for "S.W.J.G"
    names = [n.replace("S.W.].G", "S.W.J.G") for n in names]
    if len(names) == 1 and "De heer" in names[0][7:]:
        a, b = names[0].split(" De heer ")
        names = [a, "De heer " + b]
    m = re.search(r"^(Bijlagen?:)\s*(.*)$", sig, re.M)
    return body[:i], names, m


# --------------------------------------------------------------------------- documents

def build_rib_stand_van_zaken(seed: str, out_docx: Path, logo: Path):
    """Seed 004: RIB 16 juli 2024 + annex 'Definitieve opdracht en aanpak'."""
    row = re.search(r"^Onderwerp\tZaaknummer\tUw kenmerk\tDatum\n(.*)$", seed, re.M).group(1)
    onderwerp, zaak, kenmerk, datum = row.split("\t")
    meta = dict(onderwerp=onderwerp, zaaknummer=zaak, uw_kenmerk=kenmerk, datum=datum)
    assert (zaak, datum) == ("3777670", "16 juli 2024"), meta
    text = BLAD_RE.sub("\n", seed)
    start = text.index("Beste raadsleden,")
    annex_at = text.index("Samen goed(e) keuzes maken voor Twente")
    letter, annex = text[start:annex_at], text[annex_at:]
    letter = FOOTER_RE.sub("\n", letter)
    body, names, bij = split_signature(letter)

    doc = new_document(title=f"Raadsinformatiebrief {onderwerp}", author="Gemeente Hengelo",
                       subject=f"Zaaknummer {zaak}")
    letterhead(doc, zaak, logo)
    address_and_meta(doc, meta)
    render_blocks(doc, md_blocks(body))
    bijlagen = [re.sub(r"^\d+\s+", "", bij.group(2))] if bij else []
    signature(doc, names, bijlagen, "Bijlagen")

    # annex: Lysias document
    page_break(doc)
    front, rest = annex.split("\nInhoudsopgave", 1)
    toc, rest = rest.split("\nOpdrachtgever:", 1)
    metablock, rest = rest.split("\n1. Inleiding", 1)
    tlines = [l.strip() for l in front.split("\n") if l.strip()]
    para(doc, tlines[0], size=20, bold=True, color=BLUE, space_after=18)
    para(doc, " ".join(tlines[1:]), size=16, bold=True, space_after=24)
    para(doc, "Inhoudsopgave", size=12, bold=True, space_after=6)
    for l in toc.split("\n"):
        if not l.strip():
            continue
        level = 1 if l.startswith(" ") else 0
        entry = clean_md(l).strip().lstrip("- ").strip()
        entry = re.sub(r"(\.{2,}\s*\d+|(?<=[a-z.])\s*\d+)$", "", entry).strip()
        para(doc, entry, indent=0.6 * level, space_after=2)
    para(doc, "", space_after=12)
    rows = []
    for l in ("Opdrachtgever:" + metablock).split("\n"):
        if not l.strip():
            continue
        m = re.match(r"^([A-Z][\w ]+):\s*(.*)$", l.strip())
        if m:
            rows.append([m.group(1) + ":", m.group(2)])
        else:
            rows[-1][1] += "\n" + l.strip()
    t = doc.add_table(len(rows), 2)
    table_borders(t, 0)
    set_col_widths(t, [4.0, 8.0])
    for i, (k, v) in enumerate(rows):
        cell_text(t.cell(i, 0), k, bold=True)
        cell_text(t.cell(i, 1), v)
    page_break(doc)
    render_blocks(doc, md_blocks("1. Inleiding" + rest))
    doc.save(out_docx)


def build_rib_proces(seed: str, out_docx: Path, logo: Path):
    """Seed 000: RIB 5 november 2024 + slides of 16 oktober 2024 (landscape section)."""
    def field(label):
        m = re.search(r"\*\*" + label + r"\*\*\s*\n(.*?)\n\s*\n", seed, re.S)
        return squash(m.group(1)) if m else ""
    meta = dict(onderwerp=field("Onderwerp"), zaaknummer=field("Zaaknummer"),
                uw_kenmerk=field("Uw kenmerk"), datum=field("Datum"))
    assert meta["zaaknummer"] == "3825997" and meta["datum"] == "5 november 2024", meta
    start = seed.index("Geachte leden van de raad,")
    slides_at = seed.index("# Samen goed(e) keuzes maken voor Twente")
    letter = FOOTER_RE.sub("\n", seed[start:slides_at])
    body, names, bij = split_signature(letter)

    doc = new_document(title=f"Raadsinformatiebrief {meta['onderwerp']}", author="Gemeente Hengelo",
                       subject=f"Zaaknummer {meta['zaaknummer']}")
    letterhead(doc, meta["zaaknummer"], logo)
    address_and_meta(doc, meta)
    render_blocks(doc, md_blocks(body))
    signature(doc, names, [], "")
    if bij:
        para(doc, "")
        para(doc, f"{bij.group(1)} {bij.group(2)}".strip())

    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape(sec)
    sec.different_first_page_header_footer = False
    sec.top_margin, sec.bottom_margin = Cm(2.6), Cm(2.8)
    sec.left_margin = sec.right_margin = Cm(2.2)
    render_slides(doc, seed[slides_at:])
    doc.save(out_docx)


SLIDE_NOISE = {"ly:ias", "&", "Samen", "Twente"}


def render_slides(doc, text: str):
    first = True
    pending_para = []

    def flush():
        if pending_para:
            para(doc, " ".join(pending_para), size=14, space_after=8)
            pending_para.clear()

    lines = text.split("\n")
    for i, raw in enumerate(lines):
        line = clean_md(raw).strip()
        if not line or line in SLIDE_NOISE:
            flush()
            continue
        is_divider = (not raw.startswith("#") and len(line) < 30 and line[-1] in "?!"
                      and not raw.lstrip().startswith("-") and not re.search(r"\d", line))
        if raw.startswith("# ") or is_divider:
            flush()
            if not first:
                page_break(doc)
            first = False
            title = line.lstrip("# ").strip()
            p = para(doc, title, size=30 if not is_divider else 36, bold=True, color=BLUE,
                     space_after=18)
            if is_divider:
                p.paragraph_format.space_before = Pt(120)
        elif raw.startswith("##"):
            flush()
            para(doc, line.lstrip("# ").strip(), size=15, bold=True, space_after=4, keep_next=True)
        elif re.match(r"^\s*- ", raw):
            flush()
            p = para(doc, line[2:].strip(), style="List Bullet", size=13)
            p.paragraph_format.space_after = Pt(2)
        elif re.match(r"^\d+\.\s", line):
            flush()
            lab, txt = line.split(" ", 1)
            numbered(doc, lab, txt).runs[0].font.size = Pt(13)
        elif raw.rstrip().endswith("  ") or (i + 1 < len(lines) and lines[i + 1].strip()
                                             and not lines[i + 1].startswith(("#", "-"))):
            pending_para.append(line)
        else:
            pending_para.append(line)
            flush()
    flush()


def build_rib_jeugd(seed: str, out_docx: Path, logo: Path):
    """Seed 002: plain letter without metadata table."""
    from flow import flow_blocks
    lines = seed.split("\n")
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    body, names, _ = split_signature(body)
    doc = new_document(title=f"Raadsinformatiebrief {title}", author="Gemeente Hengelo")
    letterhead(doc, None, logo)
    for line in ADDRESSEE:
        para(doc, line, space_after=0)
    para(doc, "", space_after=18)
    para(doc, title, bold=True, size=12, space_after=12)
    render_blocks(doc, flow_blocks(body.split("\n"), width=95), heading_level=2)
    signature(doc, names, [], "")
    doc.save(out_docx)
