"""A small DSL to write page gold by hand and check every span (see ../README.md).

A spec script lists pages and, per page, the mentions read from the page text:
`d(text, value)`, `m(text, cents)`, `z(text, number)`, located by `ctx` (a unique
string around the span) or `occ`; `cells(label, scale)` turns the numbers of one
verified table row into money values mechanically (no extractor involved). `build`
resolves every span to its occurrence, refuses ambiguous or overlapping spans and
writes the JSONL file with its header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from raadslens.extract.evaluate import PageTexts, occurrences

_texts: PageTexts | None = None


def day(s: str) -> dict:
    return {"start": s, "end": s, "granularity": "day"}


def _month_end(y: int, mo: int) -> dt.date:
    nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def month(s: str, to: str | None = None) -> dict:
    y, mo = map(int, s.split("-"))
    ty, tm = map(int, (to or s).split("-"))
    return {"start": f"{y:04d}-{mo:02d}-01", "end": _month_end(ty, tm).isoformat(), "granularity": "month"}


def year(s: str | int, to: str | int | None = None) -> dict:
    return {"start": f"{s}-01-01", "end": f"{to or s}-12-31", "granularity": "year"}


def days(a: str, b: str) -> dict:
    return {"start": a, "end": b, "granularity": "day"}


def opened(v: dict) -> dict:
    """An open end ("vanaf 2026"): from the start of the period on."""
    return {**v, "end": "9999-12-31"}


def quarter(y: int, q: int) -> dict:
    return {"start": f"{y}-{3 * q - 2:02d}-01", "end": _month_end(y, 3 * q).isoformat(), "granularity": "quarter"}


def money(cents: int | None, scale: int = 1, recurrence: str | None = None, pm: bool = False) -> dict:
    return {"cents": cents, "currency": "EUR", "recurrence": recurrence, "pm": pm, "scale": scale}


def zaak(number: str, label: str | None = None, role: str = "referenced") -> dict:
    return {"number": number, "label": label, "role": role}


CELL = re.compile(r"(?<![\w.,/-])(?P<n>[-−]?\d{1,3}(?:\.\d{3})+|[-−]?\d+)(?![\w.,%/])")


class Page:
    def __init__(self, file: str, page: int, reference_date: str, ocr: bool = False, note: str | None = None):
        self.file, self.page, self.ref, self.ocr, self.note = file, page, reference_date, ocr, note
        assert _texts is not None
        text = _texts.get(file, page, ocr)
        if text is None:
            raise SystemExit(f"{file} p{page}: no such page")
        self.text = text
        self.mentions: list[dict] = []
        self.spans: list[tuple[int, int, str]] = []

    def _locate(self, text: str, ctx: str | None, occ: int | None, cocc: int | None) -> int:
        if ctx is not None:
            starts = occurrences(self.text, ctx)
            if cocc is None and len(starts) != 1:
                raise SystemExit(f"{self.file} p{self.page}: context {ctx!r} found {len(starts)} times")
            base = starts[cocc or 0]
            inner = ctx.find(text)
            if inner < 0:
                raise SystemExit(f"{self.file} p{self.page}: {text!r} not in its context {ctx!r}")
            return base + inner
        starts = occurrences(self.text, text)
        if occ is None:
            if len(starts) != 1:
                raise SystemExit(f"{self.file} p{self.page}: {text!r} found {len(starts)} times; give ctx or occ")
            return starts[0]
        if occ >= len(starts):
            raise SystemExit(f"{self.file} p{self.page}: {text!r} occurrence {occ} not found")
        return starts[occ]

    def add(self, kind: str, text: str, value: dict | None, *, ctx: str | None = None, occ: int | None = None,
            cocc: int | None = None, opt: bool = False, start: int | None = None) -> None:
        s = self._locate(text, ctx, occ, cocc) if start is None else start
        e = s + len(text)
        for a, b, t in self.spans:
            if s < b and a < e:
                raise SystemExit(f"{self.file} p{self.page}: {text!r} overlaps {t!r}")
        self.spans.append((s, e, text))
        m = {"kind": kind, "text": text, "occurrence": occurrences(self.text, text).index(s), "value": value}
        if opt:
            m["optional"] = True
        self.mentions.append(m)

    def d(self, text: str, value: dict, **kw) -> None:
        self.add("date", text, value, **kw)

    def m(self, text: str, cents: int | None, scale: int = 1, recurrence: str | None = None,
          pm: bool = False, **kw) -> None:
        self.add("money", text, money(cents, scale, recurrence, pm), **kw)

    def z(self, text: str, number: str | None = None, label: str | None = None, role: str = "referenced",
          **kw) -> None:
        self.add("zaaknummer", text, zaak(number or "".join(text.split()), label, role), **kw)

    def cells(self, label: str, scale: int, *, nth: int = 0, opt: bool = False, n: int | None = None,
              skip: tuple[int, ...] = ()) -> None:
        """Every number after `label` on the `nth` line that starts with it, as an amount
        in the table's unit (`n`: how many cells the row must have, a check)."""
        lines, pos = [], 0
        for line in self.text.split("\n"):
            if line.startswith(label):
                lines.append(pos)
            pos += len(line) + 1
        if nth >= len(lines):
            raise SystemExit(f"{self.file} p{self.page}: no line {nth} starting with {label!r}")
        ls = lines[nth]
        le = self.text.find("\n", ls)
        le = len(self.text) if le < 0 else le
        found = list(CELL.finditer(self.text, ls + len(label), le))
        if n is not None and len(found) != n:
            raise SystemExit(f"{self.file} p{self.page}: row {label!r} has {len(found)} cells, not {n}: "
                             f"{[c.group() for c in found]}")
        for i, c in enumerate(found):
            if i in skip:
                continue
            num = c.group("n")
            cents = int(num.lstrip("-−").replace(".", "")) * scale * 100
            if num[0] in "-−":
                cents = -cents
            self.add("money", num, money(cents, scale), start=c.start(), opt=opt)

    def years(self, *ys: str, opt: bool = True, ctx_line: str | None = None, after: str | None = None) -> None:
        """Column-header years on the line starting with `ctx_line` (the first one after the
        unique string `after`), optional by convention."""
        base = self.text.index(after) if after else 0
        pos = self.text.index(ctx_line, base) if ctx_line else base
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        for y in ys:
            k = self.text.find(y, pos, end)
            if k < 0:
                raise SystemExit(f"{self.file} p{self.page}: year {y} not on line {ctx_line!r}")
            self.add("date", y, year(y), start=k, opt=opt)
            pos = k + len(y)

    def record(self) -> dict:
        rec = {"file": self.file, "page": self.page, "reference_date": self.ref, "ocr": self.ocr,
               "text_sha1": hashlib.sha1(self.text.encode("utf-8")).hexdigest(), "double_checked": True}
        if self.note:
            rec["note"] = self.note
        order = sorted(range(len(self.mentions)), key=lambda i: self.spans[i][0])
        rec["mentions"] = [self.mentions[i] for i in order]
        return rec


