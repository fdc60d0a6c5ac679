"""Eindrapport kerntakendiscussie (seed 001) and its constructed CONCEPT version.

Both are built from the same seed text; the concept only applies CONCEPT_SUBSTITUTIONS
(to the raw seed, before parsing, so text and tables change together) and marks the
title page and header."""
from __future__ import annotations

import re
from pathlib import Path

from common import (
    add_field,
    cell_text,
    clear,
    new_document,
    numbered,
    page_break,
    para,
    set_col_widths,
    shade,
    squash,
    table_borders,
)
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor
from flow import flow_blocks

BLUE = "1B4F72"
TITLE = "Samen goed(e) keuzes voor SamenTwente"
SUBTITLE = "Eindrapport kerntakendiscussie SamenTwente"

# Exact seed spellings (note the seed's inconsistent spacing, e.g. "€983.000" in the text,
# "+€1.433.000" and "€290.000 (S)" in the tables).
CONCEPT_SUBSTITUTIONS = [
    ("€983.000", "€850.000"),            # VTT, running text (3.1, Pijler 3)
    ("+€ 983.000*", "+€ 850.000*"),      # VTT, tables of 4.2
    ("-€ 185.000", "-€ 200.000"),        # Gezonde School Aanpak, text + tables
    ("+€1.433.000", "+€1.300.000"),      # subtotal autonomous developments
    ("-€ 519.000", "-€ 534.000"),        # Kern subtotal of undecided tasks
    ("€290.000 (S)", "€305.000 (S)"),    # of which structural
    ("+€ 914.000", "+€ 766.000"),        # total package Kern
    ("+€ 1.650.000", "+€ 1.517.000"),    # total package Koers
]

# Headings as they occur in the seed: leading space marks a page start in the
# extraction and disambiguates the annex titles from the list of annexes.
HEADINGS = [
    (1, [" 1. Inleiding"]), (2, ["1.1 Aanvullende opdrachten"]), (2, ["1.2 Proces en aanpak"]),
    (2, [" 1.3 Leeswijzer"]), (1, [" 2. Reflecties en bevindingen"]),
    (1, [" 3. Kerntaken SamenTwente"]),
    (2, ["3.1 Kerntaken SamenTwente – na bespreking over ambitieniveau"]),
    (2, [" 3.2 Kerntaken SamenTwente"]), (1, [" 4. Impact keuzes kerntakendiscussie"]),
    (2, ["4.1 Organisatorische consequenties van de keuze voor Kern"]),
    (2, ["4.2 Financiële consequenties"]),
    (1, [" 5. Het samen van SamenTwente anders organiseren"]),
    (2, ["5.1 Beschrijving van de context"]), (2, ["5.2 Wensen en behoeften in de samenwerking"]),
    (2, [" 5.3 Actiepunten en deelvragen"]), (2, [" 5.4 Randvoorwaarden en succesvoorwaarden"]),
    (2, ["5.5 Voorstel"]),
    (1, [" 6. Samenhang SamenTwente en coalitions of the", "willing’"]),
    (2, ["6.1 Kennispunt Twente"]), (2, ["6.2 Samen14"]), (2, ["6.3 Twentse Koers"]),
    (1, ["Bijlagen"]),
    (1, [" 1. Proces en aanpak kerntakendiscussie"]),
    (1, [" 2. Benchmarks GGD, VTT en Bedrijfsvoering"]),
    (1, [" 3. Voorstellen mee te nemen bij brede opdracht", "Prioritaire opgave jeugd"]),
    (1, [" 4. Overzicht maatwerktaken"]),
    (1, [" 5. Voorstellen die ter voorbereiding op de", "beeldvormende bespreking zijn verzonden"]),
    (1, ["6. Informatieset taken organisatieonderdelen", "SamenTwente"]),
    (1, ["7. Informatieset coalitiepartner Twentse Koers"]),
]


def norm(line: str) -> str:
    return (" " if line.startswith(" ") else "") + squash(line)


def apply_substitutions(text: str) -> tuple[str, dict]:
    counts = {}
    for old, new in CONCEPT_SUBSTITUTIONS:
        n = text.count(old)
        if n == 0:
            raise AssertionError(f"concept substitution {old!r} -> {new!r} did not apply; seed changed?")
        counts[old] = n
        text = text.replace(old, new)
    return text, counts


# --------------------------------------------------------------------------- tables

