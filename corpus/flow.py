"""Line-flow parser: turns line-wrapped extracted text into paragraphs, bullets,
numbered items, option boxes and minor headings."""
from __future__ import annotations

import re

from common import BULLET_RE, NUMBER_RE, SUBBULLET_RE, TERMINAL, join_wrapped, squash

AMOUNT_ONLY = re.compile(r"^[+-]?€\s?[\d.]+(?:\s\([IS]\))?$|^-?€ 0$")
AMOUNT_TAIL = re.compile(r"^(.*\S)\s+([+-]?€\s?[\d.]+(?:\s\([IS]\))?|€ 0)$")
TEXT_KINDS = ("p", "li", "li2", "num")


def _next_token(tokens, i):
    for t in tokens[i + 1:]:
        if isinstance(t, tuple):
            return t
        if t.strip():
            return t
    return None


def flow_blocks(tokens, width=110, blank_is_break=True, option_boxes=False):
    """tokens: raw lines (str) or ready-made blocks (tuples)."""
    blocks: list[tuple] = []
    closed = True
    short = int(width * 0.85)
    for i, tok in enumerate(tokens):
        if isinstance(tok, tuple):
            blocks.append(tok)
            closed = True
            continue
        if tok == "" and not blank_is_break:
            continue
        if not tok.strip():
            closed = True
            continue
        s = squash(tok)
        if re.fullmatch(r"\d{1,2}", s):          # stray page number
            continue
        last = blocks[-1] if blocks else None
        if tok.startswith(" ") and s[0].isupper() and last and last[0] in TEXT_KINDS \
                and last[-1].endswith((".", ":", ";")):
            closed = True                        # page start after a finished sentence
        m_b, m_sb, m_n = BULLET_RE.match(s), SUBBULLET_RE.match(s), NUMBER_RE.match(s)
        if option_boxes and AMOUNT_ONLY.match(s) and last and last[0] in ("num", "p"):
            label, text = (last[1], last[2]) if last[0] == "num" else ("", last[1])
            blocks[-1] = ("opt", label, text, s)
            closed = True
            continue
        if m_b:
            blocks.append(("li", m_b.group(1)))
        elif m_sb:
            blocks.append(("li2", m_sb.group(1)))
        elif m_n:
            blocks.append(("num", m_n.group(1), m_n.group(2)))
        elif closed and last and last[0] in ("p", "li", "li2") and s[0].islower() \
                and not last[-1].endswith(TERMINAL):
            blocks[-1] = last[:-1] + (join_wrapped(last[-1], s),)   # split by a page break
        elif closed and len(s) < 75 and not s.endswith((".", ",", ";", ":")) \
                and _starts_block(_next_token(tokens, i)):
            blocks.append(("h", 4, s))
            closed = True
            continue
        elif not closed and last and last[0] in TEXT_KINDS:
            blocks[-1] = last[:-1] + (join_wrapped(last[-1], s),)
        else:
            blocks.append(("p", s))
        cur = blocks[-1]
        closed = (len(s) < short and s.endswith(TERMINAL)) or cur[0] == "h"
        if option_boxes and cur[0] == "num":
            m = AMOUNT_TAIL.match(cur[2])
            if m:
                blocks[-1] = ("opt", cur[1], m.group(1), m.group(2))
                closed = True
    out = []
    for b in blocks:
        if b[0] == "p" and len(b[1]) < 70 and b[1].endswith(":"):
            b = ("label", b[1])
        out.append(b)
    return out


def _starts_block(nxt) -> bool:
    if nxt is None:
        return False
    if isinstance(nxt, tuple):
        return True
    s = nxt.strip()
    return bool(s) and (s[0].isupper() or s[0] in "•‘'(" or s[0].isdigit())
