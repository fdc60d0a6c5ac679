"""Malformed and hostile PDFs, generated deterministically from a seed.

Each case says which verdicts are acceptable for it: a file must end as stored or
as failed with a reason of the expected kind; any verdict at all is acceptable only
where the damage is random (byte flips) and the parser may repair it. What every
case must respect is checked by the suite, not here: one verdict per file, bounded
time and memory, the rest of the batch stored.

    python tests/reliability/malformed.py OUT_DIR [--seed N] [--small]

`--small` leaves out the decompression bombs (they inflate to over a gigabyte each;
on disk they are a few megabytes, generated in seconds).
"""

from __future__ import annotations

import argparse
import io
import random
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent.parent / "corpus" / "pdf"  # real PDFs to damage


@dataclass(frozen=True)
class Case:
    name: str  # file name, ends in .pdf whatever the content
    data: bytes
    expect: tuple[str, ...]  # acceptable verdicts: "stored", "failed", or "failed:<reason prefix>"
    why: str


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"", header: bytes = b"%PDF-1.7\n") -> bytes:
    """A PDF from object bodies (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(header)
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, trailer_extra, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, deflated: bytes | None = None) -> bytes:
    if deflated is not None:
        return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(deflated), extra) + deflated + b"\nendstream"
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def bomb(unit: bytes, total: int) -> bytes:
    """A zlib stream that inflates to `unit` repeated up to `total` bytes, built in seconds.

    A raw-deflate segment of one 64 MB chunk, ended by a full flush, does not refer back
    across the flush, so it can be repeated; the adler32 is that of the whole output."""
    chunk = unit * ((64 << 20) // len(unit))
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = max(1, total // len(chunk))
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    return b"\x78\xda" + segment * n + end + adler.to_bytes(4, "big")


def page_doc(content: bytes | None = None, *, deflated: bytes | None = None, media: bytes = b"[0 0 595 842]",
             extra_objects: list[bytes] | None = None, catalog_extra: bytes = b"") -> bytes:
    """One page with Helvetica and the given content stream."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog_extra,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % media,
        stream(content or b"", deflated=deflated),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf(objects + (extra_objects or []))


def text_page(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 72 780 Td 14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + safe.encode("latin-1", "replace") + b") '")
    ops.append(b"ET")
    return page_doc(b"\n".join(ops))


GOOD_TEXT = [
    "Raadsvoorstel over de begroting 2026",
    "Datum: 12 maart 2025. Zaaknummer Z-2025-001234.",
    "Het college stelt voor een krediet van EUR 250.000 beschikbaar te stellen.",
]


def sources() -> list[Path]:
    return sorted(SOURCE.glob("*.pdf"))[:4]


