"""OCR bounds: the pixel budget, tesseract's time-out and its lifetime, and what a failed page becomes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import CORPUS, REALWORLD, REPO
from reliability.malformed import page_doc

from raadslens.ingest import ocr, read_pdf

SCAN = CORPUS / "2025_strategisch_programma_2026-2030_scan.pdf"
needs_tesseract = pytest.mark.skipif(ocr.tesseract_path() is None, reason="tesseract not installed")
needs_scan = pytest.mark.skipif(not SCAN.exists(), reason="scanned Strategisch programma not built")


def _image_page(tmp_path: Path, side: int) -> Path:
    """A side x side pt page covered by one grey image and no text: a page that needs OCR."""
    f = tmp_path / f"page_{side}.pdf"
    content = b"q %d 0 0 %d 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q" % (side, side)
    f.write_bytes(page_doc(content, media=b"[0 0 %d %d]" % (side, side)))
    return f


def _children(pid: int, name: str = "tesseract") -> list[int]:
    """Processes whose parent is `pid` and whose command is `name`."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        if ppid == pid and comm == name:
            out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _scan_image() -> bytes:
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        page = pdf[0]
        try:
            return ocr.render_png(page, 300)
        finally:
            page.close()


def test_fit_dpi_keeps_the_budget():
    assert ocr.fit_dpi(595, 842, 300) == 300  # A4 at 300 dpi is 8.7 Mpx
    for w, h in ((2384, 3370), (5000, 5000), (14400, 14400), (14400, 10)):
        dpi = ocr.fit_dpi(w, h, 300)
        assert -(-w * dpi // 72) * -(-h * dpi // 72) <= ocr.MAX_PIXELS
        assert -(-w * (dpi + 1) // 72) * -(-h * (dpi + 1) // 72) > ocr.MAX_PIXELS or dpi == 300


@needs_tesseract
def test_a_large_page_is_read_at_a_lower_resolution(tmp_path):
    f = _image_page(tmp_path, 3000)  # 1.06 m square: 625 Mpx at 300 dpi
    with pdfium.PdfDocument(str(f)) as pdf:
        page = pdf[0]
        lines, dpi = ocr.ocr_page(page, timeout=60)
        page.close()
    assert ocr.MIN_DPI <= dpi < 300
    assert (3000 * dpi / 72) ** 2 <= ocr.MAX_PIXELS
    assert lines == []  # a grey square has no text


@needs_tesseract
def test_a_huge_page_is_refused_and_stays_pending(tmp_path):
    """The 5 x 5 m page of the malformed set: refused, not rendered (was 20000 x 20000 px, 3.6 GB)."""
    f = _image_page(tmp_path, 14400)
    code = textwrap.dedent(f"""
        import resource, sys
        from raadslens.ingest import read_pdf
        doc = read_pdf({str(f)!r})
        p = doc.pages[0]
        print(p.needs_ocr, p.ocr, repr(p.text), doc.status.value)
        print(" | ".join(doc.warnings))
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
              resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
    """)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert run.returncode == 0, run.stderr
    verdict, warnings, rss = run.stdout.splitlines()
    assert verdict == "True False '' partial"
    assert "too large to OCR" in warnings
    own_mb, child_mb = map(int, rss.split())
    assert own_mb < 1024 and child_mb < 1024


@needs_tesseract
@needs_scan
def test_a_timed_out_tesseract_is_killed():
    image = _scan_image()  # a dense page: seconds of work
    with pytest.raises(ocr.OcrTimeout):
        ocr.run_tesseract(image, timeout=0.2)
    assert _children(os.getpid()) == []


@needs_tesseract
@needs_scan
def test_a_timed_out_page_is_marked_failed_not_empty():
    doc = read_pdf(SCAN, pages=[1], page_timeout=0.2)
    page = doc.pages[0]
    assert page.needs_ocr and not page.ocr and page.text == ""
    assert any("OCR failed: tesseract took longer than" in n for n in page.notes)
    assert doc.status.value == "partial"
    assert _children(os.getpid()) == []


@needs_tesseract
@needs_scan
def test_tesseract_dies_with_its_worker(tmp_path):
    """A worker killed with SIGKILL leaves no tesseract behind (PR_SET_PDEATHSIG).

    The tesseract is stopped first: a stopped child is not ended by a broken pipe or by
    finishing its page, only by the SIGKILL its parent's death sends it."""
    img = tmp_path / "page.png"
    img.write_bytes(_scan_image())
    code = textwrap.dedent(f"""
        from pathlib import Path
        from raadslens.ingest import ocr
        image = Path({str(img)!r}).read_bytes()
        while True:
            ocr.run_tesseract(image, timeout=600)
    """)
    worker = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    found: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not found and time.monotonic() < deadline and worker.poll() is None:
            found = _children(worker.pid)
            time.sleep(0.01)
        assert found, "the worker never started tesseract"
        os.kill(found[0], signal.SIGSTOP)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        deadline = time.monotonic() + 10
        while _alive(found[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(found[0])
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        for pid in found:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@needs_tesseract
@needs_scan
def test_pages_read_by_several_tesseracts_come_back_in_order_and_unchanged():
    started: list[int] = []
    one = read_pdf(SCAN, pages=[1, 2, 3], ocr_jobs=1)
    many = read_pdf(SCAN, pages=[1, 2, 3], ocr_jobs=3, on_page=started.append)
    assert started == [1, 2, 3]
    assert [p.number for p in many.pages] == [1, 2, 3]
    assert all(p.ocr and not p.needs_ocr for p in many.pages)
    assert [p.text for p in many.pages] == [p.text for p in one.pages]
    assert [p.notes for p in many.pages] == [p.notes for p in one.pages]
    assert _children(os.getpid()) == []


@needs_tesseract
def test_a_page_without_ink_starts_no_tesseract(tmp_path, monkeypatch):
    f = _image_page(tmp_path, 595)  # one mid-grey image: a tint, no ink
    with pdfium.PdfDocument(str(f)) as pdf:
        page = pdf[0]
        image, dpi = ocr.render_for_ocr(page)
        page.close()
    assert image == b""
    monkeypatch.setenv("PATH", "")  # a tesseract started now would fail with "tesseract not found"
    assert ocr.tesseract_path() is None
    assert ocr.read_image(image, dpi, timeout=5) == []


def test_ink_is_strokes_and_light_text_not_specks_or_a_tint():
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(img)
    for x, y in ((10, 10), (380, 280), (200, 5)):  # lone 2 x 1 px scanning specks
        draw.rectangle((x, y, x + 1, y), fill=0)
    assert not ocr.has_ink(img)
    assert not ocr.has_ink(Image.new("L", (400, 300), 200))  # an even tint
    draw.line((150, 100, 150, 180), fill=150, width=1)  # one thin light-grey stroke
    assert ocr.has_ink(img)
    dark = Image.new("L", (400, 300), 30)  # light text on a dark field: never skipped
    ImageDraw.Draw(dark).line((150, 100, 150, 180), fill=255, width=2)
    assert ocr.has_ink(dark)


@needs_scan
def test_every_scanned_page_with_text_is_inked():
    with pdfium.PdfDocument(str(SCAN)) as pdf:
        for i in range(len(pdf)):
            page = pdf[i]
            image, _ = ocr.render_for_ocr(page)
            page.close()
            assert image.startswith(b"P5\n"), f"page {i + 1}"


@pytest.mark.skipif(not (REALWORLD / "was_begroting_2024.pdf").exists(), reason="realworld PDFs missing")
def test_the_empty_pages_of_a_real_budget_are_not_sent_to_tesseract():
    """Pages 4 and 121 of the Wassenaar budget need OCR (no text layer) and are empty; page 1,
    the cover (a photo, a logo and the title), is read."""
    with pdfium.PdfDocument(str(REALWORLD / "was_begroting_2024.pdf")) as pdf:
        got = {}
        for n in (1, 4, 121):
            page = pdf[n - 1]
            got[n] = ocr.render_for_ocr(page)[0]
            page.close()
    assert got[4] == b"" and got[121] == b""
    assert got[1].startswith(b"P5\n")


@needs_tesseract
@needs_scan
def test_a_scanned_page_keeps_tesseracts_word_boxes_inside_its_blocks():
    """OCR pages store each word's box (Block.words), so a fact on a scan is marked on its words."""
    from raadslens.models.document import word_box_list

    page = read_pdf(SCAN, pages=[1]).pages[0]
    boxed = [(b, word_box_list(b.words)) for b in page.blocks if b.words]
    assert page.ocr and boxed, "no block of the scanned page has word boxes"
    for block, boxes in boxed:
        x0, top, x1, bottom = block.bbox
        for box in (bx for bx in boxes if bx):
            assert x0 - 1 <= box[0] < box[2] <= x1 + 1 and top - 1 <= box[1] < box[3] <= bottom + 1, (block.text, box)
    words = sum(len(b.text.split()) for b, _ in boxed)
    assert sum(1 for _, boxes in boxed for bx in boxes if bx) >= 0.9 * words  # nearly every word has its box
