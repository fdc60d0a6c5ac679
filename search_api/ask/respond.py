"""How an answer is shaped and when it is given: the evidence thresholds, the response with its
citations, and "niet gevonden" with the nearest sources."""

from __future__ import annotations

from typing import Any

from raadslens.models.text import context
from raadslens.search_api.ask.evidence import Evidence, Fact
from raadslens.search_api.ask.question import Question

DOCUMENT_FLOOR = 0.4  # the least score of a further document in a list answer
# The least evidence score (evidence.WEIGHTS, 0..1) for an answer, per kind of fact, set on the tune
# split of the question set for no wrong answer there: a value (amount, date, number) must be well
# placed; a decision or proposal is quoted whole from its page, so less is asked.
# Grid on the four tune files (283 questions): 0.55 with a lead of 0.05 gives 158 correct, 0 wrong;
# 0.5 gives 162 correct but 2 wrong, a lead of 0.03 at 0.55 160 correct and 3 wrong.
THRESHOLDS = {"money": 0.55, "date": 0.55, "zaaknummer": 0.6, "document": 0.6, "decision": 0.45}
MARGIN = 0.03  # a runner-up this close with another value is shown beside the answer
LINE_MIN = 0.4  # the least share of the subject in the fact's own line or sentence
MARGIN_MIN = 0.05  # the least lead over the best fact with another value


def eur(cents: int | None) -> str:
    if cents is None:
        return "PM"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    s = f"{whole:,}".replace(",", ".")
    return f"{sign}€ {s}" + (f",{rest:02d}" if rest else "")


def fact(f: Fact, value: Any, display: str) -> dict[str, Any]:
    return {"kind": f.kind, "value": value, "display": display, "score": round(f.score, 3),
            "evidence": {k: round(v, 3) for k, v in f.parts.items()}, **f.cite()}


def respond(q: Question, answered: bool, text: str, facts: list[dict[str, Any]],
              ev: Evidence | None, alternatives: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    # a furniture fact (a running header's kenmerk) quotes its block, not the page's body text
    citations = [{k: f.get(k) for k in ("document_id", "document_title", "date", "page", "start", "end", "quote",
                                        "furniture")} for f in facts]
    out: dict[str, Any] = {"question": q.text, "answered": answered, "interpretation": q.as_dict(),
                           "answer": text, "facts": facts, "citations": citations}
    if alternatives:
        out["alternatives"] = alternatives
    if not answered:
        out["nearest"] = nearest(ev)
        out["citations"] = out["nearest"]
    return out


def nearest(ev: Evidence | None, n: int = 5) -> list[dict[str, Any]]:
    """The best candidate pages, as sources to read when there is no answer."""
    if ev is None:
        return []
    ranked = sorted(ev.pages, key=lambda p: -ev.terms.coverage(p.stems | p.title_stems))[:n]
    out = []
    for p in ranked:
        h = p.hit
        lower = h["text"].lower()
        first = min((i for w in ev.question.words if (i := lower.find(w)) >= 0), default=-1)
        quote = context(h["text"], max(first, 0), max(first, 0) + 1) if first >= 0 else h["text"][:200]
        out.append({"document_id": h["document_id"], "document_title": h["title"] or h["filename"],
                    "date": h["date"], "page": h["number"], "start": None, "end": None, "quote": quote})
    return out


def not_found(q: Question, ev: Evidence | None) -> dict[str, Any]:
    nl = q.language == "nl"
    text = ("Niet gevonden: geen document geeft hier met genoeg zekerheid antwoord op. "
            "De dichtstbijzijnde bronnen staan eronder." if nl else
            "Not found: no document answers this with enough certainty. The nearest sources are listed.")
    return respond(q, False, text, [], ev)



def confident(kind: str, best: Fact, margin: float) -> bool:
    """Answer only on evidence: the fact's context is good enough, its own line names part of the
    subject, and no other value is nearly as good (a tie is a guess)."""
    best.parts["margin"] = margin
    return best.score >= THRESHOLDS[kind] and best.parts.get("line", 1.0) >= LINE_MIN and margin >= MARGIN_MIN
