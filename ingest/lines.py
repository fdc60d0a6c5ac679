"""Plain data for text lines with positions, shared by the text-layer and OCR paths."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Span:
    """A run of text on one visual line, separated from its neighbours by a wide gap."""

    text: str
    x0: float
    x1: float


@dataclass(slots=True)
class Line:
    """One visual line; coordinates in PDF points, `top` measured from the top of the page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # font size (text layer) or line height (OCR)
    bold: bool = False
    spans: list[Span] = field(default_factory=list)
    column: int = 0  # 0 = full width / single column, 1 = left, 2 = right
    furniture: str | None = None  # why this line is furniture (None: body)
    # each word's (text, x0, top, x1, bottom) in whole PDF points around its glyphs, left to
    # right (None: not measured; OCR gives them, the text layer with words=True: pdf.text_lines)
    words: list[tuple[str, int, int, int, int]] | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))


@dataclass(slots=True)
class PageLines:
    """What the extraction of one page produced, before layout analysis."""

    number: int
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False
    needs_ocr: bool = False
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
