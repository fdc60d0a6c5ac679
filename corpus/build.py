"""Build the sample PDF corpus from the seed texts in corpus/seeds/.

Run by hand (needs LibreOffice, poppler-utils and tesseract):

    python corpus/build.py            # build all PDFs into corpus/pdf/ and check them
    python corpus/build.py --no-check # skip the post-build checks
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import letter  # noqa: E402
import report  # noqa: E402
import scan  # noqa: E402
from common import HERE, docx_to_pdf, read_seed  # noqa: E402

OUT = HERE / "pdf"
F_STAND = "2024-07-16_raadsinformatiebrief_stand_van_zaken_kerntakendiscussie.pdf"
F_PROCES = "2024-11-05_raadsinformatiebrief_proces_kerntakendiscussie.pdf"
F_FINAL = "2025-03-13_eindrapport_kerntakendiscussie.pdf"
F_CONCEPT = "2025-01-08_concept_eindrapport_kerntakendiscussie.pdf"
F_JEUGD = "2025_raadsinformatiebrief_prioritaire_opgave_jeugd.pdf"
F_SCAN = "2025_strategisch_programma_2026-2030_scan.pdf"


def build(tmp: Path):
    logo = letter.logo_png(tmp / "logo.png")
    jobs = [
        (F_STAND, lambda p: letter.build_rib_stand_van_zaken(read_seed("004"), p, logo)),
        (F_PROCES, lambda p: letter.build_rib_proces(read_seed("000"), p, logo)),
        (F_JEUGD, lambda p: letter.build_rib_jeugd(read_seed("002"), p, logo)),
        (F_FINAL, lambda p: report.build_report(read_seed("001"), p, concept=False)),
        (F_CONCEPT, lambda p: print("concept substitutions:",
                                    report.build_report(read_seed("001"), p, concept=True))),
    ]
    OUT.mkdir(exist_ok=True)
    for name, make in jobs:
        docx = tmp / (Path(name).stem + ".docx")
        make(docx)
        docx_to_pdf(docx, OUT / name)
        print("built", name)
    docx = tmp / "strategisch_programma.docx"
    scan.build_scan_docx(read_seed("003"), docx)
    clean_pdf = tmp / "strategisch_programma.pdf"
    docx_to_pdf(docx, clean_pdf)
    n = scan.rasterise(clean_pdf, OUT / F_SCAN)
    print("built", F_SCAN, f"({n} scanned pages)")


# --------------------------------------------------------------------------- checks

def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def check():
    problems = []
    for name, zaak in ((F_STAND, "3777670"), (F_PROCES, "3825997"), (F_JEUGD, None)):
        pages = pages_text(OUT / name)
        if zaak and zaak not in pages[0]:
            problems.append(f"{name}: zaaknummer {zaak} not on page 1")
        for i, t in enumerate(pages, 1):
            if letter.FOOTER_SENTENCE not in t:
                problems.append(f"{name}: footer sentence missing on page {i}")
            if i > 1 and not re.search(rf"Bladnummer {i}\b", t):
                problems.append(f"{name}: 'Bladnummer {i}' missing on page {i}")
    for name, vtt, gsa in ((F_FINAL, "983.000", "185.000"), (F_CONCEPT, "850.000", "200.000")):
        pages = pages_text(OUT / name)
        vtt_pages = [i for i, t in enumerate(pages, 1) if vtt in t]
        gsa_pages = [i for i, t in enumerate(pages, 1) if gsa in t]
        other = "850.000" if vtt == "983.000" else "983.000"
        if any(other in t for t in pages):
            problems.append(f"{name}: contains {other}")
        for i in vtt_pages:
            if not re.search(r"VTT|Veilig Thuis Twente", pages[i - 1]):
                problems.append(f"{name}: page {i} has {vtt} without VTT nearby")
        print(f"{name}: {len(pages)} pages; VTT {vtt} on {vtt_pages}; GSA {gsa} on {gsa_pages}")
    fonts = subprocess.run(["pdffonts", str(OUT / F_SCAN)], capture_output=True, text=True).stdout
    if len(fonts.strip().splitlines()) > 2:
        problems.append(f"{F_SCAN}: has fonts")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png",
                        str(OUT / F_SCAN), f"{tmp}/p"], check=True)
        png = next(Path(tmp).glob("p*.png"))
        ocr = subprocess.run(["tesseract", str(png), "-", "-l", "nld"], capture_output=True,
                             text=True).stdout
        if "Strategisch programma" not in ocr:
            problems.append(f"{F_SCAN}: OCR did not find 'Strategisch programma'")
    total = sum(p.stat().st_size for p in OUT.glob("*.pdf"))
    print(f"corpus/pdf total: {total / 1e6:.1f} MB")
    if total > 15e6:
        problems.append("corpus/pdf larger than 15 MB")
    for p in problems:
        print("PROBLEM:", p)
    return not problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-check", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="raadslens-corpus-") as tmp:
        build(Path(tmp))
    if not args.no_check and not check():
        sys.exit(1)


if __name__ == "__main__":
    main()