FIN_ROW = re.compile(r"^(Jeugd|PB&L|Veiligheid)(?:,|\s|$)")
FIN_GROUP = re.compile(r"^(Autonome ontwikkelingen,|Voorstel \d+:|Voorstellen meningen|Voorstel overeenstemming)")
FIN_TOTAL = re.compile(r"^(Sub-totaal|Financieel totaaleffect)")
AMT = r"[+-]?\s?€\s?[\d.]+\**(?:\s\([IS]\))?\**"
FIN_AMOUNT = re.compile(r"^(.*?)\s*(" + AMT + r"|0(?: \(evt\. PM\))?\**)$")
NOTE = re.compile(r"\s*(Incidenteel wordt structureel\**)$")


def parse_fin_table(lines, i):
    """lines[i] is the first header line ('Pijler, #' or 'Pijler,')."""
    header, rows = [], []
    while not (FIN_GROUP.match(squash(lines[i])) or FIN_ROW.match(squash(lines[i]))):
        if lines[i].strip():
            header.append(squash(lines[i]))
        i += 1
    two_cols = any("Scenario Koers" in h for h in header)
    cur = None
    while True:
        s = squash(lines[i]) if lines[i].strip() else ""
        if not s:
            i += 1
            continue
        if s.startswith("*"):
            break
        if FIN_GROUP.match(s):
            rows.append({"kind": "group", "text": s})
            cur = None
        elif FIN_TOTAL.match(s):
            cur = {"kind": "total", "lines": [s]}
            rows.append(cur)
        elif FIN_ROW.match(s) and not (cur and cur["kind"] == "data" and cur["lines"][-1].endswith(",")):
            cur = {"kind": "data", "lines": [s]}
            rows.append(cur)
        else:
            cur["lines"].append(s)
        i += 1
    out, pos = [], 0
    for r in rows:
        if r["kind"] == "group":
            out.append(("group", r["text"]))
            pos = 0
            continue
        if r["kind"] == "total":
            first = FIN_AMOUNT.match(r["lines"][0])
            amounts = [first.group(2)] + r["lines"][1:]
            if two_cols:
                out.append(("total", first.group(1), "\n".join(amounts[:-1]), amounts[-1]))
            else:
                out.append(("total", first.group(1), "\n".join(amounts), None))
            continue
        text = " ".join(r["lines"])
        note = ""
        m = NOTE.search(text)
        if m:
            note, text = m.group(1), text[:m.start()]
        m = re.match(r"^(Jeugd|PB&L|Veiligheid),?\s*(\d+(?: en \d+)?)?\s+(.*)$", text)
        pijler = m.group(1) + (f", {m.group(2)}" if m.group(2) else "")
        a = FIN_AMOUNT.match(m.group(3))
        desc, amount = a.group(1), a.group(2)
        if note:
            amount += "\n" + note
        if two_cols:
            kern, koers = (amount, "") if pos == 0 else ("", amount)
            out.append(("data", pijler, desc, kern, koers))
        else:
            out.append(("data", pijler, desc, amount, None))
        pos += 1
    return ("fintable", two_cols, out), i


BENCH_VAL = r"\d+(?:,\d+)?(?:%| fte)?(?: \(\d+ van \d+\))?"
BENCH_ROW = re.compile(r"^(.*?)\s+(" + BENCH_VAL + r")\s+(" + BENCH_VAL + r")$")


def parse_bench_table(lines, i):
    """lines[i] is 'Twente Gemiddeld'."""
    i += 1
    rows = []
    while True:
        while not lines[i].strip():
            i += 1
        if not re.match(r"^\d+\.\s", squash(lines[i])):
            break
        buf = [squash(lines[i])]
        i += 1
        while True:
            joined = " ".join(buf)
            nxt = i
            while not lines[nxt].strip():
                nxt += 1
            if BENCH_ROW.match(joined) and not squash(lines[nxt]).startswith("("):
                break
            buf.append(squash(lines[nxt]))
            i = nxt + 1
        m = BENCH_ROW.match(" ".join(buf))
        rows.append((m.group(1), m.group(2), m.group(3)))
    return ("bench", rows), i


CLIENT = (r"(?:Almelo|Bone|Borne|Dinkelland|Enschede|Haaksbergen|Hellendoorn|Hengelo|Hof van Twente|"
          r"Losser|Oldenzaal|Rijssen|Tubbergen|Twenterand|Wierden|Bekostiging|Op factuurbasis|"
          r"Dit wordt regionaal|Deze taak wordt uitgevoerd|Een arts in dienst)")