def start(gold_pages: list[tuple[str, int, bool]]) -> None:
    """Read the page texts the way `raadslens eval` does."""
    global _texts
    _texts = PageTexts([{"file": f, "page": p, "ocr": o} for f, p, o in gold_pages])


def build(path: Path, header: dict, pages: list[Page]) -> None:
    counts: dict[str, dict[str, int]] = {"required_mentions": {}, "optional_mentions": {}}
    for p in pages:
        for m in p.mentions:
            key = "optional_mentions" if m.get("optional") else "required_mentions"
            counts[key][m["kind"]] = counts[key].get(m["kind"], 0) + 1
    header = {**header, "pages": len(pages), "mentions": sum(len(p.mentions) for p in pages), **counts}
    lines = [json.dumps({"gold_header": header}, ensure_ascii=False)]
    lines += [json.dumps(p.record(), ensure_ascii=False) for p in pages]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(pages)} pages, {header['mentions']} mentions, {counts}")


def cells_in(p: Page, ctx: str, scale: int, *, opt: bool = False, cocc: int | None = None) -> None:
    """The numbers inside the unique string `ctx` (a row without a label of its own)."""
    starts = occurrences(p.text, ctx)
    if cocc is None and len(starts) != 1:
        raise SystemExit(f"{p.file} p{p.page}: context {ctx!r} found {len(starts)} times")
    base = starts[cocc or 0]
    for c in CELL.finditer(p.text, base, base + len(ctx)):
        num = c.group("n")
        cents = int(num.lstrip("-−").replace(".", "")) * scale * 100
        p.add("money", num, money(-cents if num[0] in "-−" else cents, scale), start=c.start(), opt=opt)
