"""File names as text that can always be stored and shown.

On Linux a file name is bytes; Python decodes bytes that are not UTF-8 to lone
surrogates ("a\\udcff.pdf"), which SQLite, JSON and the terminal refuse. Such a
byte is written as "\\xff" instead: readable, unique enough to tell files apart,
and never an exception in the middle of a batch.
"""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | Path) -> str:
    """`path` as valid UTF-8 text: bytes that are not UTF-8 become \\xNN escapes."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
