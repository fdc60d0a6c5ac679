"""Ingest: PDF in, `models.Document` out (body text, blocks with roles, OCR where needed).

    from raadslens.ingest import read_pdf, IngestError
    doc = read_pdf(Path("brief.pdf"))            # all pages, OCR when needed
    doc = read_pdf(path, pages=[1, 2], ocr=False)  # selected pages, no OCR
"""

from raadslens.ingest.errors import IngestError
from raadslens.ingest.reader import file_sha256, read_pdf

__all__ = ["IngestError", "file_sha256", "read_pdf"]
