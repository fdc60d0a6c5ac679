"""Nothing lost: a page whose OCR failed is pending and read again; a recorded failure is retried.

The OCR failure is real: a `tesseract` that exits with an error comes first on
PATH for the first run (as a broken or half-installed Tesseract would), the real
one is used afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import CORPUS, REALWORLD

SCAN = CORPUS / "2025_strategisch_programma_2026-2030_scan.pdf"
TEXT_PDF = REALWORLD / "was_bw_besluitenlijst_2024-12-10.pdf"

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed (make system-deps)")


def raadslens(*args: str, path_prefix: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path_prefix is not None:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    return subprocess.run([sys.executable, "-m", "raadslens", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def broken_tesseract(folder: Path) -> Path:
    folder.mkdir()
    exe = folder / "tesseract"
    exe.write_text("#!/bin/sh\necho 'Error: cannot read input' >&2\nexit 1\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return folder


def two_page_pdf(out: Path) -> Path:
    """A text page of a real letter and a real scanned page: one document, one page needing OCR."""
    pdf = pdfium.PdfDocument.new()
    pdf.import_pages(pdfium.PdfDocument(TEXT_PDF), [0])
    pdf.import_pages(pdfium.PdfDocument(SCAN), [1])
    pdf.save(out)
    return out


def pages(db: Path) -> list[tuple[int, int, int, int]]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT number, ocr, needs_ocr, length(text) FROM pages ORDER BY number").fetchall()
    conn.close()
    return rows


def test_a_page_whose_ocr_failed_is_pending_and_read_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    doc = two_page_pdf(folder / "brief_met_scan.pdf")
    db, broken = tmp_path / "r.db", broken_tesseract(tmp_path / "bin")

    first = raadslens("ingest", str(folder), "--db", str(db), path_prefix=broken)
    assert first.returncode == 0, first.stderr
    assert "1 documents" in first.stdout and "1 need OCR" in first.stdout
    (_, _, text_pending, _), (_, ocr, pending, _) = pages(db)
    assert (text_pending, ocr, pending) == (0, 0, 1)  # stored, its scanned page marked pending, not complete

    # the same broken OCR again: no better reading, so the stored one stays (nothing read twice into the db)
    second = raadslens("ingest", str(folder), "--db", str(db), path_prefix=broken)
    assert second.returncode == 0, second.stderr
    assert "0 documents" in second.stdout and "1 already stored" in second.stdout

    # a run that can OCR: the document is read again and replaced whole, in one transaction
    third = raadslens("ingest", "--retry", "--db", str(db), "--report", str(tmp_path / "rep.json"))
    assert third.returncode == 0, third.stderr
    assert "1 documents" in third.stdout and "1 read again" in third.stdout, third.stdout
    assert json.loads((tmp_path / "rep.json").read_text())["retried"] == 1
    (_, _, _, _), (_, ocr, pending, length) = pages(db)
    assert (ocr, pending) == (1, 0) and length > 200
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 2
    # the change feed says the document changed; the index holds the OCR'd words (no stale rows)
    assert [r[0] for r in conn.execute("SELECT op FROM change_log ORDER BY cursor")] == ["added", "changed"]
    conn.close()
    words = raadslens("search", "strategisch programma", "--db", str(db), "--json")
    assert words.returncode == 0, words.stderr
    assert any(h["page"] == 2 for h in json.loads(words.stdout)["hits"])

    # complete now: a further run skips it
    fourth = raadslens("ingest", str(doc), "--db", str(db))
    assert "0 documents" in fourth.stdout and "1 already stored" in fourth.stdout


def test_retry_tries_the_recorded_failures_again(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = TEXT_PDF.read_bytes()
    bad = folder / "later_complete.pdf"
    bad.write_bytes(data[: len(data) // 2])  # a download that had not finished
    (folder / "weg.pdf").write_bytes(b"%PDF-1.7 broken")
    db = tmp_path / "r.db"
    first = raadslens("ingest", str(folder), "--db", str(db))
    assert "0 documents" in first.stdout and "2 failures" in first.stdout

    bad.write_bytes(data)  # the download finished
    (folder / "weg.pdf").unlink()
    again = raadslens("ingest", "--retry", "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "1 documents" in again.stdout and "0 failures" in again.stdout
    assert "weg.pdf: recorded, but no longer there" in again.stderr
    conn = sqlite3.connect(db)
    assert [Path(r[0]).name for r in conn.execute("SELECT path FROM failures")] == ["weg.pdf"]


def test_ingest_without_paths_or_retry_is_a_usage_error(tmp_path):
    r = raadslens("ingest", "--db", str(tmp_path / "r.db"))
    assert r.returncode == 2 and "--retry" in r.stderr
    assert not (tmp_path / "r.db").exists()