def cases(seed: int = 1, *, small: bool = False) -> Iterator[Case]:
    rng = random.Random(seed)
    real = [p.read_bytes() for p in sources()]
    good = text_page(GOOD_TEXT)
    yield Case("good_minimal.pdf", good, ("stored",), "a valid one-page PDF written here")

    # -- cut off, flipped, emptied --
    for i, data in enumerate(real[:2]):
        for frac in (0.1, 0.5, 0.9):
            cut = int(len(data) * frac) + rng.randrange(0, 64)
            yield Case(f"truncated_{i}_{int(frac * 100)}.pdf", data[:cut], ("failed:truncated",),
                       "a real PDF cut off: no end-of-file marker")
        for k in range(4):
            flipped = bytearray(data)
            for _ in range(20):
                pos = rng.randrange(len(flipped))
                flipped[pos] ^= 1 << rng.randrange(8)
            yield Case(f"flipped_{i}_{k}.pdf", bytes(flipped), ("stored", "failed"), "20 random bit flips")
    yield Case("empty.pdf", b"", ("failed:empty",), "zero bytes")
    yield Case("header_only.pdf", b"%PDF-1.7\n%%EOF\n", ("failed:damaged",), "a header and nothing else")

    # -- not a PDF at all, named .pdf --
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("document.pdf", good)
    yield Case("zip_renamed.pdf", buf.getvalue(), ("failed:not a PDF",), "a ZIP holding a PDF, renamed .pdf")
    yield Case("html_renamed.pdf", b"<!DOCTYPE html><html><body>%PDF-1.7 niet gevonden</body></html>\n%%EOF",
               ("failed:not a PDF",), "an HTML error page saved as .pdf")
    png = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)) + b"%%EOF"
    yield Case("png_renamed.pdf", png, ("failed:not a PDF",), "a PNG renamed .pdf")
    yield Case("random.pdf", bytes(rng.randrange(256) for _ in range(4096)), ("failed:not a PDF",), "noise")

    # -- structure --
    yield Case("encrypted.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ], trailer_extra=b" /Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"),
        ("failed:encrypted",), "password-protected")
    broken_xref = bytearray(good)
    at = broken_xref.rfind(b"startxref\n") + len(b"startxref\n")
    broken_xref[at:at + 3] = b"999"
    yield Case("broken_xref.pdf", bytes(broken_xref), ("stored",), "startxref points nowhere: PDFium rebuilds it")
    yield Case("page_tree_cycle.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]), ("failed:damaged",), "the page tree contains itself")
    yield Case("count_lies.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]), ("stored", "failed"), "/Count claims a billion pages")
    deep = b"[" * 50_000 + b"]" * 50_000
    yield Case("deep_nesting.pdf", page_doc(b"BT ET", catalog_extra=b"/Deep " + deep + b" "),
               ("stored", "failed"), "arrays nested 50,000 deep")
    yield Case("broken_objstm.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Type /ObjStm /N 5 /First 999 /Length 10 /Filter /FlateDecode >>\nstream\nnot zlib!!\nendstream",
    ]), ("stored", "failed"), "an object stream that does not inflate")
    many = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count 6000 >>" % b" ".join(b"%d 0 R" % (i + 3) for i in range(6000))]
    many += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"] * 6000
    yield Case("too_many_pages.pdf", pdf(many), ("failed:too large",), "6000 empty pages: over the page limit")
    yield Case("huge_page.pdf", page_doc(b"q 14400 0 0 14400 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI Q",
                                         media=b"[0 0 14400 14400]"), ("stored",),
               "a 5 x 5 m page: the OCR pixel budget must hold")
    dense = [f"Op {d} maart 2025 is EUR {d * 1000},00 betaald onder Z-2025-{d:06d}." for d in range(1, 29)] * 200
    yield Case("dense_text.pdf", text_page(dense), ("stored", "failed:timed out"),
               "5,600 lines on one page, each a date, an amount and a zaaknummer")

    # -- names --
    yield Case("naam met spaties & tekens (1).pdf", text_page(GOOD_TEXT[::-1]), ("stored",),
               "a name with spaces and signs")
    if small:
        return
    # -- decompression bombs (small on disk, over a gigabyte inflated) --
    yield Case("bomb_spaces.pdf", page_doc(deflated=bomb(b" ", 1536 << 20)), ("failed:too large", "stored"),
               "a content stream of 1.5 GB of spaces")
    yield Case("bomb_text_ops.pdf", page_doc(deflated=bomb(b"BT /F1 12 Tf 72 720 Td (aaaa bbbb) Tj ET\n", 1200 << 20)),
               ("failed:too large", "failed:timed out"), "1.2 GB of text operators")
    meta = stream(b"", b"/Type /Metadata /Subtype /XML ", deflated=bomb(b"<x/>", 1100 << 20))
    yield Case("bomb_metadata.pdf", page_doc(b"BT /F1 12 Tf 72 720 Td (Metadata) Tj ET", extra_objects=[meta]),
               ("stored", "failed:too large"), "an unreferenced 1.1 GB /Metadata stream")


def write(folder: Path, seed: int = 1, *, small: bool = False) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    out = list(cases(seed, small=small))
    for c in out:
        (folder / c.name).write_bytes(c.data)
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--small", action="store_true")
    a = ap.parse_args()
    for c in write(a.out, a.seed, small=a.small):
        print(f"{c.name:40} {len(c.data):>10} bytes  expect {' or '.join(c.expect)}: {c.why}")
