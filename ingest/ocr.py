"""OCR of one page with the `tesseract` command line (Dutch), words and lines from its TSV.

The page is rendered with PDFium, handed to tesseract on stdin and read back as TSV,
which gives every word with its box and its block/paragraph/line. Lines become
`Line` objects in PDF points, exactly like text-layer lines, so furniture, columns,
tables and blocks are found the same way for both. The subprocess has a timeout.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import math
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from statistics import median

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image

from raadslens.ingest.lines import Line, Span

DPI = 300  # default: vector pages, low-resolution scans (upscaling helps tesseract), 300-dpi scans
SCAN_200_DPI = 200  # a ~200-dpi scan is read at its own resolution: same words, ~20% less CPU
MAX_PIXELS = 40_000_000  # render budget per page (A3 at 300 dpi is ~17.4 Mpx): bounds memory of render and tesseract
MIN_DPI = 70  # a page that fits the budget only below this is refused: 10-pt text would be ~10 px high
INK_CONTRAST = 64  # a pixel this much darker than the page's own grey is ink (light grey text is too)
INK_CELL = 4  # ink is looked for in 4 x 4 pixel cells ...
INK_MIN = 4  # ... that hold at least 4 ink pixels: a lone 1-3 pixel speck is no ink, a 1-px stroke is
LANG = "nld"


class OcrTimeout(Exception):
    pass


class OcrFailed(Exception):
    pass


class OcrTooLarge(OcrFailed):
    """The page cannot be rendered within MAX_PIXELS at a resolution that still reads."""


_PR_SET_PDEATHSIG = 1
_prctl: Callable[..., int] | None
try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here: the child only calls it
except (OSError, AttributeError):  # not Linux
    _prctl = None


def _die_with_parent(parent: int):
    """preexec_fn for tesseract: SIGKILL when the thread that started it dies (worker killed)."""

    def setup() -> None:
        if _prctl is not None:
            _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return setup


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def choose_dpi(page: pdfium.PdfPage) -> int:
    """300 dpi, except for a page that is one ~200-dpi scanned image: that is read at 200 dpi.

    Measured on the corpus scan (200 dpi) and the real-world scans: at 200 dpi the scan
    gives the same words as at 300 (98.7% of the seed's words either way) in ~20% less
    tesseract CPU and 2.25x fewer pixels; a 144-dpi scan and a 247-dpi screenshot read
    better when upscaled to 300; vector pages gain little (9% CPU) from 200 dpi.
    """
    w, h = page.get_size()
    area = max(w * h, 1.0)
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
            px_w, px_h = obj.get_px_size()
        except Exception:  # noqa: BLE001 - an unreadable image: keep the default
            continue
        bw, bh = right - left, top - bottom
        if bw * bh < 0.7 * area or bw <= 0 or bh <= 0:
            continue
        res = max(px_w, px_h) / (max(bw, bh) / 72)
        if 190 <= res <= 215:
            return SCAN_200_DPI
    return DPI


def fit_dpi(width: float, height: float, dpi: int) -> int:
    """The highest resolution <= `dpi` at which a `width` x `height` pt page renders within MAX_PIXELS."""
    if width <= 0 or height <= 0:
        return dpi
    fits = math.floor(72 * math.sqrt(MAX_PIXELS / (width * height)))
    while fits > 1 and math.ceil(width * fits / 72) * math.ceil(height * fits / 72) > MAX_PIXELS:
        fits -= 1
    return min(dpi, fits)


def render_png(page: pdfium.PdfPage, dpi: int = DPI) -> bytes:
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        img = bitmap.to_pil()
        buf = io.BytesIO()
        img.save(buf, format="PNG", compress_level=1)
        return buf.getvalue()
    finally:
        bitmap.close()


def _pgm(img: Image.Image) -> bytes:
    return b"P5\n%d %d\n255\n" % img.size + img.tobytes()


def render_pgm(page: pdfium.PdfPage, dpi: int = DPI) -> bytes:
    """The page in 8-bit grayscale as a binary PGM: no compression to pay for on either side."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return _pgm(bitmap.to_pil().convert("L"))
    finally:
        bitmap.close()


def has_ink(img: Image.Image) -> bool:
    """Whether a grayscale page holds anything to read: a blank page, one even tint (a
    colour field, a grey scan of an empty sheet) or lone scanning specks do not.

    Ink is what is INK_CONTRAST darker than the page's most common grey, in INK_CELL x
    INK_CELL cells holding at least INK_MIN such pixels; a dark page (light text on dark,
    a photo) always counts as inked."""
    hist = img.histogram()
    paper = max(range(256), key=hist.__getitem__)
    if paper < 128:
        return True
    level = paper - INK_CONTRAST
    ink = img.point(lambda v: 255 if v < level else 0)
    cells = ink.reduce(INK_CELL)  # each cell the mean of its INK_CELL x INK_CELL pixels
    return cells.point(lambda v: 255 if v * INK_CELL * INK_CELL >= 255 * INK_MIN else 0).getbbox() is not None


def render_inked(page: pdfium.PdfPage, dpi: int = DPI) -> bytes:
    """The page as render_pgm makes it, or b"" when it holds no ink: a blank page costs
    tesseract ~0.5-0.9 s of binarisation and layout at 300 dpi to find nothing."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        img = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    return _pgm(img) if has_ink(img) else b""


def run_tesseract(image: bytes, *, timeout: float, lang: str = LANG, psm: int = 3, dpi: int = DPI) -> str:
    """Tesseract's TSV for an image, in a child that cannot outlive this process.

    The child gets its own process group (killed as a whole on time-out) and
    PR_SET_PDEATHSIG, so a worker killed with SIGKILL takes its tesseract with it."""
    exe = tesseract_path()
    if exe is None:
        raise OcrFailed("tesseract not found")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = [exe, "stdin", "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(dpi), "tsv"]
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        preexec_fn=_die_with_parent(os.getpid()),  # runs in the child between fork and exec: prctl only
    )
    try:
        out, err = proc.communicate(image, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise OcrTimeout(f"tesseract took longer than {timeout:g}s") from None
    except BaseException:
        _kill(proc)
        raise
    if proc.returncode != 0:
        msg = err.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(f"tesseract failed: {msg[-1] if msg else proc.returncode}")
    return out.decode("utf-8", "replace")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # its own group: pid == pgid
    proc.communicate()  # reap it and close the pipes


def tsv_lines(tsv: str, scale: float) -> list[Line]:
    """Lines from tesseract TSV (pixel boxes divided by `scale` to get points)."""
    words: dict[tuple[int, int, int], list[tuple[int, int, int, int, str]]] = {}
    order: list[tuple[int, int, int]] = []
    for row in tsv.splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5":
            continue
        text = f[11].strip()
        if not text or float(f[10]) < 0:
            continue
        key = (int(f[2]), int(f[3]), int(f[4]))
        if key not in words:
            words[key] = []
            order.append(key)
        left, top, w, h = (int(v) for v in f[6:10])
        words[key].append((left, top, left + w, top + h, text))
    out: list[Line] = []
    for key in order:
        ws = sorted(words[key])
        hs = [b - t for _, t, _, b, _ in ws]
        lh = median(hs)
        gap = max(1.5 * lh, 12.0 * scale)  # 12 pt
        spans: list[list[tuple[int, int, int, int, str]]] = [[ws[0]]]
        for word in ws[1:]:
            if word[0] - spans[-1][-1][2] > gap:
                spans.append([word])
            else:
                spans[-1].append(word)
        sp = [Span(" ".join(w[4] for w in s), s[0][0] / scale, s[-1][2] / scale) for s in spans]
        out.append(
            Line(
                text=" ".join(s.text for s in sp),
                x0=min(w[0] for w in ws) / scale,
                top=min(w[1] for w in ws) / scale,
                x1=max(w[2] for w in ws) / scale,
                bottom=max(w[3] for w in ws) / scale,
                size=round(lh / scale, 1),
                spans=sp,
                # each word's box, so a fact on a scanned page is marked on its words, not its block
                words=[(w[4], int(w[0] / scale), int(w[1] / scale), math.ceil(w[2] / scale), math.ceil(w[3] / scale))
                       for w in ws],
            )
        )
    return out


def default_jobs() -> int:
    """Tesseracts one document may run at once: the CPUs this process may use, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def render_for_ocr(page: pdfium.PdfPage) -> tuple[bytes, int]:
    """The page as an image for tesseract (b"" for a page without ink), and its resolution.

    The resolution is lowered until the render fits MAX_PIXELS; a page that would need
    less than MIN_DPI is refused with OcrTooLarge (its text would not read)."""
    w, h = page.get_size()
    dpi = fit_dpi(w, h, choose_dpi(page))
    if dpi < MIN_DPI:
        raise OcrTooLarge(f"page too large to OCR ({w:.0f} x {h:.0f} pt)")
    return render_inked(page, dpi), dpi


def read_image(image: bytes, dpi: int, *, timeout: float) -> list[Line]:
    """Lines (in points) of an image rendered at `dpi`; needs no PDFium, so it can run in a thread.

    An empty image (a page without ink) has no lines and starts no tesseract."""
    if not image:
        return []
    return tsv_lines(run_tesseract(image, timeout=timeout, dpi=dpi), dpi / 72)


def ocr_page(page: pdfium.PdfPage, *, timeout: float) -> tuple[list[Line], int]:
    """Lines of a page read by tesseract, and the resolution it was rendered at."""
    image, dpi = render_for_ocr(page)
    return read_image(image, dpi, timeout=timeout), dpi
