"""From positioned lines to reading order, blocks with roles, and the page's body text."""

from __future__ import annotations

import re
from statistics import median

from raadslens.ingest.lines import Line
from raadslens.ingest.tables import find_tables, row_text, table_rows
from raadslens.models import Block, BlockRole
from raadslens.models.document import WORD_BOX_TOKEN

_LIST_START = re.compile(r"^(?:[•●▪■◦·*]\s?(?=\S)|[-–]\s|\d{1,2}(?:\.\d{1,2}|\.[a-z])+\s|[o]\s(?=[A-Z])|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s|[ivx]{1,4}[.)]\s)")
_NO_JOIN_NEXT = ("en ", "of ", "tot ", "t/m ")


def _hyphen_end(text: str) -> bool:
    """The text ends in a letter and a hyphen (was the regex [A-Za-zÀ-ÿ]-$, which rescanned the text)."""
    if text[-1:] != "-" or len(text) < 2:
        return False
    c = text[-2]
    return "a" <= c <= "z" or "A" <= c <= "Z" or "À" <= c <= "ÿ"


_new = object.__new__
_set = object.__setattr__
_PLAIN = not Block.__pydantic_post_init__ and Block.model_config.get("extra") != "allow"
_FIELDS = tuple(Block.model_fields)


def _block(role: BlockRole, text: str, start, end, bbox, rows, words=None) -> Block:
    """Block.model_construct without its per-field loop (values are built here; nothing to validate)."""
    if not _PLAIN or _FIELDS != ("role", "text", "start", "end", "bbox", "rows", "words"):
        return Block.model_construct(role=role, text=text, start=start, end=end, bbox=bbox, rows=rows, words=words)
    b = _new(Block)
    _set(b, "__dict__", {"role": role, "text": text, "start": start, "end": end, "bbox": bbox, "rows": rows,
                         "words": words})
    _set(b, "__pydantic_fields_set__", set(_FIELDS))
    _set(b, "__pydantic_extra__", None)
    _set(b, "__pydantic_private__", None)
    return b


_ROLES = {r.value: r for r in BlockRole}


# ---------------------------------------------------------------- reading order
def _words_within(ln: Line, x0: float, x1: float) -> list[tuple[str, int, int, int, int]] | None:
    """The words of a line that lie between x0 and x1 (a line split at a gutter keeps its words' boxes)."""
    if not ln.words:
        return None
    return [w for w in ln.words if x0 - 1 <= w[1] and w[3] <= x1 + 1]


def assign_columns(lines: list[Line], width: float) -> bool:
    """Find a two-column gutter; split lines that cross it. True when the page has two columns."""
    body = [ln for ln in lines if not ln.furniture]
    if len(body) < 8:
        return False
    lo, hi = int(width * 0.3), int(width * 0.7)
    diff = [0] * (hi - lo + 2)
    for ln in body:
        for s in ln.spans:
            a, b = max(lo, int(s.x0) + 1), min(hi, int(s.x1))
            if a <= b:
                diff[a - lo] += 1
                diff[b - lo + 1] -= 1
    best: tuple[int, float] | None = None
    run = 0
    for k in range(hi - lo + 1):
        run += diff[k]
        if best is None or run < best[0]:
            best = (run, float(lo + k))
    if best is None or best[0] > 0.15 * len(body):
        return False
    gx = best[1]
    left = [s for ln in body for s in ln.spans if s.x1 <= gx]
    right = [s for ln in body for s in ln.spans if s.x0 >= gx]
    if len(left) < 0.3 * len(body) or len(right) < 0.3 * len(body):
        return False
    if median(len(s.text) for s in left) < 25 or median(len(s.text) for s in right) < 25:
        return False  # short cells: a table, not two columns of prose
    out: list[Line] = []
    for ln in lines:
        ls = [s for s in ln.spans if s.x1 <= gx]
        rs = [s for s in ln.spans if s.x0 >= gx]
        if ln.furniture or not ls or not rs or len(ls) + len(rs) != len(ln.spans):
            ln.column = 0 if (ls and rs) or not (ls or rs) else (1 if ls else 2)
            out.append(ln)
            continue
        for col, spans in ((1, ls), (2, rs)):
            text = " ".join(s.text for s in spans)
            out.append(
                Line(text, spans[0].x0, ln.top, spans[-1].x1, ln.bottom, ln.size, ln.bold, spans, col,
                     words=_words_within(ln, spans[0].x0, spans[-1].x1))
            )
    lines[:] = out
    return True


