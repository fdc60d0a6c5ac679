"""The one exception ingest raises for a file it cannot read at all."""

from __future__ import annotations


class IngestError(Exception):
    """A file that is not a readable PDF.

    The message is one line meant for a person: "empty file", "not a PDF",
    "encrypted: password-protected PDF", "truncated: ...", "damaged PDF: ...", "too large: ...".
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message
