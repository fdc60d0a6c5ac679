"""Files ingest cannot read raise IngestError with a one-line message."""

from __future__ import annotations

import os

import pytest
from conftest import REALWORLD as REAL  # noqa: E402

from raadslens.ingest import IngestError, read_pdf


def _minimal_pdf(encrypt: bool = False) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    if encrypt:  # Standard security handler; O/U match no password, so a password is required
        objs.append(
            b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_minimal_pdf_reads(tmp_path):
    f = tmp_path / "ok.pdf"
    f.write_bytes(_minimal_pdf())
    doc = read_pdf(f)
    assert doc.page_count == 1 and doc.pages[0].text == ""


def test_encrypted(tmp_path):
    f = tmp_path / "secret.pdf"
    f.write_bytes(_minimal_pdf(encrypt=True))
    with pytest.raises(IngestError) as exc:
        read_pdf(f)
    assert exc.value.message == "encrypted: password-protected PDF"


def test_empty_file(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    with pytest.raises(IngestError, match="empty file"):
        read_pdf(f)


def test_random_bytes_named_pdf(tmp_path):
    f = tmp_path / "random.pdf"
    f.write_bytes(os.urandom(4096))
    with pytest.raises(IngestError, match="not a PDF"):
        read_pdf(f)


@pytest.mark.skipif(not REAL.is_dir(), reason="shared/realworld not present")
def test_truncated_copy(tmp_path):
    data = (REAL / "was_bw_besluitenlijst_2022-05-24.pdf").read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError) as exc:
        read_pdf(f)
    assert exc.value.message.startswith("truncated")
    assert "\n" not in str(exc.value)


def test_missing_tesseract_marks_needs_ocr(monkeypatch):
    if not REAL.is_dir():
        pytest.skip("shared/realworld not present")
    from raadslens.ingest import ocr

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    doc = read_pdf(REAL / "ams_wob_besluit_hek_scotuslaan_scan_v1.pdf", pages=[1])
    page = doc.pages[0]
    assert page.needs_ocr and not page.ocr and page.text == ""
    assert any("tesseract is not installed" in w for w in doc.warnings)
    assert doc.status.value == "partial"