def assign_side_column(lines: list[Line], width: float) -> bool:
    """Find a narrow margin column at the right (the letterhead column of Rijkshuisstijl
    letters: sender, "Datum", "Ons kenmerk", "Bij beantwoording ... vermelden") and split
    the lines that share a row with it, so the body's sentences are not interleaved with
    it. True when the page has one; its lines are then read after the body.

    Evidence, all required: at least four lines with a span starting at one x right of
    60 % of the width, two of them holding nothing else; the body never runs into that
    margin (at most two lines run past its start, such as a wide heading); its spans are words, not
    numbers; and the rows that share it are not table rows (three or more cells)."""
    body = [ln for ln in lines if not ln.furniture]
    if len(body) < 6:
        return False
    starts: dict[int, int] = {}
    for ln in body:
        for x in {int(s.x0) for s in ln.spans if s.x0 >= 0.6 * width}:
            starts[x] = starts.get(x, 0) + 1
    if not starts:
        return False
    best = max(starts, key=lambda x: sum(n for k, n in starts.items() if abs(k - x) <= 3))
    edge = best - 3.0
    side_lines, alone, crossing, table_rows, left_lines = 0, 0, 0, 0, 0
    side_spans: list[str] = []
    for ln in body:
        left = [s for s in ln.spans if s.x0 < edge]
        right = [s for s in ln.spans if s.x0 >= edge]
        if any(s.x1 > best + 1 for s in left):
            crossing += 1
            continue
        if right:
            side_lines += 1
            side_spans += [s.text for s in right]
            alone += not left
            table_rows += len(left) >= 3
        left_lines += bool(left)
    if side_lines < 4 or alone < 2 or crossing > 2 or left_lines < 3 or table_rows > 0.3 * side_lines:
        return False
    if sum(sum(c.isalpha() for c in t) >= 2 for t in side_spans) < 0.6 * len(side_spans):
        return False
    out: list[Line] = []
    for ln in lines:
        left = [s for s in ln.spans if s.x0 < edge]
        right = [s for s in ln.spans if s.x0 >= edge]
        crosses = any(s.x1 > best + 1 for s in left)
        if ln.furniture or crosses or not (left and right):
            ln.column = 0 if ln.furniture or crosses or not (left or right) else (1 if left else 2)
            out.append(ln)
            continue
        for col, spans in ((1, left), (2, right)):
            out.append(Line(" ".join(s.text for s in spans), spans[0].x0, ln.top, spans[-1].x1, ln.bottom,
                            ln.size, ln.bold, spans, col, words=_words_within(ln, spans[0].x0, spans[-1].x1)))
    lines[:] = out
    return True


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; within a two-column stretch, the left column first."""
    lines = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[Line] = []
    pending: list[Line] = []
    for ln in lines:
        if ln.column == 0:
            out.extend(sorted(pending, key=lambda x: (x.column, x.top, x.x0)))
            pending = []
            out.append(ln)
        else:
            pending.append(ln)
    out.extend(sorted(pending, key=lambda x: (x.column, x.top, x.x0)))
    return out


# ---------------------------------------------------------------- blocks
def _join(lines: list[str]) -> str:
    """Join the lines of one paragraph; undo hyphenation at line ends."""
    text = ""
    for raw in lines:
        ln = raw.strip()
        if not ln:
            continue
        if not text:
            text = ln
        elif _hyphen_end(text) and ln[:1].islower() and not ln.startswith(_NO_JOIN_NEXT):
            frag = text.rsplit(" ", 1)[-1][:-1]
            keep = any(c.isdigit() for c in frag) or (len(frag) <= 5 and any(c.isupper() for c in frag))
            text = text + ln if keep else text[:-1] + ln
        else:
            text = f"{text} {ln}"
    return text


def _body_size(lines: list[Line]) -> float:
    sizes = [ln.size for ln in lines if ln.size > 0 for _ in range(max(1, len(ln.text) // 20))]
    return median(sizes) if sizes else 10.0


def _normal_gap(lines: list[Line]) -> float:
    """The usual white space between two lines of one paragraph on this page."""
    gaps = [
        round(b.top - a.bottom, 1)
        for a, b in zip(lines, lines[1:])
        if a.column == b.column and 0 <= b.top - a.bottom < 2.5 * max(a.height, 1.0)
    ]
    return median(gaps) if gaps else 4.0


def _heading(group: list[Line], body: float) -> bool:
    text = " ".join(ln.text for ln in group)
    if len(group) > 3 or len(text) > 150 or len(text) < 2 or text.rstrip().endswith((".", ",", ";")):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    bigger = all(ln.size >= body * 1.15 for ln in group)
    bold = all(ln.bold for ln in group)
    return bigger or (bold and len(text) < 100)


def _starts_item(ln: Line) -> bool:
    """A bullet or number starts the line, or a bare number stands apart before the text ("8   Inzet ...")."""
    return bool(_LIST_START.match(ln.text)) or (
        len(ln.spans) >= 2 and len(ln.spans[0].text) <= 3 and ln.spans[0].text.rstrip(".)").isdigit()
    )


def _top_pitch(lines: list[Line]) -> float:
    """The usual distance from one line's top to the next one's (OCR boxes vary in height)."""
    d = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.column == b.column and 0 < b.top - a.top < 3.0 * max(a.height, b.height, 1.0)
    ]
    return median(d) if d else 14.0


def group_lines(lines: list[Line], ocr: bool = False) -> list[tuple[str, list[Line]]]:
    """Consecutive body lines into (role, lines) groups.

    On OCR pages the box height of a line depends on its letters (ascenders,
    descenders), so the "size" and the white space between boxes say little; there a
    new paragraph starts where the top-to-top distance is clearly larger than usual.
    """
    body = _body_size(lines)
    pitch = _normal_gap(lines)
    tpitch = _top_pitch(lines) if ocr else 0.0
    rights: dict[int, float] = {}
    for ln in lines:
        rights[ln.column] = max(rights.get(ln.column, 0.0), ln.x1)
    groups: list[tuple[str, list[Line]]] = []
    tables = {a: b for a, b in find_tables(lines)}
    cur: list[Line] = []
    kind = "paragraph"
    items = [_starts_item(ln) for ln in lines]
    cur0_item = False

    def flush() -> None:
        nonlocal cur
        if cur:
            role = kind
            numbered = role == "list_item" and not _LIST_START.match(cur[0].text)  # "1   Opening" (bold)
            if (role == "paragraph" or numbered) and _heading(cur, body):
                role = "heading"
            groups.append((role, cur))
        cur = []

    i = 0
    while i < len(lines):
        if i in tables:
            flush()
            groups.append(("table", lines[i : tables[i]]))
            i = tables[i]
            continue
        ln = lines[i]
        prev = cur[-1] if cur else None
        new = prev is None
        if prev is not None:
            gap = ln.top - prev.bottom
            lead = max(prev.height, ln.height, 1.0)
            right = rights[prev.column]
            ended = prev.text.rstrip().endswith((".", ":", "!", "?")) and prev.x1 < right - 0.15 * (
                right - cur[0].x0
            )
            if ocr:
                apart = ln.top - prev.top > 1.45 * tpitch or gap < -2 * lead
            else:
                apart = (
                    gap > pitch * 1.4 + 1.5
                    or gap < -2 * lead
                    or abs(ln.size - prev.size) > 1.0
                    or ln.bold != prev.bold
                )
            new = (
                apart
                or ended
                or ln.column != prev.column
                or items[i]
                or (kind == "list_item" and ln.x0 < cur[0].x0 + 3 and not cur0_item)
            )
            if kind == "list_item" and not new and ln.x0 < cur[0].x0 - 1:
                new = True
        if new:
            flush()
            kind = "list_item" if items[i] else "paragraph"
            cur0_item = items[i]
        cur.append(ln)
        i += 1
    flush()
    return groups


_NO_BOX = (0, 0, 0, 0)


def word_boxes(text: str, lines: list[Line]) -> list[int] | None:
    """`Block.words` for a block's text from its lines' measured words (whole points): each word
    of the text (WORD_BOX_TOKEN) is matched, in order, with the next measured words of the same
    spelling (a few may be skipped: a wrapped table cell moves text); a word joined at a line-end
    hyphen ("verant-" + "woordelijk") gets its first part's box. None when none could be matched."""
    words = [w for ln in lines if ln.words for w in ln.words]
    if not words:
        return None
    tokens = WORD_BOX_TOKEN.findall(text)
    if len(tokens) == len(words) and tokens == [w[0] for w in words]:
        matched: list = words  # the usual case: every word as measured, in order
    else:
        matched = match_words(tokens, words)
    out: list[int] = []
    px1 = ptop = 0  # the previous box's x1 and top: Block.words is delta-coded
    found = False
    for w in matched:
        if w is None:
            out += _NO_BOX
            continue
        _, x0, top, x1, bottom = w
        out += (x0 - px1, top - ptop, (x1 - x0) or 1, (bottom - top) or 1)
        px1, ptop, found = x0 + ((x1 - x0) or 1), top, True
    return out if found else None