def parse_maatwerk_table(lines, i, stop):
    """lines[i] is '# Taak In opdracht van'; rows numbered 1..n without a dot."""
    i += 1
    rows = []
    while i < stop:
        s = squash(lines[i]) if lines[i].strip() else ""
        i += 1
        if not s:
            continue
        m = re.match(r"^(\d{1,2})\s+(\S.*)$", s)
        if m and int(m.group(1)) == len(rows) + 1:
            rows.append([m.group(1), [m.group(2)], []])
            line = m.group(2)
            rows[-1][1] = []
        else:
            line = s
        task, client = rows[-1][1], rows[-1][2]
        if client or re.match(CLIENT, line) and task:
            client.append(line)
            continue
        mm = re.search(r"(?<=[.)])\s+(?=" + CLIENT + ")", line) or re.search(r"\s+(?=\d+ gemeenten$)", line)
        if mm:
            task.append(line[:mm.start()])
            client.append(line[mm.end():])
        else:
            task.append(line)
    return ("maatwerk", [(n, " ".join(t), " ".join(c)) for n, t, c in rows]), i


# --------------------------------------------------------------------------- tokens

def tokenize(text: str):
    lines = text.split("\n") + ["", "", ""]
    specs = [(lvl, [norm(x) for x in pat]) for lvl, pat in HEADINGS]
    found = set()
    tokens, i = [], 0
    in_tasks = False
    maatwerk_stop = next(k for k, l in enumerate(lines) if norm(l).startswith(" 5. Voorstellen die ter"))
    while i < len(lines) - 3:
        line = lines[i]
        n = norm(line)
        hit = None
        for k, (_lvl, pat) in enumerate(specs):
            if n == pat[0] and k not in found:
                follow = [norm(l) for l in lines[i + 1:i + 1 + 4] if l.strip()][:len(pat) - 1]
                if [f.strip() for f in follow] == [p.strip() for p in pat[1:]]:
                    hit = k
                    break
        if hit is not None:
            lvl, pat = specs[hit]
            found.add(hit)
            tokens.append(("h", lvl, " ".join(p.strip() for p in pat)))
            in_tasks = pat[0] == " 3.2 Kerntaken SamenTwente"
            i += 1
            extra = len(pat) - 1
            while extra:
                if lines[i].strip():
                    extra -= 1
                i += 1
            continue
        s = squash(line)
        if s in ("Pijler, #", "Pijler,"):
            tok, i = parse_fin_table(lines, i)
            tokens.append(tok)
            continue
        if s == "Twente Gemiddeld":
            tok, i = parse_bench_table(lines, i)
            tokens.append(tok)
            continue
        if s == "# Taak In opdracht van":
            tok, i = parse_maatwerk_table(lines, i, maatwerk_stop)
            tokens.append(tok)
            continue
        if re.match(r"^Pijler \d: ", s):
            tokens.append(("h", 3, s))
        elif re.match(r"^(Voorstel \d+: |Autonome ontwikkelingen?: )", s) or in_tasks and re.match(r"^\d{1,2}\. \S", s):
            tokens.append(("h", 4, s))
        else:
            tokens.append(line)
        i += 1
    missing = [specs[k][1] for k in range(len(specs)) if k not in found]
    assert not missing, f"headings not found in seed: {missing}"
    return tokens


# --------------------------------------------------------------------------- rendering

def header_row(table, labels):
    for i, lab in enumerate(labels):
        c = table.cell(0, i)
        shade(c, BLUE)
        cell_text(c, lab, bold=True, size=8.5, color="FFFFFF")


def render_fintable(doc, two_cols, rows):
    ncols = 4 if two_cols else 3
    t = doc.add_table(1 + len(rows), ncols)
    table_borders(t, 4, "A6A6A6")
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [2.3, 8.3, 2.7, 2.7] if two_cols else [2.3, 10.0, 3.7]
    labels = ["Pijler, # voorstel", "Omschrijving voorstel"]
    labels += (["Financieel effect begroting SamenTwente\nScenario Kern", "\nScenario Koers"]
               if two_cols else ["Financieel effect begroting SamenTwente"])
    header_row(t, labels)
    R = WD_ALIGN_PARAGRAPH.RIGHT
    for r, row in enumerate(rows, start=1):
        cells = t.rows[r].cells
        if row[0] == "group":
            merged = cells[0].merge(cells[-1])
            shade(merged, "DCE6F0")
            cell_text(merged, row[1], bold=True, italic=True, size=8.5)
        elif row[0] == "total":
            merged = cells[0].merge(cells[1])
            shade(merged, "F2F2F2")
            cell_text(merged, row[1], bold=True, size=8.5)
            cell_text(cells[2], row[2], bold=True, size=8.5, align=R)
            shade(cells[2], "F2F2F2")
            if two_cols:
                cell_text(cells[3], row[3], bold=True, size=8.5, align=R)
                shade(cells[3], "F2F2F2")
        else:
            cell_text(cells[0], row[1], size=8.5)
            cell_text(cells[1], row[2], size=8.5)
            cell_text(cells[2], row[3], size=8.5, align=R)
            if two_cols:
                cell_text(cells[3], row[4], size=8.5, align=R)
    set_col_widths(t, widths)
    para(doc, "", space_after=2)