def match_words(tokens: list[str], words: list) -> list:
    """Each token's measured word (text, x0, top, x1, bottom), or None, in order, looking up to
    four words ahead; a token joined at a line-end hyphen takes its first part's word."""
    out: list = []
    j, n = 0, len(words)
    for tok in tokens:
        for k in range(j, min(j + 4, n)):
            w = words[k]
            wt = w[0]
            if wt == tok:
                j = k + 1
            elif len(wt) > 1 and wt[-1] == "-" and tok.startswith(wt[:-1]) and len(tok) > len(wt) - 1:
                j = k + 2  # the word's second part, on the next line, is in this token too
            else:
                continue
            out.append(w)
            break
        else:
            out.append(None)
    return out


def build_blocks(lines: list[Line], ocr: bool = False) -> tuple[str, list[Block]]:
    """Body text and blocks (body and furniture) of a page whose lines are in reading order."""
    body_lines = [ln for ln in lines if not ln.furniture]
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for role, group in group_lines(body_lines, ocr):
        rows = None
        if role == "table":
            rows = table_rows(group)
            text = "\n".join(row_text(r) for r in rows)
        else:
            text = _join([ln.text for ln in group])
        if not text:
            continue
        if parts:
            pos += 2
        if len(group) == 1:
            g = group[0]
            bbox = (round(g.x0, 1), round(g.top, 1), round(g.x1, 1), round(g.bottom, 1))
        else:
            bbox = (
                round(min([ln.x0 for ln in group]), 1),
                round(min([ln.top for ln in group]), 1),
                round(max([ln.x1 for ln in group]), 1),
                round(max([ln.bottom for ln in group]), 1),
            )
        blocks.append(_block(_ROLES[role], text, pos, pos + len(text), bbox, rows, word_boxes(text, group)))
        parts.append(text)
        pos += len(text)
    for ln in lines:
        if ln.furniture:
            blocks.append(_block(BlockRole.furniture, ln.text, None, None, ln.bbox, None, word_boxes(ln.text, [ln])))
    return "\n\n".join(parts), blocks