def render_simple_table(doc, labels, rows, widths, right_from=99):
    t = doc.add_table(1 + len(rows), len(labels))
    table_borders(t, 4, "A6A6A6")
    header_row(t, labels)
    for r, row in enumerate(rows, start=1):
        for c, val in enumerate(row):
            cell_text(t.cell(r, c), val, size=8.5,
                      align=WD_ALIGN_PARAGRAPH.RIGHT if c >= right_from else None)
    set_col_widths(t, widths)
    para(doc, "", space_after=2)


def render_option(doc, label, text, amount):
    t = doc.add_table(1, 2)
    table_borders(t, 0)
    for c in t.rows[0].cells:
        shade(c, "EAF1F8")
    cell_text(t.cell(0, 0), f"{label} {text}".strip(), bold=True)
    cell_text(t.cell(0, 1), amount, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    set_col_widths(t, [13.0, 3.0])
    para(doc, "", space_after=0)


def title_page(doc, concept: bool):
    para(doc, "", space_after=90)
    if concept:
        para(doc, "CONCEPT", size=36, bold=True, color="C00000", space_after=12)
    para(doc, TITLE, size=28, bold=True, color=BLUE, space_after=12)
    para(doc, SUBTITLE, size=16, space_after=48)
    if concept:
        para(doc, "ten behoeve van de beeldvormende bespreking van 16 januari 2025", size=12,
             italic=True, space_after=24)
    info = [("Opdrachtgever", "SamenTwente"), ("Opgesteld door", "Lysias Advies"),
            ("Datum", "8 januari 2025" if concept else "13 maart 2025")]
    if not concept:
        info.append(("Status", "Eindrapport, ter besluitvorming op 26 maart 2025"))
    t = doc.add_table(len(info), 2)
    table_borders(t, 0)
    for r, (k, v) in enumerate(info):
        cell_text(t.cell(r, 0), k + ":", bold=True)
        cell_text(t.cell(r, 1), v)
    set_col_widths(t, [4.0, 11.0])


def running_header_footer(doc, concept: bool):
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    clear(sec.first_page_header)
    clear(sec.first_page_footer)
    p = clear(sec.header)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p.add_run(("CONCEPT – " if concept else "") + SUBTITLE)
    r.font.size = Pt(8)
    r.font.color.rgb = RGBColor.from_string("C00000" if concept else "595959")
    p = clear(sec.footer)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), alignment=2)  # right
    r = p.add_run(TITLE + "\t")
    r.font.size = Pt(8)
    add_field(p, "PAGE").font.size = Pt(8)


def build_report(seed: str, out_docx: Path, concept: bool = False) -> dict:
    counts = {}
    if concept:
        seed, counts = apply_substitutions(seed)
    doc = new_document(font="Liberation Sans", size=10, heading_color=BLUE,
                       heading_sizes=(16, 13, 11.5, 10.5), margins=(2.5, 2.5, 2.3, 2.5),
                       title=("CONCEPT " if concept else "") + TITLE,
                       author="Lysias Advies", subject=SUBTITLE)
    running_header_footer(doc, concept)
    title_page(doc, concept)
    blocks = flow_blocks(tokenize(seed), width=118, blank_is_break=False, option_boxes=True)
    for b in blocks:
        kind = b[0]
        if kind == "h":
            if b[1] == 1:
                page_break(doc)
            doc.add_heading(b[2], level=b[1]).paragraph_format.keep_with_next = True
        elif kind == "p":
            para(doc, b[1])
        elif kind == "label":
            para(doc, b[1], bold=True, keep_next=True, space_after=3)
        elif kind == "li":
            para(doc, b[1], style="List Bullet")
        elif kind == "li2":
            para(doc, b[1], style="List Bullet 2")
        elif kind == "num":
            numbered(doc, b[1], b[2])
        elif kind == "opt":
            render_option(doc, b[1], b[2], b[3])
        elif kind == "fintable":
            render_fintable(doc, b[1], b[2])
        elif kind == "bench":
            render_simple_table(doc, ["", "Twente", "Gemiddeld"], b[1], [9.6, 2.8, 3.6], right_from=1)
        elif kind == "maatwerk":
            render_simple_table(doc, ["#", "Taak", "In opdracht van"], b[1], [0.8, 10.2, 5.0])
        else:
            raise ValueError(kind)
    doc.save(out_docx)
    return counts
